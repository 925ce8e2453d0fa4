/** chrome.storage.local items (WXT storage): settings, auth and hub state survive the service worker stopping. */
import { storage, type WxtStorageItem } from 'wxt/utils/storage';
import { NO_POSITION, type StreamPosition } from '@/utils/hub/position';

export const DEFAULT_SERVER_URL = 'http://127.0.0.1:5000';

export type ThemeChoice = 'system' | 'light' | 'dark';
/** When chat seen on the room page is published to the hub. `auto`: only when the Events API is not feeding the room. */
export type ChatPublishMode = 'auto' | 'always' | 'never';
export type AuthMode = 'dev' | 'auth0';

export interface Auth0Config {
  domain: string;
  clientId: string;
  audience: string;
}

export interface Settings {
  serverUrl: string;
  language: string;
  storeChatText: boolean;
  sendPrivateToAi: boolean;
  hideMoney: boolean;
  /** translate viewer chat into `language` as it arrives (uses the translation quota) */
  autoTranslate: boolean;
  broadcaster: string;
  theme: ThemeChoice;
  publishObservedChat: ChatPublishMode;
  auth0: Auth0Config;
  devSub: string;
  /** Per AI feature: 'auto' (this device when its model is available, else the server), 'device' or 'server'. */
  aiEngines: Partial<Record<'translation' | 'detection' | 'replies' | 'writing', 'auto' | 'device' | 'server'>>;
  /** Never send chat text to the server for AI (features that cannot run on this device stay off). */
  keepChatOnDevice: boolean;
  /** show tokens in a currency too (never in hide-money mode) */
  showCurrency: boolean;
  /** ISO 4217 code of that currency */
  currency: string;
  /** what one token is worth in it */
  currencyPerToken: number;
  /** tips of at least this many tokens get the strong highlight (0: off) */
  bigTipThreshold: number;
  /** a short chime when a big tip arrives */
  bigTipSound: boolean;
}

export interface AuthState {
  accessToken: string;
  refreshToken: string | null;
  /** epoch ms */
  expiresAt: number;
  mode: AuthMode;
  /** dev mode: the subject to re-mint for */
  sub?: string;
}

/** v2: the stream position `{offset, epoch}` per room (see utils/hub/position.ts). */
export interface HubState {
  positions: Record<string, StreamPosition>;
}
/** v1 (no version key): the last offset per room, numbered in no known epoch. */
export interface HubStateV1 {
  lastOffset?: Record<string, number>;
}

export interface StorageSchema {
  settings: Settings;
  auth: AuthState | null;
  hub: HubState;
}
export type StorageKey = keyof StorageSchema;

export function defaultSettings(): Settings {
  return {
    serverUrl: DEFAULT_SERVER_URL,
    language: 'en',
    storeChatText: false,
    sendPrivateToAi: false,
    hideMoney: false,
    autoTranslate: true,
    broadcaster: '',
    theme: 'system',
    publishObservedChat: 'auto',
    auth0: { domain: '', clientId: '', audience: '' },
    devSub: 'dev-streamer',
    aiEngines: {},
    keepChatOnDevice: false,
    showCurrency: false,
    currency: 'USD',
    currencyPerToken: 0.05,
    bigTipThreshold: 100,
    bigTipSound: false,
  };
}

/** Settings as stored may lack fields added in a later release (and be partial if written by hand). */
export function withDefaultSettings(stored: Partial<Settings> | null | undefined): Settings {
  return { ...defaultSettings(), ...stored };
}

/**
 * v1: the hand-written wrapper's shape (no version key; only the fields a panel had saved).
 * v2: a complete Settings object.
 */
export const SETTINGS_VERSION = 2;
export const settingsItem = storage.defineItem<Settings>('local:settings', {
  fallback: defaultSettings(),
  version: SETTINGS_VERSION,
  migrations: { 2: (v1: Partial<Settings>) => withDefaultSettings(v1) },
});
export const authItem = storage.defineItem<AuthState | null>('local:auth', { fallback: null });

/** v1 offsets keep their number with an unknown epoch: the next subscribe sends them the old way. */
export function hubStateFromV1(v1: HubStateV1 | null | undefined): HubState {
  const positions: Record<string, StreamPosition> = {};
  for (const [room, offset] of Object.entries(v1?.lastOffset ?? {})) {
    if (Number.isInteger(offset) && offset >= 0) positions[room] = { offset, epoch: null };
  }
  return { positions };
}

export const HUB_VERSION = 2;
export const hubItem = storage.defineItem<HubState>('local:hub', {
  fallback: { positions: {} },
  version: HUB_VERSION,
  migrations: { 2: (v1: HubStateV1) => hubStateFromV1(v1) },
});

const ITEMS: { [K in StorageKey]: WxtStorageItem<StorageSchema[K], Record<string, unknown>> } = {
  settings: settingsItem,
  auth: authItem,
  hub: hubItem,
};

/** Read-time guard as well as the migration: a raw write from another context must not drop fields. */
function normalized<K extends StorageKey>(key: K, value: StorageSchema[K] | null): StorageSchema[K] {
  if (key === 'settings') return withDefaultSettings(value as Settings | null) as StorageSchema[K];
  if (key === 'hub') return normalizedHub(value as HubState | HubStateV1 | null) as StorageSchema[K];
  return (value ?? null) as StorageSchema[K];
}

function normalizedHub(value: HubState | HubStateV1 | null): HubState {
  if (value && 'positions' in value && value.positions) return value;
  return hubStateFromV1(value as HubStateV1 | null); // a raw v1 write from an older context
}

export async function getItem<K extends StorageKey>(key: K): Promise<StorageSchema[K]> {
  return normalized(key, await ITEMS[key].getValue());
}

export async function setItem<K extends StorageKey>(key: K, value: StorageSchema[K]): Promise<void> {
  await ITEMS[key].setValue(value);
}

/** Serialize read-modify-write per key within this context (e.g. offsets written in bursts). */
const queues = new Map<StorageKey, Promise<unknown>>();
export function updateItem<K extends StorageKey>(
  key: K,
  change: (current: StorageSchema[K]) => StorageSchema[K],
): Promise<StorageSchema[K]> {
  const run = (queues.get(key) ?? Promise.resolve()).then(async () => {
    const next = change(await getItem(key));
    await setItem(key, next);
    return next;
  });
  queues.set(
    key,
    run.catch(() => undefined),
  );
  return run;
}

/** Calls back with the new value whenever another context (or this one) writes a different `key` value. */
export function watchItem<K extends StorageKey>(key: K, callback: (value: StorageSchema[K]) => void): () => void {
  return ITEMS[key].watch((value) => callback(normalized(key, value)));
}

export const getSettings = () => getItem('settings');
export const saveSettings = (patch: Partial<Settings>) =>
  updateItem('settings', (current) => ({ ...current, ...patch }));

export const getAuth = () => getItem('auth');
export const setAuth = (auth: AuthState | null) => setItem('auth', auth);

export async function getPosition(broadcaster: string): Promise<StreamPosition> {
  return (await getItem('hub')).positions[broadcaster] ?? { ...NO_POSITION };
}

export async function setPosition(broadcaster: string, position: StreamPosition): Promise<void> {
  await updateItem('hub', (hub) => ({ positions: { ...hub.positions, [broadcaster]: { ...position } } }));
}
