/* eslint-disable */
/**
 * The wire contract: generated, do not edit.
 * Source: the server's pydantic models (server/contract.py); regenerate with `make wire-types`.
 */

/**
 * This interface was referenced by `WireContract`'s JSON-Schema
 * via the `definition` "TierName".
 */
export type TierName = 'free' | 'pro' | 'studio';
/**
 * This interface was referenced by `WireContract`'s JSON-Schema
 * via the `definition` "WriteKind".
 */
export type WriteKind = 'room_subject' | 'bio' | 'tip_menu' | 'social_post' | 'thank_you';
/**
 * This interface was referenced by `WireContract`'s JSON-Schema
 * via the `definition` "QuotaFeature".
 */
export type QuotaFeature = 'translate_chars' | 'reply_suggestions' | 'write_requests';
/**
 * This interface was referenced by `WireContract`'s JSON-Schema
 * via the `definition` "WriteLength".
 */
export type WriteLength = 'short' | 'medium' | 'long';
/**
 * This interface was referenced by `WireContract`'s JSON-Schema
 * via the `definition` "Tone".
 */
export type Tone = 'friendly' | 'flirty' | 'playful' | 'grateful' | 'teasing' | 'funny' | 'professional';
/**
 * This interface was referenced by `WireContract`'s JSON-Schema
 * via the `definition` "EventMethod".
 */
export type EventMethod =
  | 'broadcastStart'
  | 'broadcastStop'
  | 'chatMessage'
  | 'fanclubJoin'
  | 'follow'
  | 'mediaPurchase'
  | 'privateMessage'
  | 'roomSubjectChange'
  | 'tip'
  | 'unfollow'
  | 'userEnter'
  | 'userLeave';
/**
 * This interface was referenced by `WireContract`'s JSON-Schema
 * via the `definition` "OverlayOption".
 */
export type OverlayOption = 'color' | 'text' | 'font' | 'size' | 'layout' | 'sound';
/**
 * This interface was referenced by `WireContract`'s JSON-Schema
 * via the `definition` "OverlayFont".
 */
export type OverlayFont =
  | 'system'
  | 'sans'
  | 'serif'
  | 'mono'
  | 'rounded'
  | 'arial'
  | 'verdana'
  | 'tahoma'
  | 'trebuchet ms'
  | 'segoe ui'
  | 'roboto'
  | 'impact'
  | 'comic sans ms'
  | 'georgia'
  | 'times new roman'
  | 'courier new';
/**
 * This interface was referenced by `WireContract`'s JSON-Schema
 * via the `definition` "OverlayLayout".
 */
export type OverlayLayout = 'horizontal' | 'vertical';
/**
 * GET /api/v1/overlay/state, discriminated by `kind`.
 *
 * This interface was referenced by `WireContract`'s JSON-Schema
 * via the `definition` "OverlayState".
 */
export type OverlayState = GoalOverlayState | TopOverlayState | MenuOverlayState | RecentOverlayState;

/**
 * Every body the WebCammerPlus server sends (REST and /hub) and every REST request body it accepts.
 */
export interface WireContract {
  ErrorBody?: ErrorBody;
  MeView?: MeView;
  Translation?: Translation;
  TranslateBatch?: TranslateBatch;
  TranslateLanguages?: TranslateLanguages;
  ReplySuggestions?: ReplySuggestions;
  Persona?: Persona;
  WriteResult?: WriteResult;
  PreparedPrompt?: PreparedPrompt;
  Summary?: Summary;
  Timeseries?: Timeseries;
  TopTippers?: TopTippers;
  Viewer?: Viewer;
  ViewerNotes?: ViewerNotes;
  NotedViewers?: NotedViewers;
  Sessions?: Sessions;
  LanguageMix?: LanguageMix;
  SubscriptionView?: SubscriptionView;
  RedirectUrl?: RedirectUrl;
  WebhookReceipt?: WebhookReceipt;
  PlatformFeeds?: PlatformFeeds;
  Feed?: Feed;
  Health?: Health;
  DevToken?: DevToken;
  Catalog?: Catalog;
  AuthConfig?: AuthConfig;
  AuditPage?: AuditPage;
  ErrorAck?: ErrorAck;
  SubscribeAck?: SubscribeAck;
  UnsubscribeAck?: UnsubscribeAck;
  ReauthAck?: ReauthAck;
  PublishAck?: PublishAck;
  EventMessage?: EventMessage;
  EventsMessage?: EventsMessage;
  EventsPage?: EventsPage;
  StatusMessage?: StatusMessage;
  TierNotice?: TierNotice;
  ReauthNotice?: ReauthNotice;
  ConnectRefused?: ConnectRefused;
  GoalsView?: GoalsView;
  MenuView?: MenuView;
  MenuReport?: MenuReport;
  ThresholdsView?: ThresholdsView;
  Leaderboard?: Leaderboard;
  TipperTiers?: TipperTiers;
  OverlayList?: OverlayList;
  OverlayView?: OverlayView;
  IssuedOverlay?: IssuedOverlay;
  OverlayState?: OverlayState;
  GoalFrame?: GoalFrame;
  TipNote?: TipNote;
  OverlayRevoked?: OverlayRevoked;
  OverlaySubscribeAck?: OverlaySubscribeAck;
  OverlayEventMessage?: OverlayEventMessage;
  AccountPatch?: AccountPatch;
  LinkRequest?: LinkRequest;
  MemberRequest?: MemberRequest;
  TranslateBody?: TranslateBody;
  BatchBody?: BatchBody;
  ReplyBody?: ReplyBody;
  PersonaBody?: PersonaBody;
  WriteBody?: WriteBody;
  TipMenuBody?: TipMenuBody;
  SocialPostBody?: SocialPostBody;
  ThankYouBody?: ThankYouBody;
  CheckoutRequest?: CheckoutRequest;
  EventsUrlRequest?: EventsUrlRequest;
  NotesBody?: NotesBody;
  DevTokenRequest?: DevTokenRequest;
  GoalsBody?: GoalsBody;
  MenuBody?: MenuBody;
  ThresholdsBody?: ThresholdsBody;
  OverlayBody?: OverlayBody;
  OverlayPatch?: OverlayPatch;
}
/**
 * Every 4xx/5xx body (REST) and, with `ok: false`, every failed socket ack.
 *
 * This interface was referenced by `WireContract`'s JSON-Schema
 * via the `definition` "ErrorBody".
 */
export interface ErrorBody {
  /**
   * Stable machine-readable code
   */
  code: string;
  message: string;
  details?: unknown;
  /**
   * Matches the server's log lines
   */
  request_id: string | null;
}
/**
 * This interface was referenced by `WireContract`'s JSON-Schema
 * via the `definition` "MeView".
 */
export interface MeView {
  account: Account;
  limits: Tier;
  usage: Usage;
}
/**
 * This interface was referenced by `WireContract`'s JSON-Schema
 * via the `definition` "Account".
 */
export interface Account {
  id: string;
  sub: string;
  email: string | null;
  tier: TierName;
  language: string;
  privacy: Privacy;
  broadcasters: string[];
  members: Member[];
  subscription_status: string | null;
}
/**
 * This interface was referenced by `WireContract`'s JSON-Schema
 * via the `definition` "Privacy".
 */
