import { afterEach, describe, expect, it, vi } from 'vitest';
import { memoryStore, OnDeviceUsage, type UsageStore } from '../../../utils/ondevice/usage';

/** A store whose writes take `ms` each, like chrome.storage under load. */
function slowStore(ms: number): UsageStore & { writes: number } {
  const inner = memoryStore();
  const store = {
    writes: 0,
    get: (key: string) => inner.get(key),
    set: async (key: string, value: unknown) => {
      store.writes += 1;
      await new Promise((resolve) => setTimeout(resolve, ms));
      await inner.set(key, value);
    },
  };
  return store;
}

describe('OnDeviceUsage', () => {
  afterEach(() => vi.useRealTimers());

  it('keeps every feature when two engines count at once on the same storage', async () => {
    const store = memoryStore();
    const translator = new OnDeviceUsage(store);
    const replies = new OnDeviceUsage(store);
    translator.add('translate_chars', 40);
    replies.add('reply_suggestions', 1);
    translator.add('translate_chars', 2);
    await Promise.all([translator.flush(), replies.flush()]);
    expect((await new OnDeviceUsage(store).today()).counts).toEqual({
      translate_chars: 42,
      reply_suggestions: 1,
      write_requests: 0,
    });
  });

  it('counts additions per feature at once, before they are written, and starts again each UTC day', async () => {
    let now = Date.parse('2026-12-02T23:59:00Z');
    const usage = new OnDeviceUsage(memoryStore(), () => now);
    for (let i = 0; i < 50; i++) usage.add('translate_chars', 10);
    usage.add('reply_suggestions', 3);
    expect(await usage.today()).toEqual({
      day: '2026-12-02',
      counts: { translate_chars: 500, reply_suggestions: 3, write_requests: 0 },
    });
    now = Date.parse('2026-12-03T00:01:00Z');
    expect((await usage.today()).counts.translate_chars).toBe(0);
    usage.add('translate_chars', 7);
    await usage.flush();
    expect((await usage.today()).counts).toEqual({ translate_chars: 7, reply_suggestions: 0, write_requests: 0 });
  });

  it('a busy feed never queues writes: many lines cost one write per feature, and reads do not wait for them', async () => {
    vi.useFakeTimers();
    const store = slowStore(50);
    const usage = new OnDeviceUsage(store, Date.now, 250);
    const saved = vi.fn();
    usage.onSaved(saved);
    for (let i = 0; i < 200; i++) usage.add('translate_chars', 5);
    usage.add('reply_suggestions', 1);
    expect(store.writes).toBe(0);
    expect((await usage.today()).counts.reply_suggestions).toBe(1);
    await vi.advanceTimersByTimeAsync(400);
    expect(store.writes).toBe(2);
    expect(saved).toHaveBeenCalledTimes(1);
    const fresh = new OnDeviceUsage(store);
    expect((await fresh.today()).counts).toEqual({ translate_chars: 1000, reply_suggestions: 1, write_requests: 0 });
  });
});
