import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AuthFailure } from '@/utils/auth/auth0';
import type { AuthState } from '@/utils/shared/storage';
import { refreshDelay, REFRESH_MARGIN_MS, TokenManager } from '@/utils/auth/token-manager';

const HOUR = 3_600_000;

function setup(renew: (auth: AuthState) => Promise<AuthState>) {
  let stored: AuthState | null = null;
  const changes: (AuthState | null)[] = [];
  const manager = new TokenManager({
    load: async () => stored,
    save: async (a) => void (stored = a),
    renew: vi.fn(renew),
    onChange: (a) => changes.push(a),
  });
  return {
    manager,
    changes,
    get stored() {
      return stored;
    },
  };
}

const token = (name: string, lifetime = HOUR): AuthState => ({
  accessToken: name,
  refreshToken: `r-${name}`,
  expiresAt: Date.now() + lifetime,
  mode: 'auth0',
});

beforeEach(() => vi.useFakeTimers({ now: 1_700_000_000_000 }));
afterEach(() => vi.useRealTimers());

describe('refreshDelay', () => {
  it('refreshes at 80% of a long-lived token', () => {
    expect(refreshDelay(HOUR, 0)).toBe(0.8 * HOUR);
  });
  it('keeps at least the margin before expiry for short tokens', () => {
    expect(refreshDelay(2 * 60_000, 0)).toBe(60_000);
  });
  it('is zero for a token already expired', () => {
    expect(refreshDelay(0, 5_000)).toBe(0);
  });
});

describe('TokenManager', () => {
  it('refreshes before expiry and rotates the refresh token', async () => {
    let n = 0;
    const t = setup(async () => token(`t${++n}`));
    await t.manager.signIn(token('t0'));
    await vi.advanceTimersByTimeAsync(0.8 * HOUR - 1);
    expect(t.stored?.accessToken).toBe('t0');
    await vi.advanceTimersByTimeAsync(1);
    expect(t.stored).toMatchObject({ accessToken: 't1', refreshToken: 'r-t1' });
    await vi.advanceTimersByTimeAsync(0.8 * HOUR);
    expect(t.stored?.accessToken).toBe('t2'); // rescheduled from the new expiry
  });

  it('shares one refresh among concurrent callers', async () => {
    const t = setup(async () => token('new'));
    await t.manager.signIn(token('old', REFRESH_MARGIN_MS / 2));
    const tokens = await Promise.all([t.manager.getValidToken(), t.manager.getValidToken(), t.manager.refresh()]);
    expect(tokens.slice(0, 2)).toEqual(['new', 'new']);
    expect(t.manager['deps'].renew).toHaveBeenCalledTimes(1);
  });

  it('returns the current token without refreshing while it is fresh', async () => {
    const t = setup(async () => token('new'));
    await t.manager.signIn(token('fresh'));
    expect(await t.manager.getValidToken()).toBe('fresh');
  });

  it('signs out when the refresh grant is rejected', async () => {
    const t = setup(async () => {
      throw new AuthFailure('invalid_grant', true);
    });
    await t.manager.signIn(token('t0', 30_000));
    expect(await t.manager.getValidToken()).toBeNull();
    expect(t.stored).toBeNull();
    expect(t.changes.at(-1)).toBeNull();
  });

  it('keeps the token and retries later when the network fails', async () => {
    let fail = true;
    const t = setup(async () => {
      if (fail) throw new AuthFailure('offline', false);
      return token('after');
    });
    await t.manager.signIn(token('t0', 30_000));
    expect(await t.manager.refresh()).toBe(false);
    expect(t.stored?.accessToken).toBe('t0');
    fail = false;
    await vi.advanceTimersByTimeAsync(5_000);
    expect(t.stored?.accessToken).toBe('after');
  });

  it('stops refreshing after sign-out', async () => {
    const t = setup(async () => token('x'));
    await t.manager.signIn(token('t0'));
    await t.manager.signOut();
    await vi.advanceTimersByTimeAsync(2 * HOUR);
    expect(t.manager['deps'].renew).not.toHaveBeenCalled();
  });
});
