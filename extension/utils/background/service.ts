/** Background wiring: one hub connection, relayed to panels; chat from the room page published; replies inserted. */
import { browser } from 'wxt/browser';
import { createBatcher } from '@/utils/shared/batcher';
import { HubClient } from '@/utils/hub/client';
import type { HubSnapshot } from '@/utils/hub/types';
import { createHubSocket } from '@/utils/hub/socket';
import { authSummary, broadcast, onMessage, sendTabMessage, type Result } from '@/utils/shared/messaging';
import { publishBlocker, toChatEvent } from '@/utils/background/observed-chat';
import { RingBuffer } from '@/utils/shared/ring';
import { pickRoomTab, ROOM_URL_PATTERN } from '@/utils/shared/room-tabs';
import { createSession } from '@/utils/auth/session';
import {
  defaultSettings, getAuth, getLastOffset, getSettings, setLastOffset, watchItem, type AuthState, type Settings,
} from '@/utils/shared/storage';
import type { HubEnvelope, IngestStatus } from '@/utils/shared/types';

const RECENT_EVENTS = 500;
const SNAPSHOT_THROTTLE_MS = 1_000;

/**
 * Listeners are registered synchronously (a message that wakes the service worker must find them);
 * handlers wait for `ready`, when settings and auth have been read from storage.
 */
export function startBackgroundService(): Promise<void> {
  let settings: Settings = defaultSettings();
  let auth: AuthState | null = null;
  let ingest: IngestStatus | null = null;
  let hubKey = '';
  const recent = new RingBuffer<HubEnvelope>(RECENT_EVENTS);
  const session = createSession((next) => {
    const refreshed = auth !== null && next !== null && next.accessToken !== auth.accessToken;
    auth = next;
    broadcast('auth:changed', authSummary(next));
    void syncHub();
    if (refreshed) void hub.reauth();
  });
  const events = createBatcher<HubEnvelope>((items) => broadcast('hub:event', items), { windowMs: 50, maxItems: 250 });
  const relaySnapshot = snapshotRelay((s) => broadcast('hub:status', s));

  const hub = new HubClient({
    createSocket: () => createHubSocket(settings.serverUrl, settings.broadcaster, () => session.tokens.getValidToken()),
    refreshToken: () => session.tokens.refresh(),
    getToken: () => session.tokens.getValidToken(),
    loadOffset: getLastOffset,
    saveOffset: setLastOffset,
    listener: {
      onEvent: (envelope) => {
        recent.push(envelope);
        events.push(envelope);
      },
      onSnapshot: relaySnapshot,
      onIngest: (status) => {
        ingest = status;
        broadcast('hub:ingest', status);
      },
      onUsage: (usage) => broadcast('hub:usage', usage),
      onTier: (notice) => broadcast('hub:tier', notice),
    },
  });

  /** (Re)start the hub when what it connects to changes; a refreshed token alone needs no restart. */
  async function syncHub(): Promise<void> {
    const broadcaster = settings.broadcaster.trim().toLowerCase();
    const key = auth && broadcaster ? [settings.serverUrl, broadcaster, auth.mode, auth.sub ?? ''].join('|') : '';
    if (key === hubKey) return;
    hubKey = key;
    recent.clear();
    ingest = null;
    if (key) await hub.start(broadcaster);
    else hub.stop();
  }

  watchItem('settings', (next) => {
    settings = next;
    void syncHub();
  });
  // Another context wrote auth (e.g. a sign-out elsewhere); our own writes arrive here too and are no-ops.
  watchItem('auth', (next) => {
    auth = next;
    void syncHub();
  });

  const ready = (async () => {
    [settings, auth] = await Promise.all([getSettings(), getAuth()]);
    await session.tokens.init();
    await syncHub();
  })();
  const after = <T>(fn: () => T | Promise<T>) => ready.then(fn);

  onMessage('hub:snapshot', () => after(() => hub.snapshot));
  onMessage('hub:recent', () => after(() => recent.toArray()));
  onMessage('hub:reconnect', () => after(() => hub.reconnectNow()));
  onMessage('auth:signIn', ({ mode }) => after(() => session.signIn(mode)));
  onMessage('auth:signOut', () => after(() => session.signOut()));
  onMessage('auth:token', () => after(async () => ({ token: await session.tokens.getValidToken() })));
  onMessage('auth:refresh', () => after(async () => {
    await session.tokens.refresh();
    return { token: await session.tokens.getValidToken() };
  }));
  onMessage('chat:insert', ({ text }) => after(() => insertIntoRoom(text, settings.broadcaster)));
  onMessage('chat:observed', ({ room, lines }) => after(async () => {
    const blocker = publishBlocker({
      mode: settings.publishObservedChat, room, broadcaster: settings.broadcaster, ingest,
      live: hub.snapshot.phase === 'live',
    });
    if (blocker) return { published: 0, skipped: blocker };
    const ack = await hub.publish(lines.map((line) => toChatEvent(room, line)));
    return { published: ack.accepted };
  }));

  globalThis.addEventListener?.('online', () => hub.reconnectNow());
  return ready;
}

async function insertIntoRoom(text: string, broadcaster: string): Promise<Result> {
  const tabs = await browser.tabs.query({ url: ROOM_URL_PATTERN });
  const tab = pickRoomTab(tabs, broadcaster);
  if (!tab?.id) return { ok: false, code: 'no_room_tab', message: 'Open your Chaturbate room in a tab first' };
  try {
    return await sendTabMessage(tab.id, 'chat:insert', { text });
  } catch {
    return { ok: false, code: 'content_unavailable', message: 'Reload your room tab, then try again' };
  }
}

/** Phase/alert changes go out at once; event-driven updates (lastEventAt) at most once a second. */
export function snapshotRelay(send: (s: HubSnapshot) => void, intervalMs = SNAPSHOT_THROTTLE_MS) {
  let last: HubSnapshot | null = null;
  let pending: HubSnapshot | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  return (snapshot: HubSnapshot) => {
    const urgent = !last || last.phase !== snapshot.phase || last.offlineAlert !== snapshot.offlineAlert;
    if (urgent) {
      if (timer) clearTimeout(timer);
      timer = null;
      pending = null;
      last = snapshot;
      send(snapshot);
      return;
    }
    pending = snapshot;
    timer ??= setTimeout(() => {
      timer = null;
      if (pending) send((last = pending));
      pending = null;
    }, intervalMs);
  };
}
