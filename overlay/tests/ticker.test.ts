import { describe, expect, it } from 'vitest';
import { TICKER_CAP, TickerView } from '../src/kinds/ticker';
import { eventItem, state, tipItem } from './fakes';

function mountTicker() {
  const root = document.createElement('div');
  const view = new TickerView(root, () => {});
  const lines = () => {
    view.flush();
    return [...root.querySelectorAll('.ticker-item')].map((li) => li.textContent?.trim());
  };
  return { root, view, lines };
}

describe('TickerView', () => {
  it('lists tips, follows, fan-club joins and media purchases, newest first', () => {
    const { view, lines } = mountTicker();
    view.setState(
      state('ticker', {
        recent: [
          tipItem(1, 'ann', 25),
          eventItem(2, 'follow', 'bob'),
          eventItem(3, 'fanclubJoin', 'cy'),
          {
            offset: 4,
            event: { method: 'mediaPurchase', user: { username: 'dee' }, media: { name: 'Pics', tokens: 9 } },
          },
          tipItem(5, 'x', 10, true),
        ],
      }),
    );
    expect(lines()).toEqual([
      '💰Anonymous tipped 10 tk',
      '🎞️dee bought Pics',
      '⭐cy joined the fan club',
      '❤️bob followed',
      '💰ann tipped 25 tk',
    ]);
  });

  it('never shows chat, private messages or other methods', () => {
    const { view, lines } = mountTicker();
    for (const [i, method] of [
      'chatMessage',
      'privateMessage',
      'userEnter',
      'unfollow',
      'toString',
    ].entries()) {
      view.onEvent(eventItem(i + 1, method, 'someone'));
    }
    expect(lines()).toEqual([]);
  });

  it('keeps a bounded list and reuses the nodes it already drew', () => {
    const { root, view, lines } = mountTicker();
    view.onEvent(tipItem(1, 'first', 1));
    lines();
    const firstNode = root.querySelector('.ticker-item');
    view.onEvent(tipItem(2, 'second', 1));
    lines();
    expect(root.querySelectorAll('.ticker-item')[1]).toBe(firstNode);
    for (let i = 3; i < 3 + 200; i += 1) view.onEvent(tipItem(i, `u${i}`, 1));
    expect(lines()).toHaveLength(TICKER_CAP);
    expect(view.offsets[0]).toBe(202);
  });
});
