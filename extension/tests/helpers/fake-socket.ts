import type { SocketLike } from '@/utils/hub/types';

type Listener = (...args: unknown[]) => void;

/** A scripted stand-in for the server side of one socket.io connection. */
export class FakeSocket implements SocketLike {
  connected = false;
  connectCalls = 0;
  emitted: { event: string; payload: unknown }[] = [];
  /** What the "server" acks; default: subscribe ok at head offset 0. */
  respond: (event: string, payload: unknown) => unknown = (event) =>
    event === 'subscribe' ? { ok: true, offset: 0, replayed: 0 } : { ok: true, accepted: 0, duplicates: 0, errors: [] };
  private listeners = new Map<string, Listener[]>();

  on(event: string, listener: Listener): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    return this;
  }
  connect(): this {
    this.connectCalls += 1;
    return this;
  }
  disconnect(): this {
    const was = this.connected;
    this.connected = false;
    if (was) this.fire('disconnect', 'io client disconnect');
    return this;
  }
  emitWithAck(event: string, payload: unknown): Promise<unknown> {
    this.emitted.push({ event, payload });
    return Promise.resolve(this.respond(event, payload));
  }

  fire(event: string, ...args: unknown[]): void {
    for (const listener of this.listeners.get(event) ?? []) listener(...args);
  }
  // server-side scripts
  accept(): void {
    this.connected = true;
    this.fire('connect');
  }
  drop(reason = 'transport close'): void {
    this.connected = false;
    this.fire('disconnect', reason);
  }
  refuse(data: { code: string; message: string } | null, message = 'refused'): void {
    this.fire('connect_error', Object.assign(new Error(message), data ? { data } : {}));
  }
  push(offset: number, id = `e${offset}`): void {
    this.fire('event', { offset, event: { id, broadcaster: 'alice', method: 'chatMessage' } });
  }
  subscribes(): unknown[] {
    return this.emitted.filter((e) => e.event === 'subscribe').map((e) => e.payload);
  }
}
