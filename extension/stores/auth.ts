import { defineStore } from 'pinia';
import { ref } from 'vue';
import { requestOrigins } from '@/utils/panel/permissions';
import { authSummary, sendMessage, type AuthSummary } from '@/utils/shared/messaging';
import { getAuth, watchItem, type AuthMode } from '@/utils/shared/storage';
import { useSettingsStore } from './settings';

export const useAuthStore = defineStore('auth', () => {
  const summary = ref<AuthSummary>(authSummary(null));
  const busy = ref<AuthMode | null>(null);
  const error = ref<string | null>(null);
  let unwatch: (() => void) | null = null;

  async function load(): Promise<void> {
    summary.value = authSummary(await getAuth());
    unwatch ??= watchItem('auth', (auth) => (summary.value = authSummary(auth)));
  }

  async function signIn(mode: AuthMode): Promise<void> {
    // Ask for the Auth0 origin while we still hold the click's user gesture.
    const permission = mode === 'auth0' ? requestAuth0Origin() : Promise.resolve(true);
    busy.value = mode;
    error.value = null;
    try {
      if (!(await permission)) throw new Error('Permission to reach the Auth0 domain was declined');
      const result = await sendMessage('auth:signIn', { mode });
      if (!result.ok) error.value = result.message;
    } catch (err) {
      error.value = err instanceof Error ? err.message : String(err);
    } finally {
      busy.value = null;
    }
  }

  async function signOut(): Promise<void> {
    await sendMessage('auth:signOut').catch(() => undefined);
  }

  function requestAuth0Origin(): Promise<boolean> {
    const domain = useSettingsStore()
      .settings.auth0.domain.replace(/^https?:\/\//, '')
      .replace(/\/+$/, '');
    if (!domain) return Promise.resolve(true); // the background explains what is missing
    return requestOrigins([`https://${domain}/*`]);
  }

  return { summary, busy, error, load, signIn, signOut };
});
