// The instructor API (docs/api.md), with this browser's key on every call. Errors come back as data
// ({ error, message, round?, field? }), never thrown: the screens show them where they belong.
import { instructorKey } from './instructor';

export interface ApiProblem {
  status: number;
  error: string;
  message: string;
  /** For a bad deck file: the round (counted from 1) and the field at fault. */
  round?: number;
  field?: string;
}

export type ApiResult<T> = { ok: true; value: T } | { ok: false; problem: ApiProblem };

const OFFLINE: ApiProblem = {
  status: 0,
  error: 'NETWORK',
  message: 'The server did not answer. Check that it is running, then try again.',
};

function request(method: string, path: string, body?: string): Promise<Response> {
  const headers: Record<string, string> = { authorization: `Bearer ${instructorKey.value}` };
  if (body !== undefined) headers['content-type'] = 'application/json';
  return fetch(`/api${path}`, { method, headers, body });
}

async function problemOf(res: Response): Promise<ApiProblem> {
  try {
    const body = (await res.json()) as Partial<ApiProblem>;
    return {
      status: res.status,
      error: String(body.error ?? 'HTTP_ERROR'),
      message: String(body.message ?? `The server answered ${res.status}.`),
      ...(typeof body.round === 'number' ? { round: body.round } : {}),
      ...(typeof body.field === 'string' ? { field: body.field } : {}),
    };
  } catch {
    return { status: res.status, error: 'HTTP_ERROR', message: `The server answered ${res.status}.` };
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
    return { ok: false, problem: OFFLINE };
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
    return { ok: false, problem: OFFLINE };
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