export interface Privacy {
  store_chat_text: boolean;
  send_private_to_ai: boolean;
}
/**
 * This interface was referenced by `WireContract`'s JSON-Schema
 * via the `definition` "Member".
 */
export interface Member {
  sub: string;
  permissions: string[];
}
/**
 * Limits that one subscription tier grants.
 *
 * This interface was referenced by `WireContract`'s JSON-Schema
 * via the `definition` "Tier".
 */
export interface Tier {
  name: 'free' | 'pro' | 'studio';
  translate_chars_per_day: number;
  reply_suggestions_per_day: number;
  write_requests_per_day: number;
  live_connections: number;
  broadcasters_linked: number;
  analytics_history_days: number;
  publish_rate_per_broadcaster: number;
  csv_export: boolean;
  max_members: number;
}
/**
 * Today's usage per quota feature (keys: server/tiers.py QUOTA_FEATURES).
 *
 * This interface was referenced by `WireContract`'s JSON-Schema
 * via the `definition` "Usage".
 */
export interface Usage {
  translate_chars: QuotaUsage;
  reply_suggestions: QuotaUsage;
  write_requests: QuotaUsage;
}
/**
 * This interface was referenced by `WireContract`'s JSON-Schema
 * via the `definition` "QuotaUsage".
 */
export interface QuotaUsage {
  used: number;
  limit: number;
}
/**
 * This interface was referenced by `WireContract`'s JSON-Schema
 * via the `definition` "Translation".
 */
export interface Translation {
  text: string;
  /**
   * The source language (given or detected)
   */
  source: string | null;
  target: string;
  cached: boolean;
  charged_chars: number;
  detected: string | null;
}
/**
 * This interface was referenced by `WireContract`'s JSON-Schema
 * via the `definition` "TranslateBatch".
 */
export interface TranslateBatch {
  items: (TranslatedLine | FailedLine)[];
}
/**
 * This interface was referenced by `WireContract`'s JSON-Schema
 * via the `definition` "TranslatedLine".
 */
export interface TranslatedLine {
  text: string;
  /**
   * The source language (given or detected)
   */
  source: string | null;
  target: string;
  cached: boolean;
  charged_chars: number;
  detected: string | null;
  event_id: string | null;
}
/**
 * This interface was referenced by `WireContract`'s JSON-Schema
 * via the `definition` "FailedLine".
 */
export interface FailedLine {
  event_id: string | null;
  error: ErrorBody;
}
/**
 * This interface was referenced by `WireContract`'s JSON-Schema
 * via the `definition` "TranslateLanguages".
 */
export interface TranslateLanguages {
  languages: Language[];
  default_target: string;
  /**
   * Whether an AI provider is configured
   */
  configured: boolean;
  detection: DetectionRules;
}
/**
 * This interface was referenced by `WireContract`'s JSON-Schema
 * via the `definition` "Language".
 */
export interface Language {
  code: string;
  name: string;
}
/**
 * The server's skip rules for language detection, for the panel's on-device detector.
 *
 * This interface was referenced by `WireContract`'s JSON-Schema
 * via the `definition` "DetectionRules".
 */
export interface DetectionRules {
  /**
   * Lines matching it are never translated
   */
  noise_pattern: string;
  /**
   * A word, as a JavaScript regular expression
   */
  word_pattern: string;
  /**
   * Slang that says nothing about the language
   */
  chat_neutral: string[];
  /**
   * Detector confidence needed to trust a guess
   */
  confident: number;
  /**
   * Confidence under which the user's language hint wins
   */
  hint_floor: number;
}
/**
 * This interface was referenced by `WireContract`'s JSON-Schema
 * via the `definition` "ReplySuggestions".
 */
export interface ReplySuggestions {
  suggestions: string[];
  language: string;
}
/**
 * This interface was referenced by `WireContract`'s JSON-Schema
 * via the `definition` "Persona".
 */
export interface Persona {
  voice: string;
  boundaries: string[];
  banned_words: string[];
}
/**
 * This interface was referenced by `WireContract`'s JSON-Schema
 * via the `definition` "WriteResult".
 */
export interface WriteResult {
  variants: string[];
  kind: WriteKind;
  /**
   * Characters one variant may hold
   */
  limit: number;
}
/**
 * A provider call built by the server but not made: the panel runs it on the device.
 *
 * This interface was referenced by `WireContract`'s JSON-Schema
 * via the `definition` "PreparedPrompt".
 */
export interface PreparedPrompt {
  feature: string;
  messages: PromptMessage[];
  output: OutputRulesView;
  language: string;
  generation: Generation;
  /**
   * What the server path would charge for this call
   */
  units: number;
}
/**
 * This interface was referenced by `WireContract`'s JSON-Schema
 * via the `definition` "PromptMessage".
 */
export interface PromptMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}
/**
 * Everything the server checks in a provider's answer, so a device checks the same.
 *
 * This interface was referenced by `WireContract`'s JSON-Schema
 * via the `definition` "OutputRulesView".
 */
export interface OutputRulesView {
  variants: number;
  max_chars: number;
  multiline: boolean;
  banned_words: string[];
  /**
   * Prices a tip menu must keep
   */
  required_numbers: number[];
  /**
   * The line between variants
   */
  separator: string;
  numbering_pattern: string;
  /**
   * Quote characters stripped around a variant
   */
  quotes: string;
  leak_probes: string[];
  system_probe_chars: number;
  pii_placeholder_pattern: string;
}
/**
 * This interface was referenced by `WireContract`'s JSON-Schema
 * via the `definition` "Generation".
 */
export interface Generation {
  max_tokens: number;
  temperature: number;
}
/**
 * This interface was referenced by `WireContract`'s JSON-Schema
 * via the `definition` "Summary".
 */
export interface Summary {
  from: string;
  to: string;
  tz: string;
  clamped: Clamp | null;
  broadcaster: string;
  tokens: number;
  tips: number;
  unique_tippers: number;
  average_tip: number;
  follows: number;
  unfollows: number;
  fanclub_joins: number;
  media_sales: number;
  media_tokens: number;
  chat_messages: number;
  private_messages: number;
  peak_viewers: number;
  average_viewers: number;
  broadcasts: number;
  broadcast_seconds: number;
}
/**
 * How the tier's history shortened the asked window.
 *
 * This interface was referenced by `WireContract`'s JSON-Schema
 * via the `definition` "Clamp".
 */
export interface Clamp {
  requested_from: string;
  effective_from: string;
  reason: string;
}
/**
 * This interface was referenced by `WireContract`'s JSON-Schema
 * via the `definition` "Timeseries".
 */
export interface Timeseries {
  from: string;
  to: string;
  tz: string;
  clamped: Clamp | null;
  broadcaster: string;
  metric: string;
  interval: string;
  /**
   * None for viewers (a peak, not a sum)
   */
  total: number | null;
  points: SeriesPoint[];
}
/**
 * This interface was referenced by `WireContract`'s JSON-Schema
 * via the `definition` "SeriesPoint".
 */
export interface SeriesPoint {
  start: string;
  ts: number;
  value: number;
}
/**
 * This interface was referenced by `WireContract`'s JSON-Schema
 * via the `definition` "TopTippers".
 */
export interface TopTippers {
  from: string;
  to: string;
  tz: string;
  clamped: Clamp | null;
  broadcaster: string;
  limit: number;
  tippers: Tipper[];
}
/**
 * This interface was referenced by `WireContract`'s JSON-Schema
 * via the `definition` "Tipper".
 */
