// The small HTTP API for instructors' decks and reports (docs/api.md). Every route needs the
// instructor's key and only ever sees that instructor's rows.
import express from 'express';
import { parseDeck, toDeckFile } from '../../shared/protocol/deck';
import type { LibraryStore } from '../store/library-sqlite';
import { keyFromAuthorization, ownerOf } from './instructor';

/** A 500-point regression round is ~20 KB of JSON; 100 of them fit. */
export const API_BODY_LIMIT = '3mb';

export interface ApiDeps {
  library: LibraryStore;
  now(): number;
  newId(): string;
  /** The report of a game as CSV, or undefined when the report has none (see server/reports). */
  reportCsv(body: unknown): string;
}

type Locals = { owner: string };

function problem(res: express.Response, status: number, error: string, message: string, extra: object = {}) {
  res.status(status).json({ error, message, ...extra });
}

/** A file name from a title: letters, digits and dashes only, so no header can be broken. */
function fileName(title: string, ext: string): string {
  const base = title
    .normalize('NFKD')
    .replace(/[^\w\s-]/g, '')
    .trim()
    .replace(/\s+/g, '-')
    .slice(0, 60);
  return `${base || 'overshoot'}.${ext}`;
}

export function createApiRouter(deps: ApiDeps): express.Router {
  const { library } = deps;
  const router = express.Router();

  router.use((req, res, next) => {
    const key = keyFromAuthorization(req.get('authorization'));
    if (!key) {
      problem(
        res,
        401,
        'UNAUTHORIZED',
        'This needs your instructor key: open /host in the browser you teach from.',
      );
      return;
    }
    (res.locals as Locals).owner = ownerOf(key);
    next();
  });
  router.use(express.json({ limit: API_BODY_LIMIT }));

  const ownerOfRes = (res: express.Response) => (res.locals as Locals).owner;

  /** Validates a deck file; on failure answers 400 naming the round and field, and writes nothing. */
  function deckFrom(body: unknown, res: express.Response) {
    const parsed = parseDeck(body);
    if (parsed.ok) return toDeckFile(parsed.deck);
    const { error, round, field } = parsed;
    problem(res, 400, 'BAD_DECK', error, {
      ...(round === undefined ? {} : { round }),
      ...(field ? { field } : {}),
    });
    return undefined;
  }

  router.get('/decks', (_req, res) => {
    res.json({ decks: library.listDecks(ownerOfRes(res)) });
  });
  router.post('/decks', (req, res) => {
    const deck = deckFrom(req.body, res);
    if (!deck) return;
    res.status(201).json(library.createDeck(ownerOfRes(res), deps.newId(), deck, deps.now()));
  });
  router.get('/decks/:id', (req, res) => {
    const deck = library.getDeck(ownerOfRes(res), req.params.id);
    if (!deck) return problem(res, 404, 'NOT_FOUND', 'You have no deck with that id.');
    res.json(deck);
  });
  router.get('/decks/:id/file', (req, res) => {
    const deck = library.getDeck(ownerOfRes(res), req.params.id);
    if (!deck) return problem(res, 404, 'NOT_FOUND', 'You have no deck with that id.');
    res.attachment(fileName(deck.title, 'json'));
    res.type('application/json').send(`${JSON.stringify(deck.deck, null, 2)}\n`);
  });
  router.put('/decks/:id', (req, res) => {
    const deck = deckFrom(req.body, res);
    if (!deck) return;
    const saved = library.updateDeck(ownerOfRes(res), req.params.id, deck, deps.now());
    if (!saved) return problem(res, 404, 'NOT_FOUND', 'You have no deck with that id.');
    res.json(saved);
  });
  router.post('/decks/:id/duplicate', (req, res) => {
    const owner = ownerOfRes(res);
    const deck = library.getDeck(owner, req.params.id);
    if (!deck) return problem(res, 404, 'NOT_FOUND', 'You have no deck with that id.');
    const title = `${deck.title} (copy)`.slice(0, 100);
    res.status(201).json(library.createDeck(owner, deps.newId(), { ...deck.deck, title }, deps.now()));
  });
  router.delete('/decks/:id', (req, res) => {
    if (!library.deleteDeck(ownerOfRes(res), req.params.id))
      return problem(res, 404, 'NOT_FOUND', 'You have no deck with that id.');
    res.status(204).end();
  });

  router.get('/reports', (_req, res) => {
    res.json({ reports: library.listReports(ownerOfRes(res)) });
  });
  router.get('/reports/:id', (req, res) => {
    const report = library.getReport(ownerOfRes(res), req.params.id);
    if (!report) return problem(res, 404, 'NOT_FOUND', 'You have no report with that id.');
    res.json(report.body);
  });
  router.get('/reports/:id/csv', (req, res) => {
    const report = library.getReport(ownerOfRes(res), req.params.id);
    if (!report) return problem(res, 404, 'NOT_FOUND', 'You have no report with that id.');
    res.attachment(fileName(`${report.title} ${report.code}`, 'csv'));
    res.type('text/csv; charset=utf-8').send(deps.reportCsv(report.body));
  });
  router.delete('/reports/:id', (req, res) => {
    if (!library.deleteReport(ownerOfRes(res), req.params.id))
      return problem(res, 404, 'NOT_FOUND', 'You have no report with that id.');
    res.status(204).end();
  });

  router.use((_req, res) => problem(res, 404, 'NOT_FOUND', 'No such API route.'));
  // Express hands body-parser failures here: bad JSON and oversized bodies are the client's, not ours.
  router.use(
    (
      error: { status?: number; type?: string },
      _req: express.Request,
      res: express.Response,
      _next: express.NextFunction,
    ) => {
      if (error.type === 'entity.parse.failed')
        return problem(res, 400, 'BAD_JSON', 'That file is not valid JSON.');
      if (error.type === 'entity.too.large')
        return problem(res, 413, 'TOO_LARGE', `A deck file may be at most ${API_BODY_LIMIT}.`);
      problem(
        res,
        error.status && error.status < 500 ? error.status : 500,
        'INTERNAL',
        'Something went wrong on the server.',
      );
    },
  );
  return router;
}
