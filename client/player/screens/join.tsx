import * as player from '../../../shared/i18n/en/player';
import { LANGUAGE_COOKIE } from '../../../shared/i18n/language';
import { NICKNAME_MAX_CHARS } from '../../../shared/protocol/nickname';
import type { PlayerModel } from '../model';

/** How the server counts a nickname's length (shared/protocol/nickname.ts): code points, NFKC, trimmed. */
const serverLength = (text: string) => [...text.normalize('NFKC').trim()].length;

/**
 * The longest start of `text` the server would accept as to length. Not the input's maxLength, which
 * counts UTF-16 units: it would let 40 plain letters in, yet cut a name of emoji short.
 */
function clipNickname(text: string): string {
  if (serverLength(text) <= NICKNAME_MAX_CHARS) return text;
  const points = [...text];
  // The length grows with the prefix, so the longest prefix that fits is found by halving.
  let fits = 0;
  let tooLong = points.length;
  while (tooLong - fits > 1) {
    const mid = (fits + tooLong) >> 1;
    if (serverLength(points.slice(0, mid).join('')) <= NICKNAME_MAX_CHARS) fits = mid;
    else tooLong = mid;
  }
  return points.slice(0, fits).join('');
}

/** Keeps the field within the limit; the DOM is set too, as the model may already hold the clipped text. */
function keepWithinLimit(input: HTMLInputElement, model: PlayerModel) {
  const clipped = clipNickname(input.value);
  if (clipped !== input.value) input.value = clipped;
  model.joinNickname.value = clipped;
}

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
      <p class="lead">{player.lead}</p>
      {notice && (
        <p class="notice" role="alert">
          {notice}
        </p>
      )}
      <label class="field">
        <span>{player.code}</span>
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
          placeholder={player.codeHint}
          aria-describedby="join-error"
          class="code-input"
        />
      </label>
      <label class="field">
        <span>{player.nickname}</span>
        <input
          name="nickname"
          value={joinNickname.value}
          onInput={(e) => {
            // Mid-composition (an input method), the text is not final: clip it once composed.
            if (e instanceof InputEvent && e.isComposing) joinNickname.value = e.currentTarget.value;
            else keepWithinLimit(e.currentTarget, model);
          }}
          onCompositionEnd={(e) => keepWithinLimit(e.currentTarget, model)}
          autocomplete="nickname"
          autocapitalize="words"
          spellcheck={false}
          placeholder={player.nicknameHint}
          aria-describedby="join-error"
        />
      </label>
      <p id="join-error" class="error" role="alert">
        {joinError.value ?? ''}
      </p>
      <button type="submit" class="primary" disabled={joining.value}>
        {joining.value ? player.joining : player.join}
      </button>
      <LanguageSwitch />
    </form>
  );
}

/**
 * The page in the other language. The server picks a player page by this cookie before the
 * browser's Accept-Language (server/app.ts), so the choice outlasts a reload and a rejoin.
 */
export function LanguageSwitch() {
  const lang = player.otherLanguageCode;
  return (
    <button
      type="button"
      class="link language-switch"
      lang={lang}
      onClick={() => {
        // biome-ignore lint/suspicious/noDocumentCookie: the Cookie Store API is missing from Firefox and older Safari, which phones in class still run.
        document.cookie = `${LANGUAGE_COOKIE}=${lang}; path=/; max-age=31536000; samesite=lax`;
        location.reload();
      }}
    >
      {player.otherLanguage}
    </button>
  );
}
