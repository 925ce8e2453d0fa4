/**
 * The hub connection state machine (background only). Pure TS: the socket factory, timers and storage
 * are injected, so reconnect/resume behaviour is tested with fake timers (tests/utils/hub/client.test.ts).
 */
import { backoffDelay, DEFAULT_BACKOFF } from '@/utils/shared/backoff';
import { parseConnectError, type HubError } from '@/utils/hub/errors';
import type { StreamPosition } from '@/utils/hub/position';
import { FRAME_NAMES } from '@/utils/hub/frames';
import { RoomStream } from '@/utils/hub/room-stream';
import {
  ACK_TIMEOUT_MS,
  initialSnapshot,
  OFFLINE_ALERT_MS,
  type HubDeps,
  type HubSnapshot,
  type SocketLike,
} from '@/utils/hub/types';
import type { GoalFrame, TipNote } from '@/utils/shared/room-types';
import { realTimers, type TimerHandle, type Timers } from '@/utils/shared/timers';
import type { IngestStatus, PublishAck, PublishEvent, SubscribeAck, TierNotice, Usage } from '@/utils/shared/types';

const AUTH_CODES = new Set(['token_expired', 'unauthorized', 'invalid_token']);
/** Refusals that waiting will not fix by itself: the streamer is told at once. */
const ALERT_AT_ONCE = new Set(['too_many_connections']);

export class HubClient {
  private state = initialSnapshot();
  private socket: SocketLike | null = null;
  private retryTimer: TimerHandle | null = null;
  private alertTimer: TimerHandle | null = null;
  private refreshedSinceLive = false;
  /** The room's position and frames (null while stopped). */
  private stream: RoomStream | null = null;
  private readonly timers: Timers;

  constructor(private readonly deps: HubDeps) {
    this.timers = deps.timers ?? realTimers;
  }

  get snapshot(): HubSnapshot {
    const position = this.stream?.position;
    return { ...this.state, lastOffset: position?.offset ?? 0, epoch: position?.epoch ?? null };
  }

  async start(broadcaster: string): Promise<void> {
    this.stop();
    this.stream = this.createStream(broadcaster, await this.deps.loadPosition(broadcaster));
    this.set({ ...initialSnapshot(), phase: 'connecting', broadcaster });
    this.markNotLive();
    this.socket = this.deps.createSocket();
    this.bind(this.socket);
    this.socket.connect();
  }

  stop(): void {
    this.clearTimers();
    this.stream?.flush();
    this.stream = null;
    const socket = this.socket;
    this.socket = null; // handlers check this, so our own disconnect is not treated as a drop
    socket?.disconnect();
    if (this.state.phase !== 'idle') this.set({ ...initialSnapshot() });
  }

  /** Send events seen by the content script; the ack says how many the server took. */
  async publish(events: PublishEvent[]): Promise<PublishAck> {
    const socket = this.socket;
    if (!socket || this.state.phase !== 'live') throw new Error('not connected');
    return (await socket.emitWithAck('publish', events, ACK_TIMEOUT_MS)) as PublishAck;
  }

  /**
   * Hand a fresh token to the live socket (`reauth`), so the server keeps accepting publishes after
   * the old token's expiry. The server also asks for it with a `reauth` push.
   */
  async reauth(forceRefresh = false): Promise<boolean> {
    const socket = this.socket;
    if (!socket || this.state.phase !== 'live' || !this.deps.getToken) return false;
    if (forceRefresh && !(await this.deps.refreshToken().catch(() => false))) return false;
    const token = await this.deps.getToken();
    if (!token || this.socket !== socket) return false;
    const ack = (await socket.emitWithAck('reauth', { token }, ACK_TIMEOUT_MS).catch(() => null)) as {
      ok?: boolean;
    } | null;
    return ack?.ok === true;
  }

  /** Skip the remaining backoff (e.g. the browser came back online). */
  reconnectNow(): void {
    if (!this.socket || this.state.phase === 'live' || this.state.phase === 'idle') return;
    this.clear('retryTimer');
    this.set({ nextRetryAt: null });
    this.socket.connect();
  }

