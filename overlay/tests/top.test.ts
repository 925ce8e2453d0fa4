import { describe, expect, it } from 'vitest';
import { TopView, TRACKED_CAP } from '../src/kinds/top';
import { eventItem, state, tipItem } from './fakes';

function mountTop(leaders: { username: string; tokens: number }[] = [], king: string | null = null) {
  const root = document.createElement('div');
  const view = new TopView(root, () => {});
  view.setState(state('top', { leaders, king }));
  const rows = () => {
    view.flush();
    return [...root.querySelectorAll('.top-row')].map((row) => ({
      name: row.querySelector('.top-name')?.textContent,
      tokens: row.querySelector('.top-tokens')?.textContent,
      king: row.classList.contains('is-king'),
    }));
  };
  return { view, rows };
}

describe('TopView', () => {
  it('renders the state leaders with the server king highlighted', () => {
    const { rows } = mountTop(
      [
        { username: 'ann', tokens: 300 },
        { username: 'bob', tokens: 200 },
      ],
      'ann',
    );
    expect(rows()).toEqual([
      { name: 'ann', tokens: '300 tk', king: true },
      { name: 'bob', tokens: '200 tk', king: false },
    ]);
  });

  it('sums tips per username, reorders, and crowns the new top tipper', () => {
    const { view, rows } = mountTop([{ username: 'ann', tokens: 300 }], 'ann');
    view.onEvent(tipItem(11, 'bob', 200));
    view.onEvent(tipItem(12, 'bob', 150));
    view.onEvent(tipItem(13, 'cy', 50));
    expect(rows()).toEqual([
      { name: 'bob', tokens: '350 tk', king: true },
      { name: 'ann', tokens: '300 tk', king: false },
      { name: 'cy', tokens: '50 tk', king: false },
    ]);
  });

  it('ranks an equal total by who reached it first', () => {
    const { view } = mountTop();
    view.onEvent(tipItem(1, 'first', 100));
    view.onEvent(tipItem(2, 'second', 100));
    expect(view.leaders().map((l) => l.username)).toEqual(['first', 'second']);
  });

  it('leaves anonymous tips out', () => {
    const { view } = mountTop();
    view.onEvent(tipItem(1, 'hidden', 5000, true));
    view.onEvent(tipItem(2, 'seen', 10));
    expect(view.leaders()).toEqual([{ username: 'seen', tokens: 10 }]);
  });

  it('resets on broadcastStart', () => {
    const { view, rows } = mountTop([{ username: 'ann', tokens: 300 }], 'ann');
    view.onEvent(eventItem(5, 'broadcastStart', 'room'));
    expect(rows()).toEqual([]);
    expect(view.king()).toBeNull();
    view.onEvent(tipItem(6, 'new', 1));
    expect(view.king()).toBe('new');
  });

  it('keeps a bounded number of tippers', () => {
    const { view } = mountTop();
    for (let i = 0; i < TRACKED_CAP + 50; i += 1) view.onEvent(tipItem(i + 1, `u${i}`, 1 + (i % 7)));
    expect(view.leaders(Infinity).length).toBe(TRACKED_CAP);
  });
});
