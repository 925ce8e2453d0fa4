/** The Chaturbate Events API feed as GET/PUT/DELETE /api/v1/platform/chaturbate describe it. */

export type FeedState = 'not_configured' | 'starting' | 'connected' | 'backing_off' | 'stopped' | (string & {});

export interface FeedStatus {
  broadcaster: string;
  /** masked: the token never comes back */
  events_url: string | null;
  state: FeedState;
  reason: string | null;
  last_event_at: string | null;
  events_total: number | null;
  events_rejected: number | null;
  /** seconds until the next try while backing off */
  retry_in: number | null;
}

export interface PlatformStatus {
  platform: string;
  broadcasters: FeedStatus[];
}

/** Where a streamer creates the token (scope "Events API"). */
export const TOKEN_PAGE = 'https://chaturbate.com/statsapi/authtoken/';
export const EVENTS_URL_SHAPE = 'https://eventsapi.chaturbate.com/events/<room>/<token>/';

const PATH = /^\/events\/([A-Za-z0-9_]{1,64})\/([A-Za-z0-9_-]{8,128})\/?$/;

/**
 * A first check of a pasted Events API URL, before the server's (which decides the allowed hosts).
 * Returns the room name it is for, or a sentence saying what is wrong.
 */
export function checkEventsUrl(raw: string): { ok: true; broadcaster: string } | { ok: false; message: string } {
  const text = raw.trim();
  if (!text) return { ok: false, message: 'Paste the URL shown after you create the token.' };
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { ok: false, message: `That isn't a URL. It looks like ${EVENTS_URL_SHAPE}` };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    return { ok: false, message: 'The URL must start with https://' };
  const match = PATH.exec(url.pathname);
  if (!match) {
    return { ok: false, message: `The URL must end in /events/<room>/<token>/ like ${EVENTS_URL_SHAPE}` };
  }
  return { ok: true, broadcaster: match[1]!.toLowerCase() };
}

const STATE_TEXT: Record<string, string> = {
  not_configured: 'Not connected',
  starting: 'Connecting…',
  connected: 'Connected',
  backing_off: 'Backing off',
  stopped: 'Stopped',
};

/** One line for a feed's state, with its reason. */
export function describeFeed(feed: Pick<FeedStatus, 'state' | 'reason' | 'retry_in'>): string {
  const label = STATE_TEXT[feed.state] ?? feed.state;
  const retry = feed.state === 'backing_off' && feed.retry_in ? ` — retrying in ${Math.ceil(feed.retry_in)}s` : '';
  return `${label}${feed.reason ? `: ${feed.reason}` : ''}${retry}`;
}

/** A hint when the reason points at the usual mistake (a token with the "public" scope). */
export function feedHint(feed: Pick<FeedStatus, 'state' | 'reason'>): string | null {
  if (feed.state === 'stopped' && /401|403|token/i.test(feed.reason ?? '')) {
    return 'Chaturbate refused the token. Create a new one with the "Events API" scope (not "public") and paste its URL.';
  }
  return null;
}
