/** REST: the overlay's initial state, `GET {server}/api/v1/overlay/state` with `X-Overlay-Key`. */
import { isKind, type ApiError, type OverlayState } from './types';

export const TERMINAL_CODES = ['overlay_key_invalid', 'overlay_key_revoked', 'overlay_not_found'] as const;

/** A refusal that retrying will not fix (revoked or unknown key, deleted overlay). */
export class TerminalError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export function isTerminalCode(code: unknown): code is string {
  return typeof code === 'string' && (TERMINAL_CODES as readonly string[]).includes(code);
}

function isApiError(body: unknown): body is ApiError {
  return typeof body === 'object' && body !== null && typeof (body as ApiError).code === 'string';
}

function isOverlayState(body: unknown): body is OverlayState {
  if (typeof body !== 'object' || body === null) return false;
  const candidate = body as Partial<OverlayState>;
  return (
    isKind(candidate.kind) &&
    typeof candidate.state === 'object' &&
    candidate.state !== null &&
    typeof candidate.position?.offset === 'number' &&
    typeof candidate.position.epoch === 'string'
  );
}

async function json(response: Response): Promise<unknown> {
  try {
    return await response.json();
  } catch {
    return null;
  }
}

/** The state, or throws: `TerminalError` for 401/403/404, `Error` for anything worth a retry. */
export async function fetchState(fetcher: typeof fetch, server: string, key: string): Promise<OverlayState> {
  const response = await fetcher(`${server}/api/v1/overlay/state`, {
    headers: { 'X-Overlay-Key': key, Accept: 'application/json' },
    cache: 'no-store',
  });
  const body = await json(response);
  if (response.ok && isOverlayState(body)) return body;
  if (response.status === 401 || response.status === 403 || response.status === 404) {
    const fallback = response.status === 404 ? 'overlay_not_found' : 'overlay_key_invalid';
    const code = isApiError(body) && isTerminalCode(body.code) ? body.code : fallback;
    throw new TerminalError(code, isApiError(body) ? body.message : `HTTP ${response.status}`);
  }
  throw new Error(response.ok ? 'malformed overlay state' : `HTTP ${response.status}`);
}
