/** Typed client of /api/v1 (bearer token). The answer shapes are generated from the server's
 * models (wire.ts, `make wire-types`), never copied here. */
import type { Clamp, MeView, Timeseries } from './wire';

export type { SeriesPoint, SessionRow, Summary, Tipper } from './wire';
export type WindowInfo = { from: string; to: string; tz: string; clamped: Clamp | null };
export type Series = Timeseries;
export type Me = MeView;

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
