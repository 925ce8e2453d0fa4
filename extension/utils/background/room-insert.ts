/** A reply from the panel goes into the chat box of the streamer's room tab (via its content script). */
import { browser } from 'wxt/browser';
import { sendMessage, type Result } from '@/utils/shared/messaging';
import { pickRoomTab, ROOM_URL_PATTERN } from '@/utils/shared/room-tabs';

export async function insertIntoRoom(text: string, broadcaster: string): Promise<Result> {
  const tabs = await browser.tabs.query({ url: ROOM_URL_PATTERN });
  const tab = pickRoomTab(tabs, broadcaster);
  if (!tab?.id) return { ok: false, code: 'no_room_tab', message: 'Open your Chaturbate room in a tab first' };
  try {
    return await sendMessage('chat:insert', { text }, tab.id);
  } catch {
    return { ok: false, code: 'content_unavailable', message: 'Reload your room tab, then try again' };
  }
}
