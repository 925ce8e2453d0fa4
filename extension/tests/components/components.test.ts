import { mount } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import ErrorNotice from '@/components/common/ErrorNotice.vue';
import ConnectionIndicator from '@/components/ConnectionIndicator.vue';
import OfflineBanner from '@/components/OfflineBanner.vue';
import UsageBar from '@/components/account/UsageBar.vue';
import FeedRow from '@/components/live/FeedRow.vue';
import SignInView from '@/components/SignInView.vue';
import { useConnectionStore } from '@/stores/connection';
import { useSettingsStore } from '@/stores/settings';
import { ApiError, toFriendlyError } from '@/utils/shared/errors';
import { toFeedItem } from '@/utils/panel/feed';
import { initialSnapshot } from '@/utils/hub/types';
import { onMessage } from '@/utils/shared/messaging';
import { MASK } from '@/utils/shared/format';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { resetPanel, tip } from '@/tests/helpers/panel';

beforeEach(() => {
  resetPanel();
  vi.useFakeTimers({ now: 1_000_000 });
});
afterEach(() => vi.useRealTimers());

describe('ConnectionIndicator', () => {
  it('shows state and the age of the last event', async () => {
    const connection = useConnectionStore();
    connection.snapshot = { ...initialSnapshot(), phase: 'live', lastEventAt: 1_000_000 - 42_000 };
    const wrapper = mount(ConnectionIndicator);
    expect(wrapper.attributes('data-state')).toBe('live');
    expect(wrapper.text()).toContain('Live');
    expect(wrapper.text()).toContain('42s ago');
  });
});

describe('OfflineBanner', () => {
  it('appears only once the offline alert is raised', async () => {
    const connection = useConnectionStore();
    connection.snapshot = { ...initialSnapshot(), phase: 'reconnecting', disconnectedSince: 1_000_000 - 31_000 };
    const wrapper = mount(OfflineBanner);
    expect(wrapper.find('[data-testid="offline-alert"]').exists()).toBe(false);
    connection.snapshot = { ...connection.snapshot, offlineAlert: true };
    await wrapper.vm.$nextTick();
    expect(wrapper.text()).toContain('Offline for 31s');
  });

  it('says why at once when the plan has no free connection', async () => {
    const connection = useConnectionStore();
    const error = {
      code: 'too_many_connections',
      message: 'the free tier allows 2 live connections; close one or upgrade',
    };
    connection.snapshot = {
      ...initialSnapshot(),
      phase: 'reconnecting',
      offlineAlert: true,
      disconnectedSince: 1_000_000,
      error,
    };
    const wrapper = mount(OfflineBanner);
    expect(wrapper.text()).toContain('Not connected: the free tier allows 2 live connections; close one or upgrade');
    expect(wrapper.text()).not.toContain('Offline for');
  });
});

describe('FeedRow', () => {
  const item = toFeedItem(tip(7, 500, 'bob', 'for 500 tokens you dance'), 0);

  it('highlights tips with their amount', async () => {
    await useSettingsStore().load();
    const wrapper = mount(FeedRow, { props: { item } });
    expect(wrapper.classes()).toContain('big-tip'); // 500 tk is over the default big-tip threshold (100)
    expect(wrapper.get('[data-testid="tip-amount"]').text()).toBe('500 tk');
  });

  it('masks amounts in hide-money mode, in the badge and the message', async () => {
    const settings = useSettingsStore();
    await settings.save({ hideMoney: true });
    const wrapper = mount(FeedRow, { props: { item } });
    expect(wrapper.text()).not.toContain('500');
    expect(wrapper.get('[data-testid="tip-amount"]').text()).toBe(`${MASK} tk`);
  });
});

describe('UsageBar', () => {
  it('shows used vs limit', () => {
    const wrapper = mount(UsageBar, { props: { label: 'Reply suggestions', used: 15, limit: 20 } });
    expect(wrapper.text()).toContain('15 / 20');
    expect(wrapper.get('[role="progressbar"]').attributes('aria-valuenow')).toBe('75');
  });
});

describe('ErrorNotice', () => {
  it('offers an upgrade for quota errors', () => {
    const error = toFriendlyError(
      new ApiError(429, 'quota_exceeded', 'x', { limit: 20, quota: 'reply_suggestions', upgrade_url: 'https://u' }),
    );
    const wrapper = mount(ErrorNotice, { props: { error } });
    expect(wrapper.text()).toContain("You've used today's 20 reply requests");
    expect(wrapper.get('button').text()).toBe('Upgrade');
  });
});

describe('SignInView', () => {
  it('offers both sign-in buttons and signs in with the local server', async () => {
    vi.useRealTimers();
    const requests: string[] = [];
    onMessage('auth:signIn', ({ data: { mode } }) => (requests.push(mode), { ok: true }));
    // the fake browser has no permissions.request; the real one resolves a boolean
    vi.spyOn(fakeBrowser.permissions, 'request').mockResolvedValue(true as never);
    vi.spyOn(fakeBrowser.permissions, 'contains').mockResolvedValue(true as never);
    const config = { mode: 'oidc', dev_sign_in: true, auth0: null };
    const fetched = vi.spyOn(globalThis, 'fetch').mockImplementation(async () => new Response(JSON.stringify(config)));
    await useSettingsStore().load();
    const wrapper = mount(SignInView);
    expect(wrapper.text()).toContain('Sign in with Auth0');
    await wrapper.get('[data-testid="signin-dev"]').trigger('click');
    await vi.waitFor(() => expect(requests).toEqual(['dev']));
    fetched.mockRestore();
  });
});
