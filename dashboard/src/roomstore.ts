/** What one room's live counter keeps in this tab's sessionStorage (position and counters). */

export interface Position {
  offset: number;
  epoch: string | null; // null: a server that does not send epochs yet
}

export interface RoomCounters {
  events: number;
  tokens: number;
  sinceMs: number; // when counting started (or restarted after a lost history)
  lastTip: string;
}

export interface KeyValue {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

export interface Saved extends RoomCounters {
  position: Position | null;
}

const PREFIX = 'wcp.dashboard.live.';

export function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0;
}

function parsePosition(raw: unknown): Position | null {
  const value = raw as Partial<Position> | null;
  if (!value || !isCount(value.offset)) return null;
  return { offset: value.offset, epoch: typeof value.epoch === 'string' ? value.epoch : null };
}

export function loadRoom(store: KeyValue, room: string, nowMs: number): Saved {
  let raw: Partial<Saved>;
  try {
    raw = JSON.parse(store.getItem(PREFIX + room) ?? '{}') as Partial<Saved>;
  } catch {
    raw = {}; // unreadable: start afresh
  }
  return {
    position: parsePosition(raw.position),
    events: isCount(raw.events) ? raw.events : 0,
    tokens: isCount(raw.tokens) ? raw.tokens : 0,
    sinceMs: isCount(raw.sinceMs) ? raw.sinceMs : nowMs,
    lastTip: typeof raw.lastTip === 'string' ? raw.lastTip : '',
  };
}

export function saveRoom(store: KeyValue, room: string, saved: Saved): void {
  try {
    store.setItem(PREFIX + room, JSON.stringify(saved));
  } catch {
    // storage full or blocked: the counters still work for this page's lifetime
  }
}
