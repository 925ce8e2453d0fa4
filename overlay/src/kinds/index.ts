/** One view per kind; the kind comes from the server's state (or the URL in demo mode). */
import { beep } from '../sound';
import type { Look } from '../options';
import type { Schedule } from '../render';
import type { Kind, KindView } from '../types';
import { AlertsView } from './alerts';
import { GoalView } from './goal';
import { MenuView } from './menu';
import { TickerView } from './ticker';
import { TopView } from './top';

export function createView(kind: Kind, root: HTMLElement, look: Look, schedule?: Schedule): KindView {
  switch (kind) {
    case 'goal':
      return new GoalView(root, schedule);
    case 'alerts':
      return new AlertsView(root, { schedule, sound: look.sound ? beep : undefined });
    case 'top':
      return new TopView(root, schedule);
    case 'menu':
      return new MenuView(root, schedule);
    case 'ticker':
      return new TickerView(root, schedule);
  }
}
