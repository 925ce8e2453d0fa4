import { describe, expect, it } from 'vitest';
import { after, envelopesOf, StreamCursor } from '@/utils/hub/frames';
import type { HubEnvelope } from '@/utils/shared/types';

const env = (offset: number): HubEnvelope => ({
  offset,
  event: { id: `e${offset}`, broadcaster: 'alice', method: 'chatMessage' },
});
const offsets = (list: HubEnvelope[]) => list.map((e) => e.offset);

describe('envelopesOf', () => {
  it('reads an `event` frame, and the list older servers sent', () => {
    expect(offsets(envelopesOf('event', env(3)))).toEqual([3]);
    expect(offsets(envelopesOf('event', [env(5), env(4)]))).toEqual([4, 5]);
  });

  it('reads an `events` batch frame in offset order', () => {
    expect(offsets(envelopesOf('events', { items: [env(9), env(7), env(8)] }))).toEqual([7, 8, 9]);
  });

  it('drops what is not an envelope, and frames of unknown shape', () => {
    const broken = [{ offset: 'x', event: {} }, { offset: 2 }, { offset: 3, event: { id: 4 } }, null, env(6)];
    expect(offsets(envelopesOf('events', { items: broken }))).toEqual([6]);
    expect(envelopesOf('events', { items: 'nope' })).toEqual([]);
    expect(envelopesOf('events', null)).toEqual([]);
    expect(envelopesOf('event', 'hello')).toEqual([]);
  });
});

describe('after', () => {
  it('keeps each offset past the position once', () => {
    expect(offsets(after(4, [env(3), env(4), env(5), env(5), env(6)]))).toEqual([5, 6]);
  });
});

describe('StreamCursor', () => {
  it('advances with what it applies and refuses what it has seen', () => {
    const cursor = new StreamCursor({ offset: 10, epoch: 'e1' });
    expect(offsets(cursor.accept([env(11), env(12)]))).toEqual([11, 12]);
    expect(offsets(cursor.accept([env(12), env(13)]))).toEqual([13]);
    expect(cursor.position).toEqual({ offset: 13, epoch: 'e1' });
  });

  it('holds frames until released, then applies them in order past the floor', () => {
    const cursor = new StreamCursor({ offset: 10, epoch: 'e1' });
    cursor.hold();
    expect(cursor.accept([env(13), env(14)])).toEqual([]);
    expect(cursor.accept([env(11), env(12)])).toEqual([]);
    const { fresh, newEpoch } = cursor.release({ offset: 10, epoch: 'e1' });
    expect(offsets(fresh)).toEqual([11, 12, 13, 14]);
    expect(newEpoch).toBe(false);
    expect(cursor.position).toEqual({ offset: 14, epoch: 'e1' });
  });

  it('in a new epoch, keeps only held frames past its head (offsets restarted below ours)', () => {
    const cursor = new StreamCursor({ offset: 900, epoch: 'old' });
    cursor.hold();
    cursor.accept([env(3), env(4)]);
    const { fresh, newEpoch } = cursor.release({ offset: 3, epoch: 'new' });
    expect(offsets(fresh)).toEqual([4]);
    expect(newEpoch).toBe(true);
    expect(cursor.position).toEqual({ offset: 4, epoch: 'new' });
  });

  it('applies frames directly again when a hold is dropped', () => {
    const cursor = new StreamCursor({ offset: 0, epoch: null });
    cursor.hold();
    cursor.accept([env(1)]);
    cursor.unhold();
    expect(offsets(cursor.accept([env(2)]))).toEqual([2]);
  });
});
