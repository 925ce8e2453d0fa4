/**
 * What a `subscribe` ack means for the feed. The server either replays every missed event
 * (`recovered: true`) or none (`recovered: false`: the panel reloads the recent feed over REST).
 * An older server answers `{ok, offset, replayed}` only; a head below ours then means its stream was reset.
 */
import { parsePosition, type StreamPosition } from '@/utils/hub/position';
import type { SubscribeAck } from '@/utils/shared/types';

/** How many recent events a reload brings back (the server pages up to 1000). */
export const RELOAD_LIMIT = 500;

export interface RecoveryOutcome {
  /** true: every missed event was replayed; false: none was, the recent feed is reloaded instead */
  recovered: boolean;
  replayed: number;
  /** why recovery failed (server: epoch_changed, replay_cap, history_lost, …; an older server: stream_reset) */
  reason: string | null;
  cap: { events: number; seconds: number } | null;
  /** false on a room's first subscribe (nothing was missed: the replay is the recent history) */
  resumed: boolean;
  /** recovered false: the reload over REST, and how many events it brought */
  reload: 'loading' | 'done' | 'failed' | null;
  reloaded: number;
  /** epoch ms of the ack */
  at: number;
}

export interface SubscribeOutcome {
  /** frames that arrived with the ack apply past this position (replayed ones past ours, else past the head) */
  floor: StreamPosition;
  outcome: RecoveryOutcome;
}

function outcome(patch: Partial<RecoveryOutcome> & Pick<RecoveryOutcome, 'recovered' | 'resumed' | 'at'>) {
  return { replayed: 0, reason: null, cap: null, reload: null, reloaded: 0, ...patch };
}

function capOf(raw: unknown): RecoveryOutcome['cap'] {
  const cap = raw as { events?: unknown; seconds?: unknown } | null;
  return typeof cap?.events === 'number' && typeof cap.seconds === 'number'
    ? { events: cap.events, seconds: cap.seconds }
    : null;
}

/** The outcome of an ok `subscribe` ack, given the position we sent. */
export function readSubscribeAck(ack: SubscribeAck, sent: StreamPosition, at: number): SubscribeOutcome {
  const resumed = sent.offset > 0 || sent.epoch !== null;
  const replayed = typeof ack.replayed === 'number' ? ack.replayed : 0;
  const head = parsePosition(ack.position);
  if (head && typeof ack.recovered === 'boolean') {
    if (ack.recovered) {
      return {
        floor: { offset: sent.offset, epoch: head.epoch },
        outcome: outcome({ recovered: true, replayed, resumed, at }),
      };
    }
    const failed = outcome({ recovered: false, reason: ack.reason ?? null, cap: capOf(ack.cap), resumed, at });
    return { floor: head, outcome: failed };
  }
  // an older server: no epochs; its head offset below ours means the stream was reset
  if (typeof ack.offset === 'number' && ack.offset < sent.offset) {
    const reset = outcome({ recovered: false, reason: 'stream_reset', resumed, at });
    return { floor: { offset: ack.offset, epoch: null }, outcome: reset };
  }
  return { floor: { offset: sent.offset, epoch: null }, outcome: outcome({ recovered: true, replayed, resumed, at }) };
}

function plural(n: number, word: string): string {
  return `${n.toLocaleString('en')} ${word}${n === 1 ? '' : 's'}`;
}

/** Why the missed events could not be replayed, in the streamer's words. */
export function reasonText(result: Pick<RecoveryOutcome, 'reason' | 'cap'>): string {
  switch (result.reason) {
    case 'epoch_changed':
    case 'stream_reset':
      return "the server's event history was reset";
    case 'replay_cap': {
      const cap = result.cap;
      if (!cap) return 'too many events were missed to replay';
      return `more than ${plural(cap.events, 'event')} or ${plural(Math.round(cap.seconds / 60), 'minute')} were missed`;
    }
    case 'history_lost':
      return 'the missed events are no longer kept on the server';
    case 'history_unavailable':
      return "the server's event store is unavailable";
    case 'ahead_of_stream':
      return "the server's stream is behind this panel";
    default:
      return result.reason ? `server: ${result.reason}` : 'nothing to resume from';
  }
}

/** The line the panel shows after a (re)subscribe, or null when there is nothing to say. */
export function outcomeMessage(result: RecoveryOutcome): string | null {
  if (result.recovered) {
    if (!result.resumed) return null;
    return result.replayed > 0
      ? `Caught up, ${plural(result.replayed, 'missed event')} restored`
      : 'Caught up, no events missed';
  }
  if (!result.resumed && result.reload !== 'failed') return null; // a first subscribe lost nothing
  const why = reasonText(result);
  switch (result.reload) {
    case 'loading':
      return `Reloading the recent feed (${why})…`;
    case 'done':
      return `History reloaded (${why}): the ${plural(result.reloaded, 'most recent event')}`;
    case 'failed':
      return `History could not be reloaded (${why}); events from now on are live`;
    default:
      return `Missed events could not be restored (${why})`;
  }
}
