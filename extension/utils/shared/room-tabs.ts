/** Which browser tab is the streamer's room (for inserting a reply into its chat box). */
import type { Browser } from 'wxt/browser';
import { isRoomName } from './room-name';

export const ROOM_URL_PATTERN = 'https://chaturbate.com/*';
const NOT_ROOMS = new Set([
  '',
  'accounts',
  'auth',
  'b',
  'tags',
  'tipping',
  'apps',
  'affiliates',
  'supporter',
  'external_link',
  'p',
  'photo_videos',
  'security',
  'terms',
  'privacy',
  'contest',
  'embed',
]);

/** The room name in a chaturbate.com URL (first path segment), or '' for non-room pages. */
export function roomFromUrl(url: string | undefined): string {
  if (!url) return '';
  try {
    const parsed = new URL(url);
    if (!/(^|\.)chaturbate\.com$/.test(parsed.hostname)) return '';
    const first = parsed.pathname.split('/').filter(Boolean)[0]?.toLowerCase() ?? '';
    // the broadcast page is /b/<room>/
    if (first === 'b') return parsed.pathname.split('/').filter(Boolean)[1]?.toLowerCase() ?? '';
    return NOT_ROOMS.has(first) || !isRoomName(first) ? '' : first;
  } catch {
    return '';
  }
}

type Tab = Pick<Browser.tabs.Tab, 'id' | 'url' | 'active' | 'lastAccessed'>;

/** Prefer the broadcaster's own room, then the active tab, then the most recently used one. */
export function pickRoomTab<T extends Tab>(tabs: T[], broadcaster: string): T | null {
  const rooms = tabs.filter((tab) => tab.id !== undefined && roomFromUrl(tab.url));
  const score = (tab: T) => (roomFromUrl(tab.url) === broadcaster.toLowerCase() ? 4 : 0) + (tab.active ? 2 : 0);
  rooms.sort((a, b) => score(b) - score(a) || (b.lastAccessed ?? 0) - (a.lastAccessed ?? 0));
  return rooms[0] ?? null;
}
