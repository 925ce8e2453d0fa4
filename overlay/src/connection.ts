/** REST state + the /hub socket + the stream position: nothing shown twice, nothing missed. */
import { fetchState, isTerminalCode, TerminalError } from './api';
import { StreamCursor } from './position';
import { isCodeMessage, openSocket, type SocketFactory, type SocketLike } from './socket';
import type { GoalFrame, OffsetEvent, OverlayState } from './types';

export type Status = 'loading' | 'live' | 'offline' | 'stopped';

export interface ConnectionHandlers {
  state(state: OverlayState): void;
  event(item: OffsetEvent): void;
  goal(frame: GoalFrame): void;
  terminal(code: string, message: string): void;
  status(status: Status): void;
}

export interface ConnectionOptions {
  server: string;
  key: string;
  fetch?: typeof fetch;
  socket?: SocketFactory;
  retryDelay?: (attempt: number) => number;
}

const BUFFER_CAP = 1000;

export class OverlayConnection {
  readonly cursor = new StreamCursor();
  private socket: SocketLike | null = null;
  private inFlight = false;
  private buffering = false;
  private pending: OffsetEvent[] = [];
  private pendingGoal: GoalFrame | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private attempt = 0;
  private stopped = false;
  private readonly fetcher: typeof fetch;

  constructor(
    private readonly options: ConnectionOptions,
    private readonly on: ConnectionHandlers,
  ) {
    this.fetcher = options.fetch ?? globalThis.fetch.bind(globalThis);
  }

  /** Load the state, then open the socket (subscribing from the state's position). */
  async start(): Promise<void> {
    this.on.status('loading');
    if ((await this.load()) && !this.socket && !this.stopped) this.open();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer !== null) clearTimeout(this.timer);
    this.socket?.disconnect();
    this.socket = null;
  }

  /** Fetch and apply the REST state; live frames wait in a bounded buffer meanwhile. */
  private async load(): Promise<boolean> {
    if (this.inFlight) return false;
    this.inFlight = this.buffering = true;
    try {
      const state = await fetchState(this.fetcher, this.options.server, this.options.key);
      if (this.stopped) return false;
      this.attempt = 0;
      this.cursor.reset(state.position);
      this.on.state(state);
      this.buffering = false;
      this.drain();
      return true;
    } catch (error) {
      if (error instanceof TerminalError) this.terminate(error.code, error.message);
      else this.later(() => void this.start());
      return false;
    } finally {
      this.inFlight = false;
    }
  }

  private open(): void {
    const socket = (this.options.socket ?? openSocket)(`${this.options.server}/hub`, this.options.key);
    this.socket = socket;
    socket.on('connect', () => this.subscribe());
    socket.on('disconnect', () => this.on.status('offline'));
    socket.on('connect_error', (error) => {
      if (isCodeMessage(error.data) && isTerminalCode(error.data.code)) {
        this.terminate(error.data.code, error.data.message);
      } else this.on.status('offline');
    });
    socket.on('event', (item) => this.receive([item]));
    socket.on('events', (frame) => this.receive(frame.items));
    socket.on('goal', (frame) => {
      if (this.stopped) return;
      if (this.buffering) this.pendingGoal = frame;
      else this.on.goal(frame);
    });
    socket.on('overlay_revoked', (frame) => this.terminate(frame.code, frame.message));
  }

  /** (Re)subscribe from the last position seen; the server replays what came after it. */
  private subscribe(): void {
    this.socket?.emit('subscribe', { since: this.cursor.position }, (ack) => {
      if (this.stopped) return;
      if (!ack.ok) {
        if (isTerminalCode(ack.code)) this.terminate(ack.code, ack.message);
        else this.later(() => this.subscribe());
        return;
      }
      this.attempt = 0;
      this.on.status('live');
      // Not recovered, or another stream (epoch): the gap is unknown, so the state is taken anew.
      if (!ack.recovered || !this.cursor.sameEpoch(ack.position)) void this.load();
    });
  }

  private receive(items: readonly OffsetEvent[] | undefined): void {
    if (!items || this.stopped) return;
    if (this.buffering) {
      this.pending.push(...items);
      if (this.pending.length > BUFFER_CAP) this.pending.splice(0, this.pending.length - BUFFER_CAP);
      return;
    }
    for (const item of items) {
      if (item?.event && this.cursor.accept(item.offset)) this.on.event(item);
    }
  }

  private drain(): void {
    const [items, goal] = [this.pending, this.pendingGoal];
    this.pending = [];
    this.pendingGoal = null;
    this.receive(items);
    if (goal) this.on.goal(goal);
  }

  private later(task: () => void): void {
    if (this.stopped) return;
    if (this.timer !== null) clearTimeout(this.timer);
    const delay = (this.options.retryDelay ?? ((n) => Math.min(30_000, 1000 * 2 ** n)))(this.attempt++);
    this.timer = setTimeout(() => {
      this.timer = null;
      task();
    }, delay);
  }

  private terminate(code: string, message: string): void {
    if (this.stopped) return;
    this.stop();
    this.on.status('stopped');
    this.on.terminal(code, message);
  }
}
