/**
 * One room's stream as the hub client follows it: the position `{offset, epoch}` (saved), the frames it
 * applies (each offset once, in order), and what a (re)subscribe restored. When the missed events cannot
 * be replayed (`recovered: false`, or a `status` naming another epoch) the recent feed is reloaded over
 * REST, and the live frames that arrive meanwhile are applied after it.
 */
import { after, envelopesOf, StreamCursor } from '@/utils/hub/frames';
import { parsePosition, sinceOf, type StreamPosition } from '@/utils/hub/position';
import { readSubscribeAck, type RecoveryOutcome } from '@/utils/hub/recovery';
import type { TimerHandle, Timers } from '@/utils/shared/timers';
import type { HubEnvelope, SubscribeAck } from '@/utils/shared/types';

const SAVE_DEBOUNCE_MS = 500;

export interface RoomStreamDeps {
  broadcaster: string;
  position: StreamPosition;
  timers: Timers;
  savePosition(broadcaster: string, position: StreamPosition): Promise<void>;
  loadRecent?(broadcaster: string, head: StreamPosition): Promise<HubEnvelope[]>;
  onEvent?(envelope: HubEnvelope): void;
  onReload?(envelopes: HubEnvelope[]): void;
  /** the snapshot fields this stream owns changed */
  onChange(patch: { recovery?: RecoveryOutcome; lastEventAt?: number }): void;
}

/** One subscribe attempt: what was sent, and a ticket that a later attempt invalidates. */
export interface SubscribeAttempt {
  ticket: number;
  sent: StreamPosition;
  payload: { broadcaster: string; since: ReturnType<typeof sinceOf> };
}

export class RoomStream {
  private readonly cursor: StreamCursor;
  private tickets = 0;
  private saveTimer: TimerHandle | null = null;

  constructor(private readonly deps: RoomStreamDeps) {
    this.cursor = new StreamCursor(deps.position);
  }

  get position(): StreamPosition {
    return this.cursor.position;
  }

  /** Before `subscribe`: frames are held until its ack says which epoch they count in. */
  subscribing(): SubscribeAttempt {
    this.cursor.hold();
    const sent = this.cursor.position;
    return { ticket: ++this.tickets, sent, payload: { broadcaster: this.deps.broadcaster, since: sinceOf(sent) } };
  }

  isCurrent(ticket: number): boolean {
    return ticket === this.tickets;
  }

  /** The subscribe failed: nothing is held any more. */
  failed(): void {
    this.cursor.unhold();
  }

  /** An ok `subscribe` ack: apply the replay, or reload the recent feed when there was none. */
  subscribed(attempt: SubscribeAttempt, ack: SubscribeAck): Promise<void> {
    const { floor, outcome } = readSubscribeAck(ack, attempt.sent, this.deps.timers.now());
    return this.settle(attempt.ticket, floor, outcome);
  }

  /** `event`/`events` frames. */
  frame(name: 'event' | 'events', payload: unknown): void {
    this.apply(this.cursor.accept(envelopesOf(name, payload)));
  }

  /** A live `status` naming another epoch: the room was renumbered under us (as for `recovered: false`). */
  status(raw: unknown): void {
    const head = parsePosition((raw as { position?: unknown } | null)?.position);
    const { epoch } = this.cursor.position;
    if (!head || this.cursor.holding || epoch === null || head.epoch === epoch) return;
    const at = this.deps.timers.now();
    const outcome = { recovered: false, replayed: 0, reason: 'epoch_changed', cap: null, resumed: true, at };
    this.cursor.hold();
    void this.settle(++this.tickets, head, { ...outcome, reload: null, reloaded: 0 });
  }

  /** Save the position now if a save is pending (before the service worker may stop). */
  flush(force = false): void {
    if (this.saveTimer === null && !force) return;
    if (this.saveTimer !== null) this.deps.timers.clearTimeout(this.saveTimer);
    this.saveTimer = null;
    void this.deps.savePosition(this.deps.broadcaster, this.cursor.position).catch(() => undefined);
  }

  private async settle(ticket: number, floor: StreamPosition, outcome: RecoveryOutcome): Promise<void> {
    const reload = !outcome.recovered && this.deps.loadRecent !== undefined;
    this.deps.onChange({ recovery: reload ? { ...outcome, reload: 'loading' } : outcome });
    if (reload) await this.reload(ticket, floor, outcome);
    else this.release(floor);
  }

  /** The recent feed up to the head over REST, then the live frames held meanwhile. */
  private async reload(ticket: number, head: StreamPosition, outcome: RecoveryOutcome): Promise<void> {
    const envelopes = await this.deps.loadRecent!(this.deps.broadcaster, head).then(
      (items) => after(0, envelopesOf('events', { items })),
      () => null,
    );
    if (!this.isCurrent(ticket)) return;
    if (envelopes) this.deps.onReload?.(envelopes);
    const reloaded = envelopes?.length ?? 0;
    this.deps.onChange({ recovery: { ...outcome, reload: envelopes ? 'done' : 'failed', reloaded } });
    this.release({ offset: Math.max(head.offset, envelopes?.at(-1)?.offset ?? 0), epoch: head.epoch });
  }

  /** Settle at `floor` (a new epoch is saved at once), then apply what was held. */
  private release(floor: StreamPosition): void {
    const { fresh, newEpoch, moved } = this.cursor.release(floor);
    if (newEpoch) this.flush(true);
    else if (moved) this.saveSoon();
    this.apply(fresh);
  }

  private apply(fresh: HubEnvelope[]): void {
    if (!fresh.length) return;
    for (const envelope of fresh) this.deps.onEvent?.(envelope);
    this.saveSoon();
    this.deps.onChange({ lastEventAt: this.deps.timers.now() });
  }

  private saveSoon(): void {
    this.saveTimer ??= this.deps.timers.setTimeout(() => this.flush(), SAVE_DEBOUNCE_MS);
  }
}
