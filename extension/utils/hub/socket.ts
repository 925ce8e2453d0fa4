/** The real socket.io-client Socket behind HubClient's SocketLike. */
import { io } from 'socket.io-client';
import type { SocketLike } from '@/utils/hub/types';

export function createHubSocket(
  serverUrl: string,
  broadcaster: string,
  getToken: () => Promise<string | null>,
): SocketLike {
  const socket = io(`${serverUrl.replace(/\/+$/, '')}/hub`, {
    transports: ['websocket'],
    autoConnect: false,
    reconnection: false, // HubClient owns reconnects: testable backoff, token refresh between tries
    query: { broadcaster }, // shard key for the proxy (hash $arg_broadcaster)
    // Function form: every (re)connect asks for the current token, so a refreshed one is used.
    auth: (callback) => {
      getToken().then(
        (token) => callback({ token }),
        () => callback({ token: null }),
      );
    },
  });
  return {
    get connected() {
      return socket.connected;
    },
    on: (event, listener) => socket.on(event, listener),
    connect: () => socket.connect(),
    disconnect: () => socket.disconnect(),
    emitWithAck: (event, payload, timeoutMs) => socket.timeout(timeoutMs).emitWithAck(event, payload),
  };
}
