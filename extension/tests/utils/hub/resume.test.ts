/** HubClient against a scripted server: positions {offset, epoch}, event/events frames, recovery outcomes. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { HubClient } from '@/utils/hub/client';
import type { StreamPosition } from '@/utils/hub/position';
import type { HubDeps } from '@/utils/hub/types';
import type { HubEnvelope } from '@/utils/shared/types';
import { FakeSocket } from '@/tests/helpers/fake-socket';

const settle = () => vi.advanceTimersByTimeAsync(0);
const env = (offset: number, id = `e${offset}`): HubEnvelope => ({
  offset,
  event: { id, broadcaster: 'alice', method: 'chatMessage' },
});
const batch = (...offsets: number[]) => ({ items: offsets.map((o) => env(o)) });
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

function setup(start: StreamPosition, overrides: Partial<HubDeps> = {}) {
  const socket = new FakeSocket();
  const received: number[] = [];
  const reloads: number[][] = [];
  const saved: StreamPosition[] = [];
  const hub = new HubClient({
    createSocket: () => socket,
    refreshToken: async () => true,
    loadPosition: async () => start,
    savePosition: async (_b, position) => void saved.push(position),
    random: () => 1,
    listener: {
      onEvent: (e) => received.push(e.offset),
      onReload: (list) => reloads.push(list.map((e) => e.offset)),
    },
    ...overrides,
  });
  return { hub, socket, received, reloads, saved };
}

/** The server's answer to subscribe: `frames` are sent before the ack, as the hub replays. */
function answer(socket: FakeSocket, ack: object, frames: [string, unknown][] = []) {
  socket.respond = (event) => {
    if (event !== 'subscribe') return { ok: true };
    frames.forEach(([name, payload]) => socket.fire(name, payload));
    return { ok: true, ...ack };
  };
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('HubClient positions', () => {
  it('sends its stored position as since {offset, epoch}', async () => {
    const { hub, socket } = setup({ offset: 41, epoch: 'e1' });
    await hub.start('alice');
    socket.accept();
    await settle();
    expect(socket.subscribes()).toEqual([{ broadcaster: 'alice', since: { offset: 41, epoch: 'e1' } }]);
  });

  it('sends a bare offset while the epoch is unknown, then the epoch the server named', async () => {
    const { hub, socket, saved } = setup({ offset: 41, epoch: null });
    answer(socket, { position: { offset: 41, epoch: 'e7' }, recovered: true, replayed: 0 });
    await hub.start('alice');
    socket.accept();
    await settle();
    expect(saved.at(-1)).toEqual({ offset: 41, epoch: 'e7' }); // a new epoch is saved at once
    socket.drop();
    await vi.advanceTimersByTimeAsync(1_000);
    socket.accept();
    await settle();
    expect(socket.subscribes()).toEqual([
      { broadcaster: 'alice', since: 41 },
      { broadcaster: 'alice', since: { offset: 41, epoch: 'e7' } },
    ]);
  });

  it('applies event and events frames in order, each offset once', async () => {
    const { hub, socket, received } = setup({ offset: 4, epoch: 'e1' });
    answer(socket, { position: { offset: 4, epoch: 'e1' }, recovered: true, replayed: 0 });
    await hub.start('alice');
    socket.accept();
    await settle();
    socket.fire('event', env(5));
    socket.fire('events', batch(7, 6, 8));
    socket.fire('events', batch(8, 9));
    socket.fire('event', env(9));
    socket.fire('event', env(3));
    expect(received).toEqual([5, 6, 7, 8, 9]);
    expect(hub.snapshot).toMatchObject({ lastOffset: 9, epoch: 'e1' });
  });
});

describe('HubClient recovery', () => {
  it('recovered: applies the replay (sent as batches before the ack) and says how many were restored', async () => {
    const { hub, socket, received } = setup({ offset: 40, epoch: 'e1' });
    answer(socket, { position: { offset: 45, epoch: 'e1' }, recovered: true, replayed: 5 }, [
      ['events', batch(41, 42, 43)],
      ['events', batch(44, 45)],
    ]);
    await hub.start('alice');
    socket.accept();
    await settle();
    socket.fire('event', env(45)); // a live copy of the last replayed event
    socket.fire('event', env(46));
    expect(received).toEqual(range(41, 46));
    expect(hub.snapshot.recovery).toMatchObject({ recovered: true, replayed: 5, resumed: true, reload: null });
  });

  it('not recovered: reloads the recent feed up to the head, then the live frames that came meanwhile', async () => {
    let finish: (items: HubEnvelope[]) => void = () => undefined;
    const loadRecent = vi.fn(() => new Promise<HubEnvelope[]>((resolve) => (finish = resolve)));
    const { hub, socket, received, reloads, saved } = setup({ offset: 900, epoch: 'old' }, { loadRecent });
    answer(socket, { position: { offset: 3, epoch: 'new' }, recovered: false, replayed: 0, reason: 'epoch_changed' });
    await hub.start('alice');
    socket.accept();
    await settle();
    expect(loadRecent).toHaveBeenCalledWith('alice', { offset: 3, epoch: 'new' });
    expect(hub.snapshot.recovery).toMatchObject({ recovered: false, reason: 'epoch_changed', reload: 'loading' });
    socket.fire('event', env(4)); // live, while the reload is in flight: offsets far below our old 900
    socket.fire('events', batch(5, 6));
    expect(received).toEqual([]);
    finish([env(1), env(2), env(3), env(4)]); // the page already reaches 4
    await settle();
    expect(reloads).toEqual([[1, 2, 3, 4]]);
    expect(received).toEqual([5, 6]);
    expect(hub.snapshot).toMatchObject({ lastOffset: 6, epoch: 'new' });
    expect(hub.snapshot.recovery).toMatchObject({ reload: 'done', reloaded: 4 });
    expect(saved[0]).toEqual({ offset: 6, epoch: 'new' }); // a new epoch is saved at once
  });

  it('says when the reload failed, and goes on live from the head', async () => {
    const loadRecent = vi.fn(async () => Promise.reject(new Error('503')));
    const { hub, socket, received, reloads } = setup({ offset: 20, epoch: 'e1' }, { loadRecent });
    const cap = { events: 10_000, seconds: 600 };
    answer(socket, { position: { offset: 20_050, epoch: 'e1' }, recovered: false, reason: 'replay_cap', cap }, [
      ['event', env(20_051)],
    ]);
    await hub.start('alice');
    socket.accept();
    await settle();
    expect(reloads).toEqual([]);
    expect(received).toEqual([20_051]);
    expect(hub.snapshot.recovery).toMatchObject({ reason: 'replay_cap', cap, reload: 'failed' });
  });

  it('drops a reload that answers after a newer subscribe', async () => {
    const finishers: ((items: HubEnvelope[]) => void)[] = [];
    const loadRecent = () => new Promise<HubEnvelope[]>((resolve) => finishers.push(resolve));
    const { hub, socket, reloads } = setup({ offset: 9, epoch: 'a' }, { loadRecent });
    answer(socket, { position: { offset: 2, epoch: 'b' }, recovered: false, reason: 'epoch_changed' });
    await hub.start('alice');
    socket.accept();
    await settle();
    socket.drop();
    await vi.advanceTimersByTimeAsync(1_000);
    socket.accept();
    await settle();
    finishers[0]!([env(1), env(2)]); // the first reload, late
    await settle();
    expect(reloads).toEqual([]);
    finishers[1]!([env(1), env(2)]);
    await settle();
    expect(reloads).toEqual([[1, 2]]);
  });

  it('a live status naming another epoch (the room was renumbered) reloads as recovered: false does', async () => {
    const loadRecent = vi.fn(async () => [env(30), env(31)]);
    const { hub, socket, received, reloads } = setup({ offset: 10, epoch: 'e1' }, { loadRecent });
    answer(socket, { position: { offset: 10, epoch: 'e1' }, recovered: true, replayed: 0 }, [
      ['status', { ingest: 'extension', position: { offset: 10, epoch: 'e1' } }], // sent during the subscribe
    ]);
    await hub.start('alice');
    socket.accept();
    await settle();
    expect(loadRecent).not.toHaveBeenCalled();
    socket.fire('status', { ingest: 'extension', position: { offset: 10, epoch: 'e1' } });
    expect(loadRecent).not.toHaveBeenCalled();
    socket.fire('status', { ingest: 'extension', position: { offset: 31, epoch: 'local-9' } });
    socket.fire('event', env(32));
    await settle();
    expect(loadRecent).toHaveBeenCalledWith('alice', { offset: 31, epoch: 'local-9' });
    expect(reloads).toEqual([[30, 31]]);
    expect(received).toEqual([32]);
    expect(hub.snapshot).toMatchObject({ lastOffset: 32, epoch: 'local-9' });
    expect(hub.snapshot.recovery).toMatchObject({ recovered: false, reason: 'epoch_changed', reload: 'done' });
  });

  it('an older server: follows a head behind ours (stream reset) and applies what comes next', async () => {
    const { hub, socket, received } = setup({ offset: 900, epoch: null });
    answer(socket, { offset: 3, replayed: 0 });
    await hub.start('alice');
    socket.accept();
    await settle();
    socket.fire('event', env(4));
    expect(received).toEqual([4]);
    expect(hub.snapshot.recovery).toMatchObject({ recovered: false, reason: 'stream_reset' });
  });
});
