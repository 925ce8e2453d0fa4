import { describe, expect, it } from 'vitest';
import { earliestActivity, fitPlan, fixedPlan, sameAsProbe } from './extent';

const NOW = 1_800_000_000;
const MIN = 60;
const HOUR = 3_600;
const DAY = 86_400;

describe('fitPlan', () => {
  it('shows the last hour at 1-minute buckets when the room has minutes of data', () => {
    expect(fitPlan(NOW - 12 * MIN, NOW)).toEqual({ from: NOW - HOUR, to: NOW + MIN, interval: '1m' });
  });

  it('starts at the data when it spans up to two hours, still by the minute', () => {
    expect(fitPlan(NOW - 100 * MIN, NOW)).toMatchObject({ from: NOW - 100 * MIN, interval: '1m' });
  });

  it('uses 5-minute buckets for a few hours of data', () => {
    expect(fitPlan(NOW - 5 * HOUR, NOW)).toMatchObject({ from: NOW - 5 * HOUR, interval: '5m' });
  });

  it('uses hourly buckets from the first data for days of it', () => {
    expect(fitPlan(NOW - 3 * DAY, NOW)).toMatchObject({ from: NOW - 3 * DAY, interval: '1h' });
  });

  it('falls back to the last 7 days when nothing is there', () => {
    const plan = fitPlan(null, NOW);
    expect(plan).toEqual(fixedPlan('7d', NOW));
    expect(sameAsProbe(plan, NOW)).toBe(true);
  });
});

describe('earliestActivity', () => {
  it('takes the first non-zero bucket of any series, or an earlier broadcast start', () => {
    const tokens = [
      { ts: 100, value: 0 },
      { ts: 200, value: 5 },
    ];
    const chat = [
      { ts: 100, value: 0 },
      { ts: 200, value: 0 },
    ];
    expect(earliestActivity([tokens, chat], [])).toBe(200);
    expect(earliestActivity([tokens, chat], [150])).toBe(150);
  });

  it('prefers a broadcast start inside the first bucket, which is more precise', () => {
    const hourly = [
      { ts: NOW - 2 * HOUR, value: 0 },
      { ts: NOW - HOUR, value: 9 },
    ];
    expect(earliestActivity([hourly], [NOW - 12 * MIN], HOUR)).toBe(NOW - 12 * MIN);
    expect(earliestActivity([hourly], [NOW - 12 * MIN])).toBe(NOW - HOUR); // no bucket width given
    expect(fitPlan(earliestActivity([hourly], [NOW - 12 * MIN], HOUR), NOW).from).toBe(NOW - HOUR);
  });

  it('is null for an empty room', () => {
    expect(earliestActivity([[{ ts: 1, value: 0 }]], [])).toBeNull();
  });
});
