import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createBatcher } from '@/utils/shared/batcher';
import { snapshotRelay } from '@/utils/background/snapshot-relay';
import { initialSnapshot, type HubSnapshot } from '@/utils/hub/types';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('event batcher', () => {
  it('flushes a burst as one batch after the window', () => {
    const batches: number[][] = [];
    const b = createBatcher<number>((items) => batches.push(items), { windowMs: 50 });
    [1, 2, 3].forEach((n) => b.push(n));
    expect(batches).toEqual([]);
    vi.advanceTimersByTime(50);
    expect(batches).toEqual([[1, 2, 3]]);
  });

  it('flushes early at maxItems', () => {
    const batches: number[][] = [];
    const b = createBatcher<number>((items) => batches.push(items), { windowMs: 50, maxItems: 2 });
    [1, 2, 3].forEach((n) => b.push(n));
    expect(batches).toEqual([[1, 2]]);
    vi.advanceTimersByTime(50);
    expect(batches).toEqual([[1, 2], [3]]);
  });
});

describe('snapshot relay', () => {
  it('sends phase changes at once and throttles the rest', () => {
    const sent: HubSnapshot[] = [];
    const relay = snapshotRelay((s) => sent.push(s), 1000);
    const live = { ...initialSnapshot(), phase: 'live' as const };
    relay(live);
    relay({ ...live, lastOffset: 1 });
    relay({ ...live, lastOffset: 2 });
    expect(sent.map((s) => s.lastOffset)).toEqual([0]);
    vi.advanceTimersByTime(1000);
    expect(sent.map((s) => s.lastOffset)).toEqual([0, 2]);
    relay({ ...live, phase: 'reconnecting' });
    expect(sent.at(-1)?.phase).toBe('reconnecting');
  });
});
