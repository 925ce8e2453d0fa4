import { describe, expect, it } from 'vitest';
import { memoryStore, OnDeviceUsage } from '../../../utils/ondevice/usage';

describe('OnDeviceUsage', () => {
  it('keeps every feature when two engines count at once on the same storage', async () => {
    const store = memoryStore();
    const translator = new OnDeviceUsage(store);
    const replies = new OnDeviceUsage(store);
    await Promise.all([
      translator.add('translate_chars', 40),
      replies.add('reply_suggestions', 1),
      translator.add('translate_chars', 2),
    ]);
    expect((await new OnDeviceUsage(store).today()).counts).toEqual({
      translate_chars: 42,
      reply_suggestions: 1,
      write_requests: 0,
    });
  });

  it('counts concurrent additions per feature and starts again each UTC day', async () => {
    let now = Date.parse('2026-12-02T23:59:00Z');
    const usage = new OnDeviceUsage(memoryStore(), () => now);
    await Promise.all(Array.from({ length: 50 }, () => usage.add('translate_chars', 10)));
    await usage.add('reply_suggestions', 3);
    expect(await usage.today()).toEqual({
      day: '2026-12-02',
      counts: { translate_chars: 500, reply_suggestions: 3, write_requests: 0 },
    });
    now = Date.parse('2026-12-03T00:01:00Z');
    expect((await usage.today()).counts.translate_chars).toBe(0);
  });
});
