// "Your instructor key": the key this browser holds, to copy to another computer, and where to paste
// a key copied from one (docs/api.md). Decks and reports belong to whoever holds the key.
import { signal } from '@preact/signals';
import { adoptInstructorKey, instructorKey } from '../instructor';
import { LibraryLayout } from './library-layout';

const shown = signal(false);
const pasted = signal('');
const note = signal<{ ok: boolean; text: string } | null>(null);

export function KeyPage() {
  return (
    <LibraryLayout title="Your instructor key">
      <p class="prose">
        Your decks and the reports of your games belong to this key. The browser made it the first time you
        opened Overshoot and keeps it, so on this computer there is nothing to set up. Students never see it,
        and nobody else on the server can read your decks or reports without it.
      </p>
      <section class="report-section">
        <h2>This browser's key</h2>
        <div class="key-row">
          <input
            class="key-value"
            type={shown.value ? 'text' : 'password'}
            readOnly
            value={instructorKey.value}
            aria-label="Your instructor key"
            onFocus={(e) => e.currentTarget.select()}
          />
          <button type="button" class="secondary" onClick={() => (shown.value = !shown.value)}>
            {shown.value ? 'Hide' : 'Show'}
          </button>
          <button
            type="button"
            class="secondary"
            onClick={async () => {
              try {
                await navigator.clipboard.writeText(instructorKey.value);
                note.value = { ok: true, text: 'Copied. Keep it like a password.' };
              } catch {
                shown.value = true;
                note.value = {
                  ok: false,
                  text: 'Copying is not allowed here: select the key and copy it by hand.',
                };
              }
            }}
          >
            Copy
          </button>
        </div>
        <p class="muted">
          To use your decks from another computer, open this page there and paste this key below. A lost key
          cannot be recovered: the server only keeps a fingerprint of it.
        </p>
      </section>
      <section class="report-section">
        <h2>Use a key from another computer</h2>
        <form
          class="key-row"
          onSubmit={(e) => {
            e.preventDefault();
            if (!adoptInstructorKey(pasted.value)) {
              note.value = {
                ok: false,
                text: 'That is not an instructor key: it has 22 to 64 letters, digits, “-” and “_”.',
              };
              return;
            }
            pasted.value = '';
            note.value = {
              ok: true,
              text: 'This browser now uses that key: its decks and reports are yours here.',
            };
          }}
        >
          <input
            class="key-value"
            type="text"
            autocomplete="off"
            spellcheck={false}
            value={pasted.value}
            aria-label="Paste a key"
            placeholder="Paste a key"
            onInput={(e) => (pasted.value = e.currentTarget.value)}
          />
          <button type="submit" class="primary">
            Use this key
          </button>
        </form>
        <p class="muted">The key this browser has now is replaced: copy it first if you want to keep it.</p>
      </section>
      {note.value && (
        <p class={note.value.ok ? 'notice-ok' : 'error'} role="status">
          {note.value.text}
        </p>
      )}
    </LibraryLayout>
  );
}
