import { describe, expect, it } from 'vitest';
import { StreamCursor } from '../src/position';

describe('StreamCursor', () => {
  it('accepts nothing before a position is known', () => {
    expect(new StreamCursor().accept(1)).toBe(false);
  });

  it('accepts only offsets after the last applied, within its epoch', () => {
    const cursor = new StreamCursor();
    cursor.reset({ offset: 5, epoch: 'a' });
    expect([4, 5, 6, 6, 8, 7, 9].map((offset) => cursor.accept(offset))).toEqual([
      false,
      false,
      true,
      false,
      true,
      false,
      true,
    ]);
    expect(cursor.position).toEqual({ offset: 9, epoch: 'a' });
  });

  it('tells another epoch apart and takes a new position on reset', () => {
    const cursor = new StreamCursor();
    cursor.reset({ offset: 50, epoch: 'a' });
    expect(cursor.sameEpoch({ offset: 50, epoch: 'a' })).toBe(true);
    expect(cursor.sameEpoch({ offset: 50, epoch: 'b' })).toBe(false);
    cursor.reset({ offset: 2, epoch: 'b' });
    expect(cursor.accept(3)).toBe(true);
  });
});
