/** REST client for the server's /api/v1. Every error becomes an ApiError (see errors.ts). */
import { ApiError, errorFromBody, NETWORK_ERROR } from '@/utils/shared/errors';
import type {
  AnalyticsSummary,
  BroadcastSession,
  MeResponse,
  ReplyPersona,
  ReplyRequest,
  Subscription,
  TopTipper,
  TranslateItem,
  TranslateItemError,
  TranslateResult,
  ViewerProfile,
  WriteKind,
  WriteRequest,
  WriteResponse,
} from '@/utils/shared/types';
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
    me: () => request<MeResponse>('GET', '/me'),
    updateMe: (patch: { language?: string; privacy?: { store_chat_text?: boolean; send_private_to_ai?: boolean } }) =>
      request<Partial<MeResponse>>('PATCH', '/me', patch),
    /** Link a room to the account: the hub only serves linked rooms. Linking twice is a no-op. */
    linkBroadcaster: (broadcaster: string) => request<MeResponse>('POST', '/me/broadcasters', { broadcaster }),
    translate: (item: TranslateItem) => request<TranslateResult>('POST', '/translate', item),
    translateBatch: (items: TranslateItem[], broadcaster?: string) =>
      request<{ items: (TranslateResult | TranslateItemError)[] }>('POST', '/translate/batch', { items, broadcaster }),
    persona: () => request<ReplyPersona>('GET', '/reply/persona'),
    savePersona: (persona: ReplyPersona) => request<ReplyPersona>('PUT', '/reply/persona', persona),
    addMember: (sub: string, permissions: string[]) => request<MeResponse>('POST', '/me/members', { sub, permissions }),
    removeMember: (sub: string) => request<MeResponse>('DELETE', `/me/members/${enc(sub)}`),
    /** The room's events as CSV (pro and studio). */
    exportCsv: async (broadcaster: string, window: AnalyticsWindow = {}): Promise<Blob> => {
      const response = await send('GET', `/analytics/${enc(broadcaster)}/export.csv`, undefined, { ...window });
      if (!response.ok)
        throw errorFromBody(response.status, await response.json().catch(() => null), response.statusText);
      return response.blob();
    },
    reply: (body: ReplyRequest) => request<{ suggestions: string[] }>('POST', '/reply', body),
    write: (kind: WriteKind, body: WriteRequest) => request<WriteResponse>('POST', `/write/${kind}`, body),
    subscription: () => request<Subscription>('GET', '/subscription'),
    checkout: (plan: 'pro' | 'studio', interval?: 'month' | 'year') =>
      request<{ url: string }>('POST', '/subscription/checkout', { plan, interval }),
    portal: () => request<{ url: string }>('POST', '/subscription/portal'),
    summary: (broadcaster: string, window: AnalyticsWindow = {}) =>
      request<AnalyticsSummary>('GET', `/analytics/${enc(broadcaster)}/summary`, undefined, { ...window }),
    sessions: async (broadcaster: string, window: AnalyticsWindow & { limit?: number } = {}) =>
      (
        await request<{ sessions: BroadcastSession[] }>('GET', `/analytics/${enc(broadcaster)}/sessions`, undefined, {
          ...window,
        })
      ).sessions,
    topTippers: async (
      broadcaster: string,
      window: AnalyticsWindow & { limit?: number } = {},
    ): Promise<TopTipper[]> => {
      const body = await request<{ tippers?: TopTipper[]; items?: TopTipper[] } | TopTipper[]>(
        'GET',
        `/analytics/${enc(broadcaster)}/top-tippers`,
        undefined,
        { ...window },
      );
      return Array.isArray(body) ? body : (body.tippers ?? body.items ?? []);
    },
    platformStatus: () => request<PlatformStatus>('GET', '/platform/chaturbate'),
    /** Register (or replace) the Events API URL: the server links its room and starts polling it. */
    connectEventsApi: (eventsUrl: string) =>
      request<FeedStatus>('PUT', '/platform/chaturbate', { events_url: eventsUrl }),
    disconnectEventsApi: (broadcaster: string) =>
      request<FeedStatus>('DELETE', `/platform/chaturbate/${enc(broadcaster)}`),
    viewer: (broadcaster: string, username: string) =>
      request<ViewerProfile>('GET', `/analytics/${enc(broadcaster)}/viewers/${enc(username)}`),
    saveViewerNotes: (broadcaster: string, username: string, notes: string) =>
      request<ViewerProfile>('PUT', `/analytics/${enc(broadcaster)}/viewers/${enc(username)}/notes`, { notes }),
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
