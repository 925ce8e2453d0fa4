/** Display formatting: tokens (with hide-money masking), durations, relative ages. */

export const MASK = '•••';

export function formatNumber(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

/** "1,250 tk", or "••• tk" in hide-money mode. */
export function formatTokens(tokens: number, hideMoney = false): string {
  return `${hideMoney ? MASK : formatNumber(tokens)} tk`;
}

/** Compact: 950, 1.2k, 34k, 1.5M. */
export function formatCompact(n: number): string {
  const abs = Math.abs(n);
  if (abs < 1_000) return String(Math.round(n));
  if (abs < 1_000_000) return `${trim(n / 1_000)}k`;
  return `${trim(n / 1_000_000)}M`;
}
const trim = (x: number) => (Math.abs(x) < 10 ? x.toFixed(1).replace(/\.0$/, '') : String(Math.round(x)));

const AMOUNT_WITH_UNIT = /(\d[\d,.]*)(\s*)(tokens?|tks?|tk|coins?)\b/gi;
const CURRENCY = /([$€£])\s?\d[\d,.]*/g;

/** Mask token/money amounts inside free text (tip notes, room subjects) in hide-money mode. */
export function maskMoney(text: string, hideMoney: boolean): string {
  if (!hideMoney) return text;
  return text.replace(AMOUNT_WITH_UNIT, `${MASK}$2$3`).replace(CURRENCY, `$1${MASK}`);
}

/** 3_723_000 → "1h 02m"; 250_000 → "4m 10s"; 12_000 → "12s". */
export function formatDuration(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  if (h > 0) return `${h}h ${String(m).padStart(2, '0')}m`;
  if (m > 0) return `${m}m ${String(s).padStart(2, '0')}s`;
  return `${s}s`;
}

/** Age of a past moment: "just now", "12s ago", "3m ago", "2h ago", "3d ago"; "never" for null. */
export function formatAge(then: number | null, now: number): string {
  if (then === null) return 'never';
  const seconds = Math.max(0, Math.floor((now - then) / 1000));
  if (seconds < 5) return 'just now';
  if (seconds < 60) return `${seconds}s ago`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)}m ago`;
  if (seconds < 86_400) return `${Math.floor(seconds / 3600)}h ago`;
  return `${Math.floor(seconds / 86_400)}d ago`;
}

export function tokensPerHour(tokens: number, durationMs: number): number {
  if (durationMs <= 0) return 0;
  return tokens / (durationMs / 3_600_000);
}

/** Clock time for a feed row: "21:04". */
export function formatClock(at: number): string {
  const d = new Date(at);
  return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
}

/** Event timestamp (RFC 3339 string or epoch seconds) → epoch ms. */
export function eventTime(ts: string | number | undefined, fallback: number): number {
  if (typeof ts === 'number') return ts < 1e12 ? ts * 1000 : ts;
  if (typeof ts === 'string') {
    const parsed = Date.parse(ts);
    if (!Number.isNaN(parsed)) return parsed;
  }
  return fallback;
}
