import { defineStore } from 'pinia';
import { ref, shallowRef, triggerRef } from 'vue';
import { useApi } from '@/composables/useApi';
import { toFriendlyError, type FriendlyError } from '@/utils/shared/errors';
import { FEED_CAP, type FeedItem } from '@/utils/panel/feed';
import { pruneKeys } from '@/utils/shared/ring';
import type { TranslateResult } from '@/utils/shared/types';
import { useFeedStore } from './feed';
import { useOnDeviceStore } from './ondevice';
import { useSettingsStore } from './settings';

const BATCH_SIZE = 25;
const BATCH_DELAY_MS = 600;
/**
 * Auto-translation keeps only the newest lines waiting (one batch a little over every 600 ms, at most
 * ~40 lines/s): in a busy room chat arrives faster than that, and the queue used to grow without end,
 * holding feed items long gone from the feed and translating them ever later (a minute behind at
 * 200 events/s). Dropped lines keep their "Tr" button.
 */
const MAX_QUEUED = 2 * BATCH_SIZE;
/** Results are pruned to the lines still in the feed once there are more than this (and then twice as many). */
const PRUNE_MIN = 200;
/** Stop auto-translating on these: retrying would only fail again. */
const PAUSING = new Set(['quota_exceeded', 'ai_not_configured', 'not_configured', 'unauthorized', 'token_expired']);

/** Inline chat translation into the streamer's language, batched through /translate/batch. */
export const useTranslationsStore = defineStore('translations', () => {
  const results = shallowRef(new Map<string, TranslateResult>());
  const paused = shallowRef<FriendlyError | null>(null);
  const lastError = shallowRef<FriendlyError | null>(null);
  const busy = ref(false);
  let queue: FeedItem[] = [];
  const queued = new Set<string>();
  let timer: ReturnType<typeof setTimeout> | null = null;
  let pruneAt = PRUNE_MIN;

  function translatable(item: FeedItem): boolean {
    const { settings } = useSettingsStore();
    if (!item.hasMessage || results.value.has(item.id) || queued.has(item.id)) return false;
    return item.category !== 'private' || settings.sendPrivateToAi; // privacy: opt-in only
  }

  /**
   * On this device: every line at once, no cap (a line the device cannot do goes to the server
   * queue, unless chat must stay on the device). Returns the lines left for the server path.
   */
  function routeByEngine(items: FeedItem[]): FeedItem[] {
    const engine = useOnDeviceStore().engineFor('translation');
    if (engine === 'server') return items;
    if (engine === 'device') items.forEach((item) => void translateOnDevice(item));
    return [];
  }

  async function translateOnDevice(item: FeedItem): Promise<void> {
    const { settings } = useSettingsStore();
    queued.add(item.id);
    try {
      const result = await useOnDeviceStore().translate(item.text, settings.language, item.event.user?.language);
      if (result) {
        remember(item.id, { ...result, source: result.source ?? '', detected: result.detected ?? undefined });
        scheduleTrigger();
      } else if (!settings.keepChatOnDevice) {
        queued.delete(item.id);
        queueForServer([item]); // this pair is not on the device (yet)
        return;
      }
    } catch (err) {
      lastError.value = toFriendlyError(err);
    }
    queued.delete(item.id);
  }

  let triggerPending = false;
  /** One re-render per task however many lines finished in it (a busy room finishes hundreds). */
  function scheduleTrigger(): void {
    if (triggerPending) return;
    triggerPending = true;
    setTimeout(() => {
      triggerPending = false;
      triggerRef(results);
    }, 0);
  }

  /** Queue new feed items when auto-translate is on (only the newest MAX_QUEUED wait). */
  function enqueue(items: FeedItem[]): void {
    if (!useSettingsStore().settings.autoTranslate) return;
    const forServer = routeByEngine(items.filter(translatable)); // the device path needs no server quota
    if (!paused.value) queueForServer(forServer);
  }

  /** The server path: only the newest MAX_QUEUED lines wait. */
  function queueForServer(wanted: FeedItem[]): void {
    wanted.forEach((item) => queued.add(item.id));
    queue.push(...wanted);
    if (queue.length > MAX_QUEUED) queue.splice(0, queue.length - MAX_QUEUED).forEach((item) => queued.delete(item.id));
    schedule();
  }

  /** Translate these now-ish, whatever the auto setting (the row's "Translate" button): first in line. */
  function request(items: FeedItem[]): void {
    const wanted = routeByEngine(items.filter(translatable));
    wanted.forEach((item) => queued.add(item.id));
    queue.unshift(...wanted);
    schedule();
  }

  /** One request at a time, BATCH_DELAY_MS after the last one (or the first line) to gather a batch. */
  function schedule(): void {
    if (!queue.length || timer || busy.value) return;
    timer = setTimeout(() => void flush(), BATCH_DELAY_MS);
  }

  /** Remember a result; now and then forget those of lines that have left the feed (never shown again). */
  function remember(id: string, result: TranslateResult): void {
    const map = results.value;
    map.set(id, result);
    if (map.size <= pruneAt) return;
    pruneKeys(map, 0, () => useFeedStore().items.map((item) => item.id));
    pruneAt = Math.min(FEED_CAP, Math.max(PRUNE_MIN, 2 * map.size)); // amortised: a pass per doubling
  }

  async function flush(): Promise<void> {
    timer = null;
    const batch = queue.splice(0, BATCH_SIZE);
    if (!batch.length) return;
    const { language: target, broadcaster } = useSettingsStore().settings;
    busy.value = true;
    try {
      const { items } = await useApi().translateBatch(
        batch.map((item) => ({ text: item.text, target, event_id: item.id })),
        broadcaster || undefined,
      );
      batch.forEach((item, i) => {
        const result = items[i];
        if (result && 'text' in result) remember(item.id, result); // per-item errors are skipped
      });
      triggerRef(results);
      lastError.value = null;
    } catch (err) {
      const friendly = toFriendlyError(err);
      lastError.value = friendly;
      if (PAUSING.has(friendly.code)) {
        paused.value = friendly;
        queue.forEach((item) => queued.delete(item.id));
        queue = [];
      }
    } finally {
      batch.forEach((item) => queued.delete(item.id));
      busy.value = false;
      schedule();
    }
  }

  /** The translation to show under a row, or null when none or same language. */
  function translationOf(item: FeedItem): string | null {
    const result = results.value.get(item.id);
    if (!result || result.source === result.target) return null;
    return result.text.trim() === item.text.trim() ? null : result.text;
  }

  function resume(): void {
    paused.value = null;
  }

  return { results, paused, lastError, busy, enqueue, request, flush, translationOf, resume };
});
