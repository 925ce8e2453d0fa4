import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { HubClient } from '@/utils/hub/client';
import type { StreamPosition } from '@/utils/hub/position';
import { OFFLINE_ALERT_MS, type HubDeps, type HubSnapshot } from '@/utils/hub/types';
import type { HubEnvelope } from '@/utils/shared/types';
import { FakeSocket } from '@/tests/helpers/fake-socket';
import { indicatorLabel } from '@/utils/hub/connection';

const settle = () => vi.advanceTimersByTimeAsync(0);

function setup(overrides: Partial<HubDeps> = {}, start: number | StreamPosition = 0) {
  const socket = new FakeSocket();
  const received: HubEnvelope[] = [];
  const snapshots: HubSnapshot[] = [];
  const saved: number[] = [];
  const deps: HubDeps = {
    createSocket: () => socket,
    refreshToken: vi.fn(async () => true),
    loadPosition: async () => (typeof start === 'number' ? { offset: start, epoch: null } : start),
    savePosition: async (_b, position) => void saved.push(position.offset),
    random: () => 1, // top of the jitter range: delays are exactly base·2^n, capped
    listener: { onEvent: (e) => received.push(e), onSnapshot: (s) => snapshots.push(s) },
    ...overrides,
  };
  const hub = new HubClient(deps);
  return { hub, socket, received, snapshots, saved, deps };
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('HubClient reconnect', () => {
  it('backs off exponentially from 0.5 s and caps at 5 s', async () => {
    const { hub, socket } = setup();
    await hub.start('alice');
    const delays: number[] = [];
    for (let i = 0; i < 8; i++) {
      socket.refuse(null, 'websocket error');
      await settle();
      const { nextRetryAt } = hub.snapshot;
      delays.push(nextRetryAt! - Date.now());
      const before = socket.connectCalls;
      await vi.advanceTimersByTimeAsync(delays[i]! - 1);
      expect(socket.connectCalls).toBe(before); // not early
      await vi.advanceTimersByTimeAsync(1);
      expect(socket.connectCalls).toBe(before + 1);
    }
    expect(delays).toEqual([500, 1000, 2000, 4000, 5000, 5000, 5000, 5000]);
    expect(hub.snapshot.phase).toBe('reconnecting');
  });

  it('keeps jittered delays within [half, full] of the exponential step', async () => {
    const { hub, socket } = setup({ random: () => 0 });
    await hub.start('alice');
    socket.refuse(null, 'websocket error');
    await settle();
    expect(hub.snapshot.nextRetryAt! - Date.now()).toBe(250);
  });

  it('resets the backoff once live again', async () => {
    const { hub, socket } = setup();
    await hub.start('alice');
    socket.drop();
    socket.drop();
    expect(hub.snapshot.attempt).toBe(2);
    socket.accept();
    await settle();
    expect(hub.snapshot).toMatchObject({ phase: 'live', attempt: 0, error: null });
  });

  it('does not reconnect after stop()', async () => {
    const { hub, socket } = setup();
    await hub.start('alice');
    socket.accept();
    await settle();
    hub.stop();
    await vi.advanceTimersByTimeAsync(120_000);
    expect(socket.connectCalls).toBe(1);
    expect(hub.snapshot.phase).toBe('idle');
  });
});

describe('HubClient resume', () => {
  it('subscribes with since = the stored offset', async () => {
    const { hub, socket } = setup({}, 41);
    await hub.start('alice');
    socket.accept();
    await settle();
    expect(socket.subscribes()).toEqual([{ broadcaster: 'alice', since: 41 }]);
  });

  it('resumes from the last offset received after a drop', async () => {
    const { hub, socket, saved } = setup({}, 41);
    await hub.start('alice');
    socket.accept();
    await settle();
    socket.push(42);
    socket.push(43);
    socket.drop();
    await vi.advanceTimersByTimeAsync(1000);
    socket.accept();
    await settle();
    expect(socket.subscribes().at(-1)).toEqual({ broadcaster: 'alice', since: 43 });
    expect(saved.at(-1)).toBe(43); // persisted for a service-worker restart
  });

  it('ignores duplicate and old offsets', async () => {
    const { hub, socket, received } = setup({}, 4);
    await hub.start('alice');
    socket.accept();
    await settle();
    [5, 6, 6, 4, 3, 7].forEach((o) => socket.push(o));
    expect(received.map((e) => e.offset)).toEqual([5, 6, 7]);
    expect(hub.snapshot.lastOffset).toBe(7);
  });

  it('follows the server when its head offset is behind ours (stream reset)', async () => {
    const { hub, socket, received } = setup({}, 900);
    socket.respond = () => ({ ok: true, offset: 3, replayed: 0 });
    await hub.start('alice');
    socket.accept();
    await settle();
    socket.push(4);
    expect(received.map((e) => e.offset)).toEqual([4]);
  });

  it('retries when the subscription is refused', async () => {
    const { hub, socket } = setup();
    socket.respond = () => ({ ok: false, code: 'forbidden', message: 'not your room' });
    await hub.start('alice');
    socket.accept();
    await settle();
    expect(hub.snapshot).toMatchObject({ phase: 'reconnecting', error: { code: 'forbidden' } });
  });
});

describe('HubClient offline alert', () => {
  it('raises the alert after 3 s without a connection and clears it when live', async () => {
    const { hub, socket } = setup();
    await hub.start('alice');
    socket.accept();
    await settle();
    socket.drop();
    await vi.advanceTimersByTimeAsync(OFFLINE_ALERT_MS - 1);
    expect(hub.snapshot.offlineAlert).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(hub.snapshot).toMatchObject({ offlineAlert: true, phase: 'reconnecting' });
    socket.accept();
    await settle();
    expect(hub.snapshot).toMatchObject({ offlineAlert: false, disconnectedSince: null, phase: 'live' });
  });

  it('counts from the first failure, not from each retry', async () => {
    const { hub, socket } = setup();
    await hub.start('alice');
    const since = hub.snapshot.disconnectedSince;
    for (let i = 0; i < 4; i++) {
      socket.refuse(null, 'websocket error');
      await vi.advanceTimersByTimeAsync(600);
    }
    expect(hub.snapshot.disconnectedSince).toBe(since);
    expect(hub.snapshot.offlineAlert).toBe(false);
    await vi.advanceTimersByTimeAsync(OFFLINE_ALERT_MS - 2_400);
    expect(hub.snapshot.offlineAlert).toBe(true);
  });
});

describe('HubClient connection cap', () => {
  it('alerts at once when the plan has no free connection, and keeps retrying', async () => {
    const { hub, socket } = setup();
    await hub.start('alice');
    const message = 'the free tier allows 2 live connections; close one or upgrade';
    socket.refuse({ code: 'too_many_connections', message });
    await settle();
    expect(hub.snapshot).toMatchObject({
      phase: 'reconnecting',
      offlineAlert: true,
      error: { code: 'too_many_connections', message },
    });
    expect(indicatorLabel(hub.snapshot)).toBe('Connection limit reached');
    await vi.advanceTimersByTimeAsync(2_000);
    expect(socket.connectCalls).toBe(2);
    socket.accept();
    await settle();
    expect(hub.snapshot).toMatchObject({ phase: 'live', offlineAlert: false });
    expect(indicatorLabel(hub.snapshot)).toBe('Live');
  });
});

describe('HubClient auth errors', () => {
  it('refreshes the token on token_expired and reconnects at once', async () => {
    const { hub, socket, deps } = setup();
    await hub.start('alice');
    socket.refuse({ code: 'token_expired', message: 'expired' });
    await settle();
    expect(deps.refreshToken).toHaveBeenCalledOnce();
    expect(socket.connectCalls).toBe(2);
  });

  it('signs out when the refresh fails, and stops retrying', async () => {
    const { hub, socket } = setup({ refreshToken: async () => false });
    await hub.start('alice');
    socket.refuse({ code: 'token_expired', message: 'expired' });
    await settle();
    await vi.advanceTimersByTimeAsync(120_000);
    expect(hub.snapshot.phase).toBe('signed_out');
    expect(socket.connectCalls).toBe(1);
  });

  it('backs off instead of refreshing in a loop when the new token is refused too', async () => {
    const { hub, socket, deps } = setup();
    await hub.start('alice');
    socket.refuse({ code: 'token_expired', message: 'expired' });
    await settle();
    socket.refuse({ code: 'token_expired', message: 'expired' });
    await settle();
    expect(deps.refreshToken).toHaveBeenCalledOnce();
    expect(hub.snapshot.phase).toBe('reconnecting');
  });

  it('parses a python-socketio stringified error dict', async () => {
    const { hub, socket, deps } = setup();
    await hub.start('alice');
    socket.refuse(null, "{'code': 'token_expired', 'message': 'Token expired'}");
    await settle();
    expect(deps.refreshToken).toHaveBeenCalledOnce();
  });
});

describe('HubClient reauth', () => {
  it('hands a fresh token to the live socket', async () => {
    const { hub, socket } = setup({ getToken: async () => 'fresh' });
    socket.respond = (event) => (event === 'subscribe' ? { ok: true, offset: 0 } : { ok: true });
    await hub.start('alice');
    socket.accept();
    await settle();
    expect(await hub.reauth()).toBe(true);
    expect(socket.emitted.at(-1)).toEqual({ event: 'reauth', payload: { token: 'fresh' } });
  });

  it('refreshes the token first when the server asks for reauth', async () => {
    let token = 'old';
    const refreshToken = vi.fn(async () => ((token = 'new'), true));
    const { hub, socket } = setup({ getToken: async () => token, refreshToken });
    socket.respond = (event) => (event === 'subscribe' ? { ok: true, offset: 0 } : { ok: true });
    await hub.start('alice');
    socket.accept();
    await settle();
    socket.fire('reauth', { code: 'token_expired' });
    await settle();
    expect(refreshToken).toHaveBeenCalledOnce();
    expect(socket.emitted.at(-1)).toEqual({ event: 'reauth', payload: { token: 'new' } });
  });

  it('does nothing while not live', async () => {
    const { hub, socket } = setup({ getToken: async () => 't' });
    await hub.start('alice');
    expect(await hub.reauth()).toBe(false);
    expect(socket.emitted).toEqual([]);
  });
});

describe('HubClient publish', () => {
  it('refuses to publish while not live', async () => {
    const { hub } = setup();
    await hub.start('alice');
    await expect(hub.publish([])).rejects.toThrow('not connected');
  });

  it('returns the server ack when live', async () => {
    const { hub, socket } = setup();
    socket.respond = (event) =>
      event === 'subscribe' ? { ok: true, offset: 0 } : { ok: true, accepted: 2, duplicates: 0, errors: [] };
    await hub.start('alice');
    socket.accept();
    await settle();
    await expect(hub.publish([])).resolves.toMatchObject({ accepted: 2 });
  });
});
