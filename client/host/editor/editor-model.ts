// The deck being edited: its title and rounds as typed, which round is open, and whether anything
// differs from what the server last saved. Every round is checked as the instructor types (the same
// parser the server uses), so Save only sends a deck the server will take.
import { computed, signal } from '@preact/signals';
import { createRng } from '../../../shared/engine/rng';
import type { Difficulty } from '../../../shared/engine/types';
import { editor } from '../../../shared/i18n/en/editor';
import type { StoredDeck } from '../../../shared/protocol/api';
import { type DeckFile, toDeckFileRound } from '../../../shared/protocol/deck';
import { generateGameDeck } from '../../../shared/protocol/decks';
import { ROUND_TYPES, type RoundType } from '../../../shared/protocol/schemas';
import { api } from '../api';
import { go } from '../route';
import { BLANK_ROUND, checkDraft, type DraftCheck, draftOf, type RoundDraft } from './round-draft';

export interface EditorRound {
  /** Stable across moves, for the list and the form. */
  key: number;
  draft: RoundDraft;
}

let keys = 0;
const withKey = (draft: RoundDraft): EditorRound => ({ key: ++keys, draft });
const blank = (): RoundDraft => ({ ...BLANK_ROUND, alphas: [...BLANK_ROUND.alphas] });

/** null: a new deck, not saved yet. */
export const deckId = signal<string | null>(null);
export const title = signal('');
export const rounds = signal<EditorRound[]>([]);
export const selected = signal(0);
export const loading = signal(false);
export const loadError = signal<string | null>(null);
export const saving = signal(false);
/** Why the last save did not go through. */
export const saveError = signal<string | null>(null);
/** "Saved." after a save, for a live region. */
export const saveNotice = signal<string | null>(null);
/** The report the open deck is the warm-up of: kept through edits, so its report still compares. */
let warmupOf: string | undefined;
/** What the server holds, in the form the editor compares against. */
const saved = signal('');

const snapshot = (t: string, rs: EditorRound[]) => JSON.stringify([t, rs.map((r) => r.draft)]);

export const isDirty = computed(() => snapshot(title.value, rounds.value) !== saved.value);
export const checks = computed((): DraftCheck[] => rounds.value.map((r) => checkDraft(r.draft)));

function show(
  id: string | null,
  deck: { title: string; rounds: RoundDraft[]; warmupOf?: string },
  savedToo: boolean,
) {
  deckId.value = id;
  warmupOf = deck.warmupOf;
  title.value = deck.title;
  rounds.value = deck.rounds.map(withKey);
  selected.value = 0;
  saveError.value = null;
  saveNotice.value = null;
  if (savedToo) saved.value = snapshot(title.value, rounds.value);
}

export function newDeck(): void {
  loadError.value = null;
  show(null, { title: editor.newDeck, rounds: [blank()] }, false);
  // Nothing saved yet: a new deck counts as a change until its first save.
  saved.value = '';
}

export async function openDeck(id: string): Promise<void> {
  if (deckId.value === id && rounds.value.length > 0) return;
  loading.value = true;
  loadError.value = null;
  const reply = await api<StoredDeck>('GET', `/decks/${encodeURIComponent(id)}`);
  loading.value = false;
  if (!reply.ok) {
    loadError.value = reply.problem.message;
    return;
  }
  const { deck } = reply.value;
  show(
    id,
    {
      title: deck.title,
      rounds: deck.rounds.map(draftOf),
      ...(deck.warmupOf === undefined ? {} : { warmupOf: deck.warmupOf }),
    },
    true,
  );
}

export function updateRound(index: number, patch: Partial<RoundDraft>): void {
  rounds.value = rounds.value.map((r, i) => (i === index ? { ...r, draft: { ...r.draft, ...patch } } : r));
  saveNotice.value = null;
}

export function addRound(): void {
  // A new round starts as a copy of the open one's cost, so a series of α on one cost is quick.
  const base = rounds.value[selected.value]?.draft ?? blank();
  rounds.value = [...rounds.value, withKey({ ...base, alphas: [...base.alphas] })];
  selected.value = rounds.value.length - 1;
}

export function duplicateRound(index: number): void {
  const r = rounds.value[index];
  if (!r) return;
  const next = [...rounds.value];
  next.splice(index + 1, 0, withKey({ ...r.draft, alphas: [...r.draft.alphas] }));
  rounds.value = next;
  selected.value = index + 1;
}

export function deleteRound(index: number): void {
  if (rounds.value.length <= 1) return;
  rounds.value = rounds.value.filter((_, i) => i !== index);
  selected.value = Math.min(selected.value, rounds.value.length - 1);
}

export function moveRound(index: number, by: -1 | 1): void {
  const to = index + by;
  if (to < 0 || to >= rounds.value.length) return;
  const next = [...rounds.value];
  [next[index], next[to]] = [next[to]!, next[index]!];
  rounds.value = next;
  if (selected.value === index) selected.value = to;
  else if (selected.value === to) selected.value = index;
}

export type GeneratedKind = RoundType | 'mixed';

/** Appends rounds from the engine's generators; each click draws new ones. */
export function addGenerated(difficulty: Difficulty, kind: GeneratedKind, count: number): void {
  const seed = crypto.getRandomValues(new Uint32Array(1))[0]! >>> 1;
  const kinds: readonly RoundType[] = kind === 'mixed' ? ROUND_TYPES : [kind];
  const deck = generateGameDeck(createRng(seed).int(0, 2 ** 31 - 1), { difficulty, rounds: count, kinds });
  const added = deck.rounds.map((r) => withKey(draftOf(toDeckFileRound(r))));
  rounds.value = [...rounds.value, ...added];
  selected.value = rounds.value.length - added.length;
}

/** The deck file to save, or the first round that stops it, counted from 1. */
function deckFile(): { ok: true; file: DeckFile } | { ok: false; round: number; message: string } {
  const file: DeckFile = {
    title: title.value.trim() || editor.untitled,
    rounds: [],
    ...(warmupOf === undefined ? {} : { warmupOf }),
  };
  for (const [i, check] of checks.value.entries()) {
    if (!check.ok) return { ok: false, round: i, message: editor.roundProblem(i + 1, check.error) };
    file.rounds.push(toDeckFileRound(check.round));
  }
  return { ok: true, file };
}

/** Saves the deck (creates it the first time); true once the server has it. */
export async function save(): Promise<boolean> {
  if (saving.value) return false;
  const built = deckFile();
  if (!built.ok) {
    selected.value = built.round;
    saveError.value = editor.notSaved(built.message);
    return false;
  }
  saving.value = true;
  saveError.value = null;
  const id = deckId.value;
  const reply =
    id === null
      ? await api<StoredDeck>('POST', '/decks', built.file)
      : await api<StoredDeck>('PUT', `/decks/${encodeURIComponent(id)}`, built.file);
  saving.value = false;
  if (!reply.ok) {
    const { round, message } = reply.problem;
    if (round !== undefined) selected.value = round - 1;
    saveError.value = editor.notSaved(message);
    return false;
  }
  saved.value = snapshot(title.value, rounds.value);
  saveNotice.value = editor.saved;
  if (id === null) {
    deckId.value = reply.value.id;
    go({ page: 'deck', id: reply.value.id }, { replace: true, force: true });
  }
  return true;
}

/** Forgets the open deck (after leaving the editor), so the next one opens fresh. */
export function closeDeck(): void {
  deckId.value = null;
  warmupOf = undefined;
  title.value = '';
  rounds.value = [];
  saved.value = snapshot(title.value, rounds.value);
}
