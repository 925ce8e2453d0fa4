/** The Stats tab's room reports: the leaderboard (king, tier badges) and the menu report, per window, live. */
import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import LeaderboardCard from '@/components/stats/LeaderboardCard.vue';
import MenuReportCard from '@/components/stats/MenuReportCard.vue';
import { REPORT_AFTER_TIPS_MS, REPORT_POLL_MS } from '@/composables/useLiveReport';
import { useFeedStore } from '@/stores/feed';
import { useSettingsStore } from '@/stores/settings';
import { useTippersStore } from '@/stores/tippers';
import { useUiStore } from '@/stores/ui';
import type { RoomsApi } from '@/utils/api/rooms';
import { scopeQuery } from '@/utils/panel/report-scope';
import { ApiError } from '@/utils/shared/errors';
import { MASK } from '@/utils/shared/format';
import type { LeaderboardView, MenuReportView, ReportQuery } from '@/utils/shared/room-types';
import { envelope, fakeApi, resetPanel, tip } from '@/tests/helpers/panel';

const BOARD: LeaderboardView = {
  broadcaster: 'alice',
  scope: 'broadcast',
  window: null,
  leaders: [
    { username: 'Whale', tokens: 5555, tips: 2 },
    { username: 'ann', tokens: 40, tips: 1 },
  ],
  king: 'Whale',
};
const REPORT: MenuReportView = {
  broadcaster: 'alice',
  scope: 'broadcast',
  window: null,
  items: [
    { name: 'Flash', price: 77, count: 0, tokens: 0 },
    { name: 'Dance 💃', price: 150, count: 2, tokens: 5555 },
  ],
  unmatched: { count: 1, tokens: 7 },
};
const rooms = (methods: Partial<RoomsApi>) => fakeApi({ rooms: methods as RoomsApi });

beforeEach(async () => {
  resetPanel();
  await useSettingsStore().save({ broadcaster: 'alice' });
});
afterEach(() => vi.useRealTimers());

describe('scopeQuery', () => {
  it('asks for the broadcast, or a period from local midnight or 7 days back', () => {
    const now = new Date(2024, 4, 10, 21, 30);
    expect(scopeQuery('broadcast', now)).toEqual({ scope: 'broadcast' });
    const today = scopeQuery('today', now);
    expect(today).toMatchObject({ scope: 'period', to: now.toISOString() });
    expect(today.from).toBe(new Date(2024, 4, 10).toISOString());
    expect(Date.parse(scopeQuery('week', now).from!)).toBe(now.getTime() - 7 * 86_400_000);
    expect(today.tz).toBe(Intl.DateTimeFormat().resolvedOptions().timeZone);
  });
});

