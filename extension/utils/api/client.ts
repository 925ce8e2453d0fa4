/** REST client for the server's /api/v1. Every error becomes an ApiError (see errors.ts). */
import type { DetectionRules, PreparedPrompt } from '@/utils/ondevice/types';
import { createRoomsApi } from '@/utils/api/rooms';
import { ApiError, errorFromBody, NETWORK_ERROR } from '@/utils/shared/errors';
import type { WriteRequest } from '@/utils/shared/types';
import type {
  AccountPatch,
  AuditPage,
  BatchItem,
  LanguageMix,
  CheckoutRequest,
  MeView,
  NotedViewers,
  Persona,
  RedirectUrl,
  ReplyBody,
  ReplySuggestions,
  EventsPage as RoomEventsPage,
  Sessions,
  Summary,
  SubscriptionView,
  TranslateBatch,
  TranslateBody,
  Translation,
  Viewer,
  ViewerNotes,
  WriteKind,
  WriteResult,
} from '@/utils/shared/wire';
import type { FeedStatus, PlatformStatus } from '@/utils/shared/platform';

export interface ApiClientOptions {
  serverUrl: () => string | Promise<string>;
  /** A valid access token, or null when signed out. */
  getToken: () => Promise<string | null>;
  /** Called once on 401 token_expired; resolves true when the request may be retried. */
  onTokenRejected?: () => Promise<boolean>;
  fetch?: typeof fetch;
  timeoutMs?: number;
}

type Query = Record<string, string | number | undefined>;
/** ISO instants and an IANA time zone ("today" is the streamer's day, not UTC's). */
export interface AnalyticsWindow {
  from?: string;
  to?: string;
  tz?: string;
}
type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export function apiUrl(serverUrl: string, path: string, query?: Query): string {
  const url = new URL(`${serverUrl.replace(/\/+$/, '')}/api/v1${path}`);
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined) url.searchParams.set(key, String(value));
  }
  return url.toString();
}

