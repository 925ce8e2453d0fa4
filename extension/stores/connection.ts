import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { indicatorLabel, indicatorOf } from '@/utils/hub/connection';
import { initialSnapshot, type HubSnapshot } from '@/utils/hub/types';
import { onMessage, sendMessage } from '@/utils/shared/messaging';
import type { IngestStatus } from '@/utils/shared/types';

const KEEPALIVE_MS = 20_000;

export const useConnectionStore = defineStore('connection', () => {
  const snapshot = ref<HubSnapshot>(initialSnapshot());
  const ingest = ref<IngestStatus | null>(null);
  const indicator = computed(() => indicatorOf(snapshot.value));
  const label = computed(() => indicatorLabel(snapshot.value));
  let listening = false;

  async function poll(): Promise<void> {
    snapshot.value = await sendMessage('hub:snapshot').catch(() => snapshot.value);
  }

  async function init(): Promise<void> {
    if (!listening) {
      listening = true;
      onMessage('hub:status', ({ data: next }) => void (snapshot.value = next));
      onMessage('hub:ingest', ({ data: next }) => void (ingest.value = next));
      // A message every 20 s keeps the service worker (and its retry timers) alive while a panel
      // is open, even when no socket traffic does; it also heals a missed status message.
      setInterval(() => void poll(), KEEPALIVE_MS);
      retryWhenBack();
    }
    await poll();
  }

  /** Back online, or the streamer looks at the panel again: retry now rather than at the next backoff step. */
  function retryWhenBack(): void {
    const retry = () => {
      if (snapshot.value.phase === 'reconnecting') reconnect();
    };
    globalThis.addEventListener?.('online', retry);
    globalThis.addEventListener?.('focus', retry);
    globalThis.document?.addEventListener('visibilitychange', () => {
      if (document.visibilityState === 'visible') retry();
    });
  }

  function reconnect(): void {
    sendMessage('hub:reconnect').catch(() => undefined);
  }

  return { snapshot, ingest, indicator, label, init, reconnect };
});
