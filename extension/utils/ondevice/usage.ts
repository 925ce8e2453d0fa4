/**
 * On-device usage, counted per UTC day in the server's quota units (translate_chars,
 * reply_suggestions, write_requests) so the usage bars can show it beside the server's.
 *
 * Local only, never reported: on-device work is free and charges no quota, so the server
 * has no use for the number; a client-reported count could not be trusted for any limit
 * anyway; and "my chat never left this device" is easiest to prove when the on-device path
 * sends nothing at all, not even activity counts.
 *
 * Counting never waits for storage: additions collect in memory and are written at most
 * once per `flushDelayMs` (one read-modify-write per feature), so a busy room's translated
 * lines cannot queue storage writes behind each other, and a read is never held up by them.
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
const DEFAULT_FLUSH_DELAY_MS = 250;

interface Unsaved {
  day: string;
  counts: Record<UsageFeature, number>;
}

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
  private unsaved: Unsaved | null = null;
  private saving: Promise<void> = Promise.resolve();
  private timer: ReturnType<typeof setTimeout> | null = null;
  private readonly listeners = new Set<() => void>();

  constructor(
    private readonly store: UsageStore,
    private readonly now: () => number = Date.now,
    private readonly flushDelayMs = DEFAULT_FLUSH_DELAY_MS,
  ) {}

  /** Today's counts: what is stored plus what is still in memory (yesterday's read as 0). */
  async today(): Promise<DayUsage> {
    await this.saving; // at most one short write, never a queue of them
    const day = utcDay(this.now());
    const counts = EMPTY();
    const pending = this.unsaved?.day === day ? this.unsaved.counts : EMPTY();
    for (const feature of FEATURES) counts[feature] = (await this.stored(feature, day)) + pending[feature];
    return { day, counts };
  }

  /** Count `amount` units of `feature` now; the write to storage follows shortly. */
  add(feature: UsageFeature, amount: number): void {
    if (!(amount > 0)) return;
    const day = utcDay(this.now());
    if (this.unsaved && this.unsaved.day !== day) void this.flush(); // yesterday's go out first
    this.unsaved ??= { day, counts: EMPTY() };
    this.unsaved.counts[feature] += amount;
    this.timer ??= setTimeout(() => void this.flush(), this.flushDelayMs);
  }

  /** Write what is in memory now (the panel also calls this when it hides). */
  flush(): Promise<void> {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    const batch = this.unsaved;
    this.unsaved = null;
    if (!batch) return this.saving;
    this.saving = this.saving.then(() => this.write(batch)).then(() => this.listeners.forEach((notify) => notify()));
    return this.saving;
  }

  /** Called after each write reaches storage; returns the unsubscribe function. */
  onSaved(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private async write(batch: Unsaved): Promise<void> {
    for (const feature of FEATURES) {
      const amount = batch.counts[feature];
      if (amount === 0) continue;
      const count = (await this.stored(feature, batch.day)) + amount;
      await this.store.set(STORAGE_PREFIX + feature, { day: batch.day, count });
    }
  }

  private async stored(feature: UsageFeature, day: string): Promise<number> {
    const stored = (await this.store.get(STORAGE_PREFIX + feature)) as { day?: string; count?: number } | undefined;
    return stored?.day === day && typeof stored.count === 'number' ? stored.count : 0;
  }
}
