/**
 * One room's live stream position `{offset, epoch}` and live counters, kept per room in this
 * tab's sessionStorage, and the subscribe / recovery rules of the /hub protocol:
 * - subscribe sends `since: {offset, epoch}` (or the bare offset to a server without epochs);
 * - frames are `event {offset, event}` or `events {items: [...]}`, applied once, in offset order;
 * - the ack says `recovered: true` (the missed events came before it) or `false` (reload over
 *   REST). An ack without `position` is today's server: `offset` is the head, no epoch.
 * No DOM and no socket here, so the rules are unit-tested (stream.test.ts).
 */
import { isCount, loadRoom, saveRoom, type KeyValue, type Position, type RoomCounters, type Saved } from './roomstore';

export type { KeyValue, Position, RoomCounters } from './roomstore';

export interface HubEvent {
  method: string;
  broadcaster?: string;
  user?: { username?: string | null } | null;
  tip?: { tokens?: number | null } | null;
}

export interface FrameItem {
  offset: number;
  event: HubEvent;
}

export interface SubscribeAck {
  ok: boolean;
  code?: string;
  message?: string;
  position?: { offset: number; epoch: string };
  offset?: number;
  recovered?: boolean;
  replayed?: number;
  reason?: string;
}

export type Since = { offset: number; epoch: string } | number;

export interface SubscribeRequest {
  broadcaster: string;
  since?: Since;
}

export type Outcome =
  | { kind: 'fresh' } // nothing to recover: counting from now
  | { kind: 'recovered'; replayed: number } // every missed event arrived, in order
  | { kind: 'reload'; reason: string } // history lost or capped: reload the numbers over REST
  | { kind: 'retry' } // the server refused `{offset, epoch}`: subscribe again with the bare offset
  | { kind: 'refused'; message: string };

export class RoomStream {
  private state: Saved;
  private pending: FrameItem[] | null = null; // frames that arrive while a subscribe is in flight
  private sent: Since | undefined;

  constructor(
    readonly room: string,
    private readonly store: KeyValue,
    private readonly nowMs: () => number = Date.now,
  ) {
    this.state = loadRoom(store, room, nowMs());
  }

  get position(): Position | null {
    return this.state.position;
  }

  get counters(): RoomCounters {
    const { events, tokens, sinceMs, lastTip } = this.state;
    return { events, tokens, sinceMs, lastTip };
  }

  /** The subscribe message for now; frames are held until its ack. */
  subscribeRequest(): SubscribeRequest {
    const at = this.state.position;
    this.sent = at === null ? undefined : at.epoch === null ? at.offset : { offset: at.offset, epoch: at.epoch };
    this.pending = [];
    return this.sent === undefined ? { broadcaster: this.room } : { broadcaster: this.room, since: this.sent };
  }

  /** Frames of this room, from `event` or `events`; returns how many were new. */
  onFrames(items: FrameItem[]): number {
    if (this.pending !== null) {
      this.pending.push(...items);
      return 0;
    }
    const applied = this.apply(items);
    if (applied) this.save();
    return applied;
  }

  onAck(ack: SubscribeAck): Outcome {
    const held = this.pending ?? [];
    this.pending = null;
    if (!ack.ok) {
      if (ack.code === 'invalid_since' && typeof this.sent === 'object' && this.state.position) {
        this.state.position = { offset: this.state.position.offset, epoch: null };
        return { kind: 'retry' };
      }
      return { kind: 'refused', message: ack.message ?? 'not allowed' };
    }
    const outcome = ack.position ? this.withEpochs(ack, ack.position, held) : this.withoutEpochs(ack, held);
    this.save();
    return outcome;
  }

  private withEpochs(ack: SubscribeAck, head: { offset: number; epoch: string }, held: FrameItem[]): Outcome {
    if (this.sent !== undefined && ack.recovered === true) {
      this.apply(held);
      this.moveTo(head.offset, head.epoch);
      return { kind: 'recovered', replayed: ack.replayed ?? 0 };
    }
    if (this.sent !== undefined) this.restartCounting();
    this.state.position = { offset: head.offset, epoch: head.epoch };
    this.apply(held);
    return this.sent === undefined ? { kind: 'fresh' } : { kind: 'reload', reason: ack.reason ?? 'history_lost' };
  }

  /** Today's server: `offset` is the head; a head behind our offset means its history restarted. */
  private withoutEpochs(ack: SubscribeAck, held: FrameItem[]): Outcome {
    const head = isCount(ack.offset) ? ack.offset : 0;
    const sent = typeof this.sent === 'number' ? this.sent : this.sent?.offset;
    if (sent !== undefined && head >= sent) {
      const applied = this.apply(held);
      this.moveTo(head, null);
      return { kind: 'recovered', replayed: ack.replayed ?? applied };
    }
    if (sent !== undefined) this.restartCounting();
    this.state.position = { offset: head, epoch: null };
    this.apply(held);
    return sent === undefined ? { kind: 'fresh' } : { kind: 'reload', reason: 'history_reset' };
  }

  private moveTo(offset: number, epoch: string | null): void {
    const current = this.state.position?.offset ?? 0;
    this.state.position = { offset: Math.max(current, offset), epoch };
  }

  private restartCounting(): void {
    Object.assign(this.state, { events: 0, tokens: 0, sinceMs: this.nowMs(), lastTip: '' });
  }

  /** Count the items after the current position, once each, in offset order. */
  private apply(items: FrameItem[]): number {
    let last = this.state.position?.offset ?? 0;
    let applied = 0;
    for (const item of [...items].sort((a, b) => a.offset - b.offset)) {
      if (!isCount(item.offset) || item.offset <= last) continue; // a duplicate or a stale replay
      last = item.offset;
      applied += 1;
      this.count(item.event);
    }
    if (applied) this.state.position = { offset: last, epoch: this.state.position?.epoch ?? null };
    return applied;
  }

  private count(event: HubEvent): void {
    this.state.events += 1;
    const tokens = event.method === 'tip' ? Math.max(0, Number(event.tip?.tokens ?? 0) || 0) : 0;
    if (!tokens) return;
    this.state.tokens += tokens;
    this.state.lastTip = `${event.user?.username ?? 'anonymous'} tipped ${tokens}`;
  }

  private save(): void {
    saveRoom(this.store, this.room, this.state);
  }
}