export interface Tipper {
  rank: number;
  username: string;
  tokens: number;
  tips: number;
}
/**
 * Fields past `notes` are present only when the viewer was seen in the window.
 *
 * This interface was referenced by `WireContract`'s JSON-Schema
 * via the `definition` "Viewer".
 */
export interface Viewer {
  from: string;
  to: string;
  tz: string;
  clamped: Clamp | null;
  username: string;
  seen: boolean;
  notes: string;
  first_seen?: string | null;
  last_seen?: string | null;
  events?: number | null;
  tokens?: number | null;
  tips?: number | null;
  last_tip?: LastTip | null;
  fanclub?: Fanclub | null;
  languages?: string[] | null;
}
/**
 * This interface was referenced by `WireContract`'s JSON-Schema
 * via the `definition` "LastTip".
 */
export interface LastTip {
  at: string;
  tokens: number | null;
}
/**
 * This interface was referenced by `WireContract`'s JSON-Schema
 * via the `definition` "Fanclub".
 */
export interface Fanclub {
  member: boolean;
  joined_at: string | null;
}
/**
 * This interface was referenced by `WireContract`'s JSON-Schema
 * via the `definition` "ViewerNotes".
 */
export interface ViewerNotes {
  broadcaster: string;
  username: string;
  notes: string;
}
/**
 * GET /analytics/{b}/noted-viewers: usernames with notes, latest edited first.
 *
 * This interface was referenced by `WireContract`'s JSON-Schema
 * via the `definition` "NotedViewers".
 */
export interface NotedViewers {
  broadcaster: string;
  usernames: string[];
  /**
   * More viewers have notes than `limit`
   */
  truncated: boolean;
}
/**
 * This interface was referenced by `WireContract`'s JSON-Schema
 * via the `definition` "Sessions".
 */
export interface Sessions {
  from: string;
  to: string;
  tz: string;
  clamped: Clamp | null;
  broadcaster: string;
  total: number;
  sessions: SessionRow[];
}
/**
 * This interface was referenced by `WireContract`'s JSON-Schema
 * via the `definition` "SessionRow".
 */
export interface SessionRow {
  start: string;
  end: string | null;
  live: boolean;
  duration_seconds: number;
  tokens: number;
  tokens_per_hour: number | null;
  top_tipper: TopTipperRef | null;
  new_followers: number;
}
/**
 * This interface was referenced by `WireContract`'s JSON-Schema
 * via the `definition` "TopTipperRef".
 */
export interface TopTipperRef {
  username: string;
  tokens: number;
}
/**
 * This interface was referenced by `WireContract`'s JSON-Schema
 * via the `definition` "LanguageMix".
 */
export interface LanguageMix {
  from: string;
  to: string;
  tz: string;
  clamped: Clamp | null;
  broadcaster: string;
  total: number;
  languages: LanguageShare[];
}
/**
 * This interface was referenced by `WireContract`'s JSON-Schema
 * via the `definition` "LanguageShare".
 */
export interface LanguageShare {
  language: string;
  messages: number;
  share: number;
}
/**
 * This interface was referenced by `WireContract`'s JSON-Schema
 * via the `definition` "SubscriptionView".
 */
export interface SubscriptionView {
  tier: TierName;
  status: string | null;
  current_period_end: string | null;
  cancel_at_period_end: boolean;
  grace_ends_at: string | null;
  has_billing_account: boolean;
  plans: Plan[];
}
/**
 * This interface was referenced by `WireContract`'s JSON-Schema
 * via the `definition` "Plan".
 */
export interface Plan {
  plan: 'pro' | 'studio';
  interval: 'month' | 'year';
  limits: Tier;
}
/**
 * Where to send the streamer (Stripe Checkout or the Customer Portal).
 *
 * This interface was referenced by `WireContract`'s JSON-Schema
 * via the `definition` "RedirectUrl".
 */
export interface RedirectUrl {
  url: string;
}
/**
 * This interface was referenced by `WireContract`'s JSON-Schema
 * via the `definition` "WebhookReceipt".
 */
export interface WebhookReceipt {
  received: boolean;
  ignored?: boolean | null;
  reason?: string | null;
  duplicate?: boolean | null;
}
/**
 * This interface was referenced by `WireContract`'s JSON-Schema
 * via the `definition` "PlatformFeeds".
 */
export interface PlatformFeeds {
  platform: string;
  broadcasters: Feed[];
}
/**
 * This interface was referenced by `WireContract`'s JSON-Schema
 * via the `definition` "Feed".
 */
export interface Feed {
  broadcaster: string;
  /**
   * Masked: the token is never echoed
   */
  events_url: string | null;
  /**
   * not_configured | starting | connected | backing_off | standby | stopped
   */
  state: string;
  reason: string | null;
  last_event_at: string | null;
  events_total: number | null;
  events_rejected: number | null;
  retry_in: number | null;
}
/**
 * This interface was referenced by `WireContract`'s JSON-Schema
 * via the `definition` "Health".
 */
export interface Health {
  status: 'ok' | 'degraded';
  checks: {
    [k: string]: Check | undefined;
  };
}
/**
 * One dependency; checks may add their own fields (backend, queue depth, ...).
 *
 * This interface was referenced by `WireContract`'s JSON-Schema
 * via the `definition` "Check".
 */
export interface Check {
  ok?: boolean | null;
  configured?: boolean | null;
  detail?: string | null;
  [k: string]: unknown | undefined;
}
/**
 * This interface was referenced by `WireContract`'s JSON-Schema
 * via the `definition` "DevToken".
 */
export interface DevToken {
  access_token: string;
  token_type: 'Bearer';
  expires_in: number;
}
/**
 * This interface was referenced by `WireContract`'s JSON-Schema
 * via the `definition` "Catalog".
 */
export interface Catalog {
  quotas: Quota[];
  tier_order: TierName[];
  tiers: Tier[];
  write: WriteCatalog;
  languages: Language[];
  event_methods: EventMethod[];
  /**
   * Regular expression of a whole room name
   */
  room_name_pattern: string;
  viewer_notes_max_chars: number;
  /**
   * Characters one chat or tip message may hold
   */
  chat_max_chars: number;
  overlay_look: OverlayLookCatalog;
}
/**
 * This interface was referenced by `WireContract`'s JSON-Schema
 * via the `definition` "Quota".
 */
export interface Quota {
  feature: QuotaFeature;
  /**
   * Plural noun for messages, e.g. 'reply suggestions'
   */
  label: string;
  /**
   * The Tier field holding its daily limit
   */
  limit_field: string;
}
/**
 * This interface was referenced by `WireContract`'s JSON-Schema
 * via the `definition` "WriteCatalog".
 */
export interface WriteCatalog {
  kinds: WriteKind[];
  lengths: WriteLength[];
  tones: Tone[];
  /**
   * Characters per kind and length (social_post: see social_limits)
   */
  length_limits: {
    [k: string]:
      | {
          [k: string]: number | undefined;
        }
      | undefined;
  };
  /**
   * Characters per post, by network
   */
  social_limits: {
    [k: string]: number | undefined;
  };
}
/**
 * What an overlay's look may be (server/services/rooms/overlay_look.py).
 *
 * This interface was referenced by `WireContract`'s JSON-Schema
 * via the `definition` "OverlayLookCatalog".
 */
