// The frame of the instructor's own pages (decks, reports, the key): used at a laptop, not projected,
// so ordinary text sizes and a page that scrolls.
import type { Signal } from '@preact/signals';
import type { ComponentChildren } from 'preact';
import { teacher } from '../../../shared/i18n/en/teacher';
import { LanguagePicker } from '../parts/language-picker';
import { Link } from '../parts/link';
import { type Route, route } from '../route';

/** Labels read at each render: the catalog changes with the host's language. */
const LINKS: Array<{ label: () => string; to: Route; is: Route['page'][] }> = [
  { label: () => teacher.newGame, to: { page: 'game' }, is: ['game'] },
  { label: () => teacher.myDecks, to: { page: 'decks' }, is: ['decks', 'deck'] },
  { label: () => teacher.pastGames, to: { page: 'reports' }, is: ['reports', 'report', 'assignment'] },
  { label: () => teacher.yourKey, to: { page: 'key' }, is: ['key'] },
];

export function LibraryLayout({ title, children }: { title: string; children: ComponentChildren }) {
  const here = route.value.page;
  return (
    <div class="library">
      <nav class="library-nav" aria-label={teacher.instructorPages}>
        <span class="brand-small">Overshoot</span>
        {LINKS.map((l) => (
          <Link key={l.to.page} to={l.to} current={l.is.includes(here)}>
            {l.label()}
          </Link>
        ))}
        <LanguagePicker />
      </nav>
      <main class="library-main">
        <h1 class="library-title">{title}</h1>
        {children}
      </main>
    </div>
  );
}

/** "25 Nov 2026, 13:05": when something was saved or played, in the reader's own time zone. */
export const when = (ms: number): string =>
  new Date(ms).toLocaleString(teacher.locale, { dateStyle: 'medium', timeStyle: 'short' });

export const percent = (share: number | null): string =>
  share === null ? '—' : teacher.percent(Math.round(share * 100));

/**
 * A saved deck or game in a list: its title, a line about it, and its actions, Delete last. Delete
 * asks again in place of the actions, so a stray click deletes nothing.
 */
export function Card({
  id,
  pick,
  title,
  meta,
  confirming,
  deleteLabel,
  legend,
  question,
  onDelete,
  children,
}: {
  id: string;
  /** Before the title: a checkbox that picks the card for something done to several at once. */
  pick?: ComponentChildren;
  title: string;
  meta: ComponentChildren;
  /** The card of the list whose deletion is being asked about, if any. */
  confirming: Signal<string | null>;
  /** The Delete button's accessible name. */
  deleteLabel: string;
  legend: string;
  question: string;
  onDelete: () => void;
  /** The actions before Delete. */
  children: ComponentChildren;
}) {
  return (
    <li class="card">
      {pick}
      <div class="card-text">
        <h2 class="card-title">{title}</h2>
        <p class="muted">{meta}</p>
      </div>
      {confirming.value === id ? (
        <fieldset class="card-actions confirm">
          <legend class="visually-hidden">{legend}</legend>
          <span>{question}</span>
          <button
            type="button"
            class="primary danger"
            onClick={() => {
              confirming.value = null;
              onDelete();
            }}
          >
            {teacher.yesDelete}
          </button>
          <button type="button" class="secondary" onClick={() => (confirming.value = null)}>
            {teacher.keepIt}
          </button>
        </fieldset>
      ) : (
        <div class="card-actions">
          {children}
          <button
            type="button"
            class="secondary"
            aria-label={deleteLabel}
            onClick={() => (confirming.value = id)}
          >
            {teacher.delete}
          </button>
        </div>
      )}
    </li>
  );
}
