/** Background wiring: one hub connection, relayed to panels; chat from the room page published; replies inserted. */
import { createApiClient } from '@/utils/api/client';
import { createSession } from '@/utils/auth/session';
import { HubClient } from '@/utils/hub/client';
import { createHubSocket } from '@/utils/hub/socket';
import type { HubListener } from '@/utils/hub/types';
import { createBatcher } from '@/utils/shared/batcher';
import { authSummary, broadcast } from '@/utils/shared/messaging';
import { RingBuffer } from '@/utils/shared/ring';
import {
  defaultSettings,
  getAuth,
  getPosition,
  getSettings,
  setPosition,
  watchItem,
  type AuthState,
  type Settings,
} from '@/utils/shared/storage';
import type { HubEnvelope, IngestStatus } from '@/utils/shared/types';
import { setupMessageHandlers } from './handlers';
import { recentFeedLoader } from './recent-feed';
import { createHealthProbe } from './health-probe';
import { snapshotRelay } from './snapshot-relay';

const RECENT_EVENTS = 500;

/** What the background holds while it runs; handlers read it, storage watchers and the hub write it. */
export interface Background {
  settings: Settings;
  auth: AuthState | null;
  ingest: IngestStatus | null;
  recent: RingBuffer<HubEnvelope>;
  session: ReturnType<typeof createSession>;
  hub: HubClient;
  /** (Re)start the hub when what it connects to changes; a refreshed token alone needs no restart. */
  syncHub(): Promise<void>;
}

/**
 * Listeners are registered synchronously (a message that wakes the service worker must find them);
 * handlers wait for `ready`, when settings and auth have been read from storage.
 */
export function startBackgroundService(): Promise<void> {
  const bg = createBackground();
  watchStoredState(bg);
  const ready = loadStoredState(bg);
  setupMessageHandlers(bg, ready);
  setupReconnectWhenOnline(bg.hub);
  return ready;
}

function createBackground(): Background {
  let hubKey = '';
  const recent = new RingBuffer<HubEnvelope>(RECENT_EVENTS);
  const bg: Background = {
    settings: defaultSettings(),
    auth: null,
    ingest: null,
    recent,
    session: createSession((next) => onAuthChanged(bg, next)),
    hub: new HubClient({
      createSocket: () =>
        createHubSocket(bg.settings.serverUrl, bg.settings.broadcaster, () => bg.session.tokens.getValidToken()),
      refreshToken: () => bg.session.tokens.refresh(),
      getToken: () => bg.session.tokens.getValidToken(),
      loadPosition: getPosition,
      savePosition: setPosition,
      loadRecent: recentFeedLoader(
        createApiClient({
          serverUrl: () => bg.settings.serverUrl,
          getToken: () => bg.session.tokens.getValidToken(),
          onTokenRejected: () => bg.session.tokens.refresh(),
        }),
      ),
      listener: relayHubToPanels(
        recent,
        (status) => (bg.ingest = status),
        createHealthProbe({ serverUrl: () => bg.settings.serverUrl, onHealthy: () => bg.hub.reconnectNow() }),
      ),
    }),
    async syncHub() {
      const broadcaster = bg.settings.broadcaster.trim().toLowerCase();
      const { auth } = bg;
      const key = auth && broadcaster ? [bg.settings.serverUrl, broadcaster, auth.mode, auth.sub ?? ''].join('|') : '';
      if (key === hubKey) return;
      hubKey = key;
      bg.recent.clear();
      bg.ingest = null;
      if (key) await bg.hub.start(broadcaster);
      else bg.hub.stop();
    },
  };
  return bg;
}

function onAuthChanged(bg: Background, next: AuthState | null): void {
  const refreshed = bg.auth !== null && next !== null && next.accessToken !== bg.auth.accessToken;
  bg.auth = next;
  broadcast('auth:changed', authSummary(next));
  void bg.syncHub();
  if (refreshed) void bg.hub.reauth();
}

/** Hub events go to the panels in batches and into `recent` (for a panel that opens later). */
function relayHubToPanels(
  recent: RingBuffer<HubEnvelope>,
  setIngest: (s: IngestStatus) => void,
  probe: ReturnType<typeof createHealthProbe>,
): HubListener {
  const events = createBatcher<HubEnvelope>((items) => broadcast('hub:event', items), { windowMs: 50, maxItems: 250 });
  const relaySnapshot = snapshotRelay((s) => broadcast('hub:status', s));
  return {
    onEvent: (envelope) => {
      recent.push(envelope);
      events.push(envelope);
    },
    onReload: (envelopes) => {
      events.flush();
      recent.clear();
      envelopes.forEach((envelope) => recent.push(envelope));
      broadcast('hub:reload', envelopes);
    },
    onSnapshot: (snapshot) => {
      probe.follow(snapshot.phase);
      relaySnapshot(snapshot);
    },
    onIngest: (status) => {
      setIngest(status);
      broadcast('hub:ingest', status);
    },
    onUsage: (usage) => broadcast('hub:usage', usage),
    onTier: (notice) => broadcast('hub:tier', notice),
    onGoal: (frame) => broadcast('hub:goal', frame),
    onTipNote: (note) => broadcast('hub:tipNote', note),
  };
}

function watchStoredState(bg: Background): void {
  watchItem('settings', (next) => {
    bg.settings = next;
    void bg.syncHub();
  });
  // Another context wrote auth (e.g. a sign-out elsewhere); our own writes arrive here too and are no-ops.
  watchItem('auth', (next) => {
    bg.auth = next;
    void bg.syncHub();
  });
}

async function loadStoredState(bg: Background): Promise<void> {
  [bg.settings, bg.auth] = await Promise.all([getSettings(), getAuth()]);
  await bg.session.tokens.init();
  await bg.syncHub();
}

function setupReconnectWhenOnline(hub: HubClient): void {
  globalThis.addEventListener?.('online', () => hub.reconnectNow());
}
