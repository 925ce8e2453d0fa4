import { defineStore } from 'pinia';
import { shallowRef } from 'vue';
import { useApi } from '@/composables/useApi';
import { useFeedStore } from '@/stores/feed';
import { useSettingsStore } from '@/stores/settings';
import type { TieredTipper } from '@/utils/shared/room-types';

/** After tips arrive, the tiers are read again this much later: one request per burst of tips. */
export const TIERS_REFRESH_MS = 15_000;

/** Tipper tier badges (bronze … diamond) as the server ranks them from lifetime tokens. */
export const useTippersStore = defineStore('tippers', () => {
  const settings = useSettingsStore();
  const byName = shallowRef<ReadonlyMap<string, TieredTipper>>(new Map());
  let timer: ReturnType<typeof setTimeout> | null = null;
  let listening = false;

  async function load(): Promise<void> {
    const broadcaster = settings.settings.broadcaster;
    if (!broadcaster) return;
    const view = await useApi().rooms.tipperTiers(broadcaster);
    if (broadcaster !== settings.settings.broadcaster) return; // the room changed meanwhile
    byName.value = new Map(view.tippers.map((t) => [t.username.toLowerCase(), t]));
  }

  function tierOf(username: string): TieredTipper | null {
    return byName.value.get(username.toLowerCase()) ?? null;
  }

  /** A tip moves lifetime totals: ask the server again soon (the tiers are decided only there). */
  function tipsArrived(): void {
    if (timer !== null) return;
    timer = setTimeout(() => {
      timer = null;
      void load().catch(() => undefined);
    }, TIERS_REFRESH_MS);
  }

  function clear(): void {
    byName.value = new Map();
  }

  async function init(): Promise<void> {
    if (!listening) {
      listening = true;
      useFeedStore().onAdded((items) => {
        if (items.some((item) => item.method === 'tip')) tipsArrived();
      });
    }
    await load().catch(() => undefined); // no badges is fine; the feed still works
  }

  return { byName, load, tierOf, tipsArrived, clear, init };
});
