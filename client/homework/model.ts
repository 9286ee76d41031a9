// The homework page's model: one assignment (from the address /homework/ID), this device's token for
// it (localStorage), and the server's last view of the attempt. HTTP only: a student alone at their
// own pace needs no live connection, and every answer is saved before its reply comes back.

import { homework as TEXT } from '../../shared/i18n/en/homework';
import type { HomeworkInfo, HomeworkView } from '../../shared/protocol/homework';
import type { AnswerValue } from '../../shared/protocol/views';
import type { PlayerModel } from '../player/model';
import { cell } from '../ui/cell';
import { forget, loadJson, saveJson } from '../ui/storage';

export type HomeworkScreen =
  | { kind: 'loading' }
  | { kind: 'missing' }
  | { kind: 'start'; info: HomeworkInfo; notice: string | null }
  | { kind: 'attempt'; homework: HomeworkView };

const tokenKey = (id: string) => `overshoot-homework:${id}`;
const isToken = (x: unknown): x is string => typeof x === 'string' && /^[A-Za-z0-9_-]{22,64}$/.test(x);

export function createHomeworkModel(path: string) {
  const id = decodeURIComponent(/^\/homework\/([^/]+)/.exec(path)?.[1] ?? '');
  const screen = cell<HomeworkScreen>({ kind: 'loading' });
  const error = cell<string | null>(null);
  const busy = cell(false);
  const name = cell('');
  const studentId = cell('');
  /** The answer tapped, shown while its request is on its way. */
  const sending = cell<{ round: number; choice: AnswerValue } | null>(null);
  /** A "largest α" answer being chosen (the player's slider form keeps it here). */
  const guess = cell<{ round: number; alpha: number | null; text: string } | null>(null);
  /** Server time minus local time, ms, from the last view: the timer counts in server time. */
  let skew = 0;
  const now = cell(Date.now());
  setInterval(() => {
    if (screen.value.kind === 'attempt' && screen.value.homework.view.phase.kind === 'question')
      now.value = Date.now();
  }, 500);

  async function request(method: string, url: string, body?: unknown, token?: string) {
    const res = await fetch(`/api/homework/${encodeURIComponent(id)}${url}`, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const json = (await res.json().catch(() => ({}))) as Record<string, unknown>;
    return { status: res.status, json };
  }

  function show(homework: HomeworkView) {
    skew = homework.view.serverNow - Date.now();
    now.value = Date.now();
    screen.value = { kind: 'attempt', homework };
  }

  /** Runs a request, showing the server's own sentence when it refuses (a due date passed, a bad name). */
  async function act(run: () => Promise<void>) {
    if (busy.value) return;
    busy.value = true;
    error.value = null;
    try {
      await run();
    } catch {
      error.value = TEXT.network;
    } finally {
      busy.value = false;
      sending.value = null;
    }
  }

  async function showStart(notice: string | null) {
    const info = await request('GET', '');
    if (info.status === 404) screen.value = { kind: 'missing' };
    else screen.value = { kind: 'start', info: info.json as unknown as HomeworkInfo, notice };
  }

  async function load() {
    try {
      const token = loadJson(tokenKey(id), isToken);
      if (!token) return await showStart(null);
      const mine = await request('GET', '/attempt', undefined, token);
      if (mine.status === 200) return show(mine.json as unknown as HomeworkView);
      if (mine.json.error === 'NO_ATTEMPT') {
        forget(tokenKey(id));
        return await showStart(TEXT.lost);
      }
      if (mine.status === 404) screen.value = { kind: 'missing' };
      else error.value = String(mine.json.message ?? TEXT.network);
    } catch {
      error.value = TEXT.network;
    }
  }

  const token = () => loadJson(tokenKey(id), isToken) ?? undefined;

  /** A step of the attempt: its reply is the new view, or a refusal whose sentence is shown. */
  async function step(url: string, body?: unknown) {
    const res = await request('POST', `/attempt/${url}`, body, token());
    const view = (res.status === 201 ? res.json.homework : res.json) as HomeworkView;
    if (res.status === 200 || res.status === 201) show(view);
    else error.value = String(res.json.message ?? TEXT.network);
  }

  return {
    id,
    screen,
    error,
    busy,
    name,
    studentId,
    sending,
    guess,
    serverNow: () => now.value + skew,
    load,
    start: () =>
      act(async () => {
        const info = screen.value.kind === 'start' ? screen.value.info : null;
        const res = await request('POST', '/attempts', {
          nickname: name.value,
          ...(info?.askStudentId ? { studentId: studentId.value } : {}),
        });
        if (res.status !== 201) {
          error.value = String(res.json.message ?? TEXT.network);
          return;
        }
        saveJson(tokenKey(id), res.json.token);
        show(res.json.homework as HomeworkView);
      }),
    next: () => act(() => step('next')),
    answer: (choice: AnswerValue) =>
      act(async () => {
        const { homework } = screen.value as Extract<HomeworkScreen, { kind: 'attempt' }>;
        const { phase } = homework.view;
        if (phase.kind !== 'question') return;
        sending.value = { round: phase.round, choice };
        await step('answer', { round: phase.round, choice });
      }),
    /** The round just answered, asked again; or, with reveal "each", its answer shown instead. */
    retry: (round: number) => act(() => step('retry', { round })),
    show: (round: number) => act(() => step('show', { round })),
  };
}

export type HomeworkModel = ReturnType<typeof createHomeworkModel>;

/**
 * What the player's answer inputs (client/player/screens/question.tsx, max-alpha-form.tsx) use of a
 * player model: the answer and the α being chosen. The rest of the live model has no meaning here.
 */
export function answerInputs(model: HomeworkModel): PlayerModel {
  return {
    answer: async (choice: AnswerValue) => model.answer(choice),
    guess: model.guess,
  } as unknown as PlayerModel;
}
