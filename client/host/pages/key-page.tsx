// "Your instructor key": the key this browser holds, to copy to another computer, and where to paste
// a key copied from one (docs/api.md). Decks and reports belong to whoever holds the key.
import { signal } from '@preact/signals';
import { teacher } from '../../../shared/i18n/en/teacher';
import { adoptInstructorKey, instructorKey } from '../instructor';
import { LibraryLayout } from './library-layout';

const shown = signal(false);
const pasted = signal('');
const note = signal<{ ok: boolean; text: string } | null>(null);

export function KeyPage() {
  return (
    <LibraryLayout title={teacher.yourKey}>
      <p class="prose">{teacher.keyAbout}</p>
      <section class="report-section">
        <h2>{teacher.thisKey}</h2>
        <div class="key-row">
          <input
            class="key-value"
            type={shown.value ? 'text' : 'password'}
            readOnly
            value={instructorKey.value}
            aria-label={teacher.yourKey}
            onFocus={(e) => e.currentTarget.select()}
          />
          <button type="button" class="secondary" onClick={() => (shown.value = !shown.value)}>
            {shown.value ? teacher.hide : teacher.show}
          </button>
          <button
            type="button"
            class="secondary"
            onClick={async () => {
              try {
                await navigator.clipboard.writeText(instructorKey.value);
                note.value = { ok: true, text: teacher.copied };
              } catch {
                shown.value = true;
                note.value = { ok: false, text: teacher.cannotCopy };
              }
            }}
          >
            {teacher.copy}
          </button>
        </div>
        <p class="muted">{teacher.keyElsewhere}</p>
      </section>
      <section class="report-section">
        <h2>{teacher.otherKey}</h2>
        <form
          class="key-row"
          onSubmit={(e) => {
            e.preventDefault();
            if (!adoptInstructorKey(pasted.value)) {
              note.value = { ok: false, text: teacher.notAKey };
              return;
            }
            pasted.value = '';
            note.value = { ok: true, text: teacher.keyAdopted };
          }}
        >
          <input
            class="key-value"
            type="text"
            autocomplete="off"
            spellcheck={false}
            value={pasted.value}
            aria-label={teacher.pasteKey}
            placeholder={teacher.pasteKey}
            onInput={(e) => (pasted.value = e.currentTarget.value)}
          />
          <button type="submit" class="primary">
            {teacher.useKey}
          </button>
        </form>
        <p class="muted">{teacher.keyReplaced}</p>
      </section>
      {note.value && (
        <p class={note.value.ok ? 'notice-ok' : 'error'} role="status">
          {note.value.text}
        </p>
      )}
    </LibraryLayout>
  );
}
