// The form of one round: its kind, the cost and its parameters (or a pasted data set), the start,
// α or the α offered, and the seconds. Every field is text as typed; the deck parser's error shows
// next to the field it names.
import type { ComponentChildren } from 'preact';
import { MISCONCEPTION_IDS } from '../../../shared/engine/misconceptions';
import type { CostKind } from '../../../shared/engine/types';
import { editor } from '../../../shared/i18n/en/editor';
import { teacher } from '../../../shared/i18n/en/teacher';
import { FASTEST_OPTIONS_MAX, FASTEST_OPTIONS_MIN } from '../../../shared/kinds';
import { ROUND_TYPES, type RoundType } from '../../../shared/protocol/schemas';
import { OptionMark } from '../../ui/options';
import { checks, rounds, selected, updateRound } from './editor-model';
import { parseColumns, type RoundDraft } from './round-draft';

const COST_KINDS: readonly CostKind[] = ['quadratic', 'quartic', 'bowl', 'linreg'];

/** Which group of inputs a parser field belongs to (the error shows there). */
const GROUP_OF: Record<string, string> = {
  'cost.a': 'a',
  'cost.c': 'c',
  'cost.b': 'b',
  'cost.eigenvalues': 'eigenvalues',
  'cost.angle': 'angle',
  'cost.center': 'center',
  'cost.x': 'data',
  'cost.y': 'data',
  start: 'start',
  alpha: 'alpha',
  alphas: 'alphas',
  seconds: 'seconds',
  tags: 'tags',
};

interface FieldProps {
  group: string;
  label: ComponentChildren;
  hint?: string;
  error: string | null;
  children: (describedBy: string, invalid: boolean) => ComponentChildren;
}

function Field({ group, label, hint, error, children }: FieldProps) {
  const errorId = `error-${group}`;
  const hintId = hint ? `hint-${group}` : '';
  return (
    <div class={error ? 'form-field has-error' : 'form-field'} data-field={group}>
      {label}
      {children(`${hintId} ${errorId}`.trim(), error !== null)}
      {hint && (
        <p class="field-hint" id={hintId}>
          {hint}
        </p>
      )}
      <p class="field-error" id={errorId} role={error ? 'alert' : undefined}>
        {error ?? ''}
      </p>
    </div>
  );
}

function NumberInput({
  id,
  value,
  onInput,
  describedBy,
  invalid,
  label,
  placeholder,
}: {
  id: string;
  value: string;
  onInput: (value: string) => void;
  describedBy: string;
  invalid: boolean;
  label?: string;
  placeholder?: string;
}) {
  return (
    <input
      id={id}
      class="num"
      type="text"
      inputMode="decimal"
      autocomplete="off"
      spellcheck={false}
      value={value}
      placeholder={placeholder}
      aria-label={label}
      aria-describedby={describedBy}
      aria-invalid={invalid}
      onInput={(e) => onInput(e.currentTarget.value)}
    />
  );
}

/** What a kind's own inputs need from the form. */
interface FormKit {
  draft: RoundDraft;
  set: (patch: Partial<RoundDraft>) => void;
  errorFor: (group: string) => string | null;
}

/**
 * The inputs of each kind's own fields: `inline` among the cost's, `below` under them. One line
 * per kind.
 */
