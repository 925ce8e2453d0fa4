import { createApiClient, type ApiClient } from '@/utils/api/client';
import { sendMessage } from '@/utils/shared/messaging';
import { useSettingsStore } from '@/stores/settings';

let client: ApiClient | null = null;

/** The REST client for panels. Tokens come from the background, the only place that refreshes them. */
export function useApi(): ApiClient {
  if (client) return client;
  const settings = useSettingsStore();
  client = createApiClient({
    serverUrl: () => settings.settings.serverUrl,
    getToken: async () => (await sendMessage('auth:token')).token,
    onTokenRejected: async () => Boolean((await sendMessage('auth:refresh').catch(() => ({ token: null }))).token),
  });
  return client;
}

/** Tests swap the client. */
export function setApiClient(next: ApiClient | null): void {
  client = next;
}
