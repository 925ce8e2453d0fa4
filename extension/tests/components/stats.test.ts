import type { LanguageMix, Summary } from '@/utils/shared/wire';
import { flushPromises, mount } from '@vue/test-utils';
import { beforeEach, describe, expect, it } from 'vitest';
import StatsView from '@/components/stats/StatsView.vue';
import { currentBroadcast } from '@/composables/useStats';
import { useSettingsStore } from '@/stores/settings';
import type { RoomsApi } from '@/utils/api/rooms';
import { ApiError } from '@/utils/shared/errors';
import type { BroadcastSession } from '@/utils/shared/types';
import { fakeApi, resetPanel } from '@/tests/helpers/panel';

const session = (changes: Partial<BroadcastSession>): BroadcastSession => ({
  start: '2024-05-01T20:00:00Z',
  end: '2024-05-01T20:30:00Z',
  live: false,
  duration_seconds: 1800,
  tokens: 300,
  tokens_per_hour: 600,
  top_tipper: null,
  new_followers: 0,
  ...changes,
});
const tile = (wrapper: ReturnType<typeof mount>, label: string) => wrapper.get(`[data-stat="${label}"]`).text();

beforeEach(async () => {
  resetPanel();
  await useSettingsStore().save({ broadcaster: 'alice' });
});

describe('currentBroadcast', () => {
  it('is the live broadcast, else the latest', () => {
    const early = session({ start: '2024-05-01T10:00:00Z' });
    const late = session({ start: '2024-05-01T20:00:00Z' });
    expect(currentBroadcast([late, early])).toBe(late);
    const live = session({ start: '2024-05-01T09:00:00Z', live: true, end: null });
    expect(currentBroadcast([early, late, live])).toBe(live);
    expect(currentBroadcast([])).toBeNull();
  });
});

describe('StatsView', () => {
  it("shows the server's numbers, labelled for what they are", async () => {
    fakeApi({
      summary: async () =>
        ({
          tokens: 5790,
          tips: 40,
          unique_tippers: 12,
          media_tokens: 759,
          media_sales: 9,
          broadcast_seconds: 480,
          broadcasts: 1,
          peak_viewers: 11,
          follows: 3,
        }) as unknown as Summary,
      sessions: async () => [
        session({ live: true, end: null, duration_seconds: 480, tokens: 5790, tokens_per_hour: null }),
      ],
      languageMix: async () =>
        ({
          total: 4,
          languages: [
            { language: 'es', messages: 3, share: 0.75 },
            { language: 'ja', messages: 1, share: 0.25 },
          ],
        }) as unknown as LanguageMix,
      rooms: {
        leaderboard: async () => ({
          broadcaster: 'alice',
          scope: 'broadcast',
          window: null,
          leaders: [{ username: 'bigspender', tokens: 2000, tips: 3 }],
          king: 'bigspender',
        }),
        menuReport: async () => ({
          broadcaster: 'alice',
          scope: 'broadcast',
          window: null,
          items: [],
          unmatched: { count: 0, tokens: 0 },
        }),
      } as unknown as RoomsApi,
    });
    const wrapper = mount(StatsView);
    await flushPromises();
    expect(tile(wrapper, 'Tip tokens today')).toContain('5,790 tk');
    expect(tile(wrapper, 'Media sales today')).toContain('759 tk');
    expect(tile(wrapper, 'Broadcast time today')).toContain('8m');
    expect(wrapper.get('[data-testid="broadcast-title"]').text()).toBe('This broadcast (live)');
    expect(tile(wrapper, 'Length')).toContain('8m');
    expect(tile(wrapper, 'Tokens / hour')).toContain('—');
    expect(tile(wrapper, 'Tokens / hour')).toContain('too short to rate');
    expect(wrapper.get('[data-testid="leaderboard"]').text()).toContain('bigspender');
    const languages = wrapper.get('[data-testid="languages"]');
    expect(languages.get('[data-language="es"]').text()).toContain('75% · 3');
    expect(languages.get('[data-language="ja"]').text()).toContain('日本語'); // the language's own name
    wrapper.unmount();
  });

  it('shows "—", never 0 tk, beside an offline error', async () => {
    const offline = async () => {
      throw new ApiError(0, 'network_error', 'Failed to fetch', { url: 'http://127.0.0.1:5000' });
    };
    fakeApi({
      summary: offline,
      sessions: offline,
      languageMix: offline,
      rooms: { leaderboard: offline, menuReport: offline } as unknown as RoomsApi,
    });
    const wrapper = mount(StatsView);
    await flushPromises();
    expect(wrapper.text()).toContain("Can't reach the server at http://127.0.0.1:5000");
    expect(wrapper.text()).not.toContain('0 tk');
    expect(tile(wrapper, 'Tip tokens today')).toContain('—');
    expect(tile(wrapper, 'Tip tokens')).toContain('—');
    expect(tile(wrapper, 'Length')).toContain('—');
    expect(wrapper.get('[data-testid="leaderboard"]').text()).toContain('—');
    expect(wrapper.get('[data-testid="menu-report"]').text()).toContain('—');
    expect(wrapper.get('[data-testid="languages"]').text()).toContain('—');
    wrapper.unmount();
  });
});