export interface OverlayLookCatalog {
  options: OverlayOption[];
  fonts: OverlayFont[];
  layouts: OverlayLayout[];
  size_min: number;
  size_max: number;
  /**
   * Regular expression of a hex colour
   */
  color_pattern: string;
  defaults: ResolvedLook;
  /**
   * kind -> the options it reads
   */
  by_kind: {
    [k: string]: OverlayOption[] | undefined;
  };
}
/**
 * Every look option with a value (the defaults, or saved options over them).
 *
 * This interface was referenced by `WireContract`'s JSON-Schema
 * via the `definition` "ResolvedLook".
 */
export interface ResolvedLook {
  color: string;
  text: string;
  font: OverlayFont;
  size: number;
  layout: OverlayLayout;
  sound: boolean;
}
/**
 * This interface was referenced by `WireContract`'s JSON-Schema
 * via the `definition` "AuthConfig".
 */
export interface AuthConfig {
  /**
   * dev: this server's dev issuer; auth0: Auth0; oidc: another issuer
   */
  mode: 'dev' | 'auth0' | 'oidc';
  /**
   * The `iss` every accepted token carries
   */
  issuer: string;
  audience: string;
  /**
   * POST /api/v1/dev/token is open (dev issuer only)
   */
  dev_sign_in: boolean;
  auth0: Auth0Client | null;
}
/**
 * This interface was referenced by `WireContract`'s JSON-Schema
 * via the `definition` "Auth0Client".
 */
export interface Auth0Client {
  /**
   * Auth0 tenant domain, e.g. your-tenant.eu.auth0.com
   */
  domain: string;
  /**
   * The extension's public Auth0 client id
   */
  client_id: string | null;
  audience: string;
}
/**
 * This interface was referenced by `WireContract`'s JSON-Schema
 * via the `definition` "AuditPage".
 */
export interface AuditPage {
  items: AuditEntryView[];
  /**
   * Pass as `before` for the next (older) page
   */
  next: number | null;
}
/**
 * This interface was referenced by `WireContract`'s JSON-Schema
 * via the `definition` "AuditEntryView".
 */
export interface AuditEntryView {
  id: number;
  /**
   * RFC 3339, UTC
   */
  at: string;
  actor: AuditActor;
  /**
   * Dotted name, e.g. tier.changed, overlay_key.rotated
   */
  action: string;
  /**
   * A room or a member's sub
   */
  target: string | null;
  before: {
    [k: string]: unknown | undefined;
  } | null;
  after: {
    [k: string]: unknown | undefined;
  } | null;
  request_id: string | null;
}
/**
 * This interface was referenced by `WireContract`'s JSON-Schema
 * via the `definition` "AuditActor".
 */
export interface AuditActor {
  type: 'user' | 'stripe' | 'cli' | 'system';
  /**
   * A user's sub, a Stripe event id, a CLI command or 'system'
   */
  id: string;
}
/**
 * Any refused request (subscribe, publish, reauth, an unknown event).
 *
 * This interface was referenced by `WireContract`'s JSON-Schema
 * via the `definition` "ErrorAck".
 */
export interface ErrorAck {
  /**
   * Stable machine-readable code
   */
  code: string;
  message: string;
  details?: unknown;
  /**
   * Matches the server's log lines
   */
  request_id: string | null;
  ok: false;
}
/**
 * `recovered: true`: every event after `since` was sent before this ack, in order;
 * `recovered: false`: none was (reload over REST); never a partial replay.
 *
 * This interface was referenced by `WireContract`'s JSON-Schema
 * via the `definition` "SubscribeAck".
 */
export interface SubscribeAck {
  ok: true;
  position: StreamPosition;
  /**
   * position.offset, for clients older than positions
   */
  offset: number;
  recovered: boolean;
  /**
   * Events after `since` sent before this ack
   */
  replayed: number;
  /**
   * Why nothing was replayed
   */
  reason?: ('epoch_changed' | 'ahead_of_stream' | 'history_lost' | 'history_unavailable' | 'replay_cap') | null;
  /**
   * With reason replay_cap
   */
  cap?: ReplayCap | null;
}
/**
 * Where a room's stream stands: keep it per room and send it back as `since`.
 *
 * This interface was referenced by `WireContract`'s JSON-Schema
 * via the `definition` "StreamPosition".
 */
export interface StreamPosition {
  /**
   * The offset of the room's last event in this epoch
   */
  offset: number;
  /**
   * Changes whenever the room's history was lost or renumbered
   */
  epoch: string;
}
/**
 * This interface was referenced by `WireContract`'s JSON-Schema
 * via the `definition` "ReplayCap".
 */
export interface ReplayCap {
  events: number;
  seconds: number;
}
/**
 * This interface was referenced by `WireContract`'s JSON-Schema
 * via the `definition` "UnsubscribeAck".
 */
export interface UnsubscribeAck {
  ok: true;
}
/**
 * This interface was referenced by `WireContract`'s JSON-Schema
 * via the `definition` "ReauthAck".
 */
export interface ReauthAck {
  ok: true;
  /**
   * Expiry of the new token, epoch seconds
   */
  exp: number;
}
/**
 * Answer of `publish` and of POST /api/v1/events, once the events are durable.
 *
 * This interface was referenced by `WireContract`'s JSON-Schema
 * via the `definition` "PublishAck".
 */
export interface PublishAck {
  ok: boolean;
  accepted: number;
  duplicates: number;
  errors: PublishError[];
  offsets: number[];
}
/**
 * This interface was referenced by `WireContract`'s JSON-Schema
 * via the `definition` "PublishError".
 */
export interface PublishError {
  /**
   * Position in the batch; None: the whole body
   */
  index: number | null;
  code: string;
  message: string;
}
/**
 * `event`: one event of a subscribed room.
 *
 * This interface was referenced by `WireContract`'s JSON-Schema
 * via the `definition` "EventMessage".
 */
export interface EventMessage {
  offset: number;
  event: PlatformEvent;
}
/**
 * One event as stored and fanned out (PlatformEvent.to_dict()).
 *
 * This interface was referenced by `WireContract`'s JSON-Schema
 * via the `definition` "PlatformEvent".
 */
export interface PlatformEvent {
  id: string;
  broadcaster: string;
  method: EventMethod;
  /**
   * Platform time, epoch seconds
   */
  ts: number;
  /**
   * Server receive time, epoch seconds
   */
  received_at: number;
  user?: EventUser;
  tip?: EventTip;
  message?: EventChat;
  media?: EventMedia;
  subject?: string;
}
/**
 * This interface was referenced by `WireContract`'s JSON-Schema
 * via the `definition` "EventUser".
 */
export interface EventUser {
  username?: string;
  gender?: string;
  subgender?: string;
  recentTips?: string;
  language?: string;
  colorGroup?: string;
  inFanclub?: boolean;
  hasTokens?: boolean;
  isMod?: boolean;
  fcAutoRenew?: boolean;
  hasDarkmode?: boolean;
  inPrivateShow?: boolean;
  isBroadcasting?: boolean;
  isFollower?: boolean;
  isOwner?: boolean;
  isSilenced?: boolean;
  isSpying?: boolean;
}
/**
 * This interface was referenced by `WireContract`'s JSON-Schema
 * via the `definition` "EventTip".
 */
