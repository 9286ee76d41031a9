import type { ComponentChildren } from 'preact';
import { go, hashOf, type Route } from '../route';

/** A link to a page of the host app: a real address (open it in a new tab), followed in place on a click. */
export function Link({
  to,
  children,
  class: className,
  current,
}: {
  to: Route;
  children: ComponentChildren;
  class?: string;
  /** The link to the page shown (or to the section it is part of). */
  current?: boolean;
}) {
  return (
    <a
      class={className}
      href={hashOf(to) || '#'}
      aria-current={current ? 'page' : undefined}
      onClick={(e) => {
        if (e.ctrlKey || e.metaKey || e.shiftKey || e.button !== 0) return;
        e.preventDefault();
        go(to);
      }}
    >
      {children}
    </a>
  );
}