export const KIND_FIELDS: {
  [T in RoundType]: {
    inline: (kit: FormKit) => ComponentChildren;
    below: (kit: FormKit) => ComponentChildren;
  };
} = {
  predict: {
    inline: ({ draft, set, errorFor }) => (
      <Field group="alpha" label={<label for="f-alpha">{editor.alpha}</label>} error={errorFor('alpha')}>
        {(d, bad) => (
          <NumberInput
            id="f-alpha"
            value={draft.alpha}
            onInput={(alpha) => set({ alpha })}
            describedBy={d}
            invalid={bad}
          />
        )}
      </Field>
    ),
    below: () => null,
  },
  'max-alpha': { inline: () => null, below: () => null },
  fastest: {
    inline: () => null,
    below: ({ draft, set, errorFor }) => (
      <Field
        group="alphas"
        label={<span class="group-label">{editor.offered(FASTEST_OPTIONS_MIN, FASTEST_OPTIONS_MAX)}</span>}
        error={errorFor('alphas')}
      >
        {(d, bad) => (
          <span class="alpha-options">
            {draft.alphas.map((a, i) => (
              <span key={i} class="alpha-option">
                <OptionMark index={i} class="mark-small" />
                <NumberInput
                  id={`f-alphas-${i}`}
                  label={editor.option('ABCD'[i]!)}
                  value={a}
                  onInput={(value) => set({ alphas: draft.alphas.map((x, j) => (j === i ? value : x)) })}
                  describedBy={d}
                  invalid={bad}
                />
              </span>
            ))}
            {draft.alphas.length < FASTEST_OPTIONS_MAX ? (
              <button
                type="button"
                class="secondary small"
                onClick={() => set({ alphas: [...draft.alphas, ''] })}
              >
                {editor.addOption}
              </button>
            ) : (
              <button
                type="button"
                class="secondary small"
                onClick={() => set({ alphas: draft.alphas.slice(0, FASTEST_OPTIONS_MIN) })}
              >
                {editor.removeOption}
              </button>
            )}
          </span>
        )}
      </Field>
    ),
  },
};

