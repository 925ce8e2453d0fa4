import { defineStore } from 'pinia';
import { ref, shallowRef } from 'vue';
import { auth0FromServer, fetchAuthConfig, type ServerAuthConfig } from '@/utils/api/auth-config';
import { originPattern, requestServerAccess } from '@/utils/panel/permissions';
import { toFriendlyError, type FriendlyError } from '@/utils/shared/errors';
import { useSettingsStore } from './settings';

/** The server the panel talks to, and how it signs in (GET /auth/config), before anyone is signed in. */
export const useServerStore = defineStore('server', () => {
  const config = shallowRef<ServerAuthConfig | null>(null);
  const checking = ref(false);
  const error = shallowRef<FriendlyError | null>(null);
  const settings = useSettingsStore();

  /**
   * Use `url`: ask for access (call first in a click handler), read its sign-in settings, save both.
   * `ask: false` (on open) reads only servers already granted.
   */
  async function use(url: string, { ask = true } = {}): Promise<boolean> {
    const serverUrl = url.trim().replace(/\/+$/, '');
    const access = ask ? requestServerAccess(serverUrl) : Promise.resolve(originPattern(serverUrl) !== null);
    checking.value = true;
    error.value = null;
    try {
      if (!(await access)) {
        error.value = {
          code: 'no_access',
          message: `Enter a valid http(s) URL and allow access to ${serverUrl}`,
          action: null,
        };
        return false;
      }
      const next = await fetchAuthConfig(serverUrl);
      config.value = next;
      const auth0 = auth0FromServer(next);
      await settings.save({ serverUrl, ...(auth0 ? { auth0 } : {}) });
      return true;
    } catch (err) {
      config.value = null;
      error.value = toFriendlyError(err);
      return false;
    } finally {
      checking.value = false;
    }
  }

  return { config, checking, error, use };
});
