/**
 * The ONE message map between background, side panel and content script, plus a small typed
 * wrapper over chrome.runtime / chrome.tabs messaging.
 */
import { browser, type Browser } from 'wxt/browser';
import type { HubSnapshot } from '@/utils/hub/types';
import type { AuthMode, AuthState } from '@/utils/shared/storage';
import type { HubEnvelope, IngestStatus, TierNotice, Usage } from '@/utils/shared/types';

/** A chat line read from the room page by the content script. */
export interface ObservedChatLine {
  /** stable within the page: used to build the event id */
  key: string;
  username: string;
  text: string;
  /** epoch ms when observed */
  at: number;
  isPrivate?: boolean;
}

export interface AuthSummary {
  signedIn: boolean;
  mode: AuthMode | null;
  expiresAt: number | null;
}

export function authSummary(auth: AuthState | null): AuthSummary {
  return { signedIn: auth !== null, mode: auth?.mode ?? null, expiresAt: auth?.expiresAt ?? null };
}

export type Result = { ok: true } | { ok: false; code: string; message: string };

export interface ProtocolMap {
  // background → panels
  'hub:event': (envelopes: HubEnvelope[]) => void;
  'hub:status': (snapshot: HubSnapshot) => void;
  'hub:ingest': (status: IngestStatus) => void;
  'hub:usage': (usage: Usage) => void;
  'hub:tier': (notice: TierNotice) => void;
  'auth:changed': (summary: AuthSummary) => void;
  // panels → background
  'hub:snapshot': () => HubSnapshot;
  'hub:recent': () => HubEnvelope[];
  'hub:reconnect': () => void;
  'auth:signIn': (request: { mode: AuthMode }) => Result;
  'auth:signOut': () => void;
  /** a valid access token, refreshed by the background if needed (the only place that refreshes) */
  'auth:token': () => { token: string | null };
  /** the server refused the token: force a refresh, then return the new one */
  'auth:refresh': () => { token: string | null };
  'chat:insert': (request: { text: string }) => Result;
  // content script → background
  'chat:observed': (batch: { room: string; lines: ObservedChatLine[] }) => { published: number; skipped?: string };
}

export type MessageType = keyof ProtocolMap;
export type MessageData<K extends MessageType> = Parameters<ProtocolMap[K]> extends [infer D] ? D : undefined;
export type MessageReturn<K extends MessageType> = Awaited<ReturnType<ProtocolMap[K]>>;
type DataArgs<K extends MessageType> = Parameters<ProtocolMap[K]> extends [infer D] ? [data: D] : [];

export interface Envelope<K extends MessageType = MessageType> {
  type: K;
  data: MessageData<K>;
}
type Reply = { ok: true; value: unknown } | { ok: false; error: string };

export type Handler<K extends MessageType> = (
  data: MessageData<K>,
  sender: Browser.runtime.MessageSender,
) => MessageReturn<K> | Promise<MessageReturn<K>>;

function isEnvelope(value: unknown): value is Envelope {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}

function unwrap<K extends MessageType>(type: K, reply: unknown): MessageReturn<K> {
  const r = reply as Reply | undefined;
  if (!r) throw new Error(`No handler answered "${type}"`);
  if (!r.ok) throw new Error(r.error);
  return r.value as MessageReturn<K>;
}

/** Send to the extension's other contexts (background, panels); resolves with the handler's return value. */
export async function sendMessage<K extends MessageType>(type: K, ...args: DataArgs<K>): Promise<MessageReturn<K>> {
  const envelope = { type, data: args[0] } as Envelope<K>;
  return unwrap(type, await browser.runtime.sendMessage(envelope));
}

/** Send to the content script in one tab. */
export async function sendTabMessage<K extends MessageType>(
  tabId: number,
  type: K,
  ...args: DataArgs<K>
): Promise<MessageReturn<K>> {
  const envelope = { type, data: args[0] } as Envelope<K>;
  return unwrap(type, await browser.tabs.sendMessage(tabId, envelope));
}

/** Fire-and-forget notification: no open panel is not an error. */
export function broadcast<K extends MessageType>(type: K, ...args: DataArgs<K>): void {
  sendMessage(type, ...args).catch(() => undefined);
}

/** Handle one message type. Returns an unsubscribe function. */
export function onMessage<K extends MessageType>(type: K, handler: Handler<K>): () => void {
  const listener = (message: unknown, sender: Browser.runtime.MessageSender, sendResponse: (r: Reply) => void) => {
    if (!isEnvelope(message) || message.type !== type) return false;
    Promise.resolve()
      .then(() => handler(message.data as MessageData<K>, sender))
      .then(
        (value) => sendResponse({ ok: true, value: value ?? null }),
        (err: unknown) => sendResponse({ ok: false, error: err instanceof Error ? err.message : String(err) }),
      );
    return true; // keep the channel open for the async answer (Chrome semantics)
  };
  browser.runtime.onMessage.addListener(listener);
  return () => browser.runtime.onMessage.removeListener(listener);
}
