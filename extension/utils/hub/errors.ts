/** Turn a socket.io `connect_error` into `{code, message}`. */
export interface HubError {
  code: string;
  message: string;
}

const NETWORK = /xhr poll error|websocket error|timeout|transport (close|error)/i;

export function parseConnectError(err: unknown): HubError {
  const e = (err ?? {}) as { message?: unknown; data?: unknown };
  const message = typeof e.message === 'string' ? e.message : String(err);
  const data = e.data as { code?: unknown; message?: unknown } | undefined;
  if (data && typeof data === 'object' && typeof data.code === 'string') {
    return { code: data.code, message: typeof data.message === 'string' ? data.message : message };
  }
  // python-socketio stringifies a lone dict argument: "{'code': 'token_expired', 'message': '...'}"
  const code = /['"]code['"]\s*:\s*['"]([\w.-]+)['"]/.exec(message)?.[1];
  if (code) {
    const text = /['"]message['"]\s*:\s*['"]([^'"]*)['"]/.exec(message)?.[1];
    return { code, message: text ?? message };
  }
  if (NETWORK.test(message)) return { code: 'network', message: "Can't reach the server" };
  return { code: 'connect_failed', message };
}
