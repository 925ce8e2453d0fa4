/** Chat read from the room page → platform events for `publish`, and the rule for when to publish them. */
import type { ObservedChatLine } from '@/utils/shared/messaging';
import type { ChatPublishMode } from '@/utils/shared/storage';
import type { IngestStatus, PublishEvent } from '@/utils/shared/types';
import { CATALOG } from '@/utils/shared/wire';

const MAX_TEXT = CATALOG.chat_max_chars;

export function normalizeRoom(room: string): string {
  return room.trim().toLowerCase();
}

export function toChatEvent(room: string, line: ObservedChatLine): PublishEvent {
  return {
    id: `ext-${line.key}`.slice(0, 128),
    broadcaster: normalizeRoom(room),
    method: line.isPrivate ? 'privateMessage' : 'chatMessage',
    ts: new Date(line.at).toISOString(),
    user: { username: line.username },
    message: { message: line.text.slice(0, MAX_TEXT) },
  };
}

/** Whether the Chaturbate Events API (the server's poller) already feeds the room. */
export function fedByEventsApi(status: IngestStatus | null): boolean {
  return status?.ingest === 'events_api';
}

/** Why observed chat is not published, or null when it should be. */
export function publishBlocker(p: {
  mode: ChatPublishMode;
  room: string;
  broadcaster: string;
  ingest: IngestStatus | null;
  live: boolean;
}): string | null {
  if (p.mode === 'never') return 'publishing observed chat is off';
  if (!p.broadcaster || normalizeRoom(p.room) !== normalizeRoom(p.broadcaster)) return 'not your room';
  if (!p.live) return 'not connected';
  if (p.mode === 'auto' && fedByEventsApi(p.ingest)) return 'room is fed by the Events API';
  return null;
}
