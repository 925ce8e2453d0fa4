/** Auth0: Authorization Code + PKCE through chrome.identity.launchWebAuthFlow, refresh-token rotation, revoke. */
import { pkceChallenge, randomString } from '@/utils/auth/pkce';
import type { Auth0Config, AuthState } from '@/utils/shared/storage';

/** A refresh/sign-in failure. `definitive`: the grant is dead (sign out); otherwise retry later. */
export class AuthFailure extends Error {
  constructor(
    message: string,
    readonly definitive: boolean,
  ) {
    super(message);
    this.name = 'AuthFailure';
  }
}

export const AUTH0_SCOPE = 'openid profile email offline_access';

export function isAuth0Configured(config: Auth0Config): boolean {
  return Boolean(config.domain && config.clientId && config.audience);
}

const origin = (config: Auth0Config) => `https://${config.domain.replace(/^https?:\/\//, '').replace(/\/+$/, '')}`;

export function authorizeUrl(
  config: Auth0Config,
  p: { redirectUri: string; challenge: string; state: string },
): string {
  const url = new URL(`${origin(config)}/authorize`);
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: config.clientId,
    redirect_uri: p.redirectUri,
    scope: AUTH0_SCOPE,
    audience: config.audience,
    code_challenge: p.challenge,
    code_challenge_method: 'S256',
    state: p.state,
  }).toString();
  return url.toString();
}

interface TokenResponse {
  access_token?: string;
  refresh_token?: string;
  expires_in?: number;
  error?: string;
  error_description?: string;
}

async function tokenRequest(
  config: Auth0Config,
  body: Record<string, string>,
  doFetch: typeof fetch,
): Promise<TokenResponse> {
  let response: Response;
  try {
    response = await doFetch(`${origin(config)}/oauth/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
  } catch (err) {
    throw new AuthFailure(err instanceof Error ? err.message : String(err), false);
  }
  const json = ((await response.json().catch(() => ({}))) ?? {}) as TokenResponse;
  if (!response.ok || !json.access_token) {
    const definitive = response.status === 400 || response.status === 401 || response.status === 403;
    throw new AuthFailure(json.error_description ?? json.error ?? `Auth0 answered ${response.status}`, definitive);
  }
  return json;
}

function toAuthState(json: TokenResponse, previousRefresh: string | null, now: number): AuthState {
  return {
    accessToken: json.access_token!,
    refreshToken: json.refresh_token ?? previousRefresh, // rotation: a new one replaces the old
    expiresAt: now + (json.expires_in ?? 3600) * 1000,
    mode: 'auth0',
  };
}

export interface WebAuthDeps {
  launchWebAuthFlow: (url: string) => Promise<string | undefined>;
  redirectUri: string;
  fetch?: typeof fetch;
  now?: () => number;
}

export async function auth0SignIn(config: Auth0Config, deps: WebAuthDeps): Promise<AuthState> {
  const verifier = randomString(32);
  const state = randomString(16);
  const url = authorizeUrl(config, { redirectUri: deps.redirectUri, challenge: await pkceChallenge(verifier), state });
  const redirected = await deps.launchWebAuthFlow(url);
  if (!redirected) throw new AuthFailure('Sign-in was cancelled', true);
  const params = new URL(redirected).searchParams;
  if (params.get('error')) throw new AuthFailure(params.get('error_description') ?? params.get('error')!, true);
  if (params.get('state') !== state) throw new AuthFailure('Sign-in response did not match the request', true);
  const code = params.get('code');
  if (!code) throw new AuthFailure('Sign-in returned no code', true);
  const json = await tokenRequest(
    config,
    {
      grant_type: 'authorization_code',
      client_id: config.clientId,
      code,
      code_verifier: verifier,
      redirect_uri: deps.redirectUri,
    },
    deps.fetch ?? ((i, init) => fetch(i, init)),
  );
  return toAuthState(json, null, (deps.now ?? Date.now)());
}

export async function auth0Refresh(
  config: Auth0Config,
  refreshToken: string,
  doFetch: typeof fetch = (i, init) => fetch(i, init),
  now = Date.now(),
): Promise<AuthState> {
  const json = await tokenRequest(
    config,
    {
      grant_type: 'refresh_token',
      client_id: config.clientId,
      refresh_token: refreshToken,
    },
    doFetch,
  );
  return toAuthState(json, refreshToken, now);
}

/** Best effort: a revoked refresh token can't be replayed after sign-out. */
export async function auth0Revoke(
  config: Auth0Config,
  refreshToken: string,
  doFetch: typeof fetch = (i, init) => fetch(i, init),
) {
  await doFetch(`${origin(config)}/oauth/revoke`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ client_id: config.clientId, token: refreshToken }),
  }).catch(() => undefined);
}
