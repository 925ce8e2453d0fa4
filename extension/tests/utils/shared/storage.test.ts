import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import {
  DEFAULT_SERVER_URL,
  defaultSettings,
  getAuth,
  getPosition,
  getSettings,
  hubItem,
  saveSettings,
  setAuth,
  setPosition,
  settingsItem,
  watchItem,
  type AuthState,
} from '@/utils/shared/storage';

beforeEach(() => fakeBrowser.reset());

describe('settings', () => {
  it('has defaults before anything is saved', async () => {
    expect(await getSettings()).toMatchObject({ serverUrl: DEFAULT_SERVER_URL, hideMoney: false, language: 'en' });
  });

  it('saves a patch and keeps the other fields', async () => {
    await saveSettings({ hideMoney: true, broadcaster: 'alice' });
    await saveSettings({ language: 'es' });
    expect(await getSettings()).toMatchObject({ hideMoney: true, broadcaster: 'alice', language: 'es' });
  });

  it('fills fields added after the settings were stored', async () => {
    await fakeBrowser.storage.local.set({ settings: { serverUrl: 'http://x:1' } });
    expect(await getSettings()).toMatchObject({
      serverUrl: 'http://x:1',
      theme: 'system',
      publishObservedChat: 'auto',
    });
  });

  it('notifies watchers of changes', async () => {
    const seen: string[] = [];
    const stop = watchItem('settings', (s) => seen.push(s.language));
    await saveSettings({ language: 'de' });
    stop();
    await saveSettings({ language: 'fr' });
    expect(seen).toEqual(['de']);
  });
});

describe('auth and hub state', () => {
  it('stores and clears auth', async () => {
    expect(await getAuth()).toBeNull();
    await setAuth({ accessToken: 'a', refreshToken: null, expiresAt: 1, mode: 'dev', sub: 's' });
    expect(await getAuth()).toMatchObject({ accessToken: 'a', mode: 'dev' });
    await setAuth(null);
    expect(await getAuth()).toBeNull();
  });

  it('keeps the stream position per broadcaster, even for writes in a burst', async () => {
    await Promise.all([
      setPosition('alice', { offset: 10, epoch: 'e1' }),
      setPosition('bob', { offset: 3, epoch: 'b7' }),
      setPosition('alice', { offset: 12, epoch: 'e1' }),
    ]);
    expect(await getPosition('alice')).toEqual({ offset: 12, epoch: 'e1' });
    expect(await getPosition('bob')).toEqual({ offset: 3, epoch: 'b7' });
    expect(await getPosition('carol')).toEqual({ offset: 0, epoch: null });
    expect((await fakeBrowser.storage.local.get('hub$'))['hub$']).toEqual({ v: 2 });
  });
});

describe('migration from the hand-written wrapper (stored v1: no version key)', () => {
  // What utils/storage.ts wrote before @wxt-dev/storage: plain keys, settings saved before
  // autoTranslate and publishObservedChat existed, and a null `auth` after a sign-out.
  const v1Settings = {
    serverUrl: 'http://10.0.0.5:8080',
    language: 'de',
    storeChatText: true,
    sendPrivateToAi: false,
    hideMoney: true,
    broadcaster: 'Alice',
    theme: 'dark',
    auth0: { domain: 'x.auth0.com', clientId: 'cid', audience: 'api' },
    devSub: 'me',
  };
  const v1Auth: AuthState = { accessToken: 'a', refreshToken: 'r', expiresAt: 123, mode: 'auth0' };

  it('completes the settings with the new fields and records version 2', async () => {
    await fakeBrowser.storage.local.set({ settings: v1Settings, auth: v1Auth, hub: { lastOffset: { alice: 42 } } });
    await settingsItem.migrate();
    const raw = await fakeBrowser.storage.local.get(null);
    expect(raw['settings']).toEqual({ ...defaultSettings(), ...v1Settings });
    expect(raw['settings$']).toEqual({ v: 2 });
    expect(await getSettings()).toMatchObject({
      serverUrl: 'http://10.0.0.5:8080',
      autoTranslate: true,
      publishObservedChat: 'auto',
    });
  });

  it('keeps the v1 auth readable as it was', async () => {
    await fakeBrowser.storage.local.set({ settings: v1Settings, auth: v1Auth, hub: { lastOffset: { alice: 42 } } });
    await settingsItem.migrate();
    expect(await getAuth()).toEqual(v1Auth);
    await fakeBrowser.storage.local.set({ auth: null });
    expect(await getAuth()).toBeNull();
  });

  it('turns v1 per-room offsets into positions of an unknown epoch, and records version 2', async () => {
    await fakeBrowser.storage.local.set({ hub: { lastOffset: { alice: 42, bob: 0, bad: -1, odd: 1.5 } } });
    await hubItem.migrate();
    const raw = await fakeBrowser.storage.local.get(null);
    expect(raw['hub']).toEqual({ positions: { alice: { offset: 42, epoch: null }, bob: { offset: 0, epoch: null } } });
    expect(raw['hub$']).toEqual({ v: 2 });
    expect(await getPosition('alice')).toEqual({ offset: 42, epoch: null });
    await setPosition('alice', { offset: 43, epoch: 'e9' });
    await hubItem.migrate(); // runs once: v2 is left alone
    expect(await getPosition('alice')).toEqual({ offset: 43, epoch: 'e9' });
  });

  it('reads a v1 hub state written raw by an older context', async () => {
    await fakeBrowser.storage.local.set({ hub: { lastOffset: { alice: 7 } }, hub$: { v: 2 } });
    expect(await getPosition('alice')).toEqual({ offset: 7, epoch: null });
  });

  it('runs once: a v2 value is left alone', async () => {
    await fakeBrowser.storage.local.set({ settings: { ...v1Settings, language: 'fr' }, settings$: { v: 2 } });
    await settingsItem.migrate();
    expect((await fakeBrowser.storage.local.get('settings'))['settings']).toEqual({ ...v1Settings, language: 'fr' });
  });
});
