/** The background's side of `recovered: false`: the REST reload replaces what panels hold. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { startBackgroundService } from '@/utils/background/service';
import { onMessage, removeAllListeners, sendMessage } from '@/utils/shared/messaging';
import { getPosition, saveSettings, setAuth, setPosition } from '@/utils/shared/storage';
import type { HubEnvelope } from '@/utils/shared/types';
import { FakeSocket } from '@/tests/helpers/fake-socket';

const sockets = vi.hoisted(() => [] as FakeSocket[]);
vi.mock('@/utils/hub/socket', () => ({
  createHubSocket: vi.fn(() => {
    const socket = new FakeSocket();
    sockets.push(socket);
    return socket;
  }),
}));

const settle = () => vi.advanceTimersByTimeAsync(0);
const env = (offset: number): HubEnvelope => ({
  offset,
  event: { id: `new-${offset}`, broadcaster: 'alice', method: 'chatMessage' },
});

beforeEach(async () => {
  vi.useFakeTimers();
  fakeBrowser.reset();
  removeAllListeners();
  sockets.length = 0;
  await saveSettings({ broadcaster: 'alice', serverUrl: 'http://srv:1' });
  await setAuth({ accessToken: 'tok', refreshToken: null, expiresAt: Date.now() + 3_600_000, mode: 'dev', sub: 'me' });
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('background reload after a lost history', () => {
  it('resumes from the stored position, reloads over REST and replaces the recent feed', async () => {
    await setPosition('alice', { offset: 900, epoch: 'old' });
    const urls: string[] = [];
    vi.stubGlobal(
      'fetch',
      vi.fn(async (input: RequestInfo | URL) => {
        urls.push(String(input));
        const page = { broadcaster: 'alice', position: { offset: 2, epoch: 'new' }, items: [env(1), env(2)] };
        return new Response(JSON.stringify({ ...page, next_after: null }), { status: 200 });
      }),
    );
    const reloads: number[][] = [];
    onMessage('hub:reload', ({ data }) => void reloads.push(data.map((e) => e.offset)));
    await startBackgroundService();
    const socket = sockets.at(-1)!;
    socket.respond = () => ({
      ok: true,
      position: { offset: 2, epoch: 'new' },
      recovered: false,
      reason: 'epoch_changed',
    });
    socket.accept();
    await vi.waitFor(() => expect(reloads).toEqual([[1, 2]]));
    expect(socket.subscribes()).toEqual([{ broadcaster: 'alice', since: { offset: 900, epoch: 'old' } }]);
    expect(urls).toEqual(['http://srv:1/api/v1/events/alice?after=0&limit=500']);
    expect((await sendMessage('hub:recent')).map((e) => e.offset)).toEqual([1, 2]);
    socket.fire('event', env(3));
    await settle();
    expect((await sendMessage('hub:recent')).map((e) => e.offset)).toEqual([1, 2, 3]);
    expect(await getPosition('alice')).toEqual({ offset: 2, epoch: 'new' });
    expect((await sendMessage('hub:snapshot')).recovery).toMatchObject({ reload: 'done', reloaded: 2 });
  });
});
