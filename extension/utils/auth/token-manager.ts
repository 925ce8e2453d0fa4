/**
 * Keeps the access token fresh (background only: one place refreshes, so rotated refresh tokens
 * are never used twice). Timers and the refresh call are injected for tests.
 */
import { AuthFailure } from '@/utils/auth/auth0';
import { backoffDelay } from '@/utils/shared/backoff';
import type { AuthState } from '@/utils/shared/storage';
import { realTimers, type TimerHandle, type Timers } from '@/utils/shared/timers';

/** Refresh this long before expiry at the latest. */
export const REFRESH_MARGIN_MS = 60_000;
const RETRY = { baseMs: 5_000, maxMs: 60_000, factor: 2, jitter: 0.2 };

/** When to refresh a token: at 80% of its remaining life, and at least REFRESH_MARGIN_MS before expiry. */
export function refreshDelay(expiresAt: number, now: number, margin = REFRESH_MARGIN_MS): number {
  const remaining = expiresAt - now;
  return Math.max(0, Math.min(remaining - margin, remaining * 0.8));
}

export interface TokenManagerDeps {
  load(): Promise<AuthState | null>;
  save(auth: AuthState | null): Promise<void>;
  /** Get a new token set for `auth` (Auth0 rotation or dev re-mint). Throws AuthFailure. */
  renew(auth: AuthState): Promise<AuthState>;
  onChange?(auth: AuthState | null): void;
  timers?: Timers;
}

export class TokenManager {
  private timer: TimerHandle | null = null;
  private inflight: Promise<boolean> | null = null;
  private failures = 0;
  private readonly timers: Timers;

  constructor(private readonly deps: TokenManagerDeps) {
    this.timers = deps.timers ?? realTimers;
  }

  /** Schedule the next refresh for whatever is stored (call on service-worker start). */
  async init(): Promise<void> {
    const auth = await this.deps.load();
    if (auth) this.schedule(auth);
  }

  async signIn(auth: AuthState): Promise<void> {
    this.failures = 0;
    await this.deps.save(auth);
    this.schedule(auth);
    this.deps.onChange?.(auth);
  }

  async signOut(): Promise<void> {
    this.cancel();
    await this.deps.save(null);
    this.deps.onChange?.(null);
  }

  /** A token good for at least REFRESH_MARGIN_MS, or null when signed out or refresh failed. */
  async getValidToken(): Promise<string | null> {
    const auth = await this.deps.load();
    if (!auth) return null;
    if (auth.expiresAt - this.timers.now() > REFRESH_MARGIN_MS) return auth.accessToken;
    await this.refresh();
    // After a failed refresh: signed out → null; a transient failure keeps a token that has not expired yet.
    const current = await this.deps.load();
    return current && current.expiresAt > this.timers.now() ? current.accessToken : null;
  }

  /** Refresh now; concurrent callers share one request. */
  refresh(): Promise<boolean> {
    this.inflight ??= this.doRefresh().finally(() => {
      this.inflight = null;
    });
    return this.inflight;
  }

  cancel(): void {
    if (this.timer !== null) this.timers.clearTimeout(this.timer);
    this.timer = null;
  }

  private schedule(auth: AuthState, delay = refreshDelay(auth.expiresAt, this.timers.now())): void {
    this.cancel();
    this.timer = this.timers.setTimeout(() => {
      this.timer = null;
      void this.refresh();
    }, delay);
  }

  private async doRefresh(): Promise<boolean> {
    const auth = await this.deps.load();
    if (!auth) return false;
    try {
      const next = await this.deps.renew(auth);
      this.failures = 0;
      await this.deps.save(next);
      this.schedule(next);
      this.deps.onChange?.(next);
      return true;
    } catch (err) {
      if (err instanceof AuthFailure && err.definitive) {
        await this.signOut();
        return false;
      }
      // Transient (network, server down): keep the token while it lasts and try again.
      const retryIn = backoffDelay(this.failures++, RETRY);
      if (auth.expiresAt <= this.timers.now()) this.deps.onChange?.(auth);
      this.schedule(auth, retryIn);
      return false;
    }
  }
}
