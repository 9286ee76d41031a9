// Who the instructor is to the server: a private key this browser makes on first use and keeps in
// localStorage (docs/api.md). It goes with every /api call and with host:create, so decks and reports
// belong to whoever holds it. Nothing to set up on a laptop; to use the same decks from another
// computer, copy the key there.
import { signal } from '@preact/signals';
import { INSTRUCTOR_KEY_PATTERN } from '../../shared/protocol/api';

export const INSTRUCTOR_STORAGE_KEY = 'overshoot:instructor';
const KEY_CHARS = 32;
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

function newKey(): string {
  // 64 symbols: each random byte's low six bits pick one, without bias.
  const bytes = crypto.getRandomValues(new Uint8Array(KEY_CHARS));
  return Array.from(bytes, (b) => ALPHABET[b & 63]).join('');
}

function load(): string {
  try {
    const stored = localStorage.getItem(INSTRUCTOR_STORAGE_KEY);
    if (stored && INSTRUCTOR_KEY_PATTERN.test(stored)) return stored;
    const made = newKey();
    localStorage.setItem(INSTRUCTOR_STORAGE_KEY, made);
    return made;
  } catch {
    // No storage (a locked-down browser): the key lasts as long as the tab.
    return newKey();
  }
}

export const instructorKey = signal(load());

/** Makes this browser act as the instructor holding `key`; false if it is not a well-formed key. */
export function adoptInstructorKey(key: string): boolean {
  const clean = key.trim();
  if (!INSTRUCTOR_KEY_PATTERN.test(clean)) return false;
  try {
    localStorage.setItem(INSTRUCTOR_STORAGE_KEY, clean);
  } catch {
    // Kept for this tab only.
  }
  instructorKey.value = clean;
  return true;
}
