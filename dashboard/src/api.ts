/** Typed client of /api/v1 (bearer token). The answer shapes are generated from the server's
 * models (wire.ts, `make wire-types`), never copied here. */
import type { ErrorBody } from './wire';

export type { MeView, SessionRow, Sessions, Summary, Timeseries, TopTippers } from './wire';

/** An error answer of the API: the server's one error body, {code, message, ...}. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export class ApiClient {
  constructor(private readonly token: string) {}

  async get<T>(path: string, params: Record<string, string> = {}): Promise<T> {
    const query = new URLSearchParams(params).toString();
    const response = await fetch(`/api/v1/${path}${query ? `?${query}` : ''}`, {
      headers: { Authorization: `Bearer ${this.token}` },
    });
    const body: unknown = await response.json().catch(() => ({}));
    if (!response.ok) {
      const error = body as Partial<ErrorBody>;
      throw new ApiError(response.status, error.code ?? 'http_error', error.message ?? response.statusText);
    }
    return body as T;
  }

  analytics<T>(broadcaster: string, what: string, params: Record<string, string>): Promise<T> {
    return this.get<T>(`analytics/${encodeURIComponent(broadcaster)}/${what}`, params);
  }
}
