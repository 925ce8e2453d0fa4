/** Wire types shared by every context. Field names follow the server (and the Chaturbate Events API). */

export const EVENT_METHODS = [
  'tip',
  'chatMessage',
  'privateMessage',
  'follow',
  'unfollow',
  'fanclubJoin',
  'mediaPurchase',
  'userEnter',
  'userLeave',
  'broadcastStart',
  'broadcastStop',
  'roomSubjectChange',
] as const;
export type EventMethod = (typeof EVENT_METHODS)[number];

export interface PlatformUser {
  username: string;
  inFanclub?: boolean;
  gender?: string;
  hasTokens?: boolean;
  recentTips?: string;
  isMod?: boolean;
  language?: string;
  colorGroup?: string;
}

export interface PlatformEvent {
  id: string;
  broadcaster: string;
  method: EventMethod;
  ts?: string | number;
  received_at?: string | number;
  user?: PlatformUser;
  tip?: { tokens: number; isAnon?: boolean; message?: string };
  message?: { message: string; orig?: string; color?: string; font?: string; fromUser?: string; toUser?: string };
  media?: { id: number; name: string; type: string; tokens: number };
  subject?: string;
}

/** Server push `event`. */
export interface HubEnvelope {
  offset: number;
  event: PlatformEvent;
}

/** Server push `status` (server/realtime/rooms.py). `ingest` names what feeds the room:
 * "events_api" (the server polls Chaturbate), "simulator", "extension" or "none" (not subscribed). */
export interface IngestStatus {
  broadcaster?: string | null;
  ingest: string;
  ingest_state?: string | null;
  reason?: string | null;
  store: string;
  store_backend?: string;
  spool_depth?: number;
  queued?: number;
  lag_ms: number | null;
}

export interface SubscribeAck {
  ok: boolean;
  offset?: number;
  replayed?: number;
  code?: string;
  message?: string;
}

export interface PublishAck {
  ok: boolean;
  accepted: number;
  duplicates: number;
  errors: { index: number; code: string; message: string }[];
}

export type QuotaName = 'translate_chars' | 'reply_suggestions' | 'write_requests';
/** Today's usage per quota: the server sends `{used, limit}`; a bare number is accepted too. */
export type UsageEntry = number | { used: number; limit?: number };
export type Usage = Partial<Record<QuotaName, UsageEntry>>;
/** The tier's limits (server: `translate_chars_per_day`, `live_connections`, …). */
export type Limits = Record<string, number | boolean | string | undefined>;
export type Tier = 'free' | 'pro' | 'studio';

export interface TierNotice {
  tier: Tier;
  limits?: Limits;
}

export interface Account {
  id: string;
  sub: string;
  email: string | null;
  tier: Tier;
  language: string;
  privacy: { store_chat_text: boolean; send_private_to_ai: boolean };
  /** rooms linked to this account (the hub only serves these) */
  broadcasters?: string[];
  /** studio members (e.g. analysts) and what they may do */
  members?: AccountMember[];
  subscription_status?: string | null;
}

export interface AccountMember {
  sub: string;
  permissions: string[];
}

/** GET/PUT /api/v1/reply/persona: how reply suggestions are written. */
export interface ReplyPersona {
  voice: string;
  boundaries: string[];
  banned_words: string[];
}

export interface MeResponse {
  account: Account;
  limits: Limits;
  usage: Usage;
}

export interface TranslateItem {
  text: string;
  target?: string;
  source?: string;
  /** lets the server apply the private-message policy to a feed line */
  event_id?: string;
}

export interface TranslateResult {
  text: string;
  source: string;
  target: string;
  cached: boolean;
  charged_chars: number;
  detected?: string;
}

/** A batch entry that failed on its own (the others still count). */
export interface TranslateItemError {
  event_id?: string;
  error: { code: string; message: string };
}

export type Tone = 'friendly' | 'flirty' | 'playful' | 'grateful' | 'teasing' | 'funny' | 'professional';
export interface ReplyRequest {
  broadcaster: string;
  event_id?: string;
  message?: string;
  tone?: Tone;
  n?: number;
  language?: string;
}

export const WRITE_KINDS = ['room_subject', 'bio', 'tip_menu', 'social_post', 'thank_you'] as const;
export type WriteKind = (typeof WRITE_KINDS)[number];
export type WriteLength = 'short' | 'medium' | 'long';
export interface TipMenuEntry {
  name: string;
  tokens: number;
}
/** Body of POST /write/{kind}; the server refuses unknown fields. */
export interface WriteRequest {
  details?: string;
  tone?: Tone;
  language?: string;
  length?: WriteLength;
  n?: number;
  /** social_post only */
  network?: string;
  /** tip_menu only */
  items?: TipMenuEntry[];
  /** thank_you only */
  username?: string;
  tokens?: number;
}
export interface WriteResponse {
  variants: string[];
  kind?: WriteKind;
  /** characters each variant may hold */
  limit?: number;
}

export interface Plan {
  id: string;
  name?: string;
  tier?: Tier;
  interval?: string;
  price?: number | string;
  currency?: string;
}

export interface Subscription {
  tier: Tier;
  status: string;
  current_period_end: string | null;
  cancel_at_period_end: boolean;
  plans: Plan[];
}

/** GET /analytics/{broadcaster}/summary (window `from`–`to`, `tz`). */
export interface AnalyticsSummary {
  tokens: number;
  tips: number;
  unique_tippers?: number;
  average_tip?: number;
  follows?: number;
  chat_messages?: number;
  private_messages?: number;
  peak_viewers?: number;
  media_sales?: number;
  media_tokens?: number;
  broadcasts?: number;
  broadcast_seconds?: number;
  [extra: string]: unknown;
}

/** One broadcast of GET /analytics/{broadcaster}/sessions. */
export interface BroadcastSession {
  start: string;
  end: string | null;
  live: boolean;
  duration_seconds: number;
  tokens: number;
  /** null while the broadcast is too short to rate */
  tokens_per_hour: number | null;
  top_tipper: { username: string; tokens: number } | null;
  new_followers: number;
}

export interface TopTipper {
  username: string;
  tokens: number;
  tips?: number;
  rank?: number;
}

export interface ViewerProfile {
  username: string;
  seen?: boolean;
  first_seen?: string | null;
  last_seen?: string | null;
  events?: number;
  tokens?: number;
  tips?: number;
  notes?: string;
  languages?: string[];
  fanclub?: { member: boolean; joined_at: string | null };
  [extra: string]: unknown;
}