describe('LeaderboardCard', () => {
  it("shows the broadcast's king and leaders with their tier badges", async () => {
    useTippersStore().byName = new Map([['whale', { username: 'Whale', tokens: 9000, level: 3, tier: 'gold' }]]);
    const leaderboard = vi.fn(async () => BOARD);
    rooms({ leaderboard });
    const wrapper = mount(LeaderboardCard);
    await flushPromises();
    expect(leaderboard).toHaveBeenCalledWith('alice', { scope: 'broadcast', limit: 10 });
    expect(wrapper.get('[data-testid="king"]').text()).toBe('👑 King of this broadcast: Whale');
    const rows = wrapper.findAll('[data-testid="leader"]');
    expect(rows.map((r) => r.attributes('data-username'))).toEqual(['Whale', 'ann']);
    expect(rows[0]!.get('[data-testid="tier-badge"]').attributes('data-tier')).toBe('gold');
    expect(rows[0]!.get('[data-testid="leader-tokens"]').text()).toBe('5,555 tk');
    expect(rows[0]!.text()).toContain('2 tips');
    expect(rows[1]!.find('[data-testid="tier-badge"]').exists()).toBe(false);
    expect(rows[1]!.text()).toContain('1 tip');
  });

  it('switches to a period, forgetting the other window’s numbers until they come', async () => {
    const queries: ReportQuery[] = [];
    let answer: (board: LeaderboardView) => void = () => undefined;
    rooms({
      leaderboard: async (_b: string, query: ReportQuery) => {
        queries.push(query);
        return queries.length === 1 ? BOARD : new Promise<LeaderboardView>((ok) => (answer = ok));
      },
    });
    const wrapper = mount(LeaderboardCard);
    await flushPromises();
    await wrapper.get('[data-scope="today"]').trigger('click');
    expect(wrapper.findAll('[data-testid="leader"]')).toHaveLength(0);
    expect(wrapper.text()).toContain('Loading…');
    answer({ ...BOARD, scope: 'period', leaders: [], king: null });
    await flushPromises();
    expect(queries[1]).toMatchObject({ scope: 'period', limit: 10 });
    expect(wrapper.find('[data-testid="king"]').exists()).toBe(false);
    expect(wrapper.get('[data-testid="leaderboard-empty"]').text()).toContain('No named tips today yet');
  });

  it('reads the board again once after a burst of tips, and every minute', async () => {
    vi.useFakeTimers();
    const leaderboard = vi.fn(async () => BOARD);
    rooms({ leaderboard });
    const wrapper = mount(LeaderboardCard);
    await flushPromises();
    expect(leaderboard).toHaveBeenCalledTimes(1);
    const feed = useFeedStore();
    feed.add([envelope(1)]); // chat moves no board
    feed.add([tip(2, 25)]);
    feed.add([tip(3, 50)]);
    await vi.advanceTimersByTimeAsync(REPORT_AFTER_TIPS_MS);
    expect(leaderboard).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(REPORT_POLL_MS);
    expect(leaderboard).toHaveBeenCalledTimes(3);
    wrapper.unmount(); // off screen: no more requests
    feed.add([tip(4, 50)]);
    await vi.advanceTimersByTimeAsync(REPORT_POLL_MS);
    expect(leaderboard).toHaveBeenCalledTimes(3);
  });

  it('shows "—" and the error when the server cannot answer, and masks money when asked', async () => {
    rooms({
      leaderboard: async () => {
        throw new ApiError(503, 'store_unavailable', 'The event store is not answering; try again shortly.');
      },
    });
    const failing = mount(LeaderboardCard);
    await flushPromises();
    expect(failing.get('[role="alert"]').text()).toContain('The event store is not answering');
    expect(failing.text()).toContain('—');
    await useSettingsStore().save({ hideMoney: true });
    rooms({ leaderboard: async () => BOARD });
    const hidden = mount(LeaderboardCard);
    await flushPromises();
    expect(hidden.get('[data-testid="leader-tokens"]').text()).toBe(`${MASK} tk`);
  });
});

describe('MenuReportCard', () => {
  it('shows each item, the other tips and the total', async () => {
    const menuReport = vi.fn(async () => REPORT);
    rooms({ menuReport });
    const wrapper = mount(MenuReportCard);
    await flushPromises();
    expect(menuReport).toHaveBeenCalledWith('alice', { scope: 'broadcast' });
    const dance = wrapper.get('[data-item="Dance 💃"]');
    expect(dance.get('[data-testid="sold"]').text()).toBe('2');
    expect(dance.get('[data-testid="sold-tokens"]').text()).toBe('5,555 tk');
    expect(wrapper.get('[data-item="Flash"] [data-testid="sold"]').text()).toBe('0');
    expect(wrapper.get('[data-testid="menu-report-unmatched"]').text()).toContain('7 tk');
    expect(wrapper.get('[data-testid="menu-report-total"]').text()).toBe('5,562 tk');
    expect(wrapper.find('[data-testid="menu-report-none"]').exists()).toBe(false);
  });

  it('says when there is no menu (with the way to the Room tab) or no tips yet', async () => {
    rooms({ menuReport: async () => ({ ...REPORT, items: [], unmatched: { count: 0, tokens: 0 } }) });
    const noMenu = mount(MenuReportCard);
    await flushPromises();
    expect(noMenu.get('[data-testid="menu-report-empty"]').text()).toContain('No tip menu yet');
    await noMenu.get('[data-testid="menu-report-empty"] button').trigger('click');
    expect(useUiStore().tab).toBe('room');
    const quiet = { ...REPORT, items: REPORT.items.map((i) => ({ ...i, count: 0, tokens: 0 })) };
    rooms({ menuReport: async () => ({ ...quiet, unmatched: { count: 0, tokens: 0 } }) });
    const noTips = mount(MenuReportCard);
    await flushPromises();
    expect(noTips.get('[data-testid="menu-report-none"]').text()).toBe('No tips this broadcast yet.');
  });
});
