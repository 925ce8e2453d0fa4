/**
 * The real server (python -m server, SQLite, dev issuer) and Debian's Chromium; nothing is
 * downloaded. The overlay is served by the server from overlay/dist (build it first).
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { inflateSync } from 'node:zlib';
import { io, type Socket } from 'socket.io-client';

const ROOT = resolve(import.meta.dirname, '..', '..');
const PYTHON = process.env.WCP_PYTHON ?? join(ROOT, '.venv', 'bin', 'python');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const ROOM = 'overlay_room';

export interface RunningServer {
  url: string;
  env: NodeJS.ProcessEnv;
  child: ChildProcess;
  varDir: string;
  log: string[];
}

async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => resolvePort(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

export async function startServer(): Promise<RunningServer> {
  const port = Number(process.env.WCP_E2E_PORT ?? (await freePort()));
  const url = `http://127.0.0.1:${port}`;
  const varDir = mkdtempSync(join(tmpdir(), 'wcp-overlay-e2e-'));
  const env = {
    ...process.env,
    APP_ENV: 'development',
    PORT: String(port),
    PUBLIC_URL: url,
    VAR_DIR: varDir,
    SIMULATOR: '',
    LLM_API_KEY: '',
    STRIPE_SECRET_KEY: '',
    LOG_LEVEL: 'WARNING',
    RATELIMIT_DEFAULT: '',
  };
  const child = spawn(PYTHON, ['-m', 'server'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const log: string[] = [];
  child.stdout?.on('data', (d: Buffer) => log.push(d.toString()));
  child.stderr?.on('data', (d: Buffer) => log.push(d.toString()));
  for (let i = 0; i < 150; i++) {
    try {
      if ((await fetch(`${url}/api/v1/health`)).status < 500) return { url, env, child, varDir, log };
    } catch {
      /* not up yet */
    }
    if (child.exitCode !== null) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  child.kill('SIGKILL');
  throw new Error(`server did not start:\n${log.join('').slice(-2000)}`);
}

export async function stopServer(server: RunningServer): Promise<void> {
  if (server.child.exitCode === null) {
    const exited = new Promise((r) => server.child.once('exit', r));
    server.child.kill('SIGTERM');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
    if (server.child.exitCode === null) server.child.kill('SIGKILL');
  }
  rmSync(server.varDir, { recursive: true, force: true });
}

/** A dev-issuer token of `sub` on `tier`, owning ROOM. */
export function devToken(server: RunningServer, sub: string, tier = 'pro'): string {
  const args = ['-m', 'flask', '--app', 'server', 'dev-token', '--sub', sub, '--tier', tier, '--link', ROOM];
  const out = execFileSync(PYTHON, args, { cwd: ROOT, env: server.env, encoding: 'utf8' });
  return out.trim().split('\n').at(-1) ?? '';
}

export async function api(
  server: RunningServer,
  token: string,
  method: string,
  path: string,
  body?: unknown,
) {
  const response = await fetch(`${server.url}/api/v1${path}`, {
    method,
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}

/** The owner's publishing socket on /hub. */
export async function publisher(server: RunningServer, token: string): Promise<Socket> {
  const socket = io(`${server.url}/hub`, { auth: { token }, transports: ['websocket'] });
  await new Promise<void>((ok, fail) => {
    socket.once('connect', () => ok());
    socket.once('connect_error', (error) => fail(error));
  });
  return socket;
}

let counter = 0;
export function tipEvent(tokens: number, username = 'bob'): Record<string, unknown> {
  counter += 1;
  return {
    id: `e2e-${Date.now()}-${counter}`,
    broadcaster: ROOM,
    method: 'tip',
    user: { username },
    tip: { tokens },
  };
}

export async function publish(socket: Socket, events: unknown[]): Promise<{ accepted: number }> {
  return (await socket.timeout(5000).emitWithAck('publish', events)) as { accepted: number };
}

/** Alpha of each pixel of an 8-bit RGBA, non-interlaced PNG (what Chromium's screenshots are). */
export function pngAlpha(png: Buffer): {
  width: number;
  height: number;
  alpha: (x: number, y: number) => number;
} {
  const width = png.readUInt32BE(16);
  const height = png.readUInt32BE(20);
  if (png[24] !== 8 || png[25] !== 6 || png[28] !== 0) throw new Error('expected an 8-bit RGBA PNG');
  const chunks: Buffer[] = [];
  for (let at = 8; at < png.length;) {
    const length = png.readUInt32BE(at);
    if (png.toString('ascii', at + 4, at + 8) === 'IDAT') chunks.push(png.subarray(at + 8, at + 8 + length));
    at += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(chunks));
  const stride = width * 4;
  const pixels = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y++) unfilter(raw, pixels, y, stride);
  return { width, height, alpha: (x, y) => pixels[y * stride + x * 4 + 3] ?? 0 };
}

function unfilter(raw: Buffer, out: Buffer, y: number, stride: number): void {
  const filter = raw[y * (stride + 1)];
  const src = y * (stride + 1) + 1;
  const row = y * stride;
  for (let i = 0; i < stride; i++) {
    const left = i >= 4 ? (out[row + i - 4] ?? 0) : 0;
    const up = y > 0 ? (out[row - stride + i] ?? 0) : 0;
    const upLeft = y > 0 && i >= 4 ? (out[row - stride + i - 4] ?? 0) : 0;
    const value = raw[src + i] ?? 0;
    let predicted = 0;
    if (filter === 1) predicted = left;
    else if (filter === 2) predicted = up;
    else if (filter === 3) predicted = (left + up) >> 1;
    else if (filter === 4) predicted = paeth(left, up, upLeft);
    out[row + i] = (value + predicted) & 0xff;
  }
}

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}
