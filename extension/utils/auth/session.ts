/** Sign-in, sign-out and token renewal (background only). */
import { browser } from 'wxt/browser';
import { mintDevToken } from '@/utils/api/client';
import { auth0Refresh, auth0Revoke, auth0SignIn, AuthFailure, isAuth0Configured } from '@/utils/auth/auth0';
import { ApiError, toFriendlyError } from '@/utils/shared/errors';
import type { Result } from '@/utils/shared/messaging';
import { getAuth, getSettings, setAuth, type AuthMode, type AuthState } from '@/utils/shared/storage';
import { TokenManager } from '@/utils/auth/token-manager';

async function devSignIn(serverUrl: string, sub: string): Promise<AuthState> {
  const minted = await mintDevToken(serverUrl, sub);
  return {
    accessToken: minted.access_token,
    refreshToken: null,
    expiresAt: Date.now() + minted.expires_in * 1000,
    mode: 'dev',
    sub,
  };
}

/** New tokens for a session: Auth0 refresh-token rotation, or a dev re-mint. */
export async function renew(auth: AuthState): Promise<AuthState> {
  const settings = await getSettings();
  if (auth.mode === 'dev') {
    try {
      return await devSignIn(settings.serverUrl, auth.sub ?? settings.devSub);
    } catch (err) {
      const definitive = err instanceof ApiError && err.status >= 400 && err.status < 500;
      throw new AuthFailure(err instanceof Error ? err.message : String(err), definitive);
    }
  }
  if (!auth.refreshToken) throw new AuthFailure('No refresh token: sign in again', true);
  return auth0Refresh(settings.auth0, auth.refreshToken);
}

export function createSession(onChange: (auth: AuthState | null) => void) {
  const tokens = new TokenManager({ load: getAuth, save: setAuth, renew, onChange });

  async function signIn(mode: AuthMode): Promise<Result> {
    const settings = await getSettings();
    try {
      if (mode === 'dev') {
        await tokens.signIn(await devSignIn(settings.serverUrl, settings.devSub || 'dev-streamer'));
        return { ok: true };
      }
      if (!isAuth0Configured(settings.auth0)) {
        return {
          ok: false,
          code: 'auth0_not_configured',
          message: 'Set the Auth0 domain, client ID and audience in Settings first',
        };
      }
      const auth = await auth0SignIn(settings.auth0, {
        redirectUri: browser.identity.getRedirectURL('auth0'),
        launchWebAuthFlow: (url) => browser.identity.launchWebAuthFlow({ url, interactive: true }),
      });
      await tokens.signIn(auth);
      return { ok: true };
    } catch (err) {
      if (err instanceof AuthFailure) return { ok: false, code: 'auth_failed', message: err.message };
      const friendly = toFriendlyError(err);
      return { ok: false, code: friendly.code, message: friendly.message };
    }
  }

  async function signOut(): Promise<void> {
    const auth = await getAuth();
    if (auth?.mode === 'auth0' && auth.refreshToken) {
      const { auth0 } = await getSettings();
      void auth0Revoke(auth0, auth.refreshToken);
    }
    await tokens.signOut();
  }

  return { tokens, signIn, signOut };
}
