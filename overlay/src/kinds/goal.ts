/** Goal bar: label, progress / target, percentage, completed state; moved by `goal` frames only. */
import { el, formatCount, formatTokens, RenderQueue, type Schedule } from '../render';
import type { Goal, GoalFrame, GoalRef, KindView, OverlayState } from '../types';

export const BANNER_MS = 5000;

/** Whole percent reached, floored (99.6 % is not yet 100 %), clamped to 0..100. */
export function goalPercent(goal: Goal): number {
  if (goal.completed) return 100;
  if (!(goal.target > 0)) return 0;
  return Math.max(0, Math.min(100, Math.floor((goal.progress * 100) / goal.target)));
}

export class GoalView implements KindView {
  private goal: Goal | null = null;
  private next: GoalRef | null = null;
  private reached: GoalRef | null = null;
  private bannerTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly queue: RenderQueue;
  private readonly box = el('div', 'goal');
  private readonly label = el('span', 'goal-label');
  private readonly fill = el('div', 'goal-fill');
  private readonly numbers = el('span', 'goal-numbers');
  private readonly percent = el('span', 'goal-pct');
  private readonly upNext = el('div', 'goal-next');
  private readonly banner = el('div', 'goal-banner');

  constructor(root: HTMLElement, schedule?: Schedule) {
    this.queue = new RenderQueue(() => this.render(), schedule);
    const bar = el('div', 'goal-bar');
    bar.append(this.fill, this.numbers);
    this.box.append(this.label, bar, this.percent, this.upNext, this.banner);
    root.append(this.box);
  }

  setState(state: OverlayState): void {
    if (state.kind !== 'goal') return;
    this.goal = state.state.goal;
    this.next = state.state.next;
    this.queue.invalidate();
  }

  onEvent(): void {
    // The server owns goal progress; tips never move the bar here (no double counting).
  }

  onGoal(frame: GoalFrame): void {
    this.goal = frame.goal;
    this.next = frame.next;
    if (frame.completed) this.celebrate(frame.completed);
    this.queue.invalidate();
  }

  flush(): void {
    this.queue.flush();
  }

  private celebrate(goal: GoalRef): void {
    this.reached = goal;
    if (this.bannerTimer !== null) clearTimeout(this.bannerTimer);
    this.bannerTimer = setTimeout(() => {
      this.reached = null;
      this.bannerTimer = null;
      this.queue.invalidate();
    }, BANNER_MS);
  }

  private render(): void {
    const next = this.next;
    const goal = this.goal ?? (next ? { ...next, progress: 0, completed: false } : null);
    this.box.hidden = goal === null;
    this.box.classList.toggle('is-completed', goal?.completed === true);
    this.banner.hidden = this.reached === null;
    this.banner.textContent = this.reached ? `🎉 ${this.reached.label} reached!` : '';
    this.upNext.hidden = next === null || this.goal === null;
    this.upNext.textContent = next ? `Next: ${next.label} · ${formatTokens(next.target)}` : '';
    if (!goal) return;
    const pct = goalPercent(goal);
    this.label.textContent = goal.completed ? `✓ ${goal.label}` : goal.label;
    this.fill.style.width = `${pct}%`;
    this.numbers.textContent = `${formatCount(goal.progress)} / ${formatTokens(goal.target)}`;
    this.percent.textContent = goal.completed ? 'Reached!' : `${pct}%`;
  }
}
