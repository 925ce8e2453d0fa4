/** The windows the Stats tab's leaderboard and menu report offer, as the server's query. */
import type { ReportQuery } from '@/utils/shared/room-types';

export type ReportScope = 'broadcast' | 'today' | 'week';
export const REPORT_SCOPES: { id: ReportScope; label: string; empty: string }[] = [
  { id: 'broadcast', label: 'This broadcast', empty: 'this broadcast' },
  { id: 'today', label: 'Today', empty: 'today' },
  { id: 'week', label: '7 days', empty: 'in the last 7 days' },
];
const DAY_MS = 86_400_000;

/** `today` starts at the streamer's local midnight; `week` is the last 7 × 24 hours up to `now`. */
export function scopeQuery(scope: ReportScope, now = new Date()): ReportQuery {
  if (scope === 'broadcast') return { scope: 'broadcast' };
  const start = scope === 'today' ? new Date(now) : new Date(now.getTime() - 7 * DAY_MS);
  if (scope === 'today') start.setHours(0, 0, 0, 0);
  const tz = Intl.DateTimeFormat().resolvedOptions().timeZone;
  return { scope: 'period', from: start.toISOString(), to: now.toISOString(), tz };
}

/** "No tips this broadcast." / "No tips today." … */
export function emptyText(scope: ReportScope): string {
  return REPORT_SCOPES.find((s) => s.id === scope)!.empty;
}
