import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BANNER_MS, goalPercent, GoalView } from '../src/kinds/goal';
import type { KindView } from '../src/types';
import { state, tipItem } from './fakes';

const manual = () => {};

function mountGoal() {
  const root = document.createElement('div');
  const view = new GoalView(root, manual);
  const text = (cls: string) => root.querySelector(`.${cls}`)?.textContent;
  const fill = () => (root.querySelector('.goal-fill') as HTMLElement).style.width;
  return { root, view, text, fill };
}

describe('goalPercent', () => {
  it.each([
    [0, 1000, false, 0],
    [640, 1000, false, 64],
    [999, 1000, false, 99],
    [1500, 1000, false, 100],
    [10, 0, false, 0],
    [10, 20, true, 100],
  ])('%i of %i (completed %s) is %i%%', (progress, target, completed, pct) => {
    expect(goalPercent({ label: 'g', progress, target, completed })).toBe(pct);
  });
});

describe('GoalView', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('renders label, numbers, percentage and bar from the state', () => {
    const { view, text, fill } = mountGoal();
    view.setState(
      state('goal', {
        goal: { label: 'Oil show', target: 1000, progress: 640, completed: false },
        next: { label: 'Dance', target: 500 },
      }),
    );
    view.flush();
    expect(text('goal-label')).toBe('Oil show');
    expect(text('goal-numbers')).toBe('640 / 1,000 tk');
    expect(text('goal-pct')).toBe('64%');
    expect(fill()).toBe('64%');
    expect(text('goal-next')).toBe('Next: Dance · 500 tk');
  });

  it('moves only from goal frames, never from tips', () => {
    const { view, text } = mountGoal();
    view.setState(
      state('goal', { goal: { label: 'g', target: 100, progress: 10, completed: false }, next: null }),
    );
    const asView: KindView = view;
    asView.onEvent(tipItem(11, 'a', 50));
    view.flush();
    expect(text('goal-pct')).toBe('10%');
    view.onGoal({
      broadcaster: 'r',
      goal: { label: 'g', target: 100, progress: 60, completed: false },
      next: null,
    });
    view.flush();
    expect(text('goal-pct')).toBe('60%');
  });

  it('shows the completed state and a banner for the goal just reached', () => {
    const { root, view, text, fill } = mountGoal();
    view.onGoal({
      broadcaster: 'r',
      goal: { label: 'Dance', target: 100, progress: 100, completed: true },
      next: null,
      completed: { label: 'Dance', target: 100 },
    });
    view.flush();
    expect(root.querySelector('.goal')?.classList.contains('is-completed')).toBe(true);
    expect(text('goal-label')).toBe('✓ Dance');
    expect(text('goal-pct')).toBe('Reached!');
    expect(fill()).toBe('100%');
    expect(text('goal-banner')).toBe('🎉 Dance reached!');
    vi.advanceTimersByTime(BANNER_MS);
    view.flush();
    expect((root.querySelector('.goal-banner') as HTMLElement).hidden).toBe(true);
  });

  it('hides itself with no goal and nothing next', () => {
    const { root, view } = mountGoal();
    view.setState(state('goal', { goal: null, next: null }));
    view.flush();
    expect((root.querySelector('.goal') as HTMLElement).hidden).toBe(true);
  });
});
