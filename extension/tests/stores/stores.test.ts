import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useAccountStore } from '@/stores/account';
import { useConnectionStore } from '@/stores/connection';
import { useFeedStore } from '@/stores/feed';
import { useSettingsStore } from '@/stores/settings';
import { useTranslationsStore } from '@/stores/translations';
import { indicatorOf } from '@/utils/hub/connection';
import { ApiError } from '@/utils/shared/errors';
import { FEED_CAP, sessionSummary } from '@/utils/panel/feed';
import { initialSnapshot } from '@/utils/hub/types';
import { onMessage, sendMessage } from '@/utils/shared/messaging';
import { quotaOf } from '@/utils/panel/quota';
import { getSettings } from '@/utils/shared/storage';
import type { MeResponse, TranslateItem } from '@/utils/shared/types';
import { CATALOG, type TranslateBatch } from '@/utils/shared/wire';
import { envelope, fakeApi, resetPanel, tip } from '@/tests/helpers/panel';

beforeEach(resetPanel);
afterEach(() => vi.useRealTimers());

describe('feed store', () => {
  it('keeps only the newest FEED_CAP events', () => {
    const feed = useFeedStore();
    for (let batch = 0; batch < 7; batch++) {
      feed.add(Array.from({ length: 500 }, (_, i) => envelope(batch * 500 + i + 1)));
    }
    expect(feed.items).toHaveLength(FEED_CAP);
    expect(feed.items[0]!.offset).toBe(3500 - FEED_CAP + 1);
  });

  it('ignores events it already holds (recent + live overlap)', () => {
    const feed = useFeedStore();
    const [a, b, c] = [envelope(1), envelope(2), envelope(3)];
    feed.add([a, b]);
    expect(feed.add([b, c]).map((i) => i.offset)).toEqual([3]);
    expect(feed.items.map((i) => i.offset)).toEqual([1, 2, 3]);
  });

  it('keeps new events after the server stream restarts its offsets', () => {
    const feed = useFeedStore();
    feed.add([envelope(7), envelope(8)]);
    feed.add([envelope(1)]);
    expect(feed.items.map((i) => i.offset)).toEqual([7, 8, 1]);
  });

  it('filters by type; enter/leave hidden by default', () => {
    const feed = useFeedStore();
    feed.add([envelope(1), tip(2, 50), envelope(3, { method: 'userEnter', message: undefined })]);
    expect(feed.visible.map((i) => i.method)).toEqual(['chatMessage', 'tip']);
    feed.toggle('chat');
    expect(feed.visible.map((i) => i.method)).toEqual(['tip']);
  });

  it('loads recent events from the background, then follows hub:event', async () => {
    onMessage('hub:recent', () => [envelope(1)]);
    const feed = useFeedStore();
    await feed.init();
    await sendMessage('hub:event', [envelope(2)]);
    expect(feed.items.map((i) => i.offset)).toEqual([1, 2]);
  });

  it('summarizes the session from the last broadcastStart', () => {
    const feed = useFeedStore();
    feed.add([
      tip(1, 999),
      envelope(2, { method: 'broadcastStart', ts: Date.parse('2024-05-01T20:00:00Z') / 1000 }),
      tip(3, 25, 'ann'),
      tip(4, 75, 'ann'),
      envelope(5),
    ]);
    const summary = sessionSummary(feed.items, Date.parse('2024-05-01T21:00:00Z'));
    expect(summary).toMatchObject({ tokens: 100, tips: 2, tippers: 1, chatters: 1, durationMs: 3_600_000 });
  });
});

describe('connection store', () => {
  it('maps hub phases to live / reconnecting / offline', () => {
    const s = initialSnapshot();
    expect(indicatorOf({ ...s, phase: 'live' })).toBe('live');
    expect(indicatorOf({ ...s, phase: 'reconnecting' })).toBe('reconnecting');
    expect(indicatorOf({ ...s, phase: 'reconnecting', offlineAlert: true })).toBe('offline');
    expect(indicatorOf({ ...s, phase: 'idle' })).toBe('offline');
  });

  it('takes the snapshot from the background and follows hub:status', async () => {
    onMessage('hub:snapshot', () => ({ ...initialSnapshot(), phase: 'connecting' }));
    const connection = useConnectionStore();
    await connection.init();
    expect(connection.indicator).toBe('reconnecting');
    await sendMessage('hub:status', { ...initialSnapshot(), phase: 'live', lastEventAt: 5 });
    expect(connection.indicator).toBe('live');
    expect(connection.label).toBe('Live');
  });
});

describe('settings store', () => {
  it('persists saves to chrome.storage', async () => {
    const store = useSettingsStore();
    await store.load();
    await store.save({ hideMoney: true });
    expect((await getSettings()).hideMoney).toBe(true);
    expect(store.settings.hideMoney).toBe(true);
  });
});

