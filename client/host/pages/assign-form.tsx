// "Assign as homework", under a deck of My decks: the due date, when students see the reveal, whether
// they may try again, whether they give a student id, and an optional timer; then the link and its
// QR code to hand out. The server checks every choice and says what is wrong.
import { signal } from '@preact/signals';
import { teacher } from '../../../shared/i18n/en/teacher';
import type { HomeworkSettings, RevealTiming } from '../../../shared/protocol/homework';
import { SECONDS_MAX, SECONDS_MIN } from '../../../shared/protocol/schemas';
import { assignDeck } from '../library';
import { HomeworkLink } from './reports-page';

/** The deck whose form is open, and what was chosen so far. */
export const assigning = signal<string | null>(null);
const due = signal('');
const reveal = signal<RevealTiming>('each');
const retries = signal(false);
const askStudentId = signal(false);
const timer = signal('');
const result = signal<{ ok: true; deckId: string; link: string } | { ok: false; message: string } | null>(
  null,
);

export function openAssignForm(deckId: string): void {
  assigning.value = assigning.value === deckId ? null : deckId;
  result.value = null;
}

export function AssignForm({ deckId, title }: { deckId: string; title: string }) {
  const made = result.value;
  if (made?.ok && made.deckId === deckId)
    return (
      <div class="assign-form" role="status">
        <p>
          <strong>{teacher.assigned(title)}</strong> {teacher.assignedWhere}
        </p>
        <ul class="card-list">
          <HomeworkLink link={made.link} />
        </ul>
      </div>
    );
  return (
    <form
      class="assign-form"
      aria-label={teacher.assignNamed(title)}
      onSubmit={async (e) => {
        e.preventDefault();
        const seconds = timer.value.trim();
        const settings: HomeworkSettings = {
          dueAt: due.value === '' ? null : new Date(due.value).getTime(),
          reveal: reveal.value,
          retries: retries.value,
          askStudentId: askStudentId.value,
          timerSeconds: seconds === '' ? null : Number(seconds),
        };
        const done = await assignDeck(deckId, settings);
        result.value = done.ok ? { ok: true, deckId, link: done.link } : done;
      }}
    >
      <label class="field">
        <span>{teacher.due}</span>
        <input type="datetime-local" value={due.value} onInput={(e) => (due.value = e.currentTarget.value)} />
      </label>
      <fieldset>
        <legend>{teacher.revealWhen}</legend>
        <label>
          <input
            type="radio"
            name="reveal"
            checked={reveal.value === 'each'}
            onChange={() => (reveal.value = 'each')}
          />{' '}
          {teacher.afterEach}
        </label>
        <label>
          <input
            type="radio"
            name="reveal"
            checked={reveal.value === 'end'}
            onChange={() => (reveal.value = 'end')}
          />{' '}
          {teacher.atEnd}
        </label>
      </fieldset>
      <label>
        <input
          type="checkbox"
          checked={retries.value}
          onChange={(e) => (retries.value = e.currentTarget.checked)}
        />{' '}
        {teacher.retries}
      </label>
      <label>
        <input
          type="checkbox"
          checked={askStudentId.value}
          onChange={(e) => (askStudentId.value = e.currentTarget.checked)}
        />{' '}
        {teacher.askStudentId}
      </label>
      <label class="field">
        <span>{teacher.timer(SECONDS_MIN, SECONDS_MAX)}</span>
        <input
          type="number"
          inputMode="numeric"
          min={SECONDS_MIN}
          max={SECONDS_MAX}
          value={timer.value}
          onInput={(e) => (timer.value = e.currentTarget.value)}
        />
      </label>
      <div class="toolbar">
        <button type="submit" class="primary">
          {teacher.assignSubmit}
        </button>
        <button type="button" class="secondary" onClick={() => (assigning.value = null)}>
          {teacher.cancel}
        </button>
      </div>
      {made && !made.ok && (
        <p class="error" role="alert">
          {made.message}
        </p>
      )}
    </form>
  );
}
