import { describe, expect, it } from 'vitest';
import { OverlayConnection, type Status } from '../src/connection';
import type { GoalFrame, OverlayState } from '../src/types';
import { asSocket, eventItem, FakeSocket, fakeFetch, settle, state, type FakeResponse } from './fakes';

const KEY = 'ovk_test_key_1';
const TOP = state('top', { leaders: [], king: null }, { offset: 10, epoch: 'e1' });

function setup(responses: FakeResponse[]) {
  const socket = new FakeSocket();
  const fetch = fakeFetch(responses);
  const opened: { url: string; key: string }[] = [];
  const seen = {
    states: [] as OverlayState[],
    offsets: [] as number[],
    goals: [] as GoalFrame[],
    terminal: [] as string[],
    statuses: [] as Status[],
  };
  const connection = new OverlayConnection(
    {
      server: 'http://srv.test',
      key: KEY,
      fetch,
      retryDelay: () => 1,
      socket: (url, key) => {
        opened.push({ url, key });
        return asSocket(socket);
      },
    },
    {
      state: (s) => seen.states.push(s),
      event: (item) => seen.offsets.push(item.offset),
      goal: (frame) => seen.goals.push(frame),
      terminal: (code) => seen.terminal.push(code),
      status: (s) => seen.statuses.push(s),
    },
  );
  return { socket, fetch, opened, seen, connection };
}

async function live(responses: FakeResponse[] = [{ status: 200, body: TOP }]) {
  const t = setup(responses);
  await t.connection.start();
  t.socket.send('connect');
  t.socket.lastSubscribe.ack({
    ok: true,
    position: { offset: 10, epoch: 'e1' },
    recovered: true,
    replayed: 0,
  });
  return t;
}

