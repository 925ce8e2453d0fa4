import { describe, expect, it } from 'vitest';
import { MENU_CAP, MenuView } from '../src/kinds/menu';
import type { KindView } from '../src/types';
import { state, tipItem } from './fakes';

describe('MenuView', () => {
  it('renders each item with its price, names as text', () => {
    const root = document.createElement('div');
    const view: KindView = new MenuView(root, () => {});
    view.setState(
      state('menu', {
        items: [
          { name: 'Flash', tokens: 50 },
          { name: '<img src=x>', tokens: 1500 },
        ],
      }),
    );
    view.onEvent(tipItem(11, 'ann', 50));
    view.flush();
    const rows = [...root.querySelectorAll('.menu-item')].map((r) => [
      r.querySelector('.menu-name')?.textContent,
      r.querySelector('.menu-price')?.textContent,
    ]);
    expect(rows).toEqual([
      ['Flash', '50 tk'],
      ['<img src=x>', '1,500 tk'],
    ]);
    expect(root.querySelector('img')).toBeNull();
  });

  it('shows at most MENU_CAP items', () => {
    const root = document.createElement('div');
    const view = new MenuView(root, () => {});
    const items = Array.from({ length: 100 }, (_, i) => ({ name: `item ${i}`, tokens: i + 1 }));
    view.setState(state('menu', { items }));
    view.flush();
    expect(root.querySelectorAll('.menu-item')).toHaveLength(MENU_CAP);
  });
});
