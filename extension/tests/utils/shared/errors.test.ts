import { describe, expect, it } from 'vitest';
import { ApiError, errorFromBody, NETWORK_ERROR, toFriendlyError } from '@/utils/shared/errors';

describe('toFriendlyError', () => {
  it('turns quota_exceeded into an upgrade prompt with the limit', () => {
    const err = new ApiError(429, 'quota_exceeded', 'over', {
      limit: 5000,
      used: 5000,
      quota: 'translate_chars',
      upgrade_url: 'https://x/upgrade',
    });
    expect(toFriendlyError(err)).toEqual({
      code: 'quota_exceeded',
      message: "You've used today's 5,000 translation characters. Upgrade for more.",
      action: { kind: 'upgrade', label: 'Upgrade', url: 'https://x/upgrade', plan: null },
    });
  });

  it('reads the server quota details: feature and the tier to upgrade to', () => {
    const err = new ApiError(429, 'quota_exceeded', 'Daily limit reached', {
      feature: 'reply_suggestions',
      limit: 20,
      used: 20,
      tier: 'free',
      upgrade: { tier: 'pro', url: '/api/v1/subscription/checkout', method: 'POST' },
    });
    expect(toFriendlyError(err)).toEqual({
      code: 'quota_exceeded',
      message: "You've used today's 20 reply requests. Upgrade for more.",
      action: { kind: 'upgrade', label: 'Upgrade to Pro', url: null, plan: 'pro' },
    });
  });

  it('offers no upgrade on the top tier', () => {
    const err = new ApiError(429, 'quota_exceeded', 'x', { feature: 'write_requests', limit: 1000, upgrade: null });
    expect(toFriendlyError(err)).toMatchObject({
      message: "You've used today's 1,000 writing requests. More tomorrow.",
      action: null,
    });
  });

  it('says AI is not set up for ai_not_configured', () => {
    expect(toFriendlyError(new ApiError(503, 'ai_not_configured', 'Set LLM_API_KEY')).message).toBe(
      "AI isn't set up on this server yet",
    );
  });

  it('says billing is not set up for billing_not_configured', () => {
    expect(toFriendlyError(new ApiError(503, 'billing_not_configured', 'Set STRIPE_*')).message).toMatch(
      /isn't set up/,
    );
  });

  it.each(['token_expired', 'unauthorized'])('asks to sign in again for %s', (code) => {
    const friendly = toFriendlyError(new ApiError(401, code, 'x'));
    expect(friendly.message).toBe('Signed out — sign in again');
    expect(friendly.action?.kind).toBe('signin');
  });

  it('reports network failures as unreachable', () => {
    expect(toFriendlyError(new ApiError(0, NETWORK_ERROR, 'Failed to fetch')).message).toBe("Can't reach the server");
    expect(toFriendlyError(new TypeError('Failed to fetch')).message).toBe("Can't reach the server");
  });

  it('falls back to the server message for unknown codes', () => {
    expect(toFriendlyError(new ApiError(400, 'validation_error', 'text is required')).message).toBe('text is required');
  });
});

describe('errorFromBody', () => {
  it('reads the server error shape', () => {
    const e = errorFromBody(429, { code: 'quota_exceeded', message: 'm', details: { limit: 1 } });
    expect(e).toMatchObject({ status: 429, code: 'quota_exceeded', message: 'm', details: { limit: 1 } });
  });
  it('tolerates non-JSON bodies', () => {
    expect(errorFromBody(502, null, 'Bad Gateway')).toMatchObject({ code: 'http_502', message: 'Bad Gateway' });
    expect(errorFromBody(401, 'nope').code).toBe('unauthorized');
  });
});
