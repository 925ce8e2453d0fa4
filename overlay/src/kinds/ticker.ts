/** Recent-events ticker: tips, follows, fan-club joins, media purchases; never chat or PMs. */
import { displayName, el, formatTokens, RenderQueue, type Schedule } from '../render';
import type { KindView, OffsetEvent, OverlayState, PlatformEvent } from '../types';

export const TICKER_CAP = 12;

interface Line {
  icon: string;
  name: string;
  text: string;
}

/** Public, celebratory events only: a whitelist, so new private methods stay off stream. */
const LINES: Record<string, (event: PlatformEvent) => Line | null> = {
  tip: (e) =>
    e.tip && e.tip.tokens > 0
      ? { icon: '💰', name: displayName(e), text: `tipped ${formatTokens(e.tip.tokens)}` }
      : null,
  follow: (e) => ({ icon: '❤️', name: displayName(e), text: 'followed' }),
  fanclubJoin: (e) => ({ icon: '⭐', name: displayName(e), text: 'joined the fan club' }),
  mediaPurchase: (e) => ({ icon: '🎞️', name: displayName(e), text: `bought ${e.media?.name || 'media'}` }),
};

export function tickerLine(event: PlatformEvent): Line | null {
  return Object.hasOwn(LINES, event.method) ? (LINES[event.method]?.(event) ?? null) : null;
}

export class TickerView implements KindView {
  private items: { offset: number; line: Line }[] = [];
  private nodes = new Map<number, HTMLElement>();
  private readonly queue: RenderQueue;
  private readonly box = el('ul', 'ticker');

  constructor(root: HTMLElement, schedule?: Schedule) {
    this.queue = new RenderQueue(() => this.render(), schedule);
    root.append(this.box);
  }

  /** Offsets of the lines held, newest first (bounded by TICKER_CAP). */
  get offsets(): number[] {
    return this.items.map((item) => item.offset);
  }

  setState(state: OverlayState): void {
    if (state.kind !== 'ticker') return;
    this.items = [];
    for (const item of state.state.recent) this.add(item);
    this.queue.invalidate();
  }

  onEvent(item: OffsetEvent): void {
    if (this.add(item)) this.queue.invalidate();
  }

  onGoal(): void {}

  flush(): void {
    this.queue.flush();
  }

  private add(item: OffsetEvent): boolean {
    const line = tickerLine(item.event);
    if (!line) return false;
    this.items.unshift({ offset: item.offset, line });
    if (this.items.length > TICKER_CAP) this.items.length = TICKER_CAP;
    return true;
  }

  private render(): void {
    const nodes = new Map<number, HTMLElement>();
    for (const { offset, line } of this.items) {
      let node = this.nodes.get(offset);
      if (!node) {
        node = el('li', 'ticker-item is-new');
        node.append(el('span', 'ticker-icon', line.icon), el('span', 'ticker-name', line.name));
        node.append(el('span', 'ticker-text', ` ${line.text}`));
      } else node.classList.remove('is-new');
      nodes.set(offset, node);
    }
    this.nodes = nodes;
    this.box.replaceChildren(...nodes.values());
    this.box.hidden = nodes.size === 0;
  }
}
