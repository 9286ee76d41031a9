// One key per step, for an instructor standing away from the laptop or holding a presenter remote
// (which sends → or Space): Space or → for next, R to reveal now. Every key has a visible button too.
import type { HostModel } from './model';
import { route } from './route';

const isTyping = (target: EventTarget | null): boolean =>
  target instanceof HTMLElement &&
  (target.isContentEditable || ['INPUT', 'SELECT', 'TEXTAREA'].includes(target.tagName));

export function listenToKeys({ next, revealNow, screen }: HostModel): void {
  window.addEventListener('keydown', (e) => {
    if (screen.value.kind !== 'game' || route.value.page !== 'game') return;
    if (e.repeat || e.altKey || e.ctrlKey || e.metaKey) return;
    if (isTyping(e.target)) return;
    if (e.key === ' ' || e.key === 'ArrowRight') {
      // A focused button would also act on Space: the keyboard alone decides, once.
      e.preventDefault();
      next();
    } else if (e.key === 'r' || e.key === 'R') {
      e.preventDefault();
      revealNow();
    }
  });
  // Space "clicks" a focused button on keyup; that click would be a second step.
  window.addEventListener('keyup', (e) => {
    if (screen.value.kind === 'game' && route.value.page === 'game' && e.key === ' ' && !isTyping(e.target))
      e.preventDefault();
  });
}
