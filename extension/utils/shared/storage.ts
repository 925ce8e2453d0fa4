/** Typed wrapper over chrome.storage.local: settings, auth and hub state survive the service worker stopping. */
import { browser, type Browser } from 'wxt/browser';

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

export interface HubState {
  lastOffset: Record<string, number>;
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
  };
}

const DEFAULTS: { [K in StorageKey]: () => StorageSchema[K] } = {
  settings: defaultSettings,
  auth: () => null,
  hub: () => ({ lastOffset: {} }),
};

type Area = Browser.storage.StorageArea;
const area = (): Area => browser.storage.local;

/** Stored objects are merged over defaults so new fields appear after an upgrade. */
function withDefaults<K extends StorageKey>(key: K, stored: unknown): StorageSchema[K] {
  const fallback = DEFAULTS[key]();
  if (stored === undefined || stored === null) return fallback;
  if (fallback && typeof fallback === 'object' && typeof stored === 'object') {
    return { ...fallback, ...stored } as StorageSchema[K];
  }
  return stored as StorageSchema[K];
}

export async function getItem<K extends StorageKey>(key: K): Promise<StorageSchema[K]> {
  const got = await area().get(key);
  return withDefaults(key, got[key]);
}

export async function setItem<K extends StorageKey>(key: K, value: StorageSchema[K]): Promise<void> {
  await area().set({ [key]: value });
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
  queues.set(key, run.catch(() => undefined));
  return run;
}

/** Calls back with the new value whenever another context (or this one) writes `key`. */
export function watchItem<K extends StorageKey>(
  key: K,
  callback: (value: StorageSchema[K]) => void,
): () => void {
  const listener = (changes: Record<string, Browser.storage.StorageChange>, areaName: string) => {
    if (areaName !== 'local' || !(key in changes)) return;
    callback(withDefaults(key, changes[key]?.newValue));
  };
  browser.storage.onChanged.addListener(listener);
  return () => browser.storage.onChanged.removeListener(listener);
}

export const getSettings = () => getItem('settings');
export const saveSettings = (patch: Partial<Settings>) =>
  updateItem('settings', (current) => ({ ...current, ...patch }));

export const getAuth = () => getItem('auth');
export const setAuth = (auth: AuthState | null) => setItem('auth', auth);

export async function getLastOffset(broadcaster: string): Promise<number> {
  return (await getItem('hub')).lastOffset[broadcaster] ?? 0;
}

export async function setLastOffset(broadcaster: string, offset: number): Promise<void> {
  await updateItem('hub', (hub) => ({ lastOffset: { ...hub.lastOffset, [broadcaster]: offset } }));
}
