/** Live feed items: what a row shows, derived once per event. */
import { eventTime } from '@/utils/shared/format';
import type { EventMethod, HubEnvelope, PlatformEvent } from '@/utils/shared/types';

export const FEED_CAP = 3_000;

export type FeedCategory = 'chat' | 'tip' | 'private' | 'presence' | 'follow' | 'room';
export const FEED_CATEGORIES: { id: FeedCategory; label: string }[] = [
  { id: 'chat', label: 'Chat' },
  { id: 'tip', label: 'Tips' },
  { id: 'private', label: 'Private' },
  { id: 'follow', label: 'Follows' },
  { id: 'presence', label: 'Enter/leave' },
  { id: 'room', label: 'Room' },
];

const CATEGORY: Record<EventMethod, FeedCategory> = {
  chatMessage: 'chat',
  tip: 'tip',
  mediaPurchase: 'tip',
  privateMessage: 'private',
  follow: 'follow',
  unfollow: 'follow',
  fanclubJoin: 'follow',
  userEnter: 'presence',
  userLeave: 'presence',
  broadcastStart: 'room',
  broadcastStop: 'room',
  roomSubjectChange: 'room',
};

export interface FeedItem {
  offset: number;
  id: string;
  at: number;
  method: EventMethod;
  category: FeedCategory;
  username: string;
  /** the message, tip note, subject or a short description */
  text: string;
  tokens: number;
  /** chat-like text worth translating / replying to */
  hasMessage: boolean;
  event: PlatformEvent;
}

function describe(event: PlatformEvent): string {
  switch (event.method) {
    case 'chatMessage':
    case 'privateMessage':
      return event.message?.message ?? '';
    case 'tip':
      return event.tip?.message ?? '';
    case 'mediaPurchase':
      return `bought ${event.media?.type === 'video' ? 'a video' : 'photos'}: ${event.media?.name ?? ''}`.trim();
    case 'roomSubjectChange':
      return event.subject ?? '';
    case 'follow':
      return 'followed';
    case 'unfollow':
      return 'unfollowed';
    case 'fanclubJoin':
      return 'joined the fan club';
    case 'userEnter':
      return 'entered';
    case 'userLeave':
      return 'left';
    case 'broadcastStart':
      return 'Broadcast started';
    case 'broadcastStop':
      return 'Broadcast stopped';
  }
}

export function toFeedItem({ offset, event }: HubEnvelope, receivedAt: number): FeedItem {
  const category = CATEGORY[event.method] ?? 'room';
  const anonymousTip = event.method === 'tip' && event.tip?.isAnon;
  return {
    offset,
    id: event.id,
    at: eventTime(event.ts ?? event.received_at, receivedAt),
    method: event.method,
    category,
    username: anonymousTip ? 'Anonymous' : (event.user?.username ?? ''),
    text: describe(event),
    tokens: event.tip?.tokens ?? event.media?.tokens ?? 0,
    hasMessage: ['chatMessage', 'privateMessage', 'tip'].includes(event.method) && Boolean(describe(event)),
    event,
  };
}

/** Session numbers from the feed: since the last broadcastStart, else since the first event held. */
export function sessionSummary(items: readonly FeedItem[], now: number) {
  let startIndex = 0;
  for (let i = items.length - 1; i >= 0; i--) {
    if (items[i]!.method === 'broadcastStart') {
      startIndex = i;
      break;
    }
  }
  const session = items.slice(startIndex);
  const tips = session.filter((i) => i.category === 'tip' && i.tokens > 0);
  const tokens = tips.reduce((sum, i) => sum + i.tokens, 0);
  const chatters = new Set(session.filter((i) => i.category === 'chat').map((i) => i.username));
  return {
    startedAt: session[0]?.at ?? null,
    durationMs: session[0] ? Math.max(0, now - session[0].at) : 0,
    tokens,
    tips: tips.length,
    tippers: new Set(tips.map((i) => i.username)).size,
    chatters: chatters.size,
    messages: session.filter((i) => i.category === 'chat' || i.category === 'private').length,
    follows: session.filter((i) => i.method === 'follow').length,
  };
}
