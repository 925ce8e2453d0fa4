/**
 * A room's stream position `{offset, epoch}` (server: docs of `subscribe` in server/realtime/hub.py).
 * The epoch names one numbering of the room's history; offsets only compare within one epoch.
 */

export interface StreamPosition {
  /** the last offset applied (0: none yet) */
  offset: number;
  /** null: not known yet (a first subscribe, an offset stored before epochs, or an older server) */
  epoch: string | null;
}

export const NO_POSITION: StreamPosition = Object.freeze({ offset: 0, epoch: null });

/** What `subscribe` sends as `since`: the position, or the bare offset when no epoch is known. */
export function sinceOf(position: StreamPosition): number | { offset: number; epoch: string } {
  return position.epoch === null ? position.offset : { offset: position.offset, epoch: position.epoch };
}

/** A position as the server sends it, or null when `raw` is not one. */
export function parsePosition(raw: unknown): StreamPosition | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const { offset, epoch } = raw as { offset?: unknown; epoch?: unknown };
  if (!Number.isInteger(offset) || (offset as number) < 0 || typeof epoch !== 'string') return null;
  return { offset: offset as number, epoch };
}
