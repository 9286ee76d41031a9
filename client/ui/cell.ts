// A value the UI watches, in a few lines. The phone app uses this instead of @preact/signals, and
// class components instead of hooks: the player page must stay under 30 KB of gzipped JavaScript,
// and the signals runtime and preact/hooks together are about 4 KB of it. Same idea (a model outside
// components, read through `.value`), coarser updates: any change re-renders the app once, on the
// next microtask, which for one phone screen is cheap.
import { Component, type ComponentChildren } from 'preact';

export interface Cell<T> {
  value: T;
}

const watchers = new Set<() => void>();
let queued = false;

function changed() {
  if (queued) return;
  queued = true;
  queueMicrotask(() => {
    queued = false;
    for (const w of watchers) w();
  });
}

export function cell<T>(initial: T): Cell<T> {
  let current = initial;
  return {
    get value() {
      return current;
    },
    set value(next: T) {
      if (Object.is(next, current)) return;
      current = next;
      changed();
    },
  };
}

/** Renders `render()` again after any cell changes. */
export class Watch extends Component<{ render: () => ComponentChildren }> {
  private readonly update = () => this.forceUpdate();
  override componentDidMount() {
    watchers.add(this.update);
  }
  override componentWillUnmount() {
    watchers.delete(this.update);
  }
  override render() {
    return this.props.render();
  }
}
