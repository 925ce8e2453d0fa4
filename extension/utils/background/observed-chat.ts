/** Chat read from the room page → platform events for `publish`, and the rule for when to publish them. */
import type { ObservedChatLine } from '@/utils/shared/messaging';
import type { ChatPublishMode } from '@/utils/shared/storage';
import type { IngestStatus, PlatformEvent } from '@/utils/shared/types';

const MAX_TEXT = 2_000;

export function normalizeRoom(room: string): string {
  return room.trim().toLowerCase();
}

export function toChatEvent(room: string, line: ObservedChatLine): PlatformEvent {
  return {
    id: `ext-${line.key}`.slice(0, 128),
    broadcaster: normalizeRoom(room),
    method: line.isPrivate ? 'privateMessage' : 'chatMessage',
    ts: new Date(line.at).toISOString(),
    user: { username: line.username },
    message: { message: line.text.slice(0, MAX_TEXT) },
  };
}

/** Ingest values meaning the Chaturbate Events API already feeds the room (the server's poller). */
const EVENTS_API_INGEST = new Set(['events_api', 'eventsapi', 'chaturbate', 'poller', 'polling']);

export function fedByEventsApi(status: IngestStatus | null): boolean {
  return status !== null && EVENTS_API_INGEST.has(status.ingest.toLowerCase());
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