export function createApiClient(options: ApiClientOptions) {
  const doFetch = options.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init));

  async function send(method: Method, path: string, body?: unknown, query?: Query): Promise<Response> {
    const token = await options.getToken();
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (token) headers.Authorization = `Bearer ${token}`;
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const url = apiUrl(await options.serverUrl(), path, query);
    try {
      return await doFetch(url, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(options.timeoutMs ?? 20_000),
      });
    } catch (err) {
      const server = await options.serverUrl();
      throw new ApiError(0, NETWORK_ERROR, err instanceof Error ? err.message : String(err), { url: server });
    }
  }

  async function request<T>(method: Method, path: string, body?: unknown, query?: Query): Promise<T> {
    let response = await send(method, path, body, query);
    if (response.status === 401 && options.onTokenRejected) {
      const error = errorFromBody(401, await response.json().catch(() => null));
      if (error.code === 'token_expired' && (await options.onTokenRejected())) {
        response = await send(method, path, body, query);
      } else {
        throw error;
      }
    }
    const payload: unknown = response.status === 204 ? null : await response.json().catch(() => null);
    if (!response.ok) throw errorFromBody(response.status, payload, response.statusText);
    return payload as T;
  }

  const enc = encodeURIComponent;
  return {
    request,
    me: () => request<MeView>('GET', '/me'),
    updateMe: (patch: AccountPatch) => request<MeView>('PATCH', '/me', patch),
    /** Link a room to the account: the hub only serves linked rooms. Linking twice is a no-op. */
    linkBroadcaster: (broadcaster: string) => request<MeView>('POST', '/me/broadcasters', { broadcaster }),
    unlinkBroadcaster: (broadcaster: string) => request<MeView>('DELETE', `/me/broadcasters/${enc(broadcaster)}`),
    /** Who changed what in the account, newest first; `before`: the previous page's `next`. */
    audit: (page: { limit?: number; before?: number } = {}) =>
      request<AuditPage>('GET', '/me/audit', undefined, { ...page }),
    /** The room's stream after `after` (default: the newest `limit`), as `subscribe` would replay it. */
    roomEvents: (broadcaster: string, page: { after?: number; limit?: number } = {}) =>
      request<RoomEventsPage>('GET', `/events/${enc(broadcaster)}`, undefined, { ...page }),
    translate: (body: TranslateBody) => request<Translation>('POST', '/translate', body),
    translateBatch: (items: BatchItem[], broadcaster?: string) =>
      request<TranslateBatch>('POST', '/translate/batch', { items, broadcaster }),
    persona: () => request<Persona>('GET', '/reply/persona'),
    savePersona: (persona: Persona) => request<Persona>('PUT', '/reply/persona', persona),
    addMember: (sub: string, permissions: string[]) => request<MeView>('POST', '/me/members', { sub, permissions }),
    removeMember: (sub: string) => request<MeView>('DELETE', `/me/members/${enc(sub)}`),
    /** The room's events as CSV (pro and studio). */
    exportCsv: async (broadcaster: string, window: AnalyticsWindow = {}): Promise<Blob> => {
      const response = await send('GET', `/analytics/${enc(broadcaster)}/export.csv`, undefined, { ...window });
      if (!response.ok)
        throw errorFromBody(response.status, await response.json().catch(() => null), response.statusText);
      return response.blob();
    },
    reply: (body: ReplyBody) => request<ReplySuggestions>('POST', '/reply', body),
    /** The prepared reply call, to run on the device (no provider call, no quota). */
    replyPrompt: (body: ReplyBody) => request<PreparedPrompt>('POST', '/reply/prompt', body),
    writePrompt: (kind: string, body: Record<string, unknown>) =>
      request<PreparedPrompt>('POST', `/write/${kind}/prompt`, body),
    /** Target languages and the detection skip rules the on-device translator applies. */
    languages: () => request<{ detection: DetectionRules; default_target: string }>('GET', '/translate/languages'),
    write: (kind: WriteKind, body: WriteRequest) => request<WriteResult>('POST', `/write/${kind}`, body),
    subscription: () => request<SubscriptionView>('GET', '/subscription'),
    checkout: (plan: CheckoutRequest['plan'], interval?: CheckoutRequest['interval']) =>
      request<RedirectUrl>('POST', '/subscription/checkout', { plan, interval }),
    portal: () => request<RedirectUrl>('POST', '/subscription/portal'),
    summary: (broadcaster: string, window: AnalyticsWindow = {}) =>
      request<Summary>('GET', `/analytics/${enc(broadcaster)}/summary`, undefined, { ...window }),
    sessions: async (broadcaster: string, window: AnalyticsWindow & { limit?: number } = {}) =>
      (await request<Sessions>('GET', `/analytics/${enc(broadcaster)}/sessions`, undefined, { ...window })).sessions,
    /** Chat messages per viewer language in the window. */
    languageMix: (broadcaster: string, window: AnalyticsWindow = {}) =>
      request<LanguageMix>('GET', `/analytics/${enc(broadcaster)}/languages`, undefined, { ...window }),
    platformStatus: () => request<PlatformStatus>('GET', '/platform/chaturbate'),
    /** Register (or replace) the Events API URL: the server links its room and starts polling it. */
    connectEventsApi: (eventsUrl: string) =>
      request<FeedStatus>('PUT', '/platform/chaturbate', { events_url: eventsUrl }),
    disconnectEventsApi: (broadcaster: string) =>
      request<FeedStatus>('DELETE', `/platform/chaturbate/${enc(broadcaster)}`),
    viewer: (broadcaster: string, username: string) =>
      request<Viewer>('GET', `/analytics/${enc(broadcaster)}/viewers/${enc(username)}`),
    saveViewerNotes: (broadcaster: string, username: string, notes: string) =>
      request<ViewerNotes>('PUT', `/analytics/${enc(broadcaster)}/viewers/${enc(username)}/notes`, { notes }),
    /** The room's viewers with notes (latest edited first), for the feed's mark. */
    notedViewers: (broadcaster: string, limit?: number) =>
      request<NotedViewers>('GET', `/analytics/${enc(broadcaster)}/noted-viewers`, undefined, { limit }),
    /** goals, tip menu, thresholds, tipper tiers and overlay links of a room */
    rooms: createRoomsApi(request),
  };
}

export type ApiClient = ReturnType<typeof createApiClient>;

/** Dev sign-in: only works when the server runs the dev issuer. No bearer token needed. */
export async function mintDevToken(
  serverUrl: string,
  sub: string,
  doFetch: typeof fetch = (i, init) => fetch(i, init),
): Promise<{ access_token: string; expires_in: number }> {
  let response: Response;
  try {
    response = await doFetch(apiUrl(serverUrl, '/dev/token'), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify({ sub }),
      signal: AbortSignal.timeout(15_000),
    });
  } catch (err) {
    throw new ApiError(0, NETWORK_ERROR, err instanceof Error ? err.message : String(err), { url: serverUrl });
  }
  const payload: unknown = await response.json().catch(() => null);
  if (!response.ok) throw errorFromBody(response.status, payload, response.statusText);
  return payload as { access_token: string; expires_in: number };
}
