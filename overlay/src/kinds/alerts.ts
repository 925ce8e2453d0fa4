/** Tip alerts: one at a time (~5 s each, faster under a backlog), bounded queue, optional beep. */
import { displayName, el, formatTokens, RenderQueue, type Schedule } from '../render';
import type { KindView, OffsetEvent, OverlayState, Position } from '../types';

export const ALERT_MS = 5000;
export const BACKLOG_ALERT_MS = 2500;
export const QUEUE_CAP = 20;

export interface Alert {
  offset: number;
  username: string;
  tokens: number;
  message: string;
}

export interface AlertOptions {
  sound?: () => void;
  schedule?: Schedule;
}

export function toAlert(item: OffsetEvent): Alert | null {
  const { event } = item;
  if (event.method !== 'tip' || !event.tip || !(event.tip.tokens > 0)) return null;
  return {
    offset: item.offset,
    username: displayName(event),
    tokens: event.tip.tokens,
    message: event.tip.message ?? '',
  };
}

export class AlertsView implements KindView {
  private readonly waiting: Alert[] = [];
  private current: Alert | null = null;
  private seen: Position | null = null;
  private dropped = 0;
  private readonly queue: RenderQueue;
  private readonly box = el('div', 'alerts');

  constructor(
    root: HTMLElement,
    private readonly options: AlertOptions = {},
  ) {
    this.queue = new RenderQueue(() => this.render(), options.schedule);
    root.append(this.box);
  }

  get pending(): number {
    return this.waiting.length;
  }

  get showing(): Alert | null {
    return this.current;
  }

  /** Tips older than the page are not re-alerted; after a gap in the same stream, missed ones are. */
  setState(state: OverlayState): void {
    if (state.kind !== 'alerts') return;
    const seen = this.seen;
    if (seen && seen.epoch === state.position.epoch) {
      for (const item of state.state.recent) if (item.offset > seen.offset) this.onEvent(item);
    }
    this.seen = { ...state.position };
  }

  onEvent(item: OffsetEvent): void {
    if (this.seen && item.offset > this.seen.offset) this.seen.offset = item.offset;
    const alert = toAlert(item);
    if (!alert) return;
    this.waiting.push(alert);
    if (this.waiting.length > QUEUE_CAP) {
      this.waiting.shift();
      this.dropped += 1;
    }
    if (!this.current) this.advance();
  }

  onGoal(): void {}

  flush(): void {
    this.queue.flush();
  }

  private advance(): void {
    this.current = this.waiting.shift() ?? null;
    this.queue.invalidate();
    if (!this.current) return;
    this.options.sound?.();
    const ms = this.waiting.length > 3 ? BACKLOG_ALERT_MS : ALERT_MS;
    setTimeout(() => this.advance(), ms);
  }

  private render(): void {
    this.box.replaceChildren();
    this.box.dataset.dropped = String(this.dropped);
    const alert = this.current;
    if (!alert) return;
    const card = el('div', 'alert');
    const head = el('div', 'alert-head');
    head.append(el('span', 'alert-user', alert.username), el('span', 'alert-verb', ' tipped '));
    head.append(el('span', 'alert-amount', formatTokens(alert.tokens)));
    card.append(head);
    if (alert.message) card.append(el('div', 'alert-message', alert.message));
    this.box.append(card);
  }
}
