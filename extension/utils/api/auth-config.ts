/** GET /api/v1/auth/config: how this server signs clients in (public), read before sign-in. */
import { apiUrl } from '@/utils/api/client';
import { ApiError, errorFromBody, NETWORK_ERROR } from '@/utils/shared/errors';
import type { Auth0Config } from '@/utils/shared/storage';

export interface ServerAuthConfig {
  mode: 'dev' | 'auth0' | 'oidc';
  issuer: string;
  audience: string;
  dev_sign_in: boolean;
  auth0: { domain: string; client_id: string | null; audience: string } | null;
}

export async function fetchAuthConfig(
  serverUrl: string,
  doFetch: typeof fetch = (i, init) => fetch(i, init),
): Promise<ServerAuthConfig> {
  let response: Response;
  try {
    response = await doFetch(apiUrl(serverUrl, '/auth/config'), {
      headers: { Accept: 'application/json' },
      signal: AbortSignal.timeout(10_000),
    });
  } catch (err) {
    throw new ApiError(0, NETWORK_ERROR, err instanceof Error ? err.message : String(err), { url: serverUrl });
  }
  const payload: unknown = await response.json().catch(() => null);
  if (!response.ok) throw errorFromBody(response.status, payload, response.statusText);
  if (!payload || typeof (payload as ServerAuthConfig).mode !== 'string') {
    throw new ApiError(response.status, 'not_a_server', `${serverUrl} answered, but not as a WebCammerPlus server`);
  }
  return payload as ServerAuthConfig;
}

/** The Auth0 settings the background signs in with, from the server's answer (null: none usable). */
export function auth0FromServer(config: ServerAuthConfig): Auth0Config | null {
  const auth0 = config.auth0;
  if (!auth0?.domain || !auth0.client_id) return null;
  return { domain: auth0.domain, clientId: auth0.client_id, audience: auth0.audience || config.audience };
}
