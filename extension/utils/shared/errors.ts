/** Server error codes → streamer-friendly messages, in one place. */
import { CATALOG } from './wire';

/** The server's one error shape: `{code, message, details}`. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: unknown = null,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export const NETWORK_ERROR = 'network_error';

export type Plan = 'pro' | 'studio';
export type ErrorAction =
  | { kind: 'upgrade'; label: string; url: string | null; plan: Plan | null }
  | { kind: 'signin'; label: string }
  | { kind: 'retry'; label: string }
  | { kind: 'settings'; label: string };

export interface FriendlyError {
  code: string;
  message: string;
  action: ErrorAction | null;
  /** A 400's problems by field ("options.size" → "Input should be …"), from its `details`. */
  fields?: Record<string, string>;
}

const QUOTA_NOUNS: Record<string, string> = Object.fromEntries(CATALOG.quotas.map((q) => [q.feature, q.label]));

/** The server sends `feature` and `upgrade: {tier, url, method}`; `upgrade_url` is accepted too. */
interface QuotaDetails {
  limit?: number;
  used?: number;
  feature?: string;
  quota?: string;
  upgrade_url?: string;
  upgrade?: { tier?: string; url?: string; method?: string } | null;
}

function quotaMessage(details: QuotaDetails): FriendlyError {
  const noun = QUOTA_NOUNS[details.feature ?? details.quota ?? ''] ?? 'requests';
  const amount = typeof details.limit === 'number' ? `${details.limit.toLocaleString('en-US')} ` : '';
  const tier = details.upgrade?.tier;
  const plan: Plan | null = tier === 'pro' || tier === 'studio' ? tier : null;
  const url = details.upgrade_url ?? (/^https?:/.test(details.upgrade?.url ?? '') ? details.upgrade!.url! : null);
  if (details.upgrade === null && !details.upgrade_url) {
    return { code: 'quota_exceeded', message: `You've used today's ${amount}${noun}. More tomorrow.`, action: null };
  }
  return {
    code: 'quota_exceeded',
    message: `You've used today's ${amount}${noun}. Upgrade for more.`,
    action: { kind: 'upgrade', label: plan ? `Upgrade to ${plan === 'pro' ? 'Pro' : 'Studio'}` : 'Upgrade', url, plan },
  };
}

const SIMPLE: Record<string, Omit<FriendlyError, 'code'>> = {
  ai_not_configured: { message: "AI isn't set up on this server yet", action: null },
  not_configured: { message: "This feature isn't set up on this server yet", action: null },
  billing_not_configured: { message: "Billing isn't set up on this server yet", action: null },
  token_expired: { message: 'Signed out — sign in again', action: { kind: 'signin', label: 'Sign in' } },
  unauthorized: { message: 'Signed out — sign in again', action: { kind: 'signin', label: 'Sign in' } },
  invalid_token: { message: 'Signed out — sign in again', action: { kind: 'signin', label: 'Sign in' } },
  [NETWORK_ERROR]: { message: "Can't reach the server", action: { kind: 'retry', label: 'Retry' } },
  network: { message: "Can't reach the server", action: { kind: 'retry', label: 'Retry' } },
  forbidden: { message: "Your account can't access this room", action: { kind: 'settings', label: 'Settings' } },
  rate_limited: { message: 'Too many requests — wait a moment', action: { kind: 'retry', label: 'Retry' } },
  too_many_requests: { message: 'Too many requests — wait a moment', action: { kind: 'retry', label: 'Retry' } },
  taken: { message: 'This room is linked to another account', action: null },
  tier_limit: {
    message: 'Your plan has reached its limit here — upgrade for more',
    action: { kind: 'upgrade', label: 'See plans', url: null, plan: null },
  },
  dev_issuer_disabled: { message: "This server doesn't offer local sign-in", action: null },
};

/** The server's `details: [{field, message}]` of a validation error, by field (first message wins). */
function fieldProblems(details: unknown): Record<string, string> | undefined {
  if (!Array.isArray(details)) return undefined;
  const fields: Record<string, string> = {};
  for (const problem of details as { field?: unknown; message?: unknown }[]) {
    if (typeof problem?.field === 'string' && typeof problem.message === 'string')
      fields[problem.field] ??= problem.message;
  }
  return Object.keys(fields).length ? fields : undefined;
}

export function toFriendlyError(error: unknown): FriendlyError {
  if (error instanceof ApiError) {
    if (error.code === 'validation_error') {
      const fields = fieldProblems(error.details);
      return {
        code: error.code,
        message: error.message || 'Check the values',
        action: null,
        ...(fields && { fields }),
      };
    }
    if (error.code === 'quota_exceeded') return quotaMessage(error.details ?? {});
    // The server names the limit ("The free plan allows 1 goals; remove some or upgrade.").
    if (error.code === 'tier_limit' && error.message)
      return { ...SIMPLE.tier_limit!, code: error.code, message: error.message };
    const url = (error.details as { url?: unknown } | null)?.url;
    if (error.code === NETWORK_ERROR && typeof url === 'string' && url) {
      return {
        code: NETWORK_ERROR,
        message: `Can't reach the server at ${url}`,
        action: SIMPLE[NETWORK_ERROR]!.action,
      };
    }
    const known = SIMPLE[error.code];
    if (known) return { code: error.code, ...known };
    if (error.status === 401) return { code: 'unauthorized', ...SIMPLE.unauthorized! };
    if (error.status === 503)
      return {
        code: error.code,
        message: error.message || 'The server is busy — try again soon',
        action: { kind: 'retry', label: 'Retry' },
      };
    return { code: error.code, message: error.message || 'Something went wrong', action: null };
  }
  if (error instanceof TypeError) return { code: NETWORK_ERROR, ...SIMPLE[NETWORK_ERROR]! };
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'unknown', message: message || 'Something went wrong', action: null };
}

/** Parse a non-2xx response body into an ApiError, tolerating non-JSON bodies (proxies, crashes). */
export function errorFromBody(status: number, body: unknown, statusText = ''): ApiError {
  const b = (body ?? {}) as { code?: unknown; message?: unknown; details?: unknown };
  const code = typeof b.code === 'string' ? b.code : status === 401 ? 'unauthorized' : `http_${status}`;
  const message = typeof b.message === 'string' ? b.message : statusText || `HTTP ${status}`;
  return new ApiError(status, code, message, b.details ?? null);
}
