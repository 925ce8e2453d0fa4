// make bench-overlay: one OBS overlay at 50 tips/s for 60 s in Debian's Chromium, vs a plain DOM page.
//
//   node bench/bench_overlay.mjs [--seconds 60] [--rate 50] [--kind ticker]
//
// Starts the real server (`.venv/bin/python -m server`, SQLite in a temporary VAR_DIR, dev issuer,
// free port), makes an overlay link of --kind (ticker: every tip is a new row; alerts and goal are
// lighter) and publishes tips from this process over the hub (`publish`, one every 1000/rate ms,
// as the streamer's pro account). Phase 1: the overlay (/overlay/?key=...) in headless Chromium.
// Phase 2: bench/overlay_peer.html in a fresh Chromium, subscribed with the streamer's token, fed
// the same tips, one row appended per tip (no per-frame batching, no cap). The phases run one
// after the other so neither steals CPU from the other (2 cores).
//
// Measured per page: requestAnimationFrame deltas (p50/p95/p99, frames missing a vsync), main-
// thread work per frame (CDP TaskDuration / frames), JS heap after a forced GC every 15 s, DOM
// nodes; and the overlay's JS gzipped (overlay/dist/assets/*.js, gzip -9). Prints a table and
// one JSON line.
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const OVERLAY = join(ROOT, 'overlay');
const require = createRequire(join(OVERLAY, 'package.json'));
const { chromium } = require('playwright-core');
const { io } = require('socket.io-client');
const PYTHON = process.env.WCP_PYTHON ?? join(ROOT, '.venv', 'bin', 'python');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ROOM = 'bench_room';
const VSYNC_MS = 1000 / 60;
const opts = { seconds: 60, rate: 50, kind: 'ticker' };
for (let i = 2; i < process.argv.length; i += 2) {
  const key = process.argv[i].replace(/^--/, '');
  if (!(key in opts)) throw new Error(`unknown option ${process.argv[i]} (known: --seconds --rate --kind)`);
  opts[key] = typeof opts[key] === 'number' ? Number(process.argv[i + 1]) : process.argv[i + 1];
}
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const log = (...a) => console.error(`[bench-overlay ${new Date().toISOString().slice(11, 19)}]`, ...a);
const started = [];

async function freePort() {
  const probe = createServer();
  await new Promise((r) => probe.listen(0, '127.0.0.1', r));
  const { port } = probe.address();
  await new Promise((r) => probe.close(r));
  return port;
}

async function startServer() {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const varDir = mkdtempSync(join(tmpdir(), 'wcp-bench-overlay-'));
  const env = { ...process.env, APP_ENV: 'development', PORT: String(port), PUBLIC_URL: url, VAR_DIR: varDir,
    SIMULATOR: '', LOG_LEVEL: 'WARNING', RATELIMIT_DEFAULT: '', PUBLISH_RATE_LIMIT: 'off' };
  const child = spawn(PYTHON, ['-m', 'server'], { cwd: ROOT, env, stdio: 'ignore' });
  started.push(() => { child.kill('SIGTERM'); rmSync(varDir, { recursive: true, force: true }); });
  for (let i = 0; i < 150; i++) {
    try {
      if ((await fetch(`${url}/api/v1/health`)).ok) return { url, env };
    } catch { /* starting */ }
    await sleep(200);
  }
  throw new Error('server did not start');
}

function startStatic() {
  const files = {
    '/peer.html': ['text/html', readFileSync(join(ROOT, 'bench', 'overlay_peer.html'))],
    '/socket.io.min.js': ['text/javascript', readFileSync(join(OVERLAY, 'node_modules', 'socket.io-client', 'dist', 'socket.io.min.js'))],
  };
  const server = createServer((req, res) => {
    const file = files[new URL(req.url, 'http://x').pathname];
    res.writeHead(file ? 200 : 404, { 'Content-Type': file ? file[0] : 'text/plain' }).end(file ? file[1] : '');
  });
  started.push(() => server.close());
  return new Promise((r) => server.listen(0, '127.0.0.1', () => r(`http://127.0.0.1:${server.address().port}`)));
}

function overlayJs() {
  const dir = join(OVERLAY, 'dist', 'assets');
  const js = readdirSync(dir).filter((f) => f.startsWith('overlay-') && f.endsWith('.js'));
  const raw = js.map((f) => readFileSync(join(dir, f)));
  return { files: js, raw: raw.reduce((n, b) => n + b.length, 0), gz: raw.reduce((n, b) => n + gzipSync(b, { level: 9 }).length, 0) };
}