  private bind(socket: SocketLike): void {
    const mine =
      (fn: (...args: unknown[]) => void) =>
      (...args: unknown[]) => {
        if (this.socket === socket) fn(...args);
      };
    socket.on(
      'connect',
      mine(() => void this.onConnect(socket)),
    );
    socket.on(
      'disconnect',
      mine((reason) => {
        if (reason !== 'io client disconnect') this.onDrop({ code: 'disconnected', message: String(reason) });
      }),
    );
    socket.on(
      'connect_error',
      mine((err) => void this.onConnectError(parseConnectError(err))),
    );
    for (const frame of FRAME_NAMES) {
      socket.on(
        frame,
        mine((payload) => this.stream?.frame(frame, payload)),
      );
    }
    socket.on(
      'status',
      mine((s) => {
        this.deps.listener?.onIngest?.(s as IngestStatus);
        this.stream?.status(s);
      }),
    );
    socket.on(
      'usage',
      mine((u) => this.deps.listener?.onUsage?.(u as Usage)),
    );
    socket.on(
      'tier',
      mine((t) => this.deps.listener?.onTier?.(t as TierNotice)),
    );
    socket.on(
      'goal',
      mine((frame) => this.deps.listener?.onGoal?.(frame as GoalFrame)),
    );
    socket.on(
      'tip_note',
      mine((note) => this.deps.listener?.onTipNote?.(note as TipNote)),
    );
    socket.on(
      'reauth',
      mine(() => void this.reauth(true)),
    );
  }

  private async onConnect(socket: SocketLike): Promise<void> {
    const stream = this.stream;
    if (!stream) return;
    const attempt = stream.subscribing();
    let ack: SubscribeAck;
    try {
      ack = (await socket.emitWithAck('subscribe', attempt.payload, ACK_TIMEOUT_MS)) as SubscribeAck;
    } catch {
      ack = { ok: false, code: 'timeout', message: 'The server did not answer the subscription', request_id: null };
    }
    if (this.socket !== socket || this.stream !== stream || !stream.isCurrent(attempt.ticket)) return;
    if (!ack?.ok) {
      stream.failed();
      this.onDrop({ code: ack?.code ?? 'subscribe_failed', message: ack?.message ?? 'Subscription refused' });
      socket.disconnect();
      return;
    }
    this.clearTimers(['retryTimer', 'alertTimer']);
    this.refreshedSinceLive = false;
    this.set({
      phase: 'live',
      attempt: 0,
      nextRetryAt: null,
      disconnectedSince: null,
      offlineAlert: false,
      error: null,
    });
    await stream.subscribed(attempt, ack);
  }

  private createStream(broadcaster: string, position: StreamPosition): RoomStream {
    const { listener } = this.deps;
    const stream: RoomStream = new RoomStream({
      broadcaster,
      position,
      timers: this.timers,
      savePosition: (room, at) => this.deps.savePosition(room, at),
      loadRecent: this.deps.loadRecent && ((room, head) => this.deps.loadRecent!(room, head)),
      onEvent: (envelope) => listener?.onEvent?.(envelope),
      onReload: (envelopes) => listener?.onReload?.(envelopes),
      onChange: (patch) => {
        if (this.stream === stream) this.set(patch);
      },
    });
    return stream;
  }

  private async onConnectError(error: HubError): Promise<void> {
    if (AUTH_CODES.has(error.code) && !this.refreshedSinceLive) {
      this.refreshedSinceLive = true;
      const socket = this.socket;
      const refreshed = await this.deps.refreshToken().catch(() => false);
      if (this.socket !== socket || !socket) return;
      if (refreshed) {
        socket.connect(); // the auth callback reads the new token
        return;
      }
      this.clearTimers(['retryTimer']);
      this.set({ phase: 'signed_out', error, nextRetryAt: null });
      return;
    }
    this.onDrop(error);
    if (ALERT_AT_ONCE.has(error.code)) this.set({ offlineAlert: true });
  }

  private onDrop(error: HubError): void {
    if (!this.socket) return;
    this.stream?.flush();
    this.markNotLive();
    const delay = backoffDelay(this.state.attempt, this.deps.backoff ?? DEFAULT_BACKOFF, this.deps.random);
    this.clear('retryTimer');
    const socket = this.socket;
    this.retryTimer = this.timers.setTimeout(() => {
      this.retryTimer = null;
      if (this.socket === socket) socket.connect();
    }, delay);
    this.set({ phase: 'reconnecting', error, attempt: this.state.attempt + 1, nextRetryAt: this.timers.now() + delay });
  }

  private markNotLive(): void {
    if (this.state.disconnectedSince !== null) return; // already counting
    const since = this.timers.now();
    this.state.disconnectedSince = since;
    this.clear('alertTimer');
    this.alertTimer = this.timers.setTimeout(() => {
      this.alertTimer = null;
      this.set({ offlineAlert: true });
    }, OFFLINE_ALERT_MS);
  }

  private clear(name: 'retryTimer' | 'alertTimer'): void {
    const handle = this[name];
    if (handle !== null) this.timers.clearTimeout(handle);
    this[name] = null;
  }

  private clearTimers(names: ('retryTimer' | 'alertTimer')[] = ['retryTimer', 'alertTimer']): void {
    names.forEach((name) => this.clear(name));
  }

  private set(patch: Partial<HubSnapshot>): void {
    this.state = { ...this.state, ...patch };
    this.emitSnapshot();
  }

  private emitSnapshot(): void {
    this.deps.listener?.onSnapshot?.(this.snapshot);
  }
}
