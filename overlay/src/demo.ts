/** `?demo=1`: each kind with sample data and no server (previews, screenshots); `demo=live` ticks. */
import type { OverlayPage } from './app';
import type { Goal, Kind, OffsetEvent, OverlayState, PlatformEvent } from './types';
import type { EventMethod } from './wire';

const NAMES = ['BigSpender', 'さくら_fan', 'lucky🍀', 'nightowl', 'maxwell_88', 'rosé_petal'];
const base = {
  broadcaster: 'demo_room',
  watermark: true,
  options: {},
  position: { offset: 0, epoch: 'demo' },
};

function tip(offset: number, username: string, tokens: number, message = '', isAnon = false): OffsetEvent {
  return { offset, event: { method: 'tip', user: { username }, tip: { tokens, isAnon, message } } };
}

function other(
  offset: number,
  method: EventMethod,
  username: string,
  extra: Partial<PlatformEvent> = {},
): OffsetEvent {
  return { offset, event: { method, user: { username }, ...extra } };
}

export function sampleState(kind: Kind): OverlayState {
  switch (kind) {
    case 'goal':
      return {
        ...base,
        kind,
        state: {
          goal: { label: 'Oil show 🔥', target: 1000, progress: 640, completed: false },
          next: { label: 'Dance', target: 500 },
        },
      };
    case 'top':
      return {
        ...base,
        kind,
        state: {
          leaders: [
            { username: 'BigSpender', tokens: 2500 },
            { username: 'さくら_fan', tokens: 1200 },
            { username: 'lucky🍀', tokens: 800 },
            { username: 'nightowl', tokens: 350 },
            { username: 'maxwell_88', tokens: 120 },
          ],
          king: 'BigSpender',
        },
      };
    case 'menu':
      return {
        ...base,
        kind,
        state: {
          items: [
            { name: 'Say your name', tokens: 15 },
            { name: 'Flash', tokens: 50 },
            { name: 'Song request 🎵', tokens: 99 },
            { name: 'Spin the wheel', tokens: 150 },
            { name: 'Control toy · 10 min', tokens: 500 },
          ],
        },
      };
    case 'alerts':
      return { ...base, kind, state: { recent: [] } };
    case 'ticker':
      return {
        ...base,
        kind,
        state: {
          recent: [
            tip(1, 'nightowl', 25),
            other(2, 'chatMessage', 'chatty'),
            other(3, 'follow', 'rosé_petal'),
            other(4, 'privateMessage', 'secret'),
            other(5, 'mediaPurchase', 'maxwell_88', { media: { name: 'Beach photos', tokens: 200 } }),
            other(6, 'fanclubJoin', 'さくら_fan'),
            tip(7, 'hidden', 100, '', true),
            tip(8, 'BigSpender', 500, 'You rock!'),
          ],
        },
      };
  }
}

export function startDemo(page: OverlayPage, kind: Kind, live: boolean): void {
  const state = sampleState(kind);
  page.show(state);
  if (kind === 'alerts') page.view?.onEvent(tip(1, 'BigSpender', 500, "You're amazing, keep going! 💖"));
  page.view?.flush();
  if (!live) return;
  let offset = 100;
  let goal: Goal | null = state.kind === 'goal' ? state.state.goal : null;
  setInterval(() => {
    offset += 1;
    const tokens = [10, 25, 50, 100, 250][offset % 5] ?? 10;
    const item = tip(
      offset,
      NAMES[offset % NAMES.length] ?? 'fan',
      tokens,
      offset % 3 ? '' : 'Hello from the demo!',
    );
    page.view?.onEvent(offset % 7 === 0 ? other(offset, 'follow', 'new_fan') : item);
    if (!goal) return;
    const progress = goal.progress + tokens;
    const reached = progress >= goal.target;
    goal = reached ? { label: 'Dance', target: 500, progress: 0, completed: false } : { ...goal, progress };
    page.view?.onGoal({
      goal,
      next: null,
      completed: reached ? { label: 'Oil show 🔥', target: 1000 } : undefined,
    });
  }, 2500);
}
