import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import { useApi } from '@/composables/useApi';
import { checkEventsUrl, type FeedStatus } from '@/utils/shared/platform';
import { toFriendlyError, type FriendlyError } from '@/utils/shared/errors';
import { useSettingsStore } from './settings';

/** The room's Chaturbate Events API feed: connect, replace, disconnect, and its state. */
export const usePlatformStore = defineStore('platform', () => {
  const feeds = ref<FeedStatus[]>([]);
  const busy = ref(false);
  const error = shallowRef<FriendlyError | null>(null);
  const settings = useSettingsStore();
  /** the feed of the room the panel watches, else the first one with a URL */
  const feed = computed(
    () =>
      feeds.value.find((f) => f.broadcaster === settings.settings.broadcaster && f.events_url) ??
      feeds.value.find((f) => f.events_url) ??
      null,
  );

  async function act(action: () => Promise<void>): Promise<boolean> {
    busy.value = true;
    error.value = null;
    try {
      await action();
      return true;
    } catch (err) {
      error.value = toFriendlyError(err);
      return false;
    } finally {
      busy.value = false;
    }
  }

  function remember(next: FeedStatus): void {
    feeds.value = [...feeds.value.filter((f) => f.broadcaster !== next.broadcaster), next];
  }

  async function refresh(): Promise<void> {
    try {
      feeds.value = (await useApi().platformStatus()).broadcasters;
    } catch (err) {
      error.value = toFriendlyError(err);
    }
  }

  /** Validate, register, and watch the room it feeds. */
  async function connect(eventsUrl: string): Promise<boolean> {
    const checked = checkEventsUrl(eventsUrl);
    if (!checked.ok) {
      error.value = { code: 'invalid_events_url', message: checked.message, action: null };
      return false;
    }
    return act(async () => {
      const next = await useApi().connectEventsApi(eventsUrl.trim());
      remember(next);
      if (settings.settings.broadcaster !== next.broadcaster) await settings.save({ broadcaster: next.broadcaster });
    });
  }

  async function disconnect(broadcaster: string): Promise<boolean> {
    return act(async () => remember(await useApi().disconnectEventsApi(broadcaster)));
  }

  return { feeds, feed, busy, error, refresh, connect, disconnect };
});
