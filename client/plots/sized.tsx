// Plots are drawn in real pixels rather than stretched from a viewBox, so the size of their text is
// the size the reader sees (and the size the layout tests measure). The box's CSS decides its size;
// the plot is told what that is. A class component, not hooks: the player page leaves preact/hooks
// out to stay within its byte budget (ui/cell.ts).
import { Component, type ComponentChildren, createRef } from 'preact';

export interface SizedProps {
  class?: string;
  /**
   * `em` is the box's font size in px: plots size their text and margins with it. `uid` is unique
   * in the page, for the ids a plot's clip paths and markers need.
   */
  children: (width: number, height: number, em: number, uid: string) => ComponentChildren;
  [data: `data-${string}`]: string | number | undefined;
}

interface SizedState {
  width: number;
  height: number;
  em: number;
}

let boxes = 0;

export class Sized extends Component<SizedProps, SizedState> {
  private readonly box = createRef<HTMLDivElement>();
  private readonly uid = `plot${++boxes}`;
  private observer: ResizeObserver | null = null;
  override state: SizedState = { width: 0, height: 0, em: 16 };

  private readonly measure = () => {
    const el = this.box.current;
    if (!el) return;
    const width = Math.floor(el.clientWidth);
    const height = Math.floor(el.clientHeight);
    const em = Number.parseFloat(getComputedStyle(el).fontSize) || 16;
    const s = this.state;
    if (s.width !== width || s.height !== height || s.em !== em) this.setState({ width, height, em });
  };

  override componentDidMount() {
    this.measure();
    this.observer = new ResizeObserver(this.measure);
    if (this.box.current) this.observer.observe(this.box.current);
  }

  override componentWillUnmount() {
    this.observer?.disconnect();
  }

  override render() {
    const { class: className = '', children, ...data } = this.props;
    const { width, height, em } = this.state;
    return (
      <div ref={this.box} class={`sized ${className}`} {...data}>
        {width > 0 && height > 0 ? children(width, height, em, this.uid) : null}
      </div>
    );
  }
}
