/** Tip menu: item name + price, from the state only. */
import { el, formatTokens, RenderQueue, type Schedule } from '../render';
import type { KindView, MenuItem, OverlayState } from '../types';

export const MENU_CAP = 30;

export class MenuView implements KindView {
  private items: MenuItem[] = [];
  private readonly queue: RenderQueue;
  private readonly box = el('ul', 'menu');

  constructor(root: HTMLElement, schedule?: Schedule) {
    this.queue = new RenderQueue(() => this.render(), schedule);
    root.append(this.box);
  }

  setState(state: OverlayState): void {
    if (state.kind !== 'menu') return;
    this.items = state.state.items.slice(0, MENU_CAP);
    this.queue.invalidate();
  }

  onEvent(): void {}

  onGoal(): void {}

  flush(): void {
    this.queue.flush();
  }

  private render(): void {
    const rows = this.items.map((item) => {
      const row = el('li', 'menu-item');
      row.append(el('span', 'menu-name', item.name), el('span', 'menu-price', formatTokens(item.tokens)));
      return row;
    });
    this.box.replaceChildren(...rows);
    this.box.hidden = rows.length === 0;
  }
}
