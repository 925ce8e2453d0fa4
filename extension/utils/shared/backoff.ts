/** Exponential backoff with "equal jitter": delay is in [raw·(1−jitter), raw], raw = min(max, base·factor^attempt). */
export interface BackoffOptions {
  baseMs: number;
  maxMs: number;
  factor: number;
  /** 0..1: share of the delay that is randomized */
  jitter: number;
}

/** Quick at first (a restart or a blip is over in seconds), capped low so a returning server is found soon. */
export const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 500, maxMs: 5_000, factor: 2, jitter: 0.5 };

export function backoffDelay(attempt: number, options: BackoffOptions = DEFAULT_BACKOFF, random = Math.random): number {
  const exponent = Math.max(0, attempt);
  const raw = Math.min(options.maxMs, options.baseMs * options.factor ** exponent);
  const fixed = raw * (1 - options.jitter);
  return Math.round(fixed + random() * (raw - fixed));
}
