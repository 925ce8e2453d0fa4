import { describe, expect, it } from 'vitest';
import { RoomStream, type FrameItem, type KeyValue } from './stream';

class MemoryStore implements KeyValue {
  readonly items = new Map<string, string>();
  getItem(key: string): string | null {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    this.items.set(key, value);
  }
}

const tip = (offset: number, tokens: number, username = 'fan'): FrameItem => ({
  offset,
  event: { method: 'tip', broadcaster: 'room', user: { username }, tip: { tokens } },
});
const chat = (offset: number): FrameItem => ({ offset, event: { method: 'chatMessage', broadcaster: 'room' } });

/** A stream that subscribed once to a server with epochs and stands at `offset`. */
function subscribed(store: KeyValue, offset: number, epoch = 'e1'): RoomStream {
  const stream = new RoomStream('room', store, () => 1_000);
  stream.subscribeRequest();
  stream.onAck({ ok: true, position: { offset, epoch }, recovered: false, replayed: 0 });
  return stream;
}

describe('subscribe request', () => {
  it('sends no since for a room never seen in this tab', () => {
    expect(new RoomStream('room', new MemoryStore()).subscribeRequest()).toEqual({ broadcaster: 'room' });
  });

  it('sends the kept {offset, epoch} after a reload of the page', () => {
    const store = new MemoryStore();
    subscribed(store, 41).onFrames([chat(42)]);
    expect(new RoomStream('room', store).subscribeRequest()).toEqual({
      broadcaster: 'room',
      since: { offset: 42, epoch: 'e1' },
    });
  });

  it('keeps positions per room', () => {
    const store = new MemoryStore();
    subscribed(store, 7);
    expect(new RoomStream('other', store).subscribeRequest()).toEqual({ broadcaster: 'other' });
  });

  it('ignores a corrupt stored value', () => {
    const store = new MemoryStore();
    store.setItem('wcp.dashboard.live.room', '{not json');
    const stream = new RoomStream('room', store);
    expect(stream.subscribeRequest()).toEqual({ broadcaster: 'room' });
    expect(stream.counters.events).toBe(0);
  });
});

describe('frames', () => {
  it('counts event and events frames once each, in offset order', () => {
    const stream = subscribed(new MemoryStore(), 10);
    expect(stream.onFrames([tip(11, 25)])).toBe(1);
    expect(stream.onFrames([chat(13), tip(12, 5, 'bob'), tip(11, 25)])).toBe(2);
    expect(stream.counters).toMatchObject({ events: 3, tokens: 30, lastTip: 'bob tipped 5' });
    expect(stream.position).toEqual({ offset: 13, epoch: 'e1' });
  });

  it('skips frames at or before the position (a duplicate delivery)', () => {
    const stream = subscribed(new MemoryStore(), 10);
    expect(stream.onFrames([tip(9, 100), tip(10, 100)])).toBe(0);
    expect(stream.counters.tokens).toBe(0);
  });

  it('holds frames that arrive before the ack and applies the ones after the position', () => {
    const store = new MemoryStore();
    subscribed(store, 5);
    const stream = new RoomStream('room', store);
    stream.subscribeRequest();
    expect(stream.onFrames([tip(6, 10), tip(7, 20)])).toBe(0); // replayed before the ack
    const outcome = stream.onAck({ ok: true, position: { offset: 7, epoch: 'e1' }, recovered: true, replayed: 2 });
    expect(outcome).toEqual({ kind: 'recovered', replayed: 2 });
    expect(stream.counters).toMatchObject({ events: 2, tokens: 30 });
    expect(stream.position).toEqual({ offset: 7, epoch: 'e1' });
  });
});

describe('ack with positions (recovery)', () => {
  it('asks for a reload and restarts the counters when recovery failed', () => {
    const store = new MemoryStore();
    subscribed(store, 5).onFrames([tip(6, 50)]);
    let now = 1_000;
    const stream = new RoomStream('room', store, () => now);
    now = 9_000;
    stream.subscribeRequest();
    const outcome = stream.onAck({
      ok: true,
      position: { offset: 3, epoch: 'e2' },
      recovered: false,
      replayed: 0,
      reason: 'epoch_changed',
    });
    expect(outcome).toEqual({ kind: 'reload', reason: 'epoch_changed' });
    expect(stream.counters).toMatchObject({ events: 0, tokens: 0, sinceMs: 9_000 });
    expect(stream.position).toEqual({ offset: 3, epoch: 'e2' });
    expect(stream.onFrames([tip(4, 1)])).toBe(1); // the new epoch's numbering from there
  });

  it('does not ask for a reload on a first subscribe', () => {
    const stream = new RoomStream('room', new MemoryStore());
    stream.subscribeRequest();
    expect(stream.onAck({ ok: true, position: { offset: 90, epoch: 'e1' }, recovered: false, replayed: 0 })).toEqual({
      kind: 'fresh',
    });
  });

  it('never moves the position back when a live frame beat the ack', () => {
    const store = new MemoryStore();
    subscribed(store, 5);
    const stream = new RoomStream('room', store);
    stream.subscribeRequest();
    stream.onFrames([chat(6), chat(7)]);
    stream.onAck({ ok: true, position: { offset: 6, epoch: 'e1' }, recovered: true, replayed: 1 });
    expect(stream.position?.offset).toBe(7);
  });

  it('retries with the bare offset when the server rejects {offset, epoch}', () => {
    const store = new MemoryStore();
    subscribed(store, 12);
    const stream = new RoomStream('room', store);
    stream.subscribeRequest();
    expect(stream.onAck({ ok: false, code: 'invalid_since', message: 'since must be an integer' })).toEqual({
      kind: 'retry',
    });
    expect(stream.subscribeRequest()).toEqual({ broadcaster: 'room', since: 12 });
  });

  it('reports a refused subscribe', () => {
    const stream = new RoomStream('room', new MemoryStore());
    stream.subscribeRequest();
    expect(stream.onAck({ ok: false, code: 'forbidden', message: 'you may not subscribe' })).toEqual({
      kind: 'refused',
      message: 'you may not subscribe',
    });
  });
});

describe("today's server (ack without position)", () => {
  function legacy(store: KeyValue, head: number): RoomStream {
    const stream = new RoomStream('room', store);
    stream.subscribeRequest();
    stream.onAck({ ok: true, offset: head, replayed: 0 });
    return stream;
  }

  it('keeps the head with no epoch and resumes with the bare offset', () => {
    const store = new MemoryStore();
    legacy(store, 20).onFrames([chat(21)]);
    const stream = new RoomStream('room', store);
    expect(stream.subscribeRequest()).toEqual({ broadcaster: 'room', since: 21 });
    stream.onFrames([tip(22, 5)]);
    expect(stream.onAck({ ok: true, offset: 22, replayed: 1 })).toEqual({ kind: 'recovered', replayed: 1 });
    expect(stream.counters).toMatchObject({ events: 2, tokens: 5 });
  });

  it('takes a head behind the kept offset as a restarted history', () => {
    const store = new MemoryStore();
    legacy(store, 20).onFrames([tip(21, 9)]);
    const stream = new RoomStream('room', store);
    stream.subscribeRequest();
    expect(stream.onAck({ ok: true, offset: 2, replayed: 0 })).toEqual({ kind: 'reload', reason: 'history_reset' });
    expect(stream.counters.tokens).toBe(0);
    expect(stream.position).toEqual({ offset: 2, epoch: null });
  });
});
