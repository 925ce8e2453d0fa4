/** Test doubles at the network edge: a fake socket.io socket and a fake fetch. */
import type { ServerFrames, SocketLike } from '../src/socket';
import type { OffsetEvent, OverlayState, Position, SubscribeAck } from '../src/types';
import type { EventMethod } from '../src/wire';

type Listener = (...args: never[]) => void;

export interface Subscribe {
  since: Position | null;
  ack: (ack: SubscribeAck) => void;
}

/** Records subscribes and lets a test play the server's frames. */
export class FakeSocket {
  readonly listeners = new Map<string, Listener[]>();
  readonly subscribes: Subscribe[] = [];
  disconnected = false;

  on(event: string, listener: Listener): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    return this;
  }

  emit(event: string, payload: { since: Position | null }, ack: (ack: SubscribeAck) => void): this {
    if (event === 'subscribe') this.subscribes.push({ since: payload.since, ack });
    return this;
  }

  disconnect(): this {
    this.disconnected = true;
    return this;
  }

  /** Deliver a server frame (or a reserved event such as `connect`). */
  send<E extends keyof ServerFrames>(event: E, ...args: Parameters<ServerFrames[E]>): void {
    for (const listener of this.listeners.get(event) ?? []) (listener as (...a: unknown[]) => void)(...args);
  }

  get lastSubscribe(): Subscribe {
    const last = this.subscribes.at(-1);
    if (!last) throw new Error('no subscribe sent');
    return last;
  }
}

export function asSocket(fake: FakeSocket): SocketLike {
  // The fake implements the three methods used; socket.io's overloads are wider than a test needs.
  return fake as unknown as SocketLike;
}

export interface FakeResponse {
  status: number;
  body: unknown;
}

/** A fetch answering from a queue of responses, recording each request's URL and key header. */
export function fakeFetch(
  responses: FakeResponse[],
): typeof fetch & { calls: { url: string; key: string | null }[] } {
  const calls: { url: string; key: string | null }[] = [];
  const fn = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    calls.push({ url: String(input), key: new Headers(init?.headers).get('X-Overlay-Key') });
    const next = responses.shift() ?? { status: 503, body: { code: 'unavailable', message: 'down' } };
    return new Response(JSON.stringify(next.body), {
      status: next.status,
      headers: { 'Content-Type': 'application/json' },
    });
  };
  return Object.assign(fn, { calls });
}

export function state<K extends OverlayState['kind']>(
  kind: K,
  body: Extract<OverlayState, { kind: K }>['state'],
  position: Position = { offset: 10, epoch: 'e1' },
  extra: Partial<Pick<OverlayState, 'watermark' | 'options'>> = {},
): OverlayState {
  return {
    kind,
    broadcaster: 'room',
    watermark: false,
    options: {},
    position,
    state: body,
    ...extra,
  } as OverlayState;
}

/** Let pending promise callbacks (the fake fetch) run. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 10; i += 1) await Promise.resolve();
  await new Promise((resolve) => setTimeout(resolve, 0));
}

export function tipItem(
  offset: number,
  username: string,
  tokens: number,
  isAnon = false,
  message = '',
): OffsetEvent {
  return { offset, event: { method: 'tip', user: { username }, tip: { tokens, isAnon, message } } };
}

/** `method` is a string: tests also send names the server never would (e.g. 'toString'). */
export function eventItem(offset: number, method: string, username = 'someone'): OffsetEvent {
  return { offset, event: { method: method as EventMethod, user: { username } } };
}