export interface EventTip {
  tokens: number;
  isAnon?: boolean;
  message?: string;
}
/**
 * This interface was referenced by `WireContract`'s JSON-Schema
 * via the `definition` "EventChat".
 */
export interface EventChat {
  message: string;
  orig?: string;
  color?: string;
  bgColor?: string;
  font?: string;
  fromUser?: string;
  toUser?: string;
}
/**
 * This interface was referenced by `WireContract`'s JSON-Schema
 * via the `definition` "EventMedia".
 */
export interface EventMedia {
  id?: number | string;
  name?: string;
  type?: string;
  tokens?: number;
}
/**
 * `events`: several events of one room committed together, in offset order.
 *
 * This interface was referenced by `WireContract`'s JSON-Schema
 * via the `definition` "EventsMessage".
 */
export interface EventsMessage {
  items: EventMessage[];
}
/**
 * GET /api/v1/events/{broadcaster}: a page of the room's stream up to `position`.
 *
 * This interface was referenced by `WireContract`'s JSON-Schema
 * via the `definition` "EventsPage".
 */
export interface EventsPage {
  broadcaster: string;
  position: StreamPosition;
  items: EventMessage[];
  /**
   * Pass as `after` for the next page; null: done
   */
  next_after: number | null;
}
/**
 * `status`: what feeds the room and the write path's state (on connect, subscribe,
 * every few seconds, and on feed changes).
 *
 * This interface was referenced by `WireContract`'s JSON-Schema
 * via the `definition` "StatusMessage".
 */
export interface StatusMessage {
  broadcaster: string | null;
  ingest: 'none' | 'events_api' | 'simulator' | 'extension';
  ingest_state: string | null;
  reason: string | null;
  store: string;
  store_backend: string;
  spool_depth: number;
  queued: number;
  lag_ms: number | null;
  /**
   * down: Redis unreachable
   */
  room_stream: 'ok' | 'down';
  room_stream_engine: 'memory' | 'redis';
  /**
   * Another epoch than yours: reload
   */
  position: StreamPosition | null;
}
/**
 * `tier`: the account's tier changed (Stripe); new limits apply now.
 *
 * This interface was referenced by `WireContract`'s JSON-Schema
 * via the `definition` "TierNotice".
 */
export interface TierNotice {
  tier: TierName;
  previous: string | null;
  status: string | null;
  limits: Tier;
}
/**
 * `reauth`: the token expired; send `reauth {token}`.
 *
 * This interface was referenced by `WireContract`'s JSON-Schema
 * via the `definition` "ReauthNotice".
 */
export interface ReauthNotice {
  code: string;
  message: string;
}
/**
 * The `data` of a refused connect (bad token, too many connections).
 *
 * This interface was referenced by `WireContract`'s JSON-Schema
 * via the `definition` "ConnectRefused".
 */
export interface ConnectRefused {
  code: string;
  message: string;
}
/**
 * This interface was referenced by `WireContract`'s JSON-Schema
 * via the `definition` "GoalsView".
 */
export interface GoalsView {
  goal: Goal | null;
  next: GoalRef | null;
  broadcaster: string;
  goals: GoalItem[];
  carry_over: boolean;
  /**
   * ISO time the list last started over by hand
   */
  reset_at: string | null;
}
/**
 * This interface was referenced by `WireContract`'s JSON-Schema
 * via the `definition` "Goal".
 */
export interface Goal {
  label: string;
  target: number;
  progress: number;
  /**
   * True once every goal is reached (the last stays up)
   */
  completed: boolean;
}
/**
 * This interface was referenced by `WireContract`'s JSON-Schema
 * via the `definition` "GoalRef".
 */
export interface GoalRef {
  label: string;
  target: number;
}
/**
 * This interface was referenced by `WireContract`'s JSON-Schema
 * via the `definition` "GoalItem".
 */
export interface GoalItem {
  label: string;
  tokens: number;
}
/**
 * This interface was referenced by `WireContract`'s JSON-Schema
 * via the `definition` "MenuView".
 */
export interface MenuView {
  broadcaster: string;
  items: MenuItem[];
  nearest_below: boolean;
}
/**
 * This interface was referenced by `WireContract`'s JSON-Schema
 * via the `definition` "MenuItem".
 */
export interface MenuItem {
  name: string;
  tokens: number;
}
/**
 * This interface was referenced by `WireContract`'s JSON-Schema
 * via the `definition` "MenuReport".
 */
export interface MenuReport {
  broadcaster: string;
  scope: 'broadcast' | 'period';
  /**
   * None for scope=broadcast
   */
  window: Span | null;
  items: MenuItemSales[];
  unmatched: Unmatched;
}
/**
 * This interface was referenced by `WireContract`'s JSON-Schema
 * via the `definition` "Span".
 */
export interface Span {
  /**
   * epoch seconds
   */
  from: number;
  to: number;
}
/**
 * This interface was referenced by `WireContract`'s JSON-Schema
 * via the `definition` "MenuItemSales".
 */
export interface MenuItemSales {
  name: string;
  price: number;
  count: number;
  tokens: number;
}
/**
 * This interface was referenced by `WireContract`'s JSON-Schema
 * via the `definition` "Unmatched".
 */
export interface Unmatched {
  count: number;
  tokens: number;
}
/**
 * This interface was referenced by `WireContract`'s JSON-Schema
 * via the `definition` "ThresholdsView".
 */
export interface ThresholdsView {
  broadcaster: string;
  big_tip_tokens: number;
  tipper_tiers: TipperTier[];
}
/**
 * This interface was referenced by `WireContract`'s JSON-Schema
 * via the `definition` "TipperTier".
 */
export interface TipperTier {
  level: number;
  name: string;
  tokens: number;
}
/**
 * This interface was referenced by `WireContract`'s JSON-Schema
 * via the `definition` "Leaderboard".
 */
export interface Leaderboard {
  broadcaster: string;
  scope: 'broadcast' | 'period';
  /**
   * None for scope=broadcast
   */
  window: Span | null;
  leaders: BoardLeader[];
  king: string | null;
}
/**
 * This interface was referenced by `WireContract`'s JSON-Schema
 * via the `definition` "BoardLeader".
 */
export interface BoardLeader {
  username: string;
  tokens: number;
  tips: number;
}
/**
 * This interface was referenced by `WireContract`'s JSON-Schema
 * via the `definition` "TipperTiers".
 */
export interface TipperTiers {
  broadcaster: string;
  as_of: number;
  thresholds: TierThreshold[];
  tippers: TieredTipper[];
}
/**
 * This interface was referenced by `WireContract`'s JSON-Schema
 * via the `definition` "TierThreshold".
 */
export interface TierThreshold {
  name: string;
  tokens: number;
}
/**
 * This interface was referenced by `WireContract`'s JSON-Schema
 * via the `definition` "TieredTipper".
 */
export interface TieredTipper {
  username: string;
  tokens: number;
  level: number;
  tier: string;
}
/**
 * This interface was referenced by `WireContract`'s JSON-Schema
 * via the `definition` "OverlayList".
 */
export interface OverlayList {
  broadcaster: string;
  overlays: OverlayView[];
  /**
   * kind -> the event methods it shows
   */
  kinds: {
    [k: string]: string[] | undefined;
  };
  limits: RoomLimits;
}
/**
 * This interface was referenced by `WireContract`'s JSON-Schema
 * via the `definition` "OverlayView".
 */
