import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import { FEED_CAP, toFeedItem, type FeedCategory, type FeedItem } from '@/utils/panel/feed';
import { onMessage, sendMessage } from '@/utils/shared/messaging';
import { appendCapped } from '@/utils/shared/ring';
import type { HubEnvelope } from '@/utils/shared/types';

export type FeedFilters = Record<FeedCategory, boolean>;

/** The live feed: the newest FEED_CAP events (older ones drop off), filtered for display. */
export const useFeedStore = defineStore('feed', () => {
  const items = shallowRef<FeedItem[]>([]);
  const filters = ref<FeedFilters>({ chat: true, tip: true, private: true, follow: true, presence: false, room: true });
  const visible = computed(() => items.value.filter((item) => filters.value[item.category]));
  const listeners: ((added: FeedItem[]) => void)[] = [];
  // Deduped by event id (unique per broadcaster): offsets restart if the server's stream is reset.
  let ids = new Set<string>();
  let listening = false;

  function add(envelopes: HubEnvelope[], now = Date.now()): FeedItem[] {
    const fresh: FeedItem[] = [];
    for (const envelope of envelopes) {
      if (ids.has(envelope.event.id)) continue;
      ids.add(envelope.event.id);
      fresh.push(toFeedItem(envelope, now));
    }
    if (!fresh.length) return [];
    items.value = appendCapped(items.value, fresh, FEED_CAP);
    if (ids.size > items.value.length) ids = new Set(items.value.map((i) => i.id));
    listeners.forEach((listener) => listener(fresh));
    return fresh;
  }

  function clear(): void {
    items.value = [];
    ids = new Set();
  }

  /** Called with each batch of new items (e.g. to translate them); returns how to stop. */
  function onAdded(listener: (added: FeedItem[]) => void): () => void {
    listeners.push(listener);
    return () => {
      const index = listeners.indexOf(listener);
      if (index >= 0) listeners.splice(index, 1);
    };
  }

  function byUser(username: string): FeedItem[] {
    const name = username.toLowerCase();
    return items.value.filter((item) => item.username.toLowerCase() === name);
  }

  function toggle(category: FeedCategory): void {
    filters.value = { ...filters.value, [category]: !filters.value[category] };
  }

  async function init(): Promise<void> {
    if (!listening) {
      listening = true;
      onMessage('hub:event', ({ data: envelopes }) => void add(envelopes));
      // the missed events could not be replayed: the server's recent feed replaces ours
      onMessage('hub:reload', ({ data: envelopes }) => void (clear(), add(envelopes)));
    }
    add(await sendMessage('hub:recent').catch(() => []));
  }

  return { items, filters, visible, add, clear, onAdded, byUser, toggle, init };
});
