import type { Signal } from '@preact/signals';
import type { ComponentChildren } from 'preact';
import { DIFFICULTIES } from '../../../shared/engine/types';
import { teacher } from '../../../shared/i18n/en/teacher';
import { BUILTIN_GAME_DECK, LESSON_GAME_DECK } from '../../../shared/protocol/decks';
import { useHostModel } from '../model';
import { InlineSelect } from '../parts/inline-select';
import { LanguagePicker } from '../parts/language-picker';
import { Link } from '../parts/link';

const SECONDS = [10, 15, 20, 30, 45, 60, 90, 120];
const ROUNDS = [3, 5, 8, 10, 15, 20];
const DECK_SOURCES = ['lesson', 'builtin', 'generated'] as const;
/** Read at each render: the catalog changes with the host's language. */
const SOURCE_LABELS: Record<(typeof DECK_SOURCES)[number], () => string> = {
  lesson: () => teacher.builtIn(teacher.lessonTitle, LESSON_GAME_DECK.rounds.length),
  builtin: () => teacher.builtIn(teacher.builtinTitle, BUILTIN_GAME_DECK.rounds.length),
  generated: () => teacher.generated,
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
      />
      {teacher.percentSign}
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
        <p>{teacher.intro}</p>
        {notice && (
          <p class="notice" role="alert">
            {notice}
          </p>
        )}
        <nav class="create-links" aria-label={teacher.yourPages}>
          <Link to={{ page: 'decks' }}>{teacher.myDecks}</Link>
          <Link to={{ page: 'reports' }}>{teacher.pastGames}</Link>
          <Link to={{ page: 'key' }}>{teacher.yourKey}</Link>
          {/* Chosen before the game: the projector speaks it from the lobby on. */}
          <LanguagePicker />
        </nav>
      </div>
      <fieldset class="create-options">
        <legend>{teacher.newGame}</legend>
        <div class="option-row" role="radiogroup" aria-label={teacher.deck}>
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
              <span>{SOURCE_LABELS[source]()}</span>
            </label>
          ))}
        </div>
        {deckSource.value === 'generated' && (
          <div class="option-row generated-options">
            <InlineSelect
              id="difficulty"
              label={teacher.difficulty}
              value={difficulty.value}
              options={DIFFICULTIES}
              optionLabel={(d) => teacher.difficulties[d]}
              onChange={(d) => (difficulty.value = d)}
            />
            <InlineSelect
              id="rounds"
              label={teacher.questions}
              value={generatedRounds.value}
              options={ROUNDS}
              onChange={(n) => (generatedRounds.value = n)}
            />
            <Toggle on={mixedKinds}>{teacher.mixKinds}</Toggle>
          </div>
        )}
        <div class="option-row">
          <InlineSelect
            id="seconds"
            label={teacher.secondsPerQuestion}
            value={secondsPerQuestion.value}
            options={SECONDS}
            onChange={(n) => (secondsPerQuestion.value = n)}
          />
          {!byConfidence.value && <Toggle on={speedPoints}>{teacher.speedPoints}</Toggle>}
        </div>
        <div class="option-row">
          <Toggle on={byConfidence}>{teacher.byConfidence}</Toggle>
        </div>
        <div class="option-row">
          <Toggle on={peerInstruction}>{teacher.peerInstruction}</Toggle>
        </div>
        {peerInstruction.value && (
          <div class="option-row peer-band">
            <span>{teacher.split}</span>
            <PercentInput id="peer-low" label={teacher.splitLow} value={peerLow} />
            <span>{teacher.splitTo}</span>
            <PercentInput id="peer-high" label={teacher.splitHigh} value={peerHigh} />
            <span>{teacher.splitRight}</span>
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
          {busy.value ? teacher.creating : teacher.createGame}
        </button>
      </fieldset>
    </form>
  );
}

export function ResumingScreen({ code, onNew }: { code: string; onNew: () => void }) {
  return (
    <section class="center">
      <h1>{teacher.reconnecting(code)}</h1>
      <button type="button" class="secondary" onClick={onNew}>
        {teacher.startNew}
      </button>
    </section>
  );
}