export interface OverlayView {
  id: string;
  broadcaster: string;
  kind: 'goal' | 'alerts' | 'top' | 'menu' | 'ticker';
  label: string;
  member_sub: string | null;
  options: {
    [k: string]: string | number | boolean | undefined;
  };
  created_at: string;
}
/**
 * This interface was referenced by `WireContract`'s JSON-Schema
 * via the `definition` "RoomLimits".
 */
export interface RoomLimits {
  goals: number;
  menu_items: number;
  overlays: number;
  overlay_watermark: boolean;
  member_overlays: boolean;
}
/**
 * Created or rotated: the key and its page link, shown this once.
 *
 * This interface was referenced by `WireContract`'s JSON-Schema
 * via the `definition` "IssuedOverlay".
 */
export interface IssuedOverlay {
  id: string;
  broadcaster: string;
  kind: 'goal' | 'alerts' | 'top' | 'menu' | 'ticker';
  label: string;
  member_sub: string | null;
  options: {
    [k: string]: string | number | boolean | undefined;
  };
  created_at: string;
  key: string;
  url: string;
}
/**
 * This interface was referenced by `WireContract`'s JSON-Schema
 * via the `definition` "GoalOverlayState".
 */
export interface GoalOverlayState {
  broadcaster: string;
  watermark: boolean;
  options: {
    [k: string]: string | number | boolean | undefined;
  };
  position: StreamPosition;
  kind: 'goal';
  state: GoalState;
}
/**
 * The active goal and the next one (None: no goals).
 *
 * This interface was referenced by `WireContract`'s JSON-Schema
 * via the `definition` "GoalState".
 */
export interface GoalState {
  goal: Goal | null;
  next: GoalRef | null;
}
/**
 * This interface was referenced by `WireContract`'s JSON-Schema
 * via the `definition` "TopOverlayState".
 */
export interface TopOverlayState {
  broadcaster: string;
  watermark: boolean;
  options: {
    [k: string]: string | number | boolean | undefined;
  };
  position: StreamPosition;
  kind: 'top';
  state: TopState;
}
/**
 * This interface was referenced by `WireContract`'s JSON-Schema
 * via the `definition` "TopState".
 */
export interface TopState {
  leaders: Leader[];
  king: string | null;
}
/**
 * This interface was referenced by `WireContract`'s JSON-Schema
 * via the `definition` "Leader".
 */
export interface Leader {
  username: string;
  tokens: number;
}
/**
 * This interface was referenced by `WireContract`'s JSON-Schema
 * via the `definition` "MenuOverlayState".
 */
export interface MenuOverlayState {
  broadcaster: string;
  watermark: boolean;
  options: {
    [k: string]: string | number | boolean | undefined;
  };
  position: StreamPosition;
  kind: 'menu';
  state: MenuState;
}
/**
 * This interface was referenced by `WireContract`'s JSON-Schema
 * via the `definition` "MenuState".
 */
export interface MenuState {
  items: MenuItem[];
}
/**
 * This interface was referenced by `WireContract`'s JSON-Schema
 * via the `definition` "RecentOverlayState".
 */
export interface RecentOverlayState {
  broadcaster: string;
  watermark: boolean;
  options: {
    [k: string]: string | number | boolean | undefined;
  };
  position: StreamPosition;
  kind: 'alerts' | 'ticker';
  state: RecentState;
}
/**
 * This interface was referenced by `WireContract`'s JSON-Schema
 * via the `definition` "RecentState".
 */
export interface RecentState {
  recent: OverlayEventMessage[];
}
/**
 * `event` as an overlay socket and the alerts/ticker state carry it.
 *
 * This interface was referenced by `WireContract`'s JSON-Schema
 * via the `definition` "OverlayEventMessage".
 */
export interface OverlayEventMessage {
  offset: number;
  event: OverlayEvent;
}
/**
 * What an overlay sees of an event: no chat text, no private viewer fields.
 *
 * This interface was referenced by `WireContract`'s JSON-Schema
 * via the `definition` "OverlayEvent".
 */
export interface OverlayEvent {
  id: string;
  broadcaster: string;
  method: EventMethod;
  ts?: number | null;
  user: OverlayUser;
  tip?: EventTip | null;
  media?: EventMedia | null;
}
/**
 * This interface was referenced by `WireContract`'s JSON-Schema
 * via the `definition` "OverlayUser".
 */
export interface OverlayUser {
  username?: string | null;
}
/**
 * `goal`: the room's goal progress (to its panels and goal overlays); `completed` names
 * the goal a tip just reached.
 *
 * This interface was referenced by `WireContract`'s JSON-Schema
 * via the `definition` "GoalFrame".
 */
export interface GoalFrame {
  goal: Goal | null;
  next: GoalRef | null;
  broadcaster: string;
  completed?: GoalRef | null;
}
/**
 * `tip_note`: a tip bought a menu item or was a big tip (to the room's panels).
 *
 * This interface was referenced by `WireContract`'s JSON-Schema
 * via the `definition` "TipNote".
 */
export interface TipNote {
  broadcaster: string;
  offset: number;
  event_id: string;
  tokens: number;
  menu_item: MenuItem | null;
  big_tip: boolean;
}
/**
 * `overlay_revoked`: the overlay's key was revoked or rotated; the socket closes.
 *
 * This interface was referenced by `WireContract`'s JSON-Schema
 * via the `definition` "OverlayRevoked".
 */
export interface OverlayRevoked {
  code: string;
  message: string;
}
/**
 * An overlay socket's `subscribe` ack: where it stands and whether `since` was replayed.
 *
 * This interface was referenced by `WireContract`'s JSON-Schema
 * via the `definition` "OverlaySubscribeAck".
 */
export interface OverlaySubscribeAck {
  ok: true;
  position: StreamPosition;
  recovered: boolean;
  replayed: number;
  /**
   * Why nothing was replayed
   */
  reason?: ('epoch_changed' | 'ahead_of_stream' | 'history_lost' | 'history_unavailable' | 'replay_cap') | null;
  /**
   * With reason replay_cap
   */
  cap?: ReplayCap | null;
}
/**
 * This interface was referenced by `WireContract`'s JSON-Schema
 * via the `definition` "AccountPatch".
 */
export interface AccountPatch {
  language?: string | null;
  privacy?: PrivacySettings | null;
}
/**
 * This interface was referenced by `WireContract`'s JSON-Schema
 * via the `definition` "PrivacySettings".
 */
export interface PrivacySettings {
  store_chat_text?: boolean | null;
  send_private_to_ai?: boolean | null;
}
/**
 * This interface was referenced by `WireContract`'s JSON-Schema
 * via the `definition` "LinkRequest".
 */
export interface LinkRequest {
  /**
   * Room name, lowercase
   */
  broadcaster: string;
}
/**
 * This interface was referenced by `WireContract`'s JSON-Schema
 * via the `definition` "MemberRequest".
 */
export interface MemberRequest {
  sub: string;
  /**
   * @maxItems 4
   */
  permissions?: string[];
}
/**
 * This interface was referenced by `WireContract`'s JSON-Schema
 * via the `definition` "TranslateBody".
 */
export interface TranslateBody {
  /**
   * The chat line
   */
  text: string;
  /**
   * Default: the account's language
   */
  target?: string | null;
  /**
   * Default: detected on the server
   */
  source?: string | null;
}
/**
 * This interface was referenced by `WireContract`'s JSON-Schema
 * via the `definition` "BatchBody".
 */
