/**
 * Wire types shared by every context: thin aliases over the generated contract (`./wire.ts`,
 * from the server's pydantic models via `make wire-types`). Never hand-copy a server shape here.
 */
import { CATALOG } from './wire';
import type {
  ErrorAck,
  EventMessage,
  EventsPage,
  EventUser,
  FailedLine,
  PlatformEvent,
  MeView,
  Member,
  Persona,
  SessionRow,
  QuotaFeature,
  QuotaUsage,
  SubscribeAck as SubscribeOk,
  SubscriptionView,
  Summary,
  ThankYouBody,
  Tier as TierLimits,
  TierName,
  TipMenuBody,
  TipMenuItem,
  TranslatedLine,
  Translation,
  BatchItem,
  ReplyBody,
  SocialPostBody,
  StatusMessage,
  Viewer,
  WriteBody,
  WriteResult,
} from './wire';

export type {
  Account,
  EventMethod,
  Plan,
  PlatformEvent,
  PublishAck,
  TierNotice,
  Tone,
  Usage,
  WriteKind,
  WriteLength,
} from './wire';

export const EVENT_METHODS = CATALOG.event_methods;
export const WRITE_KINDS = CATALOG.write.kinds;

export type PlatformUser = EventUser;
/** An event as `publish` takes it: `ts` is RFC 3339 or epoch seconds; the server stamps `received_at`. */
export type PublishEvent = Omit<PlatformEvent, 'ts' | 'received_at'> & { ts?: string | number };
/** Server push `event`. */
export type HubEnvelope = EventMessage;
/** GET /api/v1/events/{broadcaster}?after=&limit=: a page of the room's stream up to its position. */
export type RoomEventsPage = EventsPage;
/** Server push `status`: `ingest` names what feeds the room. */
export type IngestStatus = StatusMessage;
export type SubscribeAck = SubscribeOk | ErrorAck;
/** An ok `subscribe` ack from this server or an older one (no positions: `{ok, offset, replayed}`). */
export type SubscribeOkAck = Omit<Partial<SubscribeOk>, 'ok'> & { ok: boolean };

export type QuotaName = QuotaFeature;
export type UsageEntry = QuotaUsage;
/** The tier's limits (`translate_chars_per_day`, `live_connections`, …). */
export type Limits = TierLimits;
export type Tier = TierName;
export type MeResponse = MeView;

export type TranslateItem = BatchItem;
export type TranslateResult = Translation | TranslatedLine;
/** A batch entry that failed on its own (the others still count). */
export type TranslateItemError = FailedLine;

export type ReplyRequest = ReplyBody;
export type TipMenuEntry = TipMenuItem;
export type SocialNetwork = SocialPostBody['network'];
/** Body of POST /write/{kind}; the server refuses unknown fields. */
export type WriteRequest = WriteBody | TipMenuBody | SocialPostBody | ThankYouBody;
export type WriteResponse = WriteResult;
export type Subscription = SubscriptionView;

export type AnalyticsSummary = Summary;
/** One broadcast of GET /analytics/{broadcaster}/sessions. */
export type BroadcastSession = SessionRow;
export type AccountMember = Member;
/** GET/PUT /api/v1/reply/persona: how reply suggestions are written. */
export type ReplyPersona = Persona;
export type ViewerProfile = Viewer;