function installProbe(seconds) {
  const b = (window.__bench = { deltas: new Float64Array(120 * (seconds + 30)), n: 0 });
  let last = 0;
  const tick = (t) => {
    if (last && b.n < b.deltas.length) b.deltas[b.n++] = t - last;
    last = t;
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
}

async function publisher(url, token) {
  const socket = io(`${url}/hub`, { auth: { token }, transports: ['websocket'] });
  await new Promise((ok, fail) => { socket.once('connect', ok); socket.once('connect_error', fail); });
  started.push(() => socket.close());
  return socket;
}

/** Publish `rate` tips/s for `seconds`; same sequence for both phases (seeded by index). */
async function feed(socket, phase, seconds, onTick) {
  const total = seconds * opts.rate;
  const t0 = Date.now();
  for (let i = 0; i < total; i++) {
    const wait = t0 + (i * 1000) / opts.rate - Date.now();
    if (wait > 0) await sleep(wait);
    const tokens = [1, 5, 10, 25, 50, 100, 500][i % 7];
    socket.emit('publish', { id: `${phase}-${i}`, broadcaster: ROOM, method: 'tip',
      user: { username: `fan_${i % 97}` }, tip: { tokens, message: i % 3 ? '' : 'hello there' } });
    if (i % opts.rate === 0) await onTick(Math.floor(i / opts.rate));
  }
}

const quantile = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;

async function measure(name, url, socket, seconds) {
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  started.push(() => browser.close());
  const page = await browser.newPage({ viewport: { width: 800, height: 400 } });
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  await page.goto(url);
  await sleep(2000); // loaded, state fetched, subscribed
  await page.evaluate(installProbe, seconds);
  const before = await metrics(cdp);
  const heap = [];
  await feed(socket, name, seconds, async (second) => {
    if (second > 0 && second % 15 === 0) heap.push(await heapAfterGc(cdp));
  });
  await sleep(1000);
  heap.push(await heapAfterGc(cdp));
  const after = await metrics(cdp);
  const deltas = Array.from(await page.evaluate(() => Array.from(window.__bench.deltas.subarray(0, window.__bench.n)))).sort((a, b) => a - b);
  const frames = deltas.length;
  await browser.close();
  return {
    frames, p50: r1(quantile(deltas, 0.5)), p95: r1(quantile(deltas, 0.95)), p99: r1(quantile(deltas, 0.99)),
    late_pct: r1((100 * deltas.filter((d) => d > VSYNC_MS * 1.5).length) / Math.max(1, frames)),
    work_ms_per_frame: r1(((after.TaskDuration - before.TaskDuration) * 1000) / Math.max(1, frames)),
    busy_pct: r1((100 * (after.TaskDuration - before.TaskDuration)) / (seconds + 1)),
    heap_mb: heap.map(r1), dom_nodes: after.Nodes,
  };
}

async function metrics(cdp) {
  const { metrics: list } = await cdp.send('Performance.getMetrics');
  return Object.fromEntries(list.map((m) => [m.name, m.value]));
}

async function heapAfterGc(cdp) {
  await cdp.send('HeapProfiler.collectGarbage');
  return (await metrics(cdp)).JSHeapUsedSize / 1024 / 1024;
}

const r1 = (x) => Math.round(x * 10) / 10;

async function main() {
  const size = overlayJs();
  const { url, env } = await startServer();
  const args = ['-m', 'flask', '--app', 'server', 'dev-token', '--sub', 'bench-streamer', '--tier', 'pro', '--link', ROOM];
  const token = execFileSync(PYTHON, args, { cwd: ROOT, env, encoding: 'utf8' }).trim().split('\n').at(-1);
  const made = await (await fetch(`${url}/api/v1/rooms/${ROOM}/overlays`, {
    method: 'POST', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ kind: opts.kind }),
  })).json();
  const socket = await publisher(url, token);
  const statics = await startStatic();
  log(`server ${url}; overlay ${opts.kind}; ${opts.rate} tips/s for ${opts.seconds} s per page`);
  const overlay = await measure('overlay', `${url}${made.url}`, socket, opts.seconds);
  log('overlay', JSON.stringify(overlay));
  const peerUrl = `${statics}/peer.html?server=${encodeURIComponent(url)}&room=${ROOM}&token=${token}`;
  const peer = await measure('peer', peerUrl, socket, opts.seconds);
  log('peer', JSON.stringify(peer));
  const rows = [
    ['frame p50 / p95 / p99 (ms)', `${overlay.p50} / ${overlay.p95} / ${overlay.p99}`, `${peer.p50} / ${peer.p95} / ${peer.p99}`],
    ['frames missing a vsync', `${overlay.late_pct} %`, `${peer.late_pct} %`],
    ['main-thread work per frame', `${overlay.work_ms_per_frame} ms`, `${peer.work_ms_per_frame} ms`],
    ['main thread busy', `${overlay.busy_pct} %`, `${peer.busy_pct} %`],
    ['JS heap after GC (MB, every 15 s)', overlay.heap_mb.join(' / '), peer.heap_mb.join(' / ')],
    ['DOM nodes at the end', String(overlay.dom_nodes), String(peer.dom_nodes)],
  ];
  console.log(`| ${opts.kind} overlay, ${opts.rate} tips/s, ${opts.seconds} s | overlay | plain DOM peer |\n|---|---|---|`);
  for (const row of rows) console.log(`| ${row.join(' | ')} |`);
  console.log(`overlay JS: ${size.files.join(', ')} ${(size.raw / 1024).toFixed(1)} KB, ${(size.gz / 1024).toFixed(1)} KB gzipped`);
  const heapGrowth = r1(overlay.heap_mb.at(-1) - overlay.heap_mb[0]);
  const goals = { p95_le_16ms_or_one_vsync: overlay.p95 <= VSYNC_MS + 0.5, js_gz_le_60kb: size.gz <= 60 * 1024, heap_flat_within_1mb: Math.abs(heapGrowth) <= 1 };
  console.log(JSON.stringify({ bench: 'overlay', kind: opts.kind, rate: opts.rate, seconds: opts.seconds, js_gz_bytes: size.gz, overlay, peer, heap_growth_mb: heapGrowth, goals }));
}

async function cleanup() {
  for (const stop of started.reverse()) {
    try { await stop(); } catch { /* already gone */ }
  }
}

const watchdog = setTimeout(() => { log('watchdog: giving up'); cleanup().then(() => process.exit(1)); }, (opts.seconds * 2 + 120) * 1000);
main()
  .then(async () => { clearTimeout(watchdog); await cleanup(); process.exit(0); })
  .catch(async (err) => { console.error(err); clearTimeout(watchdog); await cleanup(); process.exit(1); });
