/**
 * The dashboard link: the token rides in the #fragment, which never reaches the server's logs or
 * a Referer; the dashboard reads it and then strips it from the address bar.
 */
export function dashboardUrl(serverUrl: string, token: string, broadcaster: string): string {
  const fragment = new URLSearchParams({ token, ...(broadcaster ? { broadcaster } : {}) });
  return `${serverUrl.replace(/\/+$/, '')}/dashboard#${fragment.toString()}`;
}
