import { defineStore } from 'pinia';
import { shallowRef } from 'vue';
import { useApi } from '@/composables/useApi';
import { useSettingsStore } from '@/stores/settings';
import { marksFirstRow } from '@/utils/panel/highlights';
import type { FeedItem } from '@/utils/panel/feed';

/**
 * What the panel knows about the room's viewers: each one's first row this session (for the "new"
 * mark) and who has notes (GET /analytics/{b}/noted-viewers, then each viewer card's load or save).
 */
export const useViewersStore = defineStore('viewers', () => {
  const settings = useSettingsStore();
  const firstRow = shallowRef<Map<string, string>>(new Map());
  const noted = shallowRef<Set<string>>(new Set());

  function observe(items: readonly FeedItem[]): void {
    let next: Map<string, string> | null = null;
    for (const item of items) {
      const name = item.username.toLowerCase();
      if (!marksFirstRow(item) || (next ?? firstRow.value).has(name)) continue;
      next ??= new Map(firstRow.value);
      next.set(name, item.id);
    }
    if (next) firstRow.value = next;
  }

  function setNotes(username: string, notes: string | null | undefined): void {
    const name = username.toLowerCase();
    if (Boolean(notes?.trim()) === noted.value.has(name)) return;
    const next = new Set(noted.value);
    if (notes?.trim()) next.add(name);
    else next.delete(name);
    noted.value = next;
  }

  /** Every viewer of the room with notes, from the server (notes written on any device). */
  async function loadNoted(): Promise<void> {
    const broadcaster = settings.settings.broadcaster;
    if (!broadcaster) return;
    const view = await useApi().notedViewers(broadcaster);
    if (broadcaster !== settings.settings.broadcaster) return; // the room changed meanwhile
    noted.value = new Set(view.usernames.map((name) => name.toLowerCase()));
  }

  /** A new room (or server): its viewers are other people. */
  function clear(): void {
    firstRow.value = new Map();
    noted.value = new Set();
  }

  async function init(): Promise<void> {
    await loadNoted().catch(() => undefined); // no marks is fine; the feed still works
  }

  return { firstRow, noted, observe, setNotes, loadNoted, clear, init };
});
