/** The ONE message map between background, side panel and content script, on @webext-core/messaging. */
import { defineExtensionMessaging, type GetDataType, type GetReturnType } from '@webext-core/messaging';
import type { HubSnapshot } from '@/utils/hub/types';
import type { GoalFrame, TipNote } from '@/utils/shared/room-types';
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
  /** the recent feed reloaded after a lost history (`recovered: false`): replaces the panel's feed */
  'hub:reload': (envelopes: HubEnvelope[]) => void;
  'hub:status': (snapshot: HubSnapshot) => void;
  'hub:ingest': (status: IngestStatus) => void;
  'hub:usage': (usage: Usage) => void;
  'hub:tier': (notice: TierNotice) => void;
  'hub:goal': (frame: GoalFrame) => void;
  'hub:tipNote': (note: TipNote) => void;
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
export type MessageData<K extends MessageType> = GetDataType<ProtocolMap[K]>;
export type MessageReturn<K extends MessageType> = GetReturnType<ProtocolMap[K]>;

/**
 * `sendMessage(type, data)` goes to the extension's other contexts (background, panels);
 * `sendMessage(type, data, tabId)` to the content script in one tab. One `onMessage` per type per context.
 */
export const { sendMessage, onMessage, removeAllListeners } = defineExtensionMessaging<ProtocolMap>();

/** Fire-and-forget notification: no open panel is not an error. */
export function broadcast<K extends MessageType>(type: K, data: MessageData<K>): void {
  sendMessage(type, data).catch(() => undefined);
}
