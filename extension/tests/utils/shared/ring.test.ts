import { describe, expect, it } from 'vitest';
import { appendCapped, pruneKeys, RingBuffer } from '@/utils/shared/ring';

describe('RingBuffer', () => {
  it('keeps the newest items up to capacity, oldest first', () => {
    const ring = new RingBuffer<number>(3);
    ring.push(1, 2);
    expect(ring.toArray()).toEqual([1, 2]);
    ring.push(3, 4, 5);
    expect(ring.toArray()).toEqual([3, 4, 5]);
    expect(ring.size).toBe(3);
  });
});

describe('appendCapped (feed cap)', () => {
  it('caps a long feed at 3,000 items, dropping the oldest', () => {
    let feed: number[] = [];
    for (let batch = 0; batch < 40; batch++) {
      feed = appendCapped(
        feed,
        Array.from({ length: 100 }, (_, i) => batch * 100 + i),
        3000,
      );
    }
    expect(feed).toHaveLength(3000);
    expect(feed[0]).toBe(1000);
    expect(feed.at(-1)).toBe(3999);
  });

  it('handles a single batch larger than the cap', () => {
    expect(appendCapped([1, 2], [3, 4, 5, 6], 3)).toEqual([4, 5, 6]);
  });

  it('does not mutate its input', () => {
    const list = [1];
    appendCapped(list, [2], 5);
    expect(list).toEqual([1]);
  });
});

describe('pruneKeys (caches keyed by feed items)', () => {
  it('drops the keys of items gone from the feed once over the limit, and only then', () => {
    const sizes = new Map<string, number>(Array.from({ length: 10 }, (_, i) => [`ev${i}`, 36]));
    let asked = 0;
    const keep = () => (asked++, ['ev8', 'ev9', 'ev10']);
    pruneKeys(sizes, 10, keep);
    expect(sizes.size).toBe(10);
    expect(asked).toBe(0); // under the limit the feed is not even read
    sizes.set('ev10', 40);
    pruneKeys(sizes, 10, keep);
    expect([...sizes]).toEqual([
      ['ev8', 36],
      ['ev9', 36],
      ['ev10', 40],
    ]);
  });
});
