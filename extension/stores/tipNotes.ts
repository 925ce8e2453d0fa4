import { defineStore } from 'pinia';
import { shallowRef } from 'vue';
import { useSettingsStore } from '@/stores/settings';
import { onMessage } from '@/utils/shared/messaging';
import type { TipNote } from '@/utils/shared/room-types';

/** Notes kept: about as many tips as the feed shows. */
export const TIP_NOTES_CAP = 1_000;

/** What the server said about live tips (menu item bought, big tip), by event id, for the feed rows. */
export const useTipNotesStore = defineStore('tipNotes', () => {
  const settings = useSettingsStore();
  const byEvent = shallowRef<ReadonlyMap<string, TipNote>>(new Map());
  let listening = false;

  function add(note: TipNote): void {
    if (note?.broadcaster !== settings.settings.broadcaster || typeof note.event_id !== 'string') return;
    const next = new Map(byEvent.value).set(note.event_id, note);
    if (next.size > TIP_NOTES_CAP) next.delete(next.keys().next().value!);
    byEvent.value = next;
  }

  const noteOf = (eventId: string): TipNote | null => byEvent.value.get(eventId) ?? null;

  function clear(): void {
    byEvent.value = new Map();
  }

  function init(): void {
    if (listening) return;
    listening = true;
    onMessage('hub:tipNote', ({ data }) => add(data));
  }

  return { byEvent, add, noteOf, clear, init };
});
