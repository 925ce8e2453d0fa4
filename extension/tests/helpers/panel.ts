import { createPinia, setActivePinia } from 'pinia';
import { vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { setApiClient } from '@/composables/useApi';
import { removeAllListeners } from '@/utils/shared/messaging';
import type { ApiClient } from '@/utils/api/client';
import type { HubEnvelope, PlatformEvent } from '@/utils/shared/types';

/** Fresh Pinia + fake browser for each panel test. */
export function resetPanel(): void {
  fakeBrowser.reset();
  removeAllListeners();
  setActivePinia(createPinia());
  setApiClient(null);
}

/** A stand-in API client: only the methods a test gives exist. */
export function fakeApi(methods: Partial<ApiClient>): Partial<ApiClient> {
  setApiClient(methods as ApiClient);
  return methods;
}

let nextId = 0;
export function envelope(offset: number, event: Partial<PlatformEvent> = {}): HubEnvelope {
  return {
    offset,
    event: {
      id: `ev${++nextId}`,
      broadcaster: 'alice',
      method: 'chatMessage',
      ts: Date.parse('2024-05-01T20:00:00Z') / 1000,
      received_at: Date.parse('2024-05-01T20:00:00Z') / 1000,
      user: { username: 'bob' },
      message: { message: `hello ${offset}` },
      ...event,
    },
  };
}

export const tip = (offset: number, tokens: number, username = 'bob', message = '') =>
  envelope(offset, { method: 'tip', user: { username }, tip: { tokens, message }, message: undefined });

export const settle = () => vi.waitFor(() => Promise.resolve());
