import type { Signal } from '@preact/signals';
import type { ComponentChildren } from 'preact';
import { DIFFICULTIES } from '../../../shared/engine/types';
import { BUILTIN_GAME_DECK, LESSON_GAME_DECK } from '../../../shared/protocol/decks';
import { useHostModel } from '../model';
import { InlineSelect } from '../parts/inline-select';
import { LanguagePicker } from '../parts/language-picker';
import { Link } from '../parts/link';

const SECONDS = [10, 15, 20, 30, 45, 60, 90, 120];
const ROUNDS = [3, 5, 8, 10, 15, 20];
const DECK_SOURCES = ['lesson', 'builtin', 'generated'] as const;
const SOURCE_LABELS: Record<(typeof DECK_SOURCES)[number], string> = {
  lesson: `Built-in: ${LESSON_GAME_DECK.title} (${LESSON_GAME_DECK.rounds.length} questions)`,
  builtin: `Built-in: ${BUILTIN_GAME_DECK.title} (${BUILTIN_GAME_DECK.rounds.length} questions)`,
  generated: 'Generated questions',
};

function Toggle({ on, children }: { on: Signal<boolean>; children: ComponentChildren }) {
  return (
    <label class="inline">
      <input
        type="checkbox"
        checked={on.value}
        onChange={(e) => {
          on.value = e.currentTarget.checked;
        }}
      />{' '}
      {children}
    </label>
  );
}

/** A bound of the split, in whole percent; typed freely, checked by the model (peerBandError). */
function PercentInput({ id, label, value }: { id: string; label: string; value: Signal<string> }) {
  return (
    <span class="percent-input">
      <input
        id={id}
        type="text"
        inputMode="numeric"
        aria-label={label}
        size={3}
        value={value.value}
        onInput={(e) => {
          value.value = e.currentTarget.value;
        }}
      />{' '}
      %
    </span>
  );
}

export function CreateScreen({ notice }: { notice: string | null }) {
  const {
    busy,
    createError,
    createGame,
    deckSource,
    difficulty,
    generatedRounds,
    mixedKinds,
    secondsPerQuestion,
    speedPoints,
    byConfidence,
    peerInstruction,
    peerLow,
    peerHigh,
    peerBandError,
  } = useHostModel();
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
          {/* Chosen before the game: the projector speaks it from the lobby on. */}
          <LanguagePicker />
        </nav>
      </div>
      <fieldset class="create-options">
        <legend>New game</legend>
        <div class="option-row" role="radiogroup" aria-label="Deck">
          {DECK_SOURCES.map((source) => (
            <label key={source} class="choice">
              <input
                type="radio"
                name="deck"
                checked={deckSource.value === source}
                onChange={() => {
                  deckSource.value = source;
                  // The lesson is for thinking, not racing: speed points off unless turned back on.
                  speedPoints.value = source !== 'lesson';
                }}
              />
              <span>{SOURCE_LABELS[source]}</span>
            </label>
          ))}
        </div>
        {deckSource.value === 'generated' && (
          <div class="option-row generated-options">
            <InlineSelect
              id="difficulty"
              label="Difficulty"
              value={difficulty.value}
              options={DIFFICULTIES}
              onChange={(d) => (difficulty.value = d)}
            />
            <InlineSelect
              id="rounds"
              label="Questions"
              value={generatedRounds.value}
              options={ROUNDS}
              onChange={(n) => (generatedRounds.value = n)}
            />
            <Toggle on={mixedKinds}>Mix in “largest α” and “fastest α” rounds</Toggle>
          </div>
        )}
        <div class="option-row">
          <InlineSelect
            id="seconds"
            label="Seconds per question"
            value={secondsPerQuestion.value}
            options={SECONDS}
            onChange={(n) => (secondsPerQuestion.value = n)}
          />
          {!byConfidence.value && <Toggle on={speedPoints}>Faster answers earn more points</Toggle>}
        </div>
        <div class="option-row">
          <Toggle on={byConfidence}>
            Score by confidence: students say how sure they are (sure, fairly sure, guessing); sure and wrong
            costs points
          </Toggle>
        </div>
        <div class="option-row">
          <Toggle on={peerInstruction}>Discuss and vote again when the class is split</Toggle>
        </div>
        {peerInstruction.value && (
          <div class="option-row peer-band">
            <span>Split:</span>
            <PercentInput id="peer-low" label="Lowest share right for a discussion" value={peerLow} />
            <span>to</span>
            <PercentInput id="peer-high" label="Highest share right for a discussion" value={peerHigh} />
            <span>right</span>
          </div>
        )}
        {peerInstruction.value && peerBandError.value && (
          <p class="error" role="alert">
            {peerBandError.value}
          </p>
        )}
        {createError.value && (
          <p class="error" role="alert">
            {createError.value}
          </p>
        )}
        <button
          type="submit"
          class="primary big"
          disabled={busy.value || (peerInstruction.value && peerBandError.value !== null)}
        >
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
