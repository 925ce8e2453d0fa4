/** Typed client of /api/v1 (bearer token), and the answer shapes the dashboard reads. */

export interface WindowInfo {
  from: string;
  to: string;
  tz: string;
  clamped: { requested_from: string; effective_from: string; reason: string } | null;
}

export interface Summary extends WindowInfo {
  tokens: number;
  tips: number;
  unique_tippers: number;
  average_tip: number;
  follows: number;
  unfollows?: number;
  media_sales?: number;
  media_tokens?: number;
  chat_messages: number;
  peak_viewers: number;
  average_viewers: number;
  broadcasts: number;
  broadcast_seconds: number;
}

export interface SeriesPoint {
  start: string;
  ts: number;
  value: number;
}

export interface Series extends WindowInfo {
  metric: string;
  interval: string;
  total: number | null;
  points: SeriesPoint[];
}

export interface Tipper {
  rank: number;
  username: string;
  tokens: number;
  tips: number;
}

export interface SessionRow {
  start: string;
  end: string | null;
  live: boolean;
  duration_seconds: number;
  tokens: number;
  tokens_per_hour: number | null;
  top_tipper: { username: string; tokens: number } | null;
  new_followers: number;
}

export interface Me {
  account: { sub: string; tier: string; broadcasters: string[] };
  limits?: { csv_export?: boolean };
}

/** An error answer of the API: {code, message}. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

async function failure(response: Response): Promise<ApiError> {
  const error = (await response.json().catch(() => ({}))) as { code?: string; message?: string };
  return new ApiError(response.status, error.code ?? 'http_error', error.message ?? response.statusText);
}

export class ApiClient {
  constructor(private readonly token: string) {}

  private fetch(path: string, params: Record<string, string>): Promise<Response> {
    const query = new URLSearchParams(params).toString();
    return fetch(`/api/v1/${path}${query ? `?${query}` : ''}`, {
      headers: { Authorization: `Bearer ${this.token}` },
    });
  }

  async get<T>(path: string, params: Record<string, string> = {}): Promise<T> {
    const response = await this.fetch(path, params);
    if (!response.ok) throw await failure(response);
    return (await response.json()) as T;
  }

  /** A file answer (e.g. CSV) as a Blob, with the name the server suggests. */
  async file(path: string, params: Record<string, string>): Promise<{ blob: Blob; name: string | null }> {
    const response = await this.fetch(path, params);
    if (!response.ok) throw await failure(response);
    const disposition = response.headers.get('Content-Disposition') ?? '';
    return { blob: await response.blob(), name: /filename="([^"]+)"/.exec(disposition)?.[1] ?? null };
  }

  analytics<T>(broadcaster: string, what: string, params: Record<string, string>): Promise<T> {
    return this.get<T>(`analytics/${encodeURIComponent(broadcaster)}/${what}`, params);
  }
}
