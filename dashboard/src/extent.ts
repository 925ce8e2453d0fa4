/**
 * The window and bucket interval of the charts. Fixed ranges ask for what they say; "auto"
 * fits the room's data: a room with minutes of history gets the last hour at 1-minute
 * buckets, not seven days of hourly buckets drawn as a flat line.
 */

export type Interval = '1m' | '5m' | '1h' | '1d';

export interface Plan {
  from: number; // epoch seconds
  to: number;
  interval: Interval;
}

const HOUR = 3_600;
const DAY = 86_400;

/** The width of one bucket of each interval, in seconds. */
export const BUCKET_SECONDS: Record<Interval, number> = { '1m': 60, '5m': 300, '1h': HOUR, '1d': DAY };

export const RANGES: Record<string, { seconds: number; interval: Interval }> = {
  '1h': { seconds: HOUR, interval: '1m' },
  '24h': { seconds: DAY, interval: '1h' },
  '7d': { seconds: 7 * DAY, interval: '1h' },
  '30d': { seconds: 30 * DAY, interval: '1d' },
  '90d': { seconds: 90 * DAY, interval: '1d' },
};

/** Where "auto" looks for data first: the last 7 days, hourly. */
export const PROBE = RANGES['7d'] as { seconds: number; interval: Interval };

const SLACK = 60; // the window runs a minute past now so the current bucket is whole

export function fixedPlan(key: string, now: number): Plan {
  const range = RANGES[key] ?? PROBE;
  return { from: now - range.seconds, to: now + SLACK, interval: range.interval };
}

/** The earliest instant with data: the first non-zero bucket of any series, or a broadcast start.
 * A bucket only says "somewhere in these `bucketSeconds`"; a broadcast start inside that first
 * bucket is the more precise answer (an hourly probe would otherwise stretch a 12-minute room
 * back to the top of the hour). */
export function earliestActivity(
  series: Array<Array<{ ts: number; value: number }>>,
  starts: number[],
  bucketSeconds = 0,
): number | null {
  const finite = (at: number | undefined): at is number => typeof at === 'number' && Number.isFinite(at);
  const firsts = series.map((points) => points.find((point) => point.value > 0)?.ts).filter(finite);
  const seriesFirst = firsts.length ? Math.min(...firsts) : null;
  const known = starts.filter(finite);
  const startFirst = known.length ? Math.min(...known) : null;
  if (seriesFirst === null || startFirst === null) return seriesFirst ?? startFirst;
  if (startFirst >= seriesFirst && startFirst < seriesFirst + bucketSeconds) return startFirst;
  return Math.min(seriesFirst, startFirst);
}

/** The plan that fits data starting at `earliest` (null: nothing in the probe window). */
export function fitPlan(earliest: number | null, now: number): Plan {
  if (earliest === null || earliest <= now - PROBE.seconds) return fixedPlan('7d', now);
  const span = now - earliest;
  if (span <= 2 * HOUR) return { from: Math.min(earliest, now - HOUR), to: now + SLACK, interval: '1m' };
  if (span <= 12 * HOUR) return { from: earliest, to: now + SLACK, interval: '5m' };
  return { from: Math.max(earliest, now - PROBE.seconds), to: now + SLACK, interval: '1h' };
}

/** Whether the probe's answers can be reused as they are for `plan`. */
export function sameAsProbe(plan: Plan, now: number): boolean {
  return plan.interval === PROBE.interval && plan.from === now - PROBE.seconds;
}
