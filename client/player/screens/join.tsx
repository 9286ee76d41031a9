import type { PlayerModel } from '../model';

export function JoinScreen({ notice, model }: { notice: string | null; model: PlayerModel }) {
  const { join, joinCode, joinError, joining, joinNickname } = model;
  return (
    <form
      class="join"
      onSubmit={(e) => {
        e.preventDefault();
        void join();
      }}
    >
      <h1 class="brand">Overshoot</h1>
      <p class="lead">Does gradient descent converge, zig-zag or diverge? Join the game on the projector.</p>
      {notice && (
        <p class="notice" role="alert">
          {notice}
        </p>
      )}
      <label class="field">
        <span>Room code</span>
        <input
          name="code"
          value={joinCode.value}
          onInput={(e) => {
            joinCode.value = e.currentTarget.value.replace(/\D/g, '').slice(0, 6);
          }}
          inputMode="numeric"
          pattern="[0-9]*"
          autocomplete="off"
          maxLength={6}
          placeholder="6 digits"
          aria-describedby="join-error"
          class="code-input"
        />
      </label>
      <label class="field">
        <span>Nickname</span>
        <input
          name="nickname"
          value={joinNickname.value}
          onInput={(e) => {
            joinNickname.value = e.currentTarget.value;
          }}
          autocomplete="nickname"
          autocapitalize="words"
          spellcheck={false}
          maxLength={40}
          placeholder="What the class will see"
          aria-describedby="join-error"
        />
      </label>
      <p id="join-error" class="error" role="alert">
        {joinError.value ?? ''}
      </p>
      <button type="submit" class="primary" disabled={joining.value}>
        {joining.value ? 'Joining…' : 'Join'}
      </button>
    </form>
  );
}
