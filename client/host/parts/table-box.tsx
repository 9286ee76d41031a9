// A report's table in a box of its own that scrolls sideways when the table is wider than the
// screen (a teacher opens reports on a phone): the page itself never does. Focusable, so that a
// keyboard can scroll it too.
import type { ComponentChildren } from 'preact';

export function TableBox({ children }: { children: ComponentChildren }) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must take the keyboard's focus.
    <div class="table-scroll" tabIndex={0}>
      {children}
    </div>
  );
}
