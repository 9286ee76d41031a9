// Checking a deck body: the shape scan, JSON.parse, the deck's validation and its file form as JSON.
// Pure and synchronous, so the same code runs on the event loop for small bodies and on a worker
// thread (deck-worker.ts) for big ones, where its tens of ms of one core stall no game.
import type { Rule } from '../../shared/i18n/rules';
import { parseDeck, toDeckFile } from '../../shared/protocol/deck';
import { DECK_SHAPE, jsonShapeProblem } from '../limits/json-shape';
import type { DeckText } from '../store/library-sqlite';

export type DeckCheck =
  | ({ ok: true } & DeckText)
  /** The body is not JSON, or not JSON a deck could be (`shape` names the excess). */
  | { ok: false; error: 'BAD_JSON'; message: string; shape?: string }
  | { ok: false; error: 'BAD_DECK'; message: string; round?: number; field?: string; rule: Rule }
  /** Too many big bodies are already waiting for the checker's thread (DECK_CHECKS_WAITING_MAX). */
  | { ok: false; error: 'SERVER_BUSY'; message: string };

export function checkDeckBytes(bytes: Uint8Array): DeckCheck {
  const shape = jsonShapeProblem(bytes, DECK_SHAPE);
  if (shape) return { ok: false, error: 'BAD_JSON', message: `That file cannot be a deck: ${shape}.`, shape };
  let json: unknown;
  try {
    // A byte order mark (a file saved by some editors) is not JSON but means nothing.
    json = JSON.parse(
      Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
        .toString('utf8')
        .replace(/^\uFEFF/, ''),
    );
  } catch {
    return { ok: false, error: 'BAD_JSON', message: 'That file is not valid JSON.' };
  }
  return checkDeck(json);
}

/** Validates a parsed deck file; on failure names the round and field, as the API answers. */
export function checkDeck(json: unknown): DeckCheck {
  const parsed = parseDeck(json);
  if (!parsed.ok) {
    const { error, round, field, rule } = parsed;
    return {
      ok: false,
      error: 'BAD_DECK',
      message: error,
      ...(round === undefined ? {} : { round }),
      ...(field ? { field } : {}),
      rule,
    };
  }
  const file = toDeckFile(parsed.deck);
  return { ok: true, title: file.title, rounds: file.rounds.length, json: Buffer.from(JSON.stringify(file)) };
}
