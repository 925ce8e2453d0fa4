/** Today's usage vs limit per quota, whichever shape the server sends. */
import type { Limits, MeResponse, QuotaName } from '@/utils/shared/types';

export const QUOTAS: { key: QuotaName; label: string }[] = [
  { key: 'translate_chars', label: 'Translation characters' },
  { key: 'reply_suggestions', label: 'Reply suggestions' },
  { key: 'write_requests', label: 'Writing requests' },
];

function limitFrom(limits: Limits, key: QuotaName): number | undefined {
  const value = limits[`${key}_per_day`] ?? limits[key];
  return typeof value === 'number' ? value : undefined;
}

export function quotaOf(me: MeResponse | null, key: QuotaName): { used: number; limit: number | undefined } {
  if (!me) return { used: 0, limit: undefined };
  const entry = me.usage[key];
  if (typeof entry === 'number') return { used: entry, limit: limitFrom(me.limits, key) };
  return { used: entry?.used ?? 0, limit: entry?.limit ?? limitFrom(me.limits, key) };
}