export interface BatchBody {
  /**
   * @minItems 1
   * @maxItems 50
   */
  items: BatchItem[];
  /**
   * Room of the items' event_ids: lets the server keep private messages private (they are refused unless the account opted in)
   */
  broadcaster?: string | null;
}
/**
 * This interface was referenced by `WireContract`'s JSON-Schema
 * via the `definition` "BatchItem".
 */
export interface BatchItem {
  /**
   * The chat line
   */
  text: string;
  /**
   * Default: the account's language
   */
  target?: string | null;
  /**
   * Default: detected on the server
   */
  source?: string | null;
  event_id?: string | null;
}
/**
 * This interface was referenced by `WireContract`'s JSON-Schema
 * via the `definition` "ReplyBody".
 */
export interface ReplyBody {
  /**
   * Your room
   */
  broadcaster: string;
  event_id?: string | null;
  message?: string | null;
  tone?: 'friendly' | 'flirty' | 'playful' | 'grateful' | 'teasing' | 'funny' | 'professional';
  /**
   * Number of suggestions
   */
  n?: number;
  /**
   * A language code, or 'viewer' for the viewer's language; default: the account's language
   */
  language?: string | null;
}
/**
 * This interface was referenced by `WireContract`'s JSON-Schema
 * via the `definition` "PersonaBody".
 */
export interface PersonaBody {
  /**
   * How you talk, in a few words
   */
  voice?: string;
  /**
   * @maxItems 20
   */
  boundaries?: string[];
  /**
   * @maxItems 100
   */
  banned_words?: string[];
}
/**
 * This interface was referenced by `WireContract`'s JSON-Schema
 * via the `definition` "WriteBody".
 */
export interface WriteBody {
  tone?: 'friendly' | 'flirty' | 'playful' | 'grateful' | 'teasing' | 'funny' | 'professional';
  /**
   * Default: the account's language
   */
  language?: string | null;
  length?: 'short' | 'medium' | 'long';
  /**
   * Number of variants
   */
  n?: number;
  /**
   * What it should say
   */
  details?: string;
}
/**
 * This interface was referenced by `WireContract`'s JSON-Schema
 * via the `definition` "TipMenuBody".
 */
export interface TipMenuBody {
  tone?: 'friendly' | 'flirty' | 'playful' | 'grateful' | 'teasing' | 'funny' | 'professional';
  /**
   * Default: the account's language
   */
  language?: string | null;
  length?: 'short' | 'medium' | 'long';
  /**
   * Number of variants
   */
  n?: number;
  /**
   * What it should say
   */
  details?: string;
  /**
   * @minItems 1
   * @maxItems 40
   */
  items: TipMenuItem[];
}
/**
 * This interface was referenced by `WireContract`'s JSON-Schema
 * via the `definition` "TipMenuItem".
 */
export interface TipMenuItem {
  name: string;
  tokens: number;
}
/**
 * This interface was referenced by `WireContract`'s JSON-Schema
 * via the `definition` "SocialPostBody".
 */
export interface SocialPostBody {
  tone?: 'friendly' | 'flirty' | 'playful' | 'grateful' | 'teasing' | 'funny' | 'professional';
  /**
   * Default: the account's language
   */
  language?: string | null;
  length?: 'short' | 'medium' | 'long';
  /**
   * Number of variants
   */
  n?: number;
  /**
   * What it should say
   */
  details?: string;
  network: 'twitter' | 'x' | 'bluesky' | 'reddit' | 'threads' | 'mastodon' | 'instagram' | 'tiktok';
}
/**
 * This interface was referenced by `WireContract`'s JSON-Schema
 * via the `definition` "ThankYouBody".
 */
export interface ThankYouBody {
  tone?: 'friendly' | 'flirty' | 'playful' | 'grateful' | 'teasing' | 'funny' | 'professional';
  /**
   * Default: the account's language
   */
  language?: string | null;
  length?: 'short' | 'medium' | 'long';
  /**
   * Number of variants
   */
  n?: number;
  /**
   * What it should say
   */
  details?: string;
  username?: string | null;
  tokens?: number | null;
}
/**
 * A plan and interval; never a price id or a tier (unknown fields are refused).
 *
 * This interface was referenced by `WireContract`'s JSON-Schema
 * via the `definition` "CheckoutRequest".
 */
export interface CheckoutRequest {
  plan: 'pro' | 'studio';
  interval?: 'month' | 'year';
}
/**
 * This interface was referenced by `WireContract`'s JSON-Schema
 * via the `definition` "EventsUrlRequest".
 */
export interface EventsUrlRequest {
  /**
   * Your Events API URL from chaturbate.com/statsapi/authtoken/: https://eventsapi.chaturbate.com/events/<broadcaster>/<token>/
   */
  events_url: string;
}
/**
 * This interface was referenced by `WireContract`'s JSON-Schema
 * via the `definition` "NotesBody".
 */
export interface NotesBody {
  notes: string;
}
/**
 * This interface was referenced by `WireContract`'s JSON-Schema
 * via the `definition` "DevTokenRequest".
 */
export interface DevTokenRequest {
  sub: string;
  email?: string | null;
}
/**
 * This interface was referenced by `WireContract`'s JSON-Schema
 * via the `definition` "GoalsBody".
 */
export interface GoalsBody {
  /**
   * in order; the first is active
   *
   * @maxItems 50
   */
  goals: GoalIn[];
  /**
   * excess tokens count for the next
   */
  carry_over?: boolean | null;
}
/**
 * This interface was referenced by `WireContract`'s JSON-Schema
 * via the `definition` "GoalIn".
 */
export interface GoalIn {
  /**
   * not empty
   */
  label: string;
  /**
   * whole tokens, 1-1,000,000
   */
  tokens: number;
}
/**
 * This interface was referenced by `WireContract`'s JSON-Schema
 * via the `definition` "MenuBody".
 */
export interface MenuBody {
  /**
   * @maxItems 50
   */
  items: MenuItemIn[];
  /**
   * a tip with no exact price counts as the dearest item below it
   */
  nearest_below?: boolean | null;
}
/**
 * This interface was referenced by `WireContract`'s JSON-Schema
 * via the `definition` "MenuItemIn".
 */
export interface MenuItemIn {
  /**
   * not empty
   */
  name: string;
  /**
   * whole tokens, 1-1,000,000
   */
  tokens: number;
}
/**
 * This interface was referenced by `WireContract`'s JSON-Schema
 * via the `definition` "ThresholdsBody".
 */
export interface ThresholdsBody {
  big_tip_tokens?: number | null;
  /**
   * 4 rising lifetime-token thresholds: bronze, silver, gold, diamond
   */
  tipper_tiers?: number[] | null;
}
/**
 * This interface was referenced by `WireContract`'s JSON-Schema
 * via the `definition` "OverlayBody".
 */
export interface OverlayBody {
  /**
   * goal, alerts, top, menu or ticker
   */
  kind: string;
  label?: string;
  /**
   * look defaults
   */
  options?: OverlayLook | null;
  /**
   * studio: the member this overlay is for
   */
  member_sub?: string | null;
}
/**
 * An overlay's saved look (server/services/rooms/overlay_look.py); unset: the default.
 *
 * This interface was referenced by `WireContract`'s JSON-Schema
 * via the `definition` "OverlayLook".
 */
