// Which page of the host app shows: the game (create, lobby, rounds…) or one of the instructor's
// pages (decks, the deck editor, reports, the key). Kept in the address's #fragment, so a reload
// stays on the same page and the server needs only /host.
import { signal } from '@preact/signals';

export type Route =
  | { page: 'game' }
  | { page: 'decks' }
  /** id null: a new deck, not saved yet. */
  | { page: 'deck'; id: string | null }
  | { page: 'reports' }
  | { page: 'report'; id: string }
  /** A homework assignment's report. */
  | { page: 'assignment'; id: string }
  | { page: 'key' };

export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/').map(decodeURIComponent);
  const [page = '', id] = parts;
  if (page === 'decks')
    return id === 'new' ? { page: 'deck', id: null } : id ? { page: 'deck', id } : { page: 'decks' };
  if (page === 'reports') return id ? { page: 'report', id } : { page: 'reports' };
  if (page === 'homework' && id) return { page: 'assignment', id };
  if (page === 'key') return { page: 'key' };
  return { page: 'game' };
}

export function hashOf(route: Route): string {
  switch (route.page) {
    case 'game':
      return '';
    case 'decks':
      return '#/decks';
    case 'deck':
      return `#/decks/${route.id === null ? 'new' : encodeURIComponent(route.id)}`;
    case 'reports':
      return '#/reports';
    case 'report':
      return `#/reports/${encodeURIComponent(route.id)}`;
    case 'assignment':
      return `#/homework/${encodeURIComponent(route.id)}`;
    case 'key':
      return '#/key';
  }
}

export const route = signal<Route>(parseRoute(location.hash));

/**
 * Set by a page with unsaved work: called before leaving it, with the way to leave anyway. It
 * returns true to let the page go at once, false to hold it (and ask the instructor first).
 */
let guard: ((leave: () => void) => boolean) | null = null;

export function setLeaveGuard(next: ((leave: () => void) => boolean) | null): void {
  guard = next;
}

function show(next: Route, replace: boolean) {
  const hash = hashOf(next);
  const url = `${location.pathname}${location.search}${hash}`;
  if (replace) history.replaceState(null, '', url);
  else history.pushState(null, '', url);
  route.value = next;
}

/** Goes to a page, unless the page being left holds unsaved work (then it asks first). */
export function go(next: Route, options: { replace?: boolean; force?: boolean } = {}): void {
  const leave = () => show(next, options.replace ?? false);
  if (!options.force && guard && !guard(leave)) return;
  leave();
}

window.addEventListener('popstate', () => {
  const next = parseRoute(location.hash);
  const here = route.value;
  if (hashOf(next) === hashOf(here)) return;
  // Back or forward in the browser: the same guard as a click, with the address put back meanwhile.
  if (guard && !guard(() => show(next, true))) {
    history.pushState(null, '', `${location.pathname}${location.search}${hashOf(here)}`);
    return;
  }
  route.value = next;
});
