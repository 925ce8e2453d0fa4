/**
 * The hub's event frames: `event {offset, event}` for one event, `events {items: [{offset, event}]}` for
 * several of one room (server/realtime/protocol.py). Both become envelopes in offset order; `after` keeps
 * only those past a position, each offset once (replays and redeliveries overlap).
 */
import type { StreamPosition } from '@/utils/hub/position';
import type { HubEnvelope } from '@/utils/shared/types';

export const FRAME_NAMES = ['event', 'events'] as const;
export type FrameName = (typeof FRAME_NAMES)[number];

function isEnvelope(item: unknown): item is HubEnvelope {
  const envelope = item as Partial<HubEnvelope> | null;
  return (
    Number.isInteger(envelope?.offset) &&
    typeof envelope?.event === 'object' &&
    envelope.event !== null &&
    typeof envelope.event.id === 'string'
  );
}

/** The envelopes a frame carries, valid ones only, sorted by offset. Unknown shapes carry none. */
export function envelopesOf(frame: FrameName, payload: unknown): HubEnvelope[] {
  let items: unknown[];
  if (frame === 'events') {
    const batch = (payload as { items?: unknown } | null)?.items;
    items = Array.isArray(batch) ? batch : Array.isArray(payload) ? payload : [];
  } else {
    items = Array.isArray(payload) ? payload : [payload]; // a list: what older servers sent
  }
  return items.filter(isEnvelope).sort((a, b) => a.offset - b.offset);
}

/** The envelopes of `sorted` past `offset`, each offset once (within one epoch). */
export function after(offset: number, sorted: readonly HubEnvelope[]): HubEnvelope[] {
  const fresh: HubEnvelope[] = [];
  let last = offset;
  for (const envelope of sorted) {
    if (envelope.offset <= last) continue;
    fresh.push(envelope);
    last = envelope.offset;
  }
  return fresh;
}

/**
 * Where the client stands in a room's stream, and the frames it applies: each offset once, in order.
 * While a subscribe is in flight frames are held, since until its ack the epoch they count in is unknown.
 */
export class StreamCursor {
  private held: HubEnvelope[] | null = null;

  constructor(private current: StreamPosition) {}

  get position(): StreamPosition {
    return { ...this.current };
  }

  get holding(): boolean {
    return this.held !== null;
  }

  hold(): void {
    this.held = [];
  }

  /** Forget what was held (the subscribe failed); frames apply directly again. */
  unhold(): void {
    this.held = null;
  }

  /** The envelopes to apply now: none while holding, else those past the position (which advances). */
  accept(envelopes: readonly HubEnvelope[]): HubEnvelope[] {
    if (this.held) {
      this.held.push(...envelopes);
      return [];
    }
    const fresh = after(this.current.offset, envelopes);
    if (fresh.length) this.current = { ...this.current, offset: fresh.at(-1)!.offset };
    return fresh;
  }

  /**
   * Settle at `floor` (the subscribe's outcome); returns the held envelopes past it, whether the epoch
   * changed, and whether the position moved at all.
   */
  release(floor: StreamPosition): { fresh: HubEnvelope[]; newEpoch: boolean; moved: boolean } {
    const held = (this.held ?? []).sort((a, b) => a.offset - b.offset);
    this.held = null;
    const newEpoch = floor.epoch !== this.current.epoch;
    const moved = newEpoch || floor.offset !== this.current.offset;
    this.current = { ...floor };
    return { fresh: this.accept(held), newEpoch, moved };
  }
}