describe('translations store', () => {
  beforeEach(() => vi.useFakeTimers());

  async function setup(response: (items: TranslateItem[]) => Promise<TranslateBatch>) {
    const calls: TranslateItem[][] = [];
    fakeApi({ translateBatch: async (items) => (calls.push(items), response(items)) });
    const settings = useSettingsStore();
    await settings.load();
    await settings.save({ language: 'en' });
    return { calls, feed: useFeedStore(), translations: useTranslationsStore() };
  }
  const es = (items: TranslateItem[]) =>
    Promise.resolve({
      items: items.map((i) => ({
        text: `EN:${i.text}`,
        source: 'es',
        target: 'en',
        cached: false,
        charged_chars: i.text.length,
        detected: null,
        event_id: i.event_id ?? null,
      })),
    });

  it('translates new chat in one batch into the streamer language', async () => {
    const { calls, feed, translations } = await setup(es);
    const added = feed.add([
      envelope(1, { message: { message: 'hola' } }),
      envelope(2, { message: { message: 'qué tal' } }),
    ]);
    translations.enqueue(added);
    await vi.advanceTimersByTimeAsync(600);
    expect(calls).toEqual([
      [
        { text: 'hola', target: 'en', event_id: added[0]!.id },
        { text: 'qué tal', target: 'en', event_id: added[1]!.id },
      ],
    ]);
    expect(translations.translationOf(added[0]!)).toBe('EN:hola');
  });

  it('skips lines the server could not translate, keeping the rest', async () => {
    const { feed, translations } = await setup(
      async (items) =>
        ({
          items: [
            { event_id: 'x', error: { code: 'forbidden', message: 'private' } },
            ...(await es(items.slice(1))).items,
          ],
        }) as never,
    );
    const added = feed.add([envelope(1), envelope(2, { message: { message: 'hola' } })]);
    translations.enqueue(added);
    await vi.advanceTimersByTimeAsync(600);
    expect(translations.translationOf(added[0]!)).toBeNull();
    expect(translations.translationOf(added[1]!)).toBe('EN:hola');
  });

  it('does not show a translation for text already in the target language', async () => {
    const { feed, translations } = await setup(async (items) => ({
      items: items.map((i) => ({
        text: i.text,
        source: 'en',
        target: 'en',
        cached: true,
        charged_chars: 0,
        detected: null,
        event_id: i.event_id ?? null,
      })),
    }));
    const added = feed.add([envelope(1)]);
    translations.enqueue(added);
    await vi.advanceTimersByTimeAsync(600);
    expect(translations.translationOf(added[0]!)).toBeNull();
  });

  it('keeps only the newest lines waiting when chat outruns translation, one request at a time', async () => {
    let release = () => {};
    const { calls, feed, translations } = await setup(async (items) => {
      await new Promise<void>((r) => (release = r)); // the server answers when the test says so
      return es(items);
    });
    translations.enqueue(feed.add(Array.from({ length: 30 }, (_, i) => envelope(i + 1))));
    await vi.advanceTimersByTimeAsync(600);
    expect(calls).toHaveLength(1);
    expect(calls[0]).toHaveLength(25);
    const later = Array.from({ length: 5 }, (_, b) =>
      feed.add(Array.from({ length: 20 }, (_, i) => envelope(100 + b * 20 + i))),
    );
    later.forEach((added) => translations.enqueue(added));
    await vi.advanceTimersByTimeAsync(2_000);
    expect(calls).toHaveLength(1); // still waiting for the first answer
    release();
    await vi.advanceTimersByTimeAsync(600);
    expect(calls).toHaveLength(2);
    const newest = later.flat().slice(-50); // the 5 left from the first 30 and the 50 oldest of `later` were dropped
    expect(calls[1]!.map((c) => c.event_id)).toEqual(newest.slice(0, 25).map((i) => i.id));
    release();
    await vi.advanceTimersByTimeAsync(600);
    expect(calls[2]!.map((c) => c.event_id)).toEqual(newest.slice(25).map((i) => i.id));
    release();
    await vi.advanceTimersByTimeAsync(2_000);
    expect(calls).toHaveLength(3); // dropped lines are not sent late
    translations.request([later[0]![0]!]); // the row's Translate button still works for them
    await vi.advanceTimersByTimeAsync(600);
    expect(calls[3]!.map((c) => c.event_id)).toEqual([later[0]![0]!.id]);
  });

  it('asks for a line the streamer picked before the auto-translated backlog', async () => {
    const { calls, feed, translations } = await setup(es);
    const auto = feed.add([envelope(1), envelope(2)]);
    translations.enqueue(auto);
    const [picked] = feed.add([envelope(3)]);
    translations.request([picked!]);
    await vi.advanceTimersByTimeAsync(600);
    expect(calls[0]!.map((c) => c.event_id)).toEqual([picked!.id, auto[0]!.id, auto[1]!.id]);
  });

  it('forgets the translations of lines that have left the feed', async () => {
    const { feed, translations } = await setup(es);
    const first = feed.add(Array.from({ length: 25 }, (_, i) => envelope(i + 1)));
    translations.enqueue(first);
    await vi.advanceTimersByTimeAsync(600);
    expect(translations.translationOf(first[0]!)).toBe('EN:hello 1');
    for (let b = 1; b < FEED_CAP / 25 + 20; b++) {
      translations.enqueue(feed.add(Array.from({ length: 25 }, (_, i) => envelope(b * 25 + i + 1))));
      await vi.advanceTimersByTimeAsync(600);
    }
    const inFeed = new Set(feed.items.map((item) => item.id));
    expect(translations.results.has(first[0]!.id)).toBe(false);
    expect(translations.results.size).toBeLessThanOrEqual(FEED_CAP);
    expect([...translations.results.keys()].filter((id) => !inFeed.has(id)).length).toBeLessThan(FEED_CAP / 2);
    expect(translations.translationOf(feed.items.at(-1)!)).toMatch(/^EN:/);
  });

  it('never sends private messages unless the streamer opted in', async () => {
    const { calls, feed, translations } = await setup(es);
    translations.enqueue(feed.add([envelope(1, { method: 'privateMessage' })]));
    await vi.advanceTimersByTimeAsync(600);
    expect(calls).toEqual([]);
  });

  it('pauses auto-translation when the quota is used up', async () => {
    const { calls, feed, translations } = await setup(async () => {
      throw new ApiError(429, 'quota_exceeded', 'over', { limit: 5000, quota: 'translate_chars' });
    });
    translations.enqueue(feed.add([envelope(1)]));
    await vi.advanceTimersByTimeAsync(600);
    expect(translations.paused?.message).toMatch(/5,000 translation characters/);
    translations.enqueue(feed.add([envelope(2)]));
    await vi.advanceTimersByTimeAsync(600);
    expect(calls).toHaveLength(1);
  });
});

