import { describe, expect, it } from 'vitest';
import { fedByEventsApi, publishBlocker, toChatEvent } from '@/utils/background/observed-chat';
import { pickRoomTab, roomFromUrl } from '@/utils/shared/room-tabs';
import type { IngestStatus } from '@/utils/shared/types';

const base = { mode: 'auto' as const, room: 'Alice', broadcaster: 'alice', ingest: null, live: true };
const status = (ingest: IngestStatus['ingest'], lag_ms: number): IngestStatus => ({
  broadcaster: 'alice',
  ingest,
  ingest_state: null,
  reason: null,
  store: 'ok',
  store_backend: 'memory',
  spool_depth: 0,
  queued: 0,
  lag_ms,
  room_stream: 'ok',
  room_stream_engine: 'memory',
  position: null,
});

describe('observed chat', () => {
  it('becomes a chatMessage event with a stable id', () => {
    const event = toChatEvent('Alice', { key: 'p1-7', username: 'bob', text: 'hola', at: 0 });
    expect(event).toEqual({
      id: 'ext-p1-7',
      broadcaster: 'alice',
      method: 'chatMessage',
      ts: '1970-01-01T00:00:00.000Z',
      user: { username: 'bob' },
      message: { message: 'hola' },
    });
  });

  it('is published in auto mode when the Events API does not feed the room', () => {
    expect(publishBlocker(base)).toBeNull();
    expect(publishBlocker({ ...base, ingest: status('none', 0) })).toBeNull();
  });

  it('is not published when the Events API already feeds the room', () => {
    const ingest = status('events_api', 10);
    expect(fedByEventsApi(ingest)).toBe(true);
    expect(publishBlocker({ ...base, ingest })).toMatch(/Events API/);
    expect(publishBlocker({ ...base, ingest, mode: 'always' })).toBeNull();
  });

  it('is never published for someone else’s room, offline, or when turned off', () => {
    expect(publishBlocker({ ...base, room: 'carol' })).toBe('not your room');
    expect(publishBlocker({ ...base, live: false })).toBe('not connected');
    expect(publishBlocker({ ...base, mode: 'never' })).toMatch(/off/);
  });
});

describe('room tabs', () => {
  it('reads the room from a room URL only', () => {
    expect(roomFromUrl('https://chaturbate.com/alice/')).toBe('alice');
    expect(roomFromUrl('https://chaturbate.com/b/alice/')).toBe('alice');
    expect(roomFromUrl('https://chaturbate.com/accounts/login/')).toBe('');
    expect(roomFromUrl('https://example.com/alice/')).toBe('');
    expect(roomFromUrl(undefined)).toBe('');
  });

  it('prefers the broadcaster’s own room, then the active tab', () => {
    const tabs = [
      { id: 1, url: 'https://chaturbate.com/carol/', active: true, lastAccessed: 5 },
      { id: 2, url: 'https://chaturbate.com/b/alice/', active: false, lastAccessed: 1 },
      { id: 3, url: 'https://chaturbate.com/tags/', active: false, lastAccessed: 9 },
    ];
    expect(pickRoomTab(tabs, 'alice')?.id).toBe(2);
    expect(pickRoomTab(tabs, 'zed')?.id).toBe(1);
    expect(pickRoomTab([], 'alice')).toBeNull();
  });
});
