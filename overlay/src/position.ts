/** The client's place in the room stream: strict offset dedupe within one epoch. */
import type { Position } from './types';

export class StreamCursor {
  private current: Position | null = null;

  /** The last position applied (sent as `since` on every (re)subscribe). */
  get position(): Position | null {
    return this.current;
  }

  /** Take a position from a fresh REST state: everything up to it is in that state. */
  reset(position: Position): void {
    this.current = { offset: position.offset, epoch: position.epoch };
  }

  /** False when the server's stream is another one than the one we hold (re-fetch). */
  sameEpoch(position: Position): boolean {
    return this.current !== null && this.current.epoch === position.epoch;
  }

  /** True (and advance) for an offset after the last applied; false for a repeat or old one. */
  accept(offset: number): boolean {
    if (this.current === null || !Number.isFinite(offset) || offset <= this.current.offset) return false;
    this.current = { offset, epoch: this.current.epoch };
    return true;
  }
}
