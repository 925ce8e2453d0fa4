/**
 * Overlay URLs as issued. The server shows a key only once (at create or rotate) and stores it
 * hashed, so the panel keeps the URL on this machine to copy it again later; a link made elsewhere
 * needs a rotate here.
 */
import { storage } from 'wxt/utils/storage';

export type OverlayLinks = Record<string, string>;

const linksItem = storage.defineItem<OverlayLinks>('local:overlayLinks', { fallback: {} });

export const getOverlayLinks = async (): Promise<OverlayLinks> => ({ ...(await linksItem.getValue()) });

/** Keep `url` for overlay `id` (null forgets it); `replaces` is the id a rotate retired. */
export async function setOverlayLink(id: string, url: string | null, replaces?: string): Promise<OverlayLinks> {
  const next = { ...(await linksItem.getValue()) };
  if (replaces) delete next[replaces];
  if (url) next[id] = url;
  else delete next[id];
  await linksItem.setValue(next);
  return next;
}

/** The absolute URL of an issued path (`/overlay/?key=…`) on the panel's server. */
export function overlayUrl(serverUrl: string, path: string): string {
  return new URL(path, `${serverUrl.replace(/\/+$/, '')}/`).toString();
}
