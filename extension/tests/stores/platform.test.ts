import { flushPromises, mount } from '@vue/test-utils';
import { beforeEach, describe, expect, it } from 'vitest';
import ConnectRoom from '@/components/settings/ConnectRoom.vue';
import ObservedChatSetting from '@/components/settings/ObservedChatSetting.vue';
import { useConnectionStore } from '@/stores/connection';
import { usePlatformStore } from '@/stores/platform';
import { useSettingsStore } from '@/stores/settings';
import { ApiError } from '@/utils/shared/errors';
import { checkEventsUrl, describeFeed, feedHint, type FeedStatus } from '@/utils/shared/platform';
import { fakeApi, resetPanel } from '@/tests/helpers/panel';

const URL_OK = 'https://eventsapi.chaturbate.com/events/Alice_Room/Xq7Rz2Lk9PwA4sVb8NcT1yHd/';
const feed = (changes: Partial<FeedStatus> = {}): FeedStatus => ({
  broadcaster: 'alice_room',
  events_url: 'https://eventsapi.chaturbate.com/events/alice_room/****1yHd/',
  state: 'connected',
  reason: null,
  last_event_at: null,
  events_total: 12,
  events_rejected: 0,
  retry_in: null,
  ...changes,
});

beforeEach(resetPanel);

describe('checkEventsUrl', () => {
  it('accepts the URL Chaturbate shows and names its room', () => {
    expect(checkEventsUrl(` ${URL_OK} `)).toEqual({ ok: true, broadcaster: 'alice_room' });
  });

  it.each([
    ['', 'Paste the URL'],
    ['alice_room', "isn't a URL"],
    ['ftp://eventsapi.chaturbate.com/events/a/12345678/', 'https://'],
    ['https://chaturbate.com/statsapi/authtoken/', '/events/<room>/<token>/'],
  ])('refuses %j saying what is wrong', (raw, says) => {
    const result = checkEventsUrl(raw);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toContain(says);
  });
});

describe('describeFeed', () => {
  it('names the state, the reason and the next retry', () => {
    expect(describeFeed(feed())).toBe('Connected');
    expect(describeFeed(feed({ state: 'backing_off', reason: 'HTTP 502', retry_in: 4.2 }))).toBe(
      'Backing off: HTTP 502 — retrying in 5s',
    );
    expect(feedHint(feed({ state: 'stopped', reason: 'token rejected (401)' }))).toContain('"Events API" scope');
  });
});

describe('platform store', () => {
  it('registers a valid URL and watches the room it feeds', async () => {
    const sent: string[] = [];
    fakeApi({
      connectEventsApi: async (url: string) => {
        sent.push(url);
        return feed({ state: 'starting' });
      },
    });
    const platform = usePlatformStore();
    expect(await platform.connect(URL_OK)).toBe(true);
    expect(sent).toEqual([URL_OK]);
    expect(platform.feed?.state).toBe('starting');
    expect(useSettingsStore().settings.broadcaster).toBe('alice_room');
  });

  it('refuses a bad URL without calling the server', async () => {
    fakeApi({});
    const platform = usePlatformStore();
    expect(await platform.connect('https://chaturbate.com/alice_room/')).toBe(false);
    expect(platform.error?.message).toContain('/events/<room>/<token>/');
  });

  it("shows the server's refusal", async () => {
    fakeApi({
      connectEventsApi: async () => {
        throw new ApiError(409, 'taken', 'linked elsewhere');
      },
    });
    const platform = usePlatformStore();
    expect(await platform.connect(URL_OK)).toBe(false);
    expect(platform.error?.message).toBe('This room is linked to another account');
  });

  it('forgets the URL on disconnect', async () => {
    fakeApi({
      platformStatus: async () => ({ platform: 'chaturbate', broadcasters: [feed()] }),
      disconnectEventsApi: async () => feed({ events_url: null, state: 'not_configured', events_total: null }),
    });
    const platform = usePlatformStore();
    await platform.refresh();
    expect(platform.feed?.state).toBe('connected');
    await platform.disconnect('alice_room');
    expect(platform.feed).toBeNull();
  });
});

describe('ConnectRoom', () => {
  it('guides to the token page when nothing is connected', async () => {
    fakeApi({ platformStatus: async () => ({ platform: 'chaturbate', broadcasters: [] }) });
    const wrapper = mount(ConnectRoom);
    await flushPromises();
    expect(wrapper.text()).toContain('chaturbate.com/statsapi/authtoken/');
    expect(wrapper.text()).toContain('Events API');
    expect(wrapper.text()).toContain('not “public”');
    wrapper.unmount();
  });

  it('shows the feed state, why it stopped, and the live status', async () => {
    fakeApi({
      platformStatus: async () => ({
        platform: 'chaturbate',
        broadcasters: [feed({ state: 'stopped', reason: 'token rejected (401)' })],
      }),
    });
    useConnectionStore().ingest = {
      broadcaster: 'alice_room',
      ingest: 'events_api',
      ingest_state: 'stopped',
      reason: 'token rejected (401)',
      store: 'ok',
      store_backend: 'sqlite',
      spool_depth: 0,
      queued: 0,
      lag_ms: null,
      room_stream: 'ok',
      room_stream_engine: 'memory',
      position: null,
    };
    const wrapper = mount(ConnectRoom);
    await flushPromises();
    expect(wrapper.get('[data-testid="feed-state"]').attributes('data-state')).toBe('stopped');
    expect(wrapper.text()).toContain('Stopped: token rejected (401)');
    expect(wrapper.text()).toContain('(not "public")');
    expect(wrapper.get('[data-testid="feed-live"]').text()).toContain('events_api · stopped');
    wrapper.unmount();
  });
});

describe('ObservedChatSetting', () => {
  it('explains that page chat is not shared while the feed is connected', async () => {
    const platform = usePlatformStore();
    const wrapper = mount(ObservedChatSetting);
    expect(wrapper.text()).toContain('No Events API feed is connected');
    platform.feeds = [feed()];
    await flushPromises();
    expect(wrapper.text()).toContain("Your Events API feed is connected, so chat from the room page isn't shared");
  });
});
