import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { FeedItem } from '@/utils/panel/feed';

export type TabId = 'live' | 'reply' | 'write' | 'room' | 'stats' | 'account' | 'settings';
export const TABS: { id: TabId; label: string }[] = [
  { id: 'live', label: 'Live' },
  { id: 'reply', label: 'Reply' },
  { id: 'write', label: 'Write' },
  { id: 'room', label: 'Room' },
  { id: 'stats', label: 'Stats' },
  { id: 'account', label: 'Account' },
  { id: 'settings', label: 'Settings' },
];

export const useUiStore = defineStore('ui', () => {
  const tab = ref<TabId>('live');
  /** username whose viewer card is open */
  const viewer = ref<string | null>(null);
  /** the message the Reply tab answers */
  const replyTarget = ref<FeedItem | null>(null);

  function replyTo(item: FeedItem): void {
    replyTarget.value = item;
    tab.value = 'reply';
  }
  return { tab, viewer, replyTarget, replyTo };
});