export interface OverlayLook {
  /**
   * hex, e.g. #e0457b
   */
  color?: string | null;
  /**
   * hex, e.g. #e0457b
   */
  text?: string | null;
  /**
   * a name from the catalog
   */
  font?: OverlayFont | null;
  /**
   * pixels
   */
  size?: number | null;
  layout?: OverlayLayout | null;
  /**
   * tip alerts beep
   */
  sound?: boolean | null;
}
/**
 * This interface was referenced by `WireContract`'s JSON-Schema
 * via the `definition` "OverlayPatch".
 */
export interface OverlayPatch {
  label?: string | null;
  /**
   * replaces the look defaults (same names as on create)
   */
  options?: OverlayLook | null;
}

/** GET /api/v1/catalog as of this build (the endpoint serves the same tables). */
export const CATALOG: Catalog = {
  "quotas": [
    {
      "feature": "translate_chars",
      "label": "translation characters",
      "limit_field": "translate_chars_per_day"
    },
    {
      "feature": "reply_suggestions",
      "label": "reply requests",
      "limit_field": "reply_suggestions_per_day"
    },
    {
      "feature": "write_requests",
      "label": "writing requests",
      "limit_field": "write_requests_per_day"
    }
  ],
  "tier_order": [
    "free",
    "pro",
    "studio"
  ],
  "tiers": [
    {
      "name": "free",
      "translate_chars_per_day": 5000,
      "reply_suggestions_per_day": 20,
      "write_requests_per_day": 5,
      "live_connections": 2,
      "broadcasters_linked": 1,
      "analytics_history_days": 7,
      "publish_rate_per_broadcaster": 50,
      "csv_export": false,
      "max_members": 0
    },
    {
      "name": "pro",
      "translate_chars_per_day": 200000,
      "reply_suggestions_per_day": 1000,
      "write_requests_per_day": 200,
      "live_connections": 5,
      "broadcasters_linked": 1,
      "analytics_history_days": 90,
      "publish_rate_per_broadcaster": 200,
      "csv_export": true,
      "max_members": 0
    },
    {
      "name": "studio",
      "translate_chars_per_day": 1000000,
      "reply_suggestions_per_day": 5000,
      "write_requests_per_day": 1000,
      "live_connections": 25,
      "broadcasters_linked": 10,
      "analytics_history_days": 730,
      "publish_rate_per_broadcaster": 500,
      "csv_export": true,
      "max_members": 10
    }
  ],
  "write": {
    "kinds": [
      "room_subject",
      "bio",
      "tip_menu",
      "social_post",
      "thank_you"
    ],
    "lengths": [
      "short",
      "medium",
      "long"
    ],
    "tones": [
      "friendly",
      "flirty",
      "playful",
      "grateful",
      "teasing",
      "funny",
      "professional"
    ],
    "length_limits": {
      "room_subject": {
        "short": 80,
        "medium": 160,
        "long": 255
      },
      "bio": {
        "short": 300,
        "medium": 800,
        "long": 2000
      },
      "tip_menu": {
        "short": 1500,
        "medium": 1500,
        "long": 1500
      },
      "thank_you": {
        "short": 80,
        "medium": 140,
        "long": 200
      }
    },
    "social_limits": {
      "twitter": 280,
      "x": 280,
      "bluesky": 300,
      "reddit": 300,
      "threads": 500,
      "mastodon": 500,
      "instagram": 2200,
      "tiktok": 2200
    }
  },
  "languages": [
    {
      "code": "ar",
      "name": "Arabic"
    },
    {
      "code": "bg",
      "name": "Bulgarian"
    },
    {
      "code": "cs",
      "name": "Czech"
    },
    {
      "code": "da",
      "name": "Danish"
    },
    {
      "code": "de",
      "name": "German"
    },
    {
      "code": "el",
      "name": "Greek"
    },
    {
      "code": "en",
      "name": "English"
    },
    {
      "code": "es",
      "name": "Spanish"
    },
    {
      "code": "fi",
      "name": "Finnish"
    },
    {
      "code": "fr",
      "name": "French"
    },
    {
      "code": "he",
      "name": "Hebrew"
    },
    {
      "code": "hi",
      "name": "Hindi"
    },
    {
      "code": "hr",
      "name": "Croatian"
    },
    {
      "code": "hu",
      "name": "Hungarian"
    },
    {
      "code": "id",
      "name": "Indonesian"
    },
    {
      "code": "it",
      "name": "Italian"
    },
    {
      "code": "ja",
      "name": "Japanese"
    },
    {
      "code": "ko",
      "name": "Korean"
    },
    {
      "code": "nl",
      "name": "Dutch"
    },
    {
      "code": "no",
      "name": "Norwegian"
    },
    {
      "code": "pl",
      "name": "Polish"
    },
    {
      "code": "pt",
      "name": "Portuguese"
    },
    {
      "code": "ro",
      "name": "Romanian"
    },
    {
      "code": "ru",
      "name": "Russian"
    },
    {
      "code": "sk",
      "name": "Slovak"
    },
    {
      "code": "sr",
      "name": "Serbian"
    },
    {
      "code": "sv",
      "name": "Swedish"
    },
    {
      "code": "th",
      "name": "Thai"
    },
    {
      "code": "tl",
      "name": "Filipino"
    },
    {
      "code": "tr",
      "name": "Turkish"
    },
    {
      "code": "uk",
      "name": "Ukrainian"
    },
    {
      "code": "vi",
      "name": "Vietnamese"
    },
    {
      "code": "zh",
      "name": "Chinese"
    }
  ],
  "event_methods": [
    "broadcastStart",
    "broadcastStop",
    "chatMessage",
    "fanclubJoin",
    "follow",
    "mediaPurchase",
    "privateMessage",
    "roomSubjectChange",
    "tip",
    "unfollow",
    "userEnter",
    "userLeave"
  ],
  "room_name_pattern": "^[a-z0-9_]{1,64}$",
  "viewer_notes_max_chars": 10000,
  "chat_max_chars": 4000,
  "overlay_look": {
    "options": [
      "color",
      "text",
      "font",
      "size",
      "layout",
      "sound"
    ],
    "fonts": [
      "system",
      "sans",
      "serif",
      "mono",
      "rounded",
      "arial",
      "verdana",
      "tahoma",
      "trebuchet ms",
      "segoe ui",
      "roboto",
      "impact",
      "comic sans ms",
      "georgia",
      "times new roman",
      "courier new"
    ],
    "layouts": [
      "horizontal",
      "vertical"
    ],
    "size_min": 10,
    "size_max": 120,
    "color_pattern": "^#?(?:[0-9a-fA-F]{3,4}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})$",
    "defaults": {
      "color": "#e0457b",
      "text": "#ffffff",
      "font": "system",
      "size": 24,
      "layout": "horizontal",
      "sound": false
    },
    "by_kind": {
      "goal": [
        "color",
        "text",
        "font",
        "size",
        "layout"
      ],
      "alerts": [
        "color",
        "text",
        "font",
        "size",
        "sound"
      ],
      "top": [
        "color",
        "text",
        "font",
        "size",
        "layout"
      ],
      "menu": [
        "color",
        "text",
        "font",
        "size",
        "layout"
      ],
      "ticker": [
        "color",
        "text",
        "font",
        "size",
        "layout"
      ]
    }
  }
};
