/** The /hub socket's frames, typed both ways, and the real socket.io-client factory. */
import { io, type Socket } from 'socket.io-client';
import type { GoalFrame, OffsetEvent, Position, SubscribeAck } from './types';

export interface CodeMessage {
  code: string;
  message: string;
}

export interface ServerFrames {
  connect: () => void;
  disconnect: (reason: string) => void;
  connect_error: (error: Error & { data?: unknown }) => void;
  event: (item: OffsetEvent) => void;
  events: (frame: { items: OffsetEvent[] }) => void;
  goal: (frame: GoalFrame) => void;
  overlay_revoked: (frame: CodeMessage) => void;
}

export interface ClientFrames {
  subscribe: (payload: { since: Position | null }, ack: (ack: SubscribeAck) => void) => void;
}

/** The part of a socket.io-client `Socket` this module uses (tests pass a fake). */
export type SocketLike = Pick<Socket<ServerFrames, ClientFrames>, 'on' | 'emit' | 'disconnect'>;
export type SocketFactory = (url: string, key: string) => SocketLike;
export const openSocket: SocketFactory = (url, key) =>
  io(url, { auth: { overlay_key: key }, transports: ['websocket'] });

export function isCodeMessage(value: unknown): value is CodeMessage {
  return typeof value === 'object' && value !== null && typeof (value as CodeMessage).code === 'string';
}
