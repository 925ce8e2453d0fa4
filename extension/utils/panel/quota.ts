/** Today's usage vs limit per quota; the quotas, their labels and limit fields come from the server's catalog. */
import { CATALOG } from '@/utils/shared/wire';
import type { Limits, MeResponse, QuotaName } from '@/utils/shared/types';

const capitalized = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

export const QUOTAS: { key: QuotaName; label: string; limitField: string }[] = CATALOG.quotas.map((q) => ({
  key: q.feature,
  label: capitalized(q.label),
  limitField: q.limit_field,
}));

function limitFrom(limits: Limits, key: QuotaName): number | undefined {
  const field = QUOTAS.find((q) => q.key === key)?.limitField;
  const value = field ? (limits as unknown as Record<string, unknown>)[field] : undefined;
  return typeof value === 'number' ? value : undefined;
}

export function quotaOf(me: MeResponse | null, key: QuotaName): { used: number; limit: number | undefined } {
  if (!me) return { used: 0, limit: undefined };
  const entry = me.usage[key] as MeResponse['usage'][QuotaName] | undefined;
  return { used: entry?.used ?? 0, limit: entry?.limit ?? limitFrom(me.limits, key) };
}
