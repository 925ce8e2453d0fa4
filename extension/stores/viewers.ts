import { defineStore } from 'pinia';
import { shallowRef } from 'vue';
import { marksFirstRow } from '@/utils/panel/highlights';
import type { FeedItem } from '@/utils/panel/feed';

/**
 * What the panel knows about viewers this session: each one's first row (for the "new" mark) and
 * who has notes (learnt when a viewer card loads or saves them; the server has no list of them).
 */
export const useViewersStore = defineStore('viewers', () => {
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

  function clear(): void {
    firstRow.value = new Map();
  }

  return { firstRow, noted, observe, setNotes, clear };
});