describe('OverlayConnection', () => {
  it('loads the state with the key, then subscribes on /hub from its position', async () => {
    const t = setup([{ status: 200, body: TOP }]);
    await t.connection.start();
    expect(t.fetch.calls).toEqual([{ url: 'http://srv.test/api/v1/overlay/state', key: KEY }]);
    expect(t.opened).toEqual([{ url: 'http://srv.test/hub', key: KEY }]);
    t.socket.send('connect');
    expect(t.socket.lastSubscribe.since).toEqual({ offset: 10, epoch: 'e1' });
    t.socket.lastSubscribe.ack({
      ok: true,
      position: { offset: 10, epoch: 'e1' },
      recovered: true,
      replayed: 0,
    });
    expect(t.seen.statuses.at(-1)).toBe('live');
  });

  it('applies each offset once, in order, from single and batched frames', async () => {
    const t = await live();
    t.socket.send('event', eventItem(11, 'tip'));
    t.socket.send('event', eventItem(11, 'tip'));
    t.socket.send('event', eventItem(9, 'tip'));
    t.socket.send('events', { items: [eventItem(12, 'tip'), eventItem(13, 'follow'), eventItem(12, 'tip')] });
    t.socket.send('event', eventItem(14, 'tip'));
    expect(t.seen.offsets).toEqual([11, 12, 13, 14]);
  });

  it('resubscribes from the last position seen after a blip and drops replayed repeats', async () => {
    const t = await live();
    t.socket.send('events', { items: [eventItem(11, 'tip'), eventItem(12, 'tip')] });
    t.socket.send('disconnect', 'transport close');
    t.socket.send('connect');
    expect(t.socket.lastSubscribe.since).toEqual({ offset: 12, epoch: 'e1' });
    t.socket.send('events', { items: [eventItem(12, 'tip'), eventItem(13, 'tip')] });
    t.socket.lastSubscribe.ack({
      ok: true,
      position: { offset: 13, epoch: 'e1' },
      recovered: true,
      replayed: 1,
    });
    await settle();
    expect(t.seen.offsets).toEqual([11, 12, 13]);
    expect(t.fetch.calls).toHaveLength(1);
  });

  it('re-fetches the state when not recovered, holding live frames until it is applied', async () => {
    const fresh = state('top', { leaders: [], king: null }, { offset: 20, epoch: 'e1' });
    const t = await live([
      { status: 200, body: TOP },
      { status: 200, body: fresh },
    ]);
    t.socket.send('connect');
    t.socket.lastSubscribe.ack({
      ok: true,
      position: { offset: 20, epoch: 'e1' },
      recovered: false,
      replayed: 0,
    });
    t.socket.send('event', eventItem(19, 'tip')); // already counted in the fresh state
    t.socket.send('event', eventItem(21, 'tip'));
    expect(t.seen.offsets).toEqual([]);
    await settle();
    expect(t.seen.states.map((s) => s.position.offset)).toEqual([10, 20]);
    expect(t.seen.offsets).toEqual([21]);
    expect(t.connection.cursor.position).toEqual({ offset: 21, epoch: 'e1' });
  });

  it('re-fetches the state when the server is on a new epoch', async () => {
    const fresh = state('top', { leaders: [], king: null }, { offset: 3, epoch: 'e2' });
    const t = await live([
      { status: 200, body: TOP },
      { status: 200, body: fresh },
    ]);
    t.socket.send('connect');
    t.socket.lastSubscribe.ack({
      ok: true,
      position: { offset: 3, epoch: 'e2' },
      recovered: true,
      replayed: 0,
    });
    await settle();
    expect(t.fetch.calls).toHaveLength(2);
    t.socket.send('event', eventItem(4, 'tip'));
    expect(t.seen.offsets).toEqual([4]);
  });

  it('passes goal frames on, keeping the last one while a state is loading', async () => {
    const t = await live([
      { status: 200, body: TOP },
      { status: 200, body: TOP },
    ]);
    const frame = (progress: number): GoalFrame => ({
      broadcaster: 'r',
      goal: { label: 'g', target: 100, progress, completed: false },
      next: null,
    });
    t.socket.send('goal', frame(10));
    t.socket.send('connect');
    t.socket.lastSubscribe.ack({
      ok: true,
      position: { offset: 10, epoch: 'e1' },
      recovered: false,
      replayed: 0,
    });
    t.socket.send('goal', frame(20));
    t.socket.send('goal', frame(30));
    await settle();
    expect(t.seen.goals.map((g) => g.goal?.progress)).toEqual([10, 30]);
  });

  it('stops for good on a revoked key at connect, and stops reconnecting', async () => {
    const t = setup([{ status: 200, body: TOP }]);
    await t.connection.start();
    const error = Object.assign(new Error('revoked'), {
      data: { code: 'overlay_key_revoked', message: 'revoked' },
    });
    t.socket.send('connect_error', error);
    expect(t.seen.terminal).toEqual(['overlay_key_revoked']);
    expect(t.socket.disconnected).toBe(true);
    expect(t.seen.statuses.at(-1)).toBe('stopped');
  });

  it('keeps trying after a connect error that is not about the key', async () => {
    const t = setup([{ status: 200, body: TOP }]);
    await t.connection.start();
    t.socket.send('connect_error', new Error('xhr poll error'));
    expect(t.seen.terminal).toEqual([]);
    expect(t.socket.disconnected).toBe(false);
    expect(t.seen.statuses.at(-1)).toBe('offline');
  });

  it('stops on an overlay_revoked frame and on a terminal subscribe refusal', async () => {
    const t = await live();
    t.socket.send('overlay_revoked', { code: 'overlay_key_revoked', message: 'gone' });
    t.socket.send('event', eventItem(11, 'tip'));
    expect(t.seen.terminal).toEqual(['overlay_key_revoked']);
    expect(t.seen.offsets).toEqual([]);

    const u = setup([{ status: 200, body: TOP }]);
    await u.connection.start();
    u.socket.send('connect');
    u.socket.lastSubscribe.ack({ ok: false, code: 'overlay_key_invalid', message: 'no' });
    expect(u.seen.terminal).toEqual(['overlay_key_invalid']);
  });

  it.each([
    [403, { code: 'overlay_key_revoked', message: 'revoked' }, 'overlay_key_revoked'],
    [401, { code: 'overlay_key_invalid', message: 'bad' }, 'overlay_key_invalid'],
    [401, 'not json at all', 'overlay_key_invalid'],
    [404, { code: 'not_found', message: 'no such overlay' }, 'overlay_not_found'],
  ])('treats REST %i as terminal and never opens the socket', async (status, body, code) => {
    const t = setup([{ status, body }]);
    await t.connection.start();
    expect(t.seen.terminal).toEqual([code]);
    expect(t.opened).toEqual([]);
  });

  it('retries a failing or malformed state load, then goes live', async () => {
    const t = setup([
      { status: 503, body: { code: 'unavailable', message: 'busy' } },
      { status: 200, body: { kind: 'goal' } },
      { status: 200, body: TOP },
    ]);
    await t.connection.start();
    await settle();
    await settle();
    expect(t.fetch.calls).toHaveLength(3);
    expect(t.opened).toHaveLength(1);
    expect(t.seen.terminal).toEqual([]);
  });
});
