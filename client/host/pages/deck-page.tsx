// The deck editor: the rounds in order (open, move, copy, delete), the open round's form, and the
// live preview. Save, export and play; leaving with unsaved changes asks first.

import { signal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { formatNumber } from '../../../shared/engine/format';
import { simulate } from '../../../shared/engine/simulate';
import { DIFFICULTIES, type Difficulty, type Scenario } from '../../../shared/engine/types';
import { common } from '../../../shared/i18n/en/common';
import { editor } from '../../../shared/i18n/en/editor';
import { teacher } from '../../../shared/i18n/en/teacher';
import { OUTCOME_LABELS } from '../../../shared/kinds/outcomes';
import type { DeckRoundOf } from '../../../shared/protocol/deck';
import { ROUND_TYPES, type RoundType } from '../../../shared/protocol/schemas';
import {
  addGenerated,
  addRound,
  checks,
  closeDeck,
  deckId,
  deleteRound,
  duplicateRound,
  type GeneratedKind,
  isDirty,
  loadError,
  loading,
  moveRound,
  newDeck,
  openDeck,
  rounds,
  save,
  saveError,
  saveNotice,
  saving,
  selected,
  title,
} from '../editor/editor-model';
import { DRAFT_FIELDS, parseColumns, type RoundDraft } from '../editor/round-draft';
import { RoundForm } from '../editor/round-form';
import { RoundPreview } from '../editor/round-preview';
import { exportDeck } from '../library';
import { useHostModel } from '../model';
import { InlineSelect } from '../parts/inline-select';
import { setLeaveGuard } from '../route';
import { LibraryLayout } from './library-layout';

/** The way out the instructor chose while the deck had unsaved changes. */
const pendingLeave = signal<(() => void) | null>(null);
const generating = signal({ difficulty: 'medium' as Difficulty, kind: 'mixed' as GeneratedKind, count: 3 });
const exportNote = signal<string | null>(null);

const GENERATED_KINDS: readonly GeneratedKind[] = ['mixed', ...ROUND_TYPES];
const GENERATED_COUNTS = [1, 2, 3, 5, 8, 10];

function regressionPoints(data: string): string {
  const columns = parseColumns(data);
  return columns.ok ? editor.points(columns.x.length) : editor.dataToFix;
}

/** One line per round in the list: the kind, the cost in a few words, and α. */
function roundLine(d: RoundDraft): string {
  const cost =
    d.kind === 'quadratic'
      ? editor.parabola(d.a, d.c)
      : d.kind === 'quartic'
        ? editor.quartic(d.b)
        : d.kind === 'bowl'
          ? editor.bowl(d.l1, d.l2, d.angle)
          : editor.regression(regressionPoints(d.data));
  return `${cost}${DRAFT_FIELDS[d.type].line(d)}`;
}

export function DeckPage({ id }: { id: string | null }) {
  const { busy, createError, playDeck } = useHostModel();
  useEffect(() => {
    if (id === null) {
      if (deckId.value !== null || rounds.value.length === 0) newDeck();
    } else void openDeck(id);
  }, [id]);

  useEffect(() => {
    setLeaveGuard((leave) => {
      if (!isDirty.value) return true;
      pendingLeave.value = leave;
      return false;
    });
    // A reload or a closed tab: the browser's own question.
    const onUnload = (e: BeforeUnloadEvent) => {
      if (isDirty.value) e.preventDefault();
    };
    window.addEventListener('beforeunload', onUnload);
    return () => {
      setLeaveGuard(null);
      window.removeEventListener('beforeunload', onUnload);
      pendingLeave.value = null;
      closeDeck();
    };
  }, []);

  if (loading.value) return <LibraryLayout title={editor.deck}>{editor.loading}</LibraryLayout>;
  if (loadError.value)
    return (
      <LibraryLayout title={editor.deck}>
        <p class="error" role="alert">
          {loadError.value}
        </p>
      </LibraryLayout>
    );
  const list = rounds.value;
  const dirty = isDirty.value;
  const current = deckId.value;
  return (
    <LibraryLayout title={current === null ? editor.newDeck : editor.editDeck}>
      <div class="editor-head">
        <label class="title-field">
          <span>{editor.deckTitle}</span>
          <input
            type="text"
            value={title.value}
            maxLength={100}
            onInput={(e) => {
              title.value = e.currentTarget.value;
              saveNotice.value = null;
            }}
          />
        </label>
        <p class={dirty ? 'save-state unsaved' : 'save-state'} role="status">
          {saving.value ? editor.saving : dirty ? editor.unsaved : (saveNotice.value ?? editor.allSaved)}
        </p>
        <div class="editor-actions">
          <button type="button" class="primary" disabled={saving.value} onClick={() => void save()}>
            {editor.save}
          </button>
          <button
            type="button"
            class="secondary"
            disabled={busy.value}
            onClick={async () => {
              if ((dirty || current === null) && !(await save())) return;
              const saved = deckId.value;
              if (saved) await playDeck(saved);
            }}
          >
            {dirty || current === null ? editor.saveAndPlay : editor.playDeck}
          </button>
          <button
            type="button"
            class="secondary"
            disabled={current === null}
            title={current === null ? editor.saveFirst : undefined}
            onClick={async () => {
              if (current) exportNote.value = await exportDeck(current);
            }}
          >
            {editor.export}
          </button>
        </div>
      </div>
      {(saveError.value || createError.value || exportNote.value) && (
        <p class="error" role="alert">
          {saveError.value ?? createError.value ?? exportNote.value}
        </p>
      )}
      <div class="editor-grid">
        <section class="round-list" aria-label={editor.rounds}>
          <h2>{editor.roundsCount(list.length)}</h2>
          <ol>
            {list.map((r, i) => {
              const check = checks.value[i];
              const bad = check && !check.ok;
              return (
                <li key={r.key} class={i === selected.value ? 'round-item is-open' : 'round-item'}>
                  <button
                    type="button"
                    class="round-open"
                    aria-current={i === selected.value ? 'true' : undefined}
                    onClick={() => (selected.value = i)}
                  >
                    <span class="round-number">{i + 1}</span>
                    <span class="round-text">
                      <strong>{teacher.kinds[r.draft.type].name}</strong>
                      {check?.ok && <RoundVerdict round={check.round} />}
                      <span class="round-line">{roundLine(r.draft)}</span>
                      {bad && <span class="round-bad">{editor.needsFixing}</span>}
                    </span>
                  </button>
                  <span class="round-tools">
                    <button
                      type="button"
                      class="icon-button"
                      aria-label={editor.moveUp(i + 1)}
                      disabled={i === 0}
                      onClick={() => moveRound(i, -1)}
                    >
                      ↑
                    </button>
                    <button
                      type="button"
                      class="icon-button"
                      aria-label={editor.moveDown(i + 1)}
                      disabled={i === list.length - 1}
                      onClick={() => moveRound(i, 1)}
                    >
                      ↓
                    </button>
                    <button
                      type="button"
                      class="icon-button"
                      aria-label={editor.duplicateRound(i + 1)}
                      onClick={() => duplicateRound(i)}
                    >
                      {editor.duplicate}
                    </button>
                    <button
                      type="button"
                      class="icon-button"
                      aria-label={editor.deleteRound(i + 1)}
                      disabled={list.length === 1}
                      onClick={() => deleteRound(i)}
                    >
                      {editor.delete}
                    </button>
                  </span>
                </li>
              );
            })}
          </ol>
          <button type="button" class="secondary" onClick={addRound}>
            {editor.addRound}
          </button>
          <GeneratePanel />
        </section>
        <RoundForm />
        <RoundPreview />
      </div>
      {pendingLeave.value && <LeaveDialog />}
    </LibraryLayout>
  );
}

/**
 * A prediction round's outcome, for the list: a deck's balance shows at a glance. Kept per language:
 * the words change with the host's.
 */
const outcomes = new WeakMap<Scenario, { lang: string; text: string }>();
/** What the deck's list of rounds says of each kind's verdict, if anything: one line per kind. */
export const LIST_VERDICTS: { [T in RoundType]: (round: DeckRoundOf<T>) => string | null } = {
  predict: (round) => roundOutcome(round.scenario),
  'max-alpha': () => null,
  fastest: () => null,
};

function RoundVerdict<T extends RoundType>({ round }: { round: DeckRoundOf<T> }) {
  const verdict: (round: DeckRoundOf<T>) => string | null = LIST_VERDICTS[round.type];
  const text = verdict(round);
  return text === null ? null : <span class="round-outcome">{text}</span>;
}

function roundOutcome(scenario: Scenario): string {
  const known = outcomes.get(scenario);
  if (known?.lang === common.lang) return known.text;
  const sim = simulate(scenario, { maxSteps: 0 });
  const text = `${OUTCOME_LABELS[sim.outcome]} (${sim.ratioLabel} = ${formatNumber(sim.ratio)})`;
  outcomes.set(scenario, { lang: common.lang, text });
  return text;
}

function GeneratePanel() {
  const g = generating.value;
  return (
    <details class="generate">
      <summary>{editor.addGenerated}</summary>
      <div class="generate-body">
        <InlineSelect
          id="gen-difficulty"
          label={editor.difficulty}
          value={g.difficulty}
          options={DIFFICULTIES}
          optionLabel={(d) => teacher.difficulties[d]}
          onChange={(difficulty) => (generating.value = { ...g, difficulty })}
        />
        <InlineSelect
          id="gen-kind"
          label={editor.kindOfRounds}
          value={g.kind}
          options={GENERATED_KINDS}
          optionLabel={(k) => (k === 'mixed' ? editor.mix : teacher.kinds[k].label)}
          onChange={(kind) => (generating.value = { ...g, kind })}
        />
        <InlineSelect
          id="gen-count"
          label={editor.howMany}
          value={g.count}
          options={GENERATED_COUNTS}
          onChange={(count) => (generating.value = { ...g, count })}
        />
        <button type="button" class="secondary" onClick={() => addGenerated(g.difficulty, g.kind, g.count)}>
          {editor.addCount(g.count)}
        </button>
      </div>
    </details>
  );
}

function LeaveDialog() {
  const leave = pendingLeave.value;
  if (!leave) return null;
  const close = () => (pendingLeave.value = null);
  return (
    <div class="dialog-backdrop">
      <div class="dialog" role="alertdialog" aria-modal="true" aria-labelledby="leave-title">
        <h2 id="leave-title">{editor.leaveTitle}</h2>
        <p>{editor.leaveAsk}</p>
        <div class="dialog-actions">
          <button
            type="button"
            class="primary"
            onClick={async () => {
              close();
              if (await save()) leave();
            }}
          >
            {editor.saveAndGo}
          </button>
          <button
            type="button"
            class="secondary"
            onClick={() => {
              close();
              leave();
            }}
          >
            {editor.leaveAnyway}
          </button>
          <button type="button" class="secondary" onClick={close}>
            {editor.stay}
          </button>
        </div>
      </div>
    </div>
  );
}
