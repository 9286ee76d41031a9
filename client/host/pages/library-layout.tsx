// The frame of the instructor's own pages (decks, reports, the key): used at a laptop, not projected,
// so ordinary text sizes and a page that scrolls.
import type { ComponentChildren } from 'preact';
import { go, hashOf, type Route, route } from '../route';

const LINKS: Array<{ label: string; to: Route; is: Route['page'][] }> = [
  { label: 'New game', to: { page: 'game' }, is: ['game'] },
  { label: 'My decks', to: { page: 'decks' }, is: ['decks', 'deck'] },
  { label: 'Past games', to: { page: 'reports' }, is: ['reports', 'report'] },
  { label: 'Your instructor key', to: { page: 'key' }, is: ['key'] },
];

export function LibraryLayout({ title, children }: { title: string; children: ComponentChildren }) {
  const here = route.value.page;
  return (
    <div class="library">
      <nav class="library-nav" aria-label="Instructor pages">
        <span class="brand-small">Overshoot</span>
        {LINKS.map((l) => (
          <a
            key={l.label}
            href={hashOf(l.to) || '#'}
            aria-current={l.is.includes(here) ? 'page' : undefined}
            onClick={(e) => {
              if (e.ctrlKey || e.metaKey || e.shiftKey || e.button !== 0) return;
              e.preventDefault();
              go(l.to);
            }}
          >
            {l.label}
          </a>
        ))}
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
  new Date(ms).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' });

export const percent = (share: number | null): string =>
  share === null ? '—' : `${Math.round(share * 100)} %`;
