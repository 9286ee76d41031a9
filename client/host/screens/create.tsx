import { DIFFICULTIES, type Difficulty } from '../../../shared/engine/types';
import { BUILTIN_GAME_DECK } from '../../../shared/protocol/decks';
import {
  busy,
  createError,
  createGame,
  deckSource,
  difficulty,
  generatedRounds,
  mixedKinds,
  secondsPerQuestion,
  speedPoints,
} from '../model';
import { Link } from '../parts/link';

const SECONDS = [10, 15, 20, 30, 45, 60, 90, 120];
const ROUNDS = [3, 5, 8, 10, 15, 20];

export function CreateScreen({ notice }: { notice: string | null }) {
  return (
    <form
      class="create"
      onSubmit={(e) => {
        e.preventDefault();
        void createGame();
      }}
    >
      <div class="create-intro">
        <h1 class="brand">Overshoot</h1>
        <p>
          A live game about the learning rate. Students predict whether gradient descent converges, zig-zags
          or diverges, find the largest α that still converges and pick the fastest α; the projector shows
          what it really does.
        </p>
        {notice && (
          <p class="notice" role="alert">
            {notice}
          </p>
        )}
        <nav class="create-links" aria-label="Your decks and games">
          <Link to={{ page: 'decks' }}>My decks</Link>
          <Link to={{ page: 'reports' }}>Past games</Link>
          <Link to={{ page: 'key' }}>Your instructor key</Link>
        </nav>
      </div>
      <fieldset class="create-options">
        <legend>New game</legend>
        <div class="option-row" role="radiogroup" aria-label="Deck">
          <label class="choice">
            <input
              type="radio"
              name="deck"
              checked={deckSource.value === 'builtin'}
              onChange={() => {
                deckSource.value = 'builtin';
              }}
            />
            <span>
              Built-in: {BUILTIN_GAME_DECK.title} ({BUILTIN_GAME_DECK.rounds.length} questions)
            </span>
          </label>
          <label class="choice">
            <input
              type="radio"
              name="deck"
              checked={deckSource.value === 'generated'}
              onChange={() => {
                deckSource.value = 'generated';
              }}
            />
            <span>Generated questions</span>
          </label>
        </div>
        {deckSource.value === 'generated' && (
          <div class="option-row">
            <span class="inline">
              <label for="difficulty">Difficulty</label>
              <select
                id="difficulty"
                value={difficulty.value}
                onChange={(e) => {
                  difficulty.value = e.currentTarget.value as Difficulty;
                }}
              >
                {DIFFICULTIES.map((d) => (
                  <option key={d} value={d}>
                    {d}
                  </option>
                ))}
              </select>
            </span>
            <span class="inline">
              <label for="rounds">Questions</label>
              <select
                id="rounds"
                value={String(generatedRounds.value)}
                onChange={(e) => {
                  generatedRounds.value = Number(e.currentTarget.value);
                }}
              >
                {ROUNDS.map((n) => (
                  <option key={n} value={n}>
                    {n}
                  </option>
                ))}
              </select>
            </span>
            <label class="inline">
              <input
                type="checkbox"
                checked={mixedKinds.value}
                onChange={(e) => {
                  mixedKinds.value = e.currentTarget.checked;
                }}
              />{' '}
              Mix in “largest α” and “fastest α” rounds
            </label>
          </div>
        )}
        <div class="option-row">
          <span class="inline">
            <label for="seconds">Seconds per question</label>
            <select
              id="seconds"
              value={String(secondsPerQuestion.value)}
              onChange={(e) => {
                secondsPerQuestion.value = Number(e.currentTarget.value);
              }}
            >
              {SECONDS.map((n) => (
                <option key={n} value={n}>
                  {n}
                </option>
              ))}
            </select>
          </span>
          <label class="inline">
            <input
              type="checkbox"
              checked={speedPoints.value}
              onChange={(e) => {
                speedPoints.value = e.currentTarget.checked;
              }}
            />{' '}
            Faster answers earn more points
          </label>
        </div>
        {createError.value && (
          <p class="error" role="alert">
            {createError.value}
          </p>
        )}
        <button type="submit" class="primary big" disabled={busy.value}>
          {busy.value ? 'Creating…' : 'Create game'}
        </button>
      </fieldset>
    </form>
  );
}

export function ResumingScreen({ code, onNew }: { code: string; onNew: () => void }) {
  return (
    <section class="center">
      <h1>Reconnecting to game {code}…</h1>
      <button type="button" class="secondary" onClick={onNew}>
        Start a new game instead
      </button>
    </section>
  );
}
