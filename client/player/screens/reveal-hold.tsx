// The phone's reveal in the page's first load: it loads the reveal's own chunk (./reveal.tsx, with
// its plots and the α explorer) and holds the result until the projector's run has ended (issue 12:
// the phones must not spoil it).
import { Component, type ComponentChildren } from 'preact';
import * as player from '../../../shared/i18n/en/player';
import type { PlayerRevealPhase, PlayerView } from '../../../shared/protocol/views';
import { points } from '../../ui/format';
import { extras, loadExtras } from '../explorer/load';

/**
 * Shows `waiting` until server time `until`, then `children`. A class, not hooks: the player page
 * leaves preact/hooks out of its first load (ui/cell.ts). A phone that arrives after `until` (a
 * reconnect, a woken screen) shows `children` at once.
 */
class Hold extends Component<{
  until: number;
  now: () => number;
  waiting: ComponentChildren;
  children: ComponentChildren;
}> {
  override state = { open: this.props.now() >= this.props.until };
  private timer: ReturnType<typeof setTimeout> | undefined;
  override componentDidMount() {
    if (!this.state.open)
      this.timer = setTimeout(() => this.setState({ open: true }), this.props.until - this.props.now());
  }
  override componentWillUnmount() {
    clearTimeout(this.timer);
  }
  override render() {
    return this.state.open ? this.props.children : this.props.waiting;
  }
}

export function RevealScreen({
  view,
  phase,
  now,
}: {
  view: PlayerView;
  phase: PlayerRevealPhase;
  /** Server time, ms (the model's serverNow). */
  now: () => number;
}) {
  loadExtras();
  const bar = (
    <header class="bar">
      <span>{player.questionOf(phase.round + 1, view.roundCount)}</span>
      <span>
        {points(view.me.score)} {player.pts}
      </span>
    </header>
  );
  const loaded = extras.value;
  const waiting = (
    <section class="reveal reveal-hold">
      {bar}
      <div class="hold" role="status">
        <p class="hold-title">{player.watchScreen}</p>
        <p>{player.playing}</p>
      </div>
    </section>
  );
  // Until the reveal's chunk is here the projector's run has surely not ended (it is loaded at the
  // close, over the same Wi-Fi), so the phone says "watch the screen" meanwhile too.
  return loaded ? (
    <Hold until={loaded.holdUntil(phase)} now={now} waiting={waiting}>
      <loaded.Result view={view} phase={phase} bar={bar} />
    </Hold>
  ) : (
    waiting
  );
}
