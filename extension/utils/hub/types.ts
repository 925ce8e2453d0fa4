/** Hub state and the injected dependencies of HubClient (types shared with panels). */
import type { BackoffOptions } from '@/utils/shared/backoff';
import type { HubError } from '@/utils/hub/errors';
import type { StreamPosition } from '@/utils/hub/position';
import type { RecoveryOutcome } from '@/utils/hub/recovery';
import type { Timers } from '@/utils/shared/timers';
import type { GoalFrame, TipNote } from '@/utils/shared/room-types';
import type { HubEnvelope, IngestStatus, TierNotice, Usage } from '@/utils/shared/types';

export type { HubError } from '@/utils/hub/errors';
export type HubPhase = 'idle' | 'connecting' | 'live' | 'reconnecting' | 'signed_out';

export interface HubSnapshot {
  phase: HubPhase;
  broadcaster: string | null;
  lastOffset: number;
  /** the epoch `lastOffset` counts in (null: not known yet) */
  epoch: string | null;
  /** what the last (re)subscribe restored: the panel says so */
  recovery: RecoveryOutcome | null;
  /** epoch ms of the last event received */
  lastEventAt: number | null;
  /** epoch ms since when we have not been live (null while live) */
  disconnectedSince: number | null;
  /** true after OFFLINE_ALERT_MS without a live connection */
  offlineAlert: boolean;
  attempt: number;
  nextRetryAt: number | null;
  error: HubError | null;
}

/** The subset of a socket.io-client Socket the hub uses (see hub-socket.ts for the real one). */
export interface SocketLike {
  readonly connected: boolean;
  // Listener arguments are whatever the server sent; each handler validates its own payload.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  on(event: string, listener: (...args: any[]) => void): unknown;
  connect(): unknown;
  disconnect(): unknown;
  emitWithAck(event: string, payload: unknown, timeoutMs: number): Promise<unknown>;
}

export interface HubListener {
  onEvent(envelope: HubEnvelope): void;
  /** The recent feed, reloaded over REST because the missed events could not be replayed: replaces the feed. */
  onReload(envelopes: HubEnvelope[]): void;
  onSnapshot(snapshot: HubSnapshot): void;
  onIngest(status: IngestStatus): void;
  onUsage(usage: Usage): void;
  onTier(notice: TierNotice): void;
  /** the room's active goal moved (server-counted; see docs/rooms.md) */
  onGoal(frame: GoalFrame): void;
  /** a tip bought a menu item or is a big tip (the server decides both) */
  onTipNote(note: TipNote): void;
}

export interface HubDeps {
  createSocket(): SocketLike;
  /** Called when the server refuses the token; resolves true when a new token is available. */
  refreshToken(): Promise<boolean>;
  /** The current token, for `reauth` on a live socket. */
  getToken?(): Promise<string | null>;
  loadPosition(broadcaster: string): Promise<StreamPosition>;
  savePosition(broadcaster: string, position: StreamPosition): Promise<void>;
  /** The room's recent events up to `head` (GET /api/v1/events/{broadcaster}), for `recovered: false`. */
  loadRecent?(broadcaster: string, head: StreamPosition): Promise<HubEnvelope[]>;
  listener?: Partial<HubListener>;
  timers?: Timers;
  random?: () => number;
  backoff?: BackoffOptions;
}

/** How long a drop may last before the banner says so (a quick reconnect shows no banner). */
export const OFFLINE_ALERT_MS = 3_000;
export const ACK_TIMEOUT_MS = 10_000;

export function initialSnapshot(): HubSnapshot {
  return {
    phase: 'idle',
    broadcaster: null,
    lastOffset: 0,
    epoch: null,
    recovery: null,
    lastEventAt: null,
    disconnectedSince: null,
    offlineAlert: false,
    attempt: 0,
    nextRetryAt: null,
    error: null,
  };
}
