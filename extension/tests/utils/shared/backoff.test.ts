import { describe, expect, it } from 'vitest';
import { backoffDelay, DEFAULT_BACKOFF } from '@/utils/shared/backoff';

describe('backoffDelay', () => {
  it('doubles from the base and caps at the max', () => {
    const top = () => 1;
    expect([0, 1, 2, 3, 4, 5, 6, 20].map((n) => backoffDelay(n, DEFAULT_BACKOFF, top))).toEqual([
      500, 1000, 2000, 4000, 5000, 5000, 5000, 5000,
    ]);
  });

  it('never exceeds the cap, whatever the jitter draws', () => {
    for (let n = 0; n < 50; n++) {
      const d = backoffDelay(n, DEFAULT_BACKOFF);
      expect(d).toBeLessThanOrEqual(DEFAULT_BACKOFF.maxMs);
      expect(d).toBeGreaterThanOrEqual(Math.min(DEFAULT_BACKOFF.maxMs, 500 * 2 ** n) / 2);
    }
  });

  it('spreads clients apart with jitter', () => {
    expect(backoffDelay(3, DEFAULT_BACKOFF, () => 0)).toBe(2000);
    expect(backoffDelay(3, DEFAULT_BACKOFF, () => 0.5)).toBe(3000);
  });
});
