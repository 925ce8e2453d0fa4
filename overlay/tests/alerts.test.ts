import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ALERT_MS, AlertsView, QUEUE_CAP } from '../src/kinds/alerts';
import { eventItem, state, tipItem } from './fakes';

function mountAlerts() {
  const root = document.createElement('div');
  const beeps = { count: 0 };
  const view = new AlertsView(root, { schedule: () => {}, sound: () => (beeps.count += 1) });
  const card = () => {
    view.flush();
    const el = root.querySelector('.alert');
    return (
      el && {
        head: el.querySelector('.alert-head')?.textContent,
        message: el.querySelector('.alert-message')?.textContent,
      }
    );
  };
  return { root, view, card, beeps };
}

describe('AlertsView', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('shows one tip at a time for about five seconds, with a beep each', () => {
    const { view, card, beeps } = mountAlerts();
    view.onEvent(tipItem(1, 'ann', 100, false, 'hi <b>there</b>'));
    view.onEvent(tipItem(2, 'bob', 5));
    expect(card()).toEqual({ head: 'ann tipped 100 tk', message: 'hi <b>there</b>' });
    vi.advanceTimersByTime(ALERT_MS - 1);
    expect(card()?.head).toBe('ann tipped 100 tk');
    vi.advanceTimersByTime(1);
    expect(card()).toEqual({ head: 'bob tipped 5 tk', message: undefined });
    vi.advanceTimersByTime(ALERT_MS);
    expect(card()).toBeNull();
    expect(beeps.count).toBe(2);
  });

  it('names anonymous tippers "Anonymous" and ignores other events', () => {
    const { view, card } = mountAlerts();
    view.onEvent(eventItem(1, 'chatMessage', 'chatty'));
    view.onEvent(eventItem(2, 'follow', 'fan'));
    expect(card()).toBeNull();
    view.onEvent(tipItem(3, 'secret_name', 50, true));
    expect(card()?.head).toBe('Anonymous tipped 50 tk');
  });

  it('bounds the waiting queue under a burst, keeping the newest', () => {
    const { view } = mountAlerts();
    for (let i = 1; i <= 500; i += 1) view.onEvent(tipItem(i, `u${i}`, 1));
    expect(view.showing?.username).toBe('u1');
    expect(view.pending).toBe(QUEUE_CAP);
    vi.advanceTimersByTime(ALERT_MS);
    expect(view.showing?.username).toBe(`u${500 - QUEUE_CAP + 1}`);
  });

  it('does not re-alert old tips on load, but alerts the ones missed in a gap', () => {
    const { view } = mountAlerts();
    view.setState(state('alerts', { recent: [tipItem(9, 'old', 10)] }, { offset: 9, epoch: 'e' }));
    expect(view.showing).toBeNull();
    view.onEvent(tipItem(10, 'live', 10));
    vi.advanceTimersByTime(ALERT_MS);
    const recent = [tipItem(10, 'live', 10), tipItem(11, 'missed', 20)];
    view.setState(state('alerts', { recent }, { offset: 11, epoch: 'e' }));
    expect(view.showing?.username).toBe('missed');
  });
});
