/**
 * On-device usage, counted per UTC day in the server's quota units (translate_chars,
 * reply_suggestions, write_requests) so the usage bars can show it beside the server's.
 *
 * Local only, never reported: on-device work is free and charges no quota, so the server
 * has no use for the number; a client-reported count could not be trusted for any limit
 * anyway; and "my chat never left this device" is easiest to prove when the on-device path
 * sends nothing at all, not even activity counts.
 */

import { CATALOG } from '@/utils/shared/wire';

export type UsageFeature = 'translate_chars' | 'reply_suggestions' | 'write_requests';

/** Where the counts live (chrome.storage.local in the panel, a Map in tests). */
export interface UsageStore {
  get(key: string): Promise<unknown>;
  set(key: string, value: unknown): Promise<void>;
}

export interface DayUsage {
  day: string;
  counts: Record<UsageFeature, number>;
}

/** One key per feature: the translator and the reply/writing runners may live in different
 * engine instances, and a shared key would let one's read-modify-write drop the other's count. */
const STORAGE_PREFIX = 'ondeviceUsage:';
const FEATURES: UsageFeature[] = CATALOG.quotas.map((quota) => quota.feature);
const EMPTY = (): Record<UsageFeature, number> => ({ translate_chars: 0, reply_suggestions: 0, write_requests: 0 });

export function utcDay(now: number): string {
  return new Date(now).toISOString().slice(0, 10);
}

export function memoryStore(): UsageStore {
  const data = new Map<string, unknown>();
  return {
    get: (key) => Promise.resolve(data.get(key)),
    set: (key, value) => {
      data.set(key, value);
      return Promise.resolve();
    },
  };
}

export class OnDeviceUsage {
  private pending: Promise<void> = Promise.resolve();

  constructor(
    private readonly store: UsageStore,
    private readonly now: () => number = Date.now,
  ) {}

  /** Today's counts (yesterday's are dropped at the first read or write of a new day). */
  async today(): Promise<DayUsage> {
    await this.pending;
    return this.read();
  }

  /** Add `amount` units of `feature`; writes are serialized so concurrent lines all count. */
  add(feature: UsageFeature, amount: number): Promise<void> {
    if (!(amount > 0)) return this.pending;
    this.pending = this.pending.then(async () => {
      const day = utcDay(this.now());
      const count = await this.count(feature, day);
      await this.store.set(STORAGE_PREFIX + feature, { day, count: count + amount });
    });
    return this.pending;
  }

  private async count(feature: UsageFeature, day: string): Promise<number> {
    const stored = (await this.store.get(STORAGE_PREFIX + feature)) as { day?: string; count?: number } | undefined;
    return stored?.day === day && typeof stored.count === 'number' ? stored.count : 0;
  }

  private async read(): Promise<DayUsage> {
    const day = utcDay(this.now());
    const counts = EMPTY();
    for (const feature of FEATURES) counts[feature] = await this.count(feature, day);
    return { day, counts };
  }
}
