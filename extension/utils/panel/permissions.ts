/** Host access for a server URL other than the default (manifest optional_host_permissions). */
import { browser } from 'wxt/browser';

/** "http://10.0.0.5:8080/api" → "http://10.0.0.5:8080/*"; null for anything but http(s). */
export function originPattern(url: string): string | null {
  try {
    const parsed = new URL(url.trim());
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return null;
    return `${parsed.protocol}//${parsed.host}/*`;
  } catch {
    return null;
  }
}

/**
 * Ask for access to the server's origin. Call it first thing in a click handler: Chrome only shows
 * the prompt during a user gesture. Already-granted origins (the default server) resolve true at once.
 */
export function requestServerAccess(url: string): Promise<boolean> {
  const pattern = originPattern(url);
  if (!pattern) return Promise.resolve(false);
  return requestOrigins([pattern]);
}

/**
 * permissions.request that resolves false instead of throwing (sync or async). Origins already
 * granted (the manifest's default server) skip the prompt; the check is quick enough to stay
 * within the click's transient user activation.
 */
export async function requestOrigins(origins: string[]): Promise<boolean> {
  try {
    if (await browser.permissions.contains({ origins })) return true;
    return await browser.permissions.request({ origins });
  } catch {
    return false;
  }
}