describe('account store', () => {
  const me: MeResponse = {
    account: {
      id: '1',
      sub: 's',
      email: null,
      tier: 'free',
      language: 'es',
      privacy: { store_chat_text: true, send_private_to_ai: false },
      broadcasters: [],
      members: [],
      subscription_status: null,
    },
    limits: CATALOG.tiers[0]!,
    usage: {
      translate_chars: { used: 10, limit: 5000 },
      reply_suggestions: { used: 2, limit: 20 },
      write_requests: { used: 0, limit: 5 },
    },
  };

  it('loads /me, mirrors language and privacy into settings, and follows usage pushes', async () => {
    let tier: 'free' | 'pro' = 'free';
    fakeApi({ me: async () => ({ ...structuredClone(me), account: { ...me.account, tier } }) });
    const settings = useSettingsStore();
    await settings.load();
    const account = useAccountStore();
    await account.refresh();
    expect(settings.settings).toMatchObject({ language: 'es', storeChatText: true });
    await sendMessage('hub:usage', { ...me.usage, translate_chars: { used: 900, limit: 5000 } });
    expect(quotaOf(account.me, 'translate_chars')).toEqual({ used: 900, limit: 5000 });
    expect(quotaOf(account.me, 'reply_suggestions')).toEqual({ used: 2, limit: 20 }); // untouched by the push
    tier = 'pro'; // Stripe changed it on the server
    await sendMessage('hub:tier', { tier: 'pro', previous: 'free', status: 'active', limits: CATALOG.tiers[1]! });
    await vi.waitFor(() => expect(account.me?.account.tier).toBe('pro'));
  });

  it('links the room to the account once, and explains a refusal', async () => {
    const linked: string[] = [];
    fakeApi({
      me: async () => structuredClone(me),
      linkBroadcaster: async (room) => {
        if (room === 'taken_room') throw new ApiError(409, 'taken', 'linked elsewhere');
        linked.push(room);
        return { ...structuredClone(me), account: { ...me.account, broadcasters: [room] } };
      },
    });
    const account = useAccountStore();
    await account.refresh();
    expect(await account.linkRoom('alice')).toBe(true);
    expect(await account.linkRoom('alice')).toBe(true);
    expect(linked).toEqual(['alice']);
    expect(await account.linkRoom('taken_room')).toBe(false);
    expect(account.error?.message).toBe('This room is linked to another account');
  });

  it('shows a friendly error when the server is unreachable', async () => {
    fakeApi({
      me: async () => {
        throw new ApiError(0, 'network_error', 'Failed to fetch');
      },
    });
    const account = useAccountStore();
    await account.refresh();
    expect(account.error?.message).toBe("Can't reach the server");
  });
});
