import { defineStore } from 'pinia';
import { ref, shallowRef, triggerRef } from 'vue';
import { useApi } from '@/composables/useApi';
import { toFriendlyError, type FriendlyError } from '@/utils/errors';
import type { FeedItem } from '@/utils/feed';
import type { TranslateResult } from '@/utils/types';
import { useSettingsStore } from './settings';

const BATCH_SIZE = 25;
const BATCH_DELAY_MS = 600;
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

  function translatable(item: FeedItem): boolean {
    const { settings } = useSettingsStore();
    if (!item.hasMessage || results.value.has(item.id) || queued.has(item.id)) return false;
    return item.category !== 'private' || settings.sendPrivateToAi; // privacy: opt-in only
  }

  /** Queue new feed items when auto-translate is on. */
  function enqueue(items: FeedItem[]): void {
    if (!useSettingsStore().settings.autoTranslate || paused.value) return;
    request(items);
  }

  /** Translate these now-ish, whatever the auto setting (the row's "Translate" button). */
  function request(items: FeedItem[]): void {
    const wanted = items.filter(translatable);
    wanted.forEach((item) => queued.add(item.id));
    queue.push(...wanted);
    if (queue.length && !timer) timer = setTimeout(() => void flush(), BATCH_DELAY_MS);
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
        if (result && 'text' in result) results.value.set(item.id, result); // per-item errors are skipped
      });
      triggerRef(results);
      lastError.value = null;
    } catch (err) {
      const friendly = toFriendlyError(err);
      lastError.value = friendly;
      if (PAUSING.has(friendly.code)) {
        paused.value = friendly;
        queue = [];
      }
    } finally {
      batch.forEach((item) => queued.delete(item.id));
      busy.value = false;
      if (queue.length && !timer) timer = setTimeout(() => void flush(), BATCH_DELAY_MS);
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
