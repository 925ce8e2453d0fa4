import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { startBackgroundService } from '@/utils/background/service';
import { onMessage, removeAllListeners, sendMessage } from '@/utils/shared/messaging';
import { saveSettings, setAuth } from '@/utils/shared/storage';
import type { HubEnvelope } from '@/utils/shared/types';
import { FakeSocket } from '@/tests/helpers/fake-socket';

const sockets = vi.hoisted(() => [] as unknown[]);
vi.mock('@/utils/hub/socket', () => ({
  createHubSocket: vi.fn((_url: string, broadcaster: string) => {
    const socket = new FakeSocket();
    Object.assign(socket, { broadcaster });
    sockets.push(socket);
    return socket;
  }),
}));

const settle = () => vi.advanceTimersByTimeAsync(0);
const latest = () => sockets.at(-1) as FakeSocket & { broadcaster: string };
const line = { key: 'p-1', username: 'viewer_1', text: 'hi there', at: 0 };

beforeEach(async () => {
  vi.useFakeTimers();
  fakeBrowser.reset();
  removeAllListeners();
  sockets.length = 0;
  await saveSettings({ broadcaster: 'alice' });
  await setAuth({ accessToken: 'tok', refreshToken: null, expiresAt: Date.now() + 3_600_000, mode: 'dev', sub: 'me' });
});
afterEach(() => vi.useRealTimers());

async function startLive(): Promise<FakeSocket> {
  await startBackgroundService();
  const socket = latest();
  socket.respond = (event, payload) =>
    event === 'subscribe'
      ? { ok: true, offset: 0, replayed: 0 }
      : { ok: true, accepted: (payload as unknown[]).length, duplicates: 0, errors: [] };
  socket.accept();
  await settle();
  return socket;
}

describe('background service', () => {
  it('connects for the stored room and relays events to panels in batches', async () => {
    const batches: HubEnvelope[][] = [];
    onMessage('hub:event', ({ data: envelopes }) => void batches.push(envelopes));
    const socket = await startLive();
    expect(socket.subscribes()).toEqual([{ broadcaster: 'alice', since: 0 }]);
    socket.push(1);
    socket.push(2);
    await vi.advanceTimersByTimeAsync(50);
    expect(batches.map((b) => b.map((e) => e.offset))).toEqual([[1, 2]]);
    expect((await sendMessage('hub:recent')).map((e) => e.offset)).toEqual([1, 2]);
    expect((await sendMessage('hub:snapshot')).phase).toBe('live');
  });

  it('publishes chat seen on the room page unless the Events API feeds the room', async () => {
    const socket = await startLive();
    expect(await sendMessage('chat:observed', { room: 'alice', lines: [line] })).toEqual({ published: 1 });
    const published = socket.emitted.find((e) => e.event === 'publish')?.payload as { id: string }[];
    expect(published[0]).toMatchObject({ id: 'ext-p-1', method: 'chatMessage', broadcaster: 'alice' });

    socket.fire('status', { ingest: 'events_api', store: 'ok', lag_ms: 5 });
    expect(await sendMessage('chat:observed', { room: 'alice', lines: [line] })).toMatchObject({ published: 0 });
    expect(await sendMessage('chat:observed', { room: 'bob', lines: [line] })).toMatchObject({
      skipped: 'not your room',
    });
  });

  it('reconnects to the new room when the setting changes, and stops on sign-out', async () => {
    const first = await startLive();
    await saveSettings({ broadcaster: 'carol' });
    await settle();
    expect(latest().broadcaster).toBe('carol');
    expect(first.connected).toBe(false);
    await sendMessage('auth:signOut');
    await settle();
    expect((await sendMessage('hub:snapshot')).phase).toBe('idle');
  });
});
