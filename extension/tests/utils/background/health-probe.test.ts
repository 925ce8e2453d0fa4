import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createHealthProbe, PROBE_INTERVAL_MS } from '@/utils/background/health-probe';

function setup(up: { value: boolean }) {
  const asked: string[] = [];
  const healthy = vi.fn();
  const probe = createHealthProbe({
    serverUrl: () => 'http://127.0.0.1:5109',
    onHealthy: healthy,
    fetch: async (url) => {
      asked.push(String(url));
      if (!up.value) throw new TypeError('Failed to fetch');
      return new Response('{}', { status: 200 });
    },
  });
  return { probe, asked, healthy };
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('health probe', () => {
  it('asks nothing while the hub is live', async () => {
    const { probe, asked } = setup({ value: true });
    probe.follow('live');
    await vi.advanceTimersByTimeAsync(10 * PROBE_INTERVAL_MS);
    expect(asked).toEqual([]);
  });

  it('retries the hub the moment the server answers again', async () => {
    const up = { value: false };
    const { probe, asked, healthy } = setup(up);
    probe.follow('reconnecting');
    await vi.advanceTimersByTimeAsync(3 * PROBE_INTERVAL_MS);
    expect(asked).toHaveLength(3);
    expect(asked[0]).toBe('http://127.0.0.1:5109/api/v1/health');
    expect(healthy).not.toHaveBeenCalled();
    up.value = true;
    await vi.advanceTimersByTimeAsync(PROBE_INTERVAL_MS);
    expect(healthy).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(5 * PROBE_INTERVAL_MS);
    expect(healthy).toHaveBeenCalledTimes(1); // up and staying up: the hub's own backoff again
  });

  it('leaves a server that was up all along to the backoff (a refusal, a full plan)', async () => {
    const { probe, healthy } = setup({ value: true });
    probe.follow('reconnecting');
    await vi.advanceTimersByTimeAsync(5 * PROBE_INTERVAL_MS);
    expect(healthy).not.toHaveBeenCalled();
  });

  it('stops once the hub is live again', async () => {
    const { probe, asked } = setup({ value: false });
    probe.follow('reconnecting');
    await vi.advanceTimersByTimeAsync(2 * PROBE_INTERVAL_MS);
    probe.follow('live');
    await vi.advanceTimersByTimeAsync(5 * PROBE_INTERVAL_MS);
    expect(asked).toHaveLength(2);
  });
});
