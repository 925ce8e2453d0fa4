import { describe, expect, it, vi } from 'vitest';
import { auth0Refresh, auth0SignIn, AuthFailure, authorizeUrl } from '@/utils/auth/auth0';
import { pkceChallenge } from '@/utils/auth/pkce';

const config = { domain: 'tenant.eu.auth0.com', clientId: 'cid', audience: 'https://api' };
const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status });

describe('PKCE', () => {
  it('matches the RFC 7636 appendix B example', async () => {
    expect(await pkceChallenge('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk')).toBe(
      'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
    );
  });
});

describe('Auth0', () => {
  it('builds the authorize URL with PKCE and offline_access', () => {
    const url = new URL(
      authorizeUrl(config, { redirectUri: 'https://id.chromiumapp.org/auth0', challenge: 'ch', state: 'st' }),
    );
    expect(url.origin + url.pathname).toBe('https://tenant.eu.auth0.com/authorize');
    expect(Object.fromEntries(url.searchParams)).toMatchObject({
      response_type: 'code',
      client_id: 'cid',
      code_challenge: 'ch',
      code_challenge_method: 'S256',
      state: 'st',
      audience: 'https://api',
      scope: 'openid profile email offline_access',
    });
  });

  it('exchanges the code with the verifier', async () => {
    let sentState = '';
    const fetchFn = vi.fn(async (_u: RequestInfo | URL, init?: RequestInit) => {
      const body = JSON.parse(String(init?.body));
      expect(body).toMatchObject({ grant_type: 'authorization_code', code: 'CODE', client_id: 'cid' });
      expect(await pkceChallenge(body.code_verifier)).toBe(challenge);
      return json(200, { access_token: 'at', refresh_token: 'rt', expires_in: 60 });
    });
    let challenge = '';
    const auth = await auth0SignIn(config, {
      redirectUri: 'https://id.chromiumapp.org/auth0',
      launchWebAuthFlow: async (u) => {
        const p = new URL(u).searchParams;
        sentState = p.get('state')!;
        challenge = p.get('code_challenge')!;
        return `https://id.chromiumapp.org/auth0?code=CODE&state=${sentState}`;
      },
      fetch: fetchFn,
      now: () => 1000,
    });
    expect(auth).toEqual({ accessToken: 'at', refreshToken: 'rt', expiresAt: 61_000, mode: 'auth0' });
  });

  it('rejects a response whose state does not match', async () => {
    await expect(
      auth0SignIn(config, {
        redirectUri: 'r',
        launchWebAuthFlow: async () => 'https://id.chromiumapp.org/auth0?code=C&state=forged',
      }),
    ).rejects.toBeInstanceOf(AuthFailure);
  });

  it('rotates the refresh token, keeping the old one if none is returned', async () => {
    const rotated = await auth0Refresh(
      config,
      'old',
      async () => json(200, { access_token: 'a', refresh_token: 'new', expires_in: 10 }),
      0,
    );
    expect(rotated.refreshToken).toBe('new');
    const kept = await auth0Refresh(config, 'old', async () => json(200, { access_token: 'a', expires_in: 10 }), 0);
    expect(kept.refreshToken).toBe('old');
  });

  it('marks invalid_grant as definitive and network errors as transient', async () => {
    const dead = auth0Refresh(config, 'x', async () => json(403, { error: 'invalid_grant' }));
    await expect(dead).rejects.toMatchObject({ definitive: true, message: 'invalid_grant' });
    const offline = auth0Refresh(config, 'x', async () => {
      throw new TypeError('Failed to fetch');
    });
    await expect(offline).rejects.toMatchObject({ definitive: false });
  });
});
