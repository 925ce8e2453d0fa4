/** The access token: from `#token=` (then removed from the address bar) or this tab's storage. */

const KEY = 'wcp.dashboard.token';

export interface HashParams {
  token: string | null;
  broadcaster: string | null;
}

export function readHash(): HashParams {
  const params = new URLSearchParams(window.location.hash.replace(/^#/, ''));
  return { token: params.get('token'), broadcaster: params.get('broadcaster') };
}

/** The token to use, keeping a `#token=` one for this tab and stripping it from the URL. */
export function currentToken(): string | null {
  const { token } = readHash();
  if (token) {
    sessionStorage.setItem(KEY, token);
    history.replaceState(null, '', window.location.pathname + window.location.search);
    return token;
  }
  return sessionStorage.getItem(KEY);
}

export function saveToken(token: string): void {
  sessionStorage.setItem(KEY, token.trim());
}

export function clearToken(): void {
  sessionStorage.removeItem(KEY);
}
