import type { ComponentChildren } from 'preact';
import { go, hashOf, type Route } from '../route';

/** A link to a page of the host app: a real address (open it in a new tab), followed in place on a click. */
export function Link({
  to,
  children,
  class: className,
}: {
  to: Route;
  children: ComponentChildren;
  class?: string;
}) {
  return (
    <a
      class={className}
      href={hashOf(to) || '#'}
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