export function RoundForm() {
  const index = selected.value;
  const round = rounds.value[index];
  if (!round) return null;
  const { draft } = round;
  const check = checks.value[index];
  const errorGroup = check && !check.ok ? (GROUP_OF[check.field] ?? 'round') : null;
  const errorFor = (group: string) => (check && !check.ok && errorGroup === group ? check.error : null);
  const set = (patch: Partial<RoundDraft>) => updateRound(index, patch);
  const twoD = draft.kind === 'bowl' || draft.kind === 'linreg';
  const columns = draft.kind === 'linreg' ? parseColumns(draft.data) : null;
  const fields = KIND_FIELDS[draft.type];
  const kit: FormKit = { draft, set, errorFor };
  return (
    <form class="round-form" aria-label={editor.round(index + 1)} onSubmit={(e) => e.preventDefault()}>
      <h2>{editor.round(index + 1)}</h2>
      {errorGroup === 'round' && (
        <p class="field-error" role="alert">
          {check && !check.ok ? check.error : ''}
        </p>
      )}
      <fieldset class="kind-choice">
        <legend>{editor.kindOfRound}</legend>
        {ROUND_TYPES.map((t) => (
          <label key={t} class="choice">
            <input
              type="radio"
              name="round-type"
              value={t}
              checked={draft.type === t}
              onChange={() => set({ type: t })}
            />
            <span>{teacher.kinds[t].label}</span>
          </label>
        ))}
      </fieldset>
      <div class="form-field">
        <label for="f-kind">{editor.cost}</label>
        <select
          id="f-kind"
          value={draft.kind}
          onChange={(e) => set({ kind: e.currentTarget.value as CostKind })}
        >
          {COST_KINDS.map((k) => (
            <option key={k} value={k}>
              {editor.costs[k]}
            </option>
          ))}
        </select>
      </div>
      <div class="field-row">
        {draft.kind === 'quadratic' && (
          <>
            <Field group="a" label={<label for="f-a">{editor.a}</label>} error={errorFor('a')}>
              {(d, bad) => (
                <NumberInput
                  id="f-a"
                  value={draft.a}
                  onInput={(a) => set({ a })}
                  describedBy={d}
                  invalid={bad}
                />
              )}
            </Field>
            <Field group="c" label={<label for="f-c">{editor.c}</label>} error={errorFor('c')}>
              {(d, bad) => (
                <NumberInput
                  id="f-c"
                  value={draft.c}
                  onInput={(c) => set({ c })}
                  describedBy={d}
                  invalid={bad}
                />
              )}
            </Field>
          </>
        )}
        {draft.kind === 'quartic' && (
          <Field group="b" label={<label for="f-b">{editor.b}</label>} error={errorFor('b')}>
            {(d, bad) => (
              <NumberInput
                id="f-b"
                value={draft.b}
                onInput={(b) => set({ b })}
                describedBy={d}
                invalid={bad}
              />
            )}
          </Field>
        )}
      </div>
      {draft.kind === 'bowl' && (
        <div class="field-row">
          <Field
            group="eigenvalues"
            label={<span class="group-label">{editor.eigenvalues}</span>}
            error={errorFor('eigenvalues')}
          >
            {(d, bad) => (
              <span class="pair">
                <NumberInput
                  id="f-l1"
                  label="λ₁"
                  value={draft.l1}
                  onInput={(l1) => set({ l1 })}
                  describedBy={d}
                  invalid={bad}
                />
                <NumberInput
                  id="f-l2"
                  label="λ₂"
                  value={draft.l2}
                  onInput={(l2) => set({ l2 })}
                  describedBy={d}
                  invalid={bad}
                />
              </span>
            )}
          </Field>
          <Field group="angle" label={<label for="f-angle">{editor.angle}</label>} error={errorFor('angle')}>
            {(d, bad) => (
              <NumberInput
                id="f-angle"
                value={draft.angle}
                onInput={(angle) => set({ angle })}
                describedBy={d}
                invalid={bad}
              />
            )}
          </Field>
          <Field
            group="center"
            label={<span class="group-label">{editor.centre}</span>}
            error={errorFor('center')}
          >
            {(d, bad) => (
              <span class="pair">
                <NumberInput
                  id="f-cx"
                  label={editor.centreAt(0)}
                  value={draft.cx}
                  onInput={(cx) => set({ cx })}
                  describedBy={d}
                  invalid={bad}
                />
                <NumberInput
                  id="f-cy"
                  label={editor.centreAt(1)}
                  value={draft.cy}
                  onInput={(cy) => set({ cy })}
                  describedBy={d}
                  invalid={bad}
                />
              </span>
            )}
          </Field>
        </div>
      )}
      {draft.kind === 'linreg' && (
        <Field
          group="data"
          label={<label for="f-data">{editor.data}</label>}
          hint={`${editor.dataHint}${columns?.ok ? editor.dataPoints(columns.x.length) : ''}`}
          error={errorFor('data')}
        >
          {(d, bad) => (
            <textarea
              id="f-data"
              rows={7}
              spellcheck={false}
              value={draft.data}
              aria-describedby={d}
              aria-invalid={bad}
              onInput={(e) => set({ data: e.currentTarget.value })}
            />
          )}
        </Field>
      )}
      <div class="field-row">
        <Field
          group="start"
          label={<span class="group-label">{twoD ? editor.start2 : editor.start1}</span>}
          error={errorFor('start')}
        >
          {(d, bad) => (
            <span class="pair">
              <NumberInput
                id="f-start0"
                label={editor.startAt(0)}
                value={draft.start0}
                onInput={(start0) => set({ start0 })}
                describedBy={d}
                invalid={bad}
              />
              {twoD && (
                <NumberInput
                  id="f-start1"
                  label={editor.startAt(1)}
                  value={draft.start1}
                  onInput={(start1) => set({ start1 })}
                  describedBy={d}
                  invalid={bad}
                />
              )}
            </span>
          )}
        </Field>
        {fields.inline(kit)}
        <Field
          group="seconds"
          label={<label for="f-seconds">{editor.seconds}</label>}
          error={errorFor('seconds')}
        >
          {(d, bad) => (
            <NumberInput
              id="f-seconds"
              value={draft.seconds}
              placeholder={editor.gameDefault}
              onInput={(seconds) => set({ seconds })}
              describedBy={d}
              invalid={bad}
            />
          )}
        </Field>
        <Field
          group="tags"
          label={<label for="f-tags">{editor.tags}</label>}
          hint={editor.tagsHint(MISCONCEPTION_IDS.join(', '))}
          error={errorFor('tags')}
        >
          {(d, bad) => (
            <input
              id="f-tags"
              type="text"
              value={draft.tags}
              placeholder={editor.byEngine}
              onInput={(e) => set({ tags: e.currentTarget.value })}
              aria-describedby={d}
              aria-invalid={bad}
            />
          )}
        </Field>
      </div>
      {fields.below(kit)}
    </form>
  );
}
