/** Top tippers of the current broadcast with the king highlighted; kept live from tip events. */
import { el, formatTokens, RenderQueue, type Schedule } from '../render';
import type { KindView, Leader, OffsetEvent, OverlayState } from '../types';

export const SHOWN = 5;
export const TRACKED_CAP = 500;

interface Total {
  tokens: number;
  /** When the total last grew: of two equal totals, the one reached first ranks higher. */
  seq: number;
}

export class TopView implements KindView {
  private readonly totals = new Map<string, Total>();
  private seq = 0;
  private serverKing: string | null = null;
  private readonly queue: RenderQueue;
  private readonly box = el('ol', 'top');

  constructor(root: HTMLElement, schedule?: Schedule) {
    this.queue = new RenderQueue(() => this.render(), schedule);
    root.append(this.box);
  }

  setState(state: OverlayState): void {
    if (state.kind !== 'top') return;
    this.totals.clear();
    for (const leader of state.state.leaders)
      this.totals.set(leader.username, { tokens: leader.tokens, seq: this.seq++ });
    this.serverKing = state.state.king;
    this.queue.invalidate();
  }

  onEvent({ event }: OffsetEvent): void {
    if (event.method === 'broadcastStart') {
      this.totals.clear();
      this.serverKing = null;
    } else if (event.method === 'tip' && event.tip && !event.tip.isAnon && event.user?.username) {
      if (!(event.tip.tokens > 0)) return;
      const total = this.totals.get(event.user.username) ?? { tokens: 0, seq: 0 };
      this.totals.set(event.user.username, { tokens: total.tokens + event.tip.tokens, seq: this.seq++ });
      this.serverKing = null; // from the first local change on, the king is the top tipper
      if (this.totals.size > TRACKED_CAP) this.dropSmallest();
    } else return;
    this.queue.invalidate();
  }

  onGoal(): void {}

  flush(): void {
    this.queue.flush();
  }

  /** Highest total first; ties go to whoever reached the total first. */
  leaders(limit = SHOWN): Leader[] {
    return [...this.totals]
      .sort(([, a], [, b]) => b.tokens - a.tokens || a.seq - b.seq)
      .slice(0, limit)
      .map(([username, total]) => ({ username, tokens: total.tokens }));
  }

  king(): string | null {
    return this.serverKing ?? this.leaders(1)[0]?.username ?? null;
  }

  private dropSmallest(): void {
    let smallest: string | null = null;
    let least = Infinity;
    for (const [username, total] of this.totals) {
      if (total.tokens < least) [smallest, least] = [username, total.tokens];
    }
    if (smallest !== null) this.totals.delete(smallest);
  }

  private render(): void {
    const king = this.king();
    const rows = this.leaders().map((leader, index) => {
      const row = el('li', leader.username === king ? 'top-row is-king' : 'top-row');
      const rank = leader.username === king ? '👑' : `${index + 1}`;
      row.append(el('span', 'top-rank', rank), el('span', 'top-name', leader.username));
      row.append(el('span', 'top-tokens', formatTokens(leader.tokens)));
      return row;
    });
    this.box.replaceChildren(...rows);
    this.box.hidden = rows.length === 0;
  }
}
