// The instructor API (docs/api.md), with this browser's key on every call. Errors come back as data
// ({ error, message, round?, field? }), never thrown: the screens show them where they belong.
import { teacher } from '../../shared/i18n/en/teacher';
import type { Rule } from '../../shared/i18n/rules';
import { instructorKey } from './instructor';
import { hostLanguage, roundRuleSentence, ruleOfProblem, ruleSentence } from './language';

export interface ApiProblem {
  status: number;
  error: string;
  message: string;
  /** For a bad deck file: the round (counted from 1) and the field at fault. */
  round?: number;
  field?: string;
  /** For a bad deck: the rule it broke, which the page says in its own language. */
  rule?: Rule;
}

export type ApiResult<T> = { ok: true; value: T } | { ok: false; problem: ApiProblem };

const offline = (): ApiProblem => ({ status: 0, error: 'NETWORK', message: teacher.apiErrors.NETWORK });

/**
 * The refusal in the host's language. English keeps the server's own sentence, which may name a
 * number or a rule; another language says its code's sentence from the catalog (a deck's round and
 * field still show beside it), and keeps the server's words only for a code it does not know.
 */
function inHostLanguage(p: ApiProblem): ApiProblem {
  if (hostLanguage.value === 'en') return p;
  const sentences: Record<string, string> = teacher.apiErrors;
  if (p.error === 'BAD_PAYLOAD' && p.message.startsWith('dueAt:'))
    return { ...p, message: teacher.dueInPast };
  if (p.error === 'HTTP_ERROR') return { ...p, message: teacher.answered(p.status) };
  if (p.rule !== undefined)
    return {
      ...p,
      message:
        p.round === undefined ? ruleSentence(p.rule) : roundRuleSentence(p.round, p.field ?? '', p.rule),
    };
  const sentence = sentences[p.error];
  return sentence === undefined ? p : { ...p, message: sentence };
}

/**
 * Every call says the page's language (`lang`, docs/api.md): the decks the server titles (a copy, a
 * follow-up, a warm-up) and the CSVs come in it. English is the API's default and needs no parameter.
 */
function request(method: string, path: string, body?: string): Promise<Response> {
  const headers: Record<string, string> = { authorization: `Bearer ${instructorKey.value}` };
  if (body !== undefined) headers['content-type'] = 'application/json';
  const lang = hostLanguage.value;
  const url = lang === 'en' ? `/api${path}` : `/api${path}${path.includes('?') ? '&' : '?'}lang=${lang}`;
  return fetch(url, { method, headers, body });
}

async function problemOf(res: Response): Promise<ApiProblem> {
  try {
    const body = (await res.json()) as Partial<ApiProblem> & { rule?: unknown };
    const rule = ruleOfProblem(body.rule);
    return inHostLanguage({
      status: res.status,
      error: String(body.error ?? 'HTTP_ERROR'),
      message: String(body.message ?? teacher.answered(res.status)),
      ...(typeof body.round === 'number' ? { round: body.round } : {}),
      ...(typeof body.field === 'string' ? { field: body.field } : {}),
      ...(rule === null ? {} : { rule }),
    });
  } catch {
    return inHostLanguage({ status: res.status, error: 'HTTP_ERROR', message: teacher.answered(res.status) });
  }
}

/**
 * One call. `body` is sent as JSON; a string is sent as it is (an imported file, so the server, not
 * this page, judges whether it is JSON).
 */
export async function api<T>(method: string, path: string, body?: unknown): Promise<ApiResult<T>> {
  let res: Response;
  try {
    res = await request(
      method,
      path,
      typeof body === 'string' || body === undefined ? body : JSON.stringify(body),
    );
  } catch {
    return { ok: false, problem: offline() };
  }
  if (!res.ok) return { ok: false, problem: await problemOf(res) };
  if (res.status === 204) return { ok: true, value: undefined as T };
  return { ok: true, value: (await res.json()) as T };
}

/**
 * Saves what `path` answers as a file. A plain link cannot carry the Authorization header, so the
 * file is fetched here and handed to the browser as a blob.
 */
export async function download(path: string, fallbackName: string): Promise<ApiResult<string>> {
  let res: Response;
  try {
    res = await request('GET', path);
  } catch {
    return { ok: false, problem: offline() };
  }
  if (!res.ok) return { ok: false, problem: await problemOf(res) };
  const disposition = res.headers.get('content-disposition') ?? '';
  const name = /filename="?([^";]+)"?/.exec(disposition)?.[1] ?? fallbackName;
  const url = URL.createObjectURL(await res.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  // The browser has taken the blob once the click is handled.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return { ok: true, value: name };
}
