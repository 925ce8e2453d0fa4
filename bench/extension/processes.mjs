// make bench-extension: the processes it starts (server, fake LLM, token CLI, static server, browser), stopped by PID in cleanup.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { EXT, opts, PHASES, PYTHON, ROOT, SERVER, STREAMER, log, sleep } from './config.mjs';

export const started = { server: null, llm: null, cli: null, http: null, context: null, varDir: null, publisher: null };
let cleaning = null;
export async function cleanup() {
  cleaning ??= (async () => {
    if (started.publisher) started.publisher.stop();
    await started.context?.close().catch(() => undefined);
    await stopChild(started.cli);
    await stopChild(started.server);
    await stopChild(started.llm);
    started.http?.close();
    if (started.varDir) rmSync(started.varDir, { recursive: true, force: true });
  })();
  return cleaning;
}
async function stopChild(child) {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await Promise.race([exited, sleep(10_000)]);
  if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
}

/** The longest a run may take: each phase that runs, with its browser's start and the tail after publishing. */
function watchdogSeconds() {
  const phase = { panel: opts.seconds + 40, peer: opts.peerSeconds + 40, server: opts.translateSeconds + 45, device: opts.translateSeconds + 45 };
  return 60 + [...PHASES].reduce((sum, p) => sum + phase[p], 0);
}

/** Stop what was started on SIGINT/SIGTERM, and after a watchdog timeout. */
export function installGuards() {
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => void cleanup().then(() => process.exit(130)));
  const watchdog = setTimeout(() => {
    log('watchdog: run took too long, stopping');
    void cleanup().then(() => process.exit(3));
  }, watchdogSeconds() * 1000);
  watchdog.unref();
}

async function healthy() {
  try {
    return (await fetch(`${SERVER}/api/v1/health`, { signal: AbortSignal.timeout(1000) })).status < 500;
  } catch {
    return false;
  }
}

export async function startLlm() {
  const child = spawn(PYTHON, ['-m', 'tests.fakes.llm_server', '--port', '0'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  started.llm = child;
  return new Promise((ok, fail) => {
    child.stdout.once('data', (d) => ok(d.toString().trim()));
    child.once('exit', () => fail(new Error('fake LLM server exited')));
  });
}

export async function startServer(llmUrl) {
  if (await healthy()) throw new Error(`something already serves ${SERVER}: port ${opts.port} must be free`);
  started.varDir = mkdtempSync(join(tmpdir(), 'wcp-bench-ext-'));
  const env = {
    ...process.env, APP_ENV: 'development', PORT: String(opts.port), PUBLIC_URL: SERVER, VAR_DIR: started.varDir,
    LOG_LEVEL: 'WARNING', SIMULATOR: '', PUBLISH_RATE_LIMIT: 'off', LLM_API_KEY: '', STRIPE_SECRET_KEY: '',
    LLM_BASE_URL: llmUrl, LLM_MODEL: 'fake-model',
  };
  // `python -m server` applies the migrations itself
  const child = spawn(PYTHON, ['-m', 'server'], { cwd: ROOT, env, stdio: ['ignore', 'ignore', 'pipe'] });
  started.server = child;
  const tail = [];
  child.stderr.on('data', (d) => tail.push(d.toString()) > 50 && tail.shift());
  for (let i = 0; i < 150; i++) {
    if (await healthy()) return env;
    if (child.exitCode !== null) break;
    await sleep(200);
  }
  throw new Error(`server did not start:\n${tail.join('').slice(-2000)}`);
}

/** The streamer's own account made studio tier (publisher + panel + peer = 3 live connections), room linked; its token. */
export async function mintToken(env) {
  const args = ['-m', 'flask', '--app', 'server', 'dev-token', '--sub', STREAMER, '--tier', 'studio', '--link', opts.room, '--ttl', '3600'];
  const child = spawn(PYTHON, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  started.cli = child;
  let out = '';
  let err = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (err += d));
  const code = await new Promise((r) => child.once('exit', r));
  started.cli = null;
  if (code !== 0) throw new Error(`flask dev-token failed:\n${err.slice(-2000)}`);
  return out.trim().split('\n').at(-1);
}

/** The peer page and the browser build of socket.io-client, on a free port. */
export async function startStatic() {
  const files = {
    '/extension_peer.html': ['text/html', readFileSync(join(ROOT, 'bench', 'extension_peer.html'))],
    '/socket.io.min.js': ['text/javascript', readFileSync(join(EXT, 'node_modules', 'socket.io-client', 'dist', 'socket.io.min.js'))],
  };
  const server = createServer((req, res) => {
    const file = files[new URL(req.url, 'http://x').pathname];
    if (!file) return res.writeHead(404).end();
    res.writeHead(200, { 'content-type': file[0], 'cache-control': 'no-store' }).end(file[1]);
  });
  started.http = server;
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${server.address().port}`, files };
}
