import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import {
  DEFAULT_SERVER_URL, getAuth, getLastOffset, getSettings, saveSettings, setAuth, setLastOffset, watchItem,
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
    expect(await getSettings()).toMatchObject({ serverUrl: 'http://x:1', theme: 'system', publishObservedChat: 'auto' });
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

  it('keeps the last offset per broadcaster, even for writes in a burst', async () => {
    await Promise.all([setLastOffset('alice', 10), setLastOffset('bob', 3), setLastOffset('alice', 12)]);
    expect(await getLastOffset('alice')).toBe(12);
    expect(await getLastOffset('bob')).toBe(3);
    expect(await getLastOffset('carol')).toBe(0);
  });
});
