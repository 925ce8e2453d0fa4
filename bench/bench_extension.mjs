// make bench-extension: the side panel under 200 events/s, in Debian's Chromium, vs a plain DOM page.
//
//   node bench/bench_extension.mjs [--seconds 120] [--peer-seconds 30] [--rate 200] [--port 5000]
//                                  [--room bench_room] [--sample 10] [--checkpoint 30]
//
// Starts the real server (`.venv/bin/python -m server`, SQLite in a temporary VAR_DIR, dev issuer,
// PUBLISH_RATE_LIMIT=off) with the fake OpenAI-compatible provider (tests/fakes/llm_server.py, so
// the panel's inline translation runs as it does for a streamer), and publishes simulator-like
// events (server/ingest/simulator.py's method mix, languages and lines; seeded) from this process
// at a fixed rate over the hub's `publish` (Socket.IO, as the streamer's own studio-tier account:
// the in-server simulator sleeps between events and tops out near 170 events/s here).
//
// 1. Side panel: the built extension (extension/.output/chrome-mv3) in headless Chromium; its page
//    (chrome-extension://<id>/sidepanel.html) signs in with "Local server (dev)", links the room,
//    shows the Live tab; events flow server → background service worker → panel, as in use.
// 2. Peer: bench/extension_peer.html (served from here) in a fresh headless Chromium, subscribed to
//    the same room on the same server, fed the same events (same seed), appends every event to a
//    plain DOM list (no virtualization, no cap). The phases run one after the other so that neither
//    page steals CPU from the other on a small machine (the peer saturates a core within ~20 s), and
//    the peer runs 30 s by default so that the whole run stays near 3 minutes; the ratios compare
//    both pages over the same window from a cold start (the first 30 s; --peer-seconds 60: a minute).
//
// Measured on each page: requestAnimationFrame deltas (first vs second minute), long animation
// frames, main-thread busy time (CDP Performance.getMetrics TaskDuration), JS heap and DOM nodes
// (every 10 s; every 30 s after a forced GC, with the renderer's PSS from /proc), delivery lag
// (arrival - event ts), the panel's translation requests; and the side panel's JS gzipped.
// Prints a table and one JSON line; stops by itself (watchdog) and stops what it started.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const EXT = join(ROOT, 'extension');
const EXT_DIR = join(EXT, '.output', 'chrome-mv3');
const require = createRequire(join(EXT, 'package.json'));
const { chromium } = require('playwright-core');
const { io } = require('socket.io-client');

const opts = { seconds: 120, peerSeconds: 30, rate: 200, port: 5000, room: 'bench_room', sample: 10, checkpoint: 30 };
for (let i = 2; i < process.argv.length; i += 2) {
  const key = process.argv[i].replace(/^--/, '').replace(/-(\w)/g, (_, c) => c.toUpperCase());
  if (!(key in opts)) {
    console.error(`unknown option ${process.argv[i]} (known: ${Object.keys(opts).map((k) => `--${k}`).join(' ')})`);
    process.exit(2);
  }
  opts[key] = typeof opts[key] === 'number' ? Number(process.argv[i + 1]) : process.argv[i + 1];
}
const SERVER = `http://127.0.0.1:${opts.port}`;
const PYTHON = process.env.WCP_PYTHON ?? join(ROOT, '.venv', 'bin', 'python');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const STREAMER = 'dev-streamer'; // the extension's default dev sign-in subject
const VSYNC_MS = 1000 / 60;

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const log = (...a) => console.error(`[bench-extension ${new Date().toISOString().slice(11, 19)}]`, ...a);

// ---------------------------------------------------------------- processes (stopped by PID in cleanup)
const started = { server: null, llm: null, cli: null, http: null, context: null, varDir: null, publisher: null };
let cleaning = null;
async function cleanup() {
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
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => void cleanup().then(() => process.exit(130)));
const watchdog = setTimeout(() => {
  log('watchdog: run took too long, stopping');
  void cleanup().then(() => process.exit(3));
}, (opts.seconds + opts.peerSeconds + 90) * 1000);
watchdog.unref();

async function healthy() {
  try {
    return (await fetch(`${SERVER}/api/v1/health`, { signal: AbortSignal.timeout(1000) })).status < 500;
  } catch {
    return false;
  }
}

async function startLlm() {
  const child = spawn(PYTHON, ['-m', 'tests.fakes.llm_server', '--port', '0'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  started.llm = child;
  return new Promise((ok, fail) => {
    child.stdout.once('data', (d) => ok(d.toString().trim()));
    child.once('exit', () => fail(new Error('fake LLM server exited')));
  });
}

async function startServer(llmUrl) {
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
async function mintToken(env) {
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
async function startStatic() {
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

// ---------------------------------------------------------------- events (server/ingest/simulator.py's mix)
const CHAT = {
  en: ['hi gorgeous!', 'you look amazing today', "what's the goal tonight?", 'lol that was funny', 'can you say hi to me?',
    'love the new hair', 'brb grabbing a drink', 'good evening from Texas'],
  es: ['hola guapa!', 'que linda estas hoy', 'saludos desde Madrid', 'me encanta tu sonrisa'],
  de: ['hallo schöne frau', 'grüße aus Berlin', 'wie geht es dir heute?', 'du bist toll'],
  fr: ['coucou toi', 'tu es magnifique ce soir', 'bonsoir de Paris', "j'adore ton show"],
  pt: ['oi linda', 'boa noite do Brasil', 'você é demais'],
  ru: ['привет красавица', 'как дела?', 'ты супер'],
  ja: ['こんばんは！', 'かわいいですね', '日本から来ました'],
  it: ['ciao bella', 'saluti da Roma', 'sei bellissima'],
};
const LANGUAGE_WEIGHTS = { en: 45, es: 15, de: 10, fr: 8, pt: 7, ru: 6, ja: 4, it: 5 };
const NAMES = ['tipking', 'lurker_42', 'bigspender', 'max_power', 'juan_madrid', 'klaus_b', 'pierre75', 'joao_rio',
  'ivan_msk', 'kenji_t', 'marco_roma', 'nightowl', 'sweetpea', 'anon_user'];
const TIP_NOTES = ['', '', '', 'for the goal!', "you're the best", 'PM me', '🔥🔥🔥'];
const MIX = { chatMessage: 55, tip: 12, userEnter: 10, userLeave: 8, follow: 5, privateMessage: 3, fanclubJoin: 1, mediaPurchase: 1, unfollow: 1 };

function eventSource(room, prefix, seed = 42) {
  let s = seed >>> 0; // mulberry32
  const random = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = (weights) => {
    const entries = Object.entries(weights);
    let r = random() * entries.reduce((n, [, w]) => n + w, 0);
    for (const [k, w] of entries) if ((r -= w) < 0) return k;
    return entries.at(-1)[0];
  };
  const choice = (list) => list[Math.floor(random() * list.length)];
  const languages = Object.fromEntries(NAMES.map((n) => [n, pick(LANGUAGE_WEIGHTS)]));
  let n = 0;
  return () => {
    const method = pick(MIX);
    const name = choice(NAMES);
    const event = {
      id: `${prefix}-${String(++n).padStart(7, '0')}`, broadcaster: room, method, ts: Date.now() / 1000,
      user: { username: name, inFanclub: random() < 0.1, gender: 'm', hasTokens: true, recentTips: 'some', isMod: false, language: languages[name] },
    };
    if (method === 'tip') {
      const tokens = Math.max(1, Math.min(10_000, Math.floor((5 * 1) / Math.pow(1 - random(), 1 / 1.2))));
      event.tip = { tokens, isAnon: random() < 0.05, message: choice(TIP_NOTES) };
    } else if (method === 'chatMessage' || method === 'privateMessage') {
      event.message = { message: choice(CHAT[languages[name]]), color: '#494949', font: 'default' };
      if (method === 'privateMessage') Object.assign(event.message, { fromUser: name, toUser: room });
    } else if (method === 'mediaPurchase') {
      event.media = { id: 1 + Math.floor(random() * 20), name: 'Photo set', type: 'photos', tokens: choice([25, 50, 100]) };
    }
    return event;
  };
}

/** Publishes `rate` events/s over the hub (a small batch every 10 ms, paced on the clock). */
async function startPublisher(token, prefix) {
  const socket = io(`${SERVER}/hub`, { transports: ['websocket'], auth: { token }, reconnection: false, forceNew: true });
  await new Promise((ok, fail) => {
    socket.once('connect', ok);
    socket.once('connect_error', (e) => fail(new Error(`publisher connect_error ${JSON.stringify(e.data ?? e.message)}`)));
  });
  const next = eventSource(opts.room, prefix); // same seed: both phases get the same events
  const stats = { sent: 0, accepted: 0, refused: 0, acks: 0, firstError: null, sentAt: new Map(), t0: 0, t1: 0, epoch0: 0, hubLags: [] };
  // the publisher also subscribes: the lag of the hub itself, next to the pages' lag
  const subscribed = await new Promise((ok) => socket.timeout(10_000).emit('subscribe', { broadcaster: opts.room }, (err, ack) => ok(!err && ack?.ok)));
  if (!subscribed) throw new Error('publisher could not subscribe to the room');
  socket.on('event', (message) => {
    const now = Date.now();
    stats.hubLags.push(now, now - message.event.ts * 1000);
  });
  let timer = null;
  let finished = null;
  return {
    stats,
    /** Publish for `seconds` on its own clock; resolves when the last ack is in (or 5 s later). */
    run(seconds) {
      stats.t0 = performance.now();
      stats.epoch0 = Date.now();
      let batches = 0;
      timer = setInterval(() => {
        const elapsed = Math.min(seconds, (performance.now() - stats.t0) / 1000);
        const due = Math.floor(elapsed * opts.rate) - stats.sent;
        if (due > 0) {
          const batch = Array.from({ length: due }, next);
          const now = Date.now();
          for (const e of batch) stats.sentAt.set(e.id, now);
          stats.sent += due;
          batches += 1;
          socket.emit('publish', batch, (ack) => {
            stats.acks += 1;
            stats.accepted += ack?.accepted ?? 0;
            if (ack?.errors?.length) {
              stats.refused += ack.errors.length;
              stats.firstError ??= ack.errors[0];
            }
          });
        }
        if (elapsed >= seconds) {
          clearInterval(timer);
          timer = null;
          stats.t1 = performance.now();
          finished = (async () => {
            for (let i = 0; i < 100 && stats.acks < batches; i++) await sleep(50);
          })();
        }
      }, 10);
    },
    done: async () => {
      while (!finished) await sleep(50);
      await finished;
    },
    stop() {
      if (timer) clearInterval(timer);
      timer = null;
      socket.close();
    },
  };
}

// ---------------------------------------------------------------- renderer memory (/proc, Linux)
/** PSS in MB of the renderer processes under this process: the extension's (side panel + service worker) or the largest other one. */
function rendererPss(extension) {
  const children = new Map();
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (!children.has(ppid)) children.set(ppid, []);
      children.get(ppid).push(Number(d));
    } catch {
      // gone
    }
  }
  const pss = [];
  const todo = [...(children.get(process.pid) ?? [])];
  while (todo.length) {
    const pid = todo.pop();
    todo.push(...(children.get(pid) ?? []));
    try {
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      if (!cmd.includes('--type=renderer') || cmd.includes('--extension-process') !== extension) continue;
      const kb = Number(/^Pss:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'))?.[1] ?? 0);
      pss.push(kb / 1024);
    } catch {
      // gone or not readable
    }
  }
  if (!pss.length) return null;
  return r1(extension ? pss.reduce((a, b) => a + b, 0) : Math.max(...pss));
}

// ---------------------------------------------------------------- page probes
/**
 * In-page: rAF deltas and long animation frames; `__bench.start` is set when publishing starts.
 * Preallocated typed arrays, so that the probe itself does not grow the heap it measures.
 */
function installProbe(seconds) {
  const b = (window.__bench = { frames: new Float64Array(2 * 120 * (seconds + 30)), n: 0, loaf: [], start: 0 });
  let last = 0;
  const tick = (t) => {
    if (last && b.n < b.frames.length) {
      b.frames[b.n++] = t;
      b.frames[b.n++] = t - last;
    }
    last = t;
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) b.loaf.push(e.startTime, e.duration, e.blockingDuration ?? 0);
    }).observe({ type: 'long-animation-frame' });
  } catch {
    b.loaf = null; // not supported
  }
  return document.visibilityState;
}

/** In the panel page: count the hub:event envelopes the background relays, with [arrival ms, lag ms] (preallocated). */
function installPanelCounter(capacity) {
  const c = (window.__peer = { events: 0, lags: new Float64Array(2 * capacity), n: 0 });
  globalThis.chrome.runtime.onMessage.addListener((message) => {
    if (message?.type === 'hub:event') {
      const now = Date.now();
      for (const envelope of message.data) {
        c.events += 1;
        if (c.n < c.lags.length) {
          c.lags[c.n++] = now;
          c.lags[c.n++] = now - envelope.event.ts * 1000;
        }
      }
    }
    return false; // not ours to answer
  });
}

/** What the probes recorded, as plain arrays. */
function readProbe() {
  const b = window.__bench;
  const c = window.__peer;
  return {
    start: b.start, frames: Array.from(b.frames.subarray(0, b.n)), loaf: b.loaf,
    events: c.events, lag: Array.from(c.lags.subarray(0, c.n)),
  };
}

async function metrics(cdp) {
  const { metrics: list } = await cdp.send('Performance.getMetrics');
  return Object.fromEntries(list.map((m) => [m.name, m.value]));
}

// ---------------------------------------------------------------- sizes
/** The JS a page loads: its <script src> and modulepreload files plus their static imports, gzipped. */
function pageJs(dir, html) {
  const seen = new Set();
  const text = readFileSync(join(dir, html), 'utf8');
  const queue = [...text.matchAll(/<script[^>]*\ssrc="([^"]+\.js)"|<link[^>]*rel="modulepreload"[^>]*href="([^"]+\.js)"/g)].map((m) => m[1] ?? m[2]);
  let raw = 0;
  let gz = 0;
  while (queue.length) {
    const rel = queue.shift().replace(/^\//, '');
    if (seen.has(rel)) continue;
    seen.add(rel);
    const file = readFileSync(join(dir, rel));
    raw += file.length;
    gz += gzipSync(file, { level: 9 }).length;
    for (const m of file.toString('utf8').matchAll(/(?:import|from)\s*["'](\.{1,2}\/[^"']+\.js)["']/g)) {
      queue.push(join(dirname(rel), m[1]));
    }
  }
  return { files: [...seen], raw, gz };
}

// ---------------------------------------------------------------- stats
const pct = (sorted, p) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : NaN);
const r1 = (v) => (Number.isFinite(v) ? Math.round(v * 10) / 10 : null);
const mb = (bytes) => r1(bytes / 1_048_576);

function frameStats(probe, fromMs, toMs) {
  const d = [];
  for (let i = 0; i < probe.frames.length; i += 2) {
    const t = probe.frames[i] - probe.start;
    if (t >= fromMs && t < toMs) d.push(probe.frames[i + 1]);
  }
  d.sort((a, b) => a - b);
  const long = [];
  for (let i = 0; probe.loaf && i < probe.loaf.length; i += 3) {
    const t = probe.loaf[i] - probe.start;
    if (t >= fromMs && t < toMs) long.push(probe.loaf[i + 1]);
  }
  return {
    frames: d.length,
    fps: r1(d.length / ((toMs - fromMs) / 1000)),
    p50: r1(pct(d, 50)),
    p95: r1(pct(d, 95)),
    p99: r1(pct(d, 99)),
    max: r1(d.at(-1)),
    // a delta of 1.5 frames or more: at least one vsync missed
    dropped_pct: r1((100 * d.filter((x) => x > 1.5 * VSYNC_MS).length) / Math.max(1, d.length)),
    long_frames: probe.loaf ? long.length : null,
  };
}

/** `pairs` = [arrival epoch ms, lag ms, ...]; only arrivals in [from, to) when given. */
function lagStats(pairs, from = -Infinity, to = Infinity) {
  const s = [];
  for (let i = 0; i < pairs.length; i += 2) if (pairs[i] >= from && pairs[i] < to) s.push(pairs[i + 1]);
  s.sort((a, b) => a - b);
  return { p50: Math.round(pct(s, 50)), p95: Math.round(pct(s, 95)), max: Math.round(s.at(-1) ?? NaN) };
}

// ---------------------------------------------------------------- run
const CHROMIUM_ARGS = ['--no-sandbox'];

/** Publish for `seconds` into one open page and measure it (the page is alone in its browser). */
async function measure(page, cdp, token, seconds, prefix, name, extension, sample, compare) {
  await cdp.send('Performance.enable');
  const visibility = await page.evaluate(installProbe, seconds);
  const publisher = await startPublisher(token, prefix);
  started.publisher = publisher;
  await sleep(1000); // a few idle frames first
  const t0 = performance.now();
  publisher.run(seconds);
  await page.evaluate(() => (window.__bench.start = performance.now()));
  log(`${name}: publishing ${opts.rate} events/s to ${opts.room} for ${seconds} s (page ${visibility})`);
  const samples = [];
  const checkpoints = [];
  const minute = Math.min(60, seconds);
  const at = new Set([0, minute, compare, seconds]);
  for (let s = sample; s < seconds; s += sample) at.add(s);
  for (const s of [...at].sort((x, y) => x - y)) {
    await sleep(Math.max(0, t0 + s * 1000 - performance.now()));
    const m = await metrics(cdp);
    samples.push({ t: s, at: (performance.now() - t0) / 1000, heap: m.JSHeapUsedSize, nodes: m.Nodes, task: m.TaskDuration });
    if (s > 0 && (s % opts.checkpoint === 0 || s === seconds || s === compare)) {
      await cdp.send('HeapProfiler.collectGarbage');
      const g = await metrics(cdp);
      const pss = rendererPss(extension);
      checkpoints.push({ t: s, heap: g.JSHeapUsedSize, nodes: g.Nodes, pss });
      log(`${name} ${s} s: ${publisher.stats.sent} sent, JS heap after GC ${mb(g.JSHeapUsedSize)} MB, ${g.Nodes} DOM nodes, renderer PSS ${pss} MB`);
    }
  }
  await publisher.done();
  publisher.stop();
  started.publisher = null;
  await sleep(1000); // in-flight events land
  const probe = await page.evaluate(readProbe);
  const counts = probe;
  const published = publisher.stats.accepted;
  const window_ = (from, to) => {
    const a = samples.find((x) => x.t === from);
    const b = samples.find((x) => x.t === to);
    const at = checkpoints.find((c) => c.t === to);
    const frames = frameStats(probe, from * 1000, to * 1000);
    const e0 = publisher.stats.epoch0;
    const busyMs = a && b ? (b.task - a.task) * 1000 : null;
    return {
      ...frames,
      lag_ms: lagStats(counts.lag, e0 + from * 1000, e0 + to * 1000 + (to === seconds ? 60_000 : 0)),
      hub_lag_ms: lagStats(publisher.stats.hubLags, e0 + from * 1000, e0 + to * 1000 + (to === seconds ? 60_000 : 0)),
      busy_pct: busyMs === null ? null : r1(busyMs / (10 * (b.at - a.at))),
      busy_ms_per_frame: busyMs === null ? null : r1(busyMs / Math.max(1, frames.frames)),
      heap_mb_after_gc: at ? mb(at.heap) : null,
      renderer_pss_mb: at?.pss ?? null,
      dom_nodes: at?.nodes ?? null,
    };
  };
  const result = {
    published,
    published_per_s: r1(published / ((publisher.stats.t1 - publisher.stats.t0) / 1000)),
    refused: publisher.stats.refused,
    received: counts.events,
    lag_ms: lagStats(counts.lag),
    compare_window: window_(0, compare),
    first_minute: window_(0, minute),
    heap_mb_after_gc: Object.fromEntries(checkpoints.map((c) => [`${c.t}s`, mb(c.heap)])),
    renderer_pss_mb: Object.fromEntries(checkpoints.map((c) => [`${c.t}s`, c.pss])),
    dom_nodes: Object.fromEntries(checkpoints.map((c) => [`${c.t}s`, c.nodes])),
    heap_mb_sampled: Object.fromEntries(samples.map((x) => [`${x.t}s`, mb(x.heap)])),
  };
  if (seconds > minute) result.second_minute = window_(minute, seconds);
  if (publisher.stats.firstError) result.first_error = publisher.stats.firstError;
  return result;
}

async function main() {
  if (!existsSync(join(EXT_DIR, 'manifest.json'))) throw new Error(`no build in ${EXT_DIR}: cd extension && npm ci && npm run build`);
  const size = pageJs(EXT_DIR, 'sidepanel.html');
  log(`side panel JS: ${size.files.join(', ')} = ${(size.raw / 1024).toFixed(1)} KB, ${(size.gz / 1024).toFixed(1)} KB gzipped`);

  const llmUrl = await startLlm();
  const env = await startServer(llmUrl);
  const statics = await startStatic();
  log(`server on ${SERVER} (fake LLM ${llmUrl}), peer page on ${statics.url}`);

  const cmp = Math.min(60, opts.peerSeconds, opts.seconds); // the window both pages are compared on, from a cold start

  // ---- 1. the side panel: the built extension, signed in with "Local server (dev)", room linked, Live tab
  const [token, context] = await Promise.all([
    mintToken(env),
    chromium.launchPersistentContext('', {
      executablePath: CHROMIUM, headless: true, viewport: { width: 400, height: 760 },
      args: [`--disable-extensions-except=${EXT_DIR}`, `--load-extension=${EXT_DIR}`, ...CHROMIUM_ARGS],
    }).then((c) => (started.context = c)),
  ]);
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 15_000 }));
  const panel = await context.newPage();
  await panel.goto(`chrome-extension://${new URL(worker.url()).host}/sidepanel.html`);
  await panel.waitForSelector('[data-ready="true"]');
  await panel.click('[data-testid="signin-dev"]');
  await panel.waitForSelector('[role="tablist"]', { timeout: 15_000 });
  await panel.click('[data-tab="settings"]');
  await panel.fill('#room', opts.room);
  await panel.click('[data-testid="save-room"]');
  await panel.waitForSelector('text=Saved');
  await panel.click('[data-tab="live"]');
  await panel.waitForSelector('[data-testid="connection"][data-state="live"]', { timeout: 20_000 });
  await panel.evaluate(installPanelCounter, opts.rate * (opts.seconds + 30));

  // the panel's translation requests: how many, and how far behind the events they carry
  const translate = { requests: 0, items: 0, translated: 0, failed: 0, lags: [] };
  panel.on('requestfinished', async (request) => {
    if (!request.url().includes('/translate/batch')) return;
    const at = Date.now();
    translate.requests += 1;
    const items = request.postDataJSON()?.items ?? [];
    translate.items += items.length;
    for (const item of items) {
      const sent = started.publisher?.stats.sentAt.get(item.event_id);
      if (sent) translate.lags.push(at, at - sent);
    }
    const response = await request.response().catch(() => null);
    if (!response || response.status() >= 400) translate.failed += 1;
    else translate.translated += ((await response.json().catch(() => ({}))).items ?? []).filter((i) => i && 'text' in i).length;
  });
  const panelResult = await measure(panel, await context.newCDPSession(panel), token, opts.seconds, 'panel', 'side panel', true, opts.sample, cmp);
  panelResult.js_gz_kb = r1(size.gz / 1024);
  panelResult.js_raw_kb = r1(size.raw / 1024);
  panelResult.translate = {
    requests: translate.requests, lines: translate.items, translated: translate.translated, failed: translate.failed,
    lag_from_publish_ms: lagStats(translate.lags),
  };
  await context.close();
  started.context = null;

  // ---- 2. the peer: a plain page in a fresh Chromium, same server, same events (same seed), same viewport
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  started.context = browser;
  const peer = await browser.newPage({ viewport: { width: 400, height: 760 } });
  const capacity = String(opts.rate * (opts.peerSeconds + 30));
  await peer.goto(`${statics.url}/extension_peer.html?${new URLSearchParams({ server: SERVER, room: opts.room, token, capacity })}`);
  await peer.waitForSelector('#state[data-state="live"]', { timeout: 15_000 });
  const peerResult = await measure(peer, await peer.context().newCDPSession(peer), token, opts.peerSeconds, 'peer', 'peer', false, opts.checkpoint, cmp); // its CDP answers wait behind its backlog
  let peerGz = 0;
  for (const [, body] of Object.values(statics.files)) peerGz += gzipSync(body, { level: 9 }).length;
  peerResult.js_gz_kb = r1(peerGz / 1024);
  await browser.close();
  started.context = null;

  // ---- report
  const p0 = panelResult.compare_window;
  const p1 = panelResult.first_minute;
  const p2 = panelResult.second_minute ?? p1;
  const q1 = peerResult.compare_window;
  const ratio = (a, b) => (a != null && b ? r1(a / b) : null);
  const heap = panelResult.heap_mb_after_gc;
  const tEnd = `${opts.seconds}s`;
  const tMin = `${Math.min(60, opts.seconds)}s`;
  const result = {
    bench: 'extension', rate: opts.rate, seconds: opts.seconds, peer_seconds: opts.peerSeconds, compare_seconds: cmp,
    panel: panelResult, peer: peerResult,
    ratio_peer_over_panel: {
      p95_frame: ratio(q1.p95, p0.p95),
      missed_vsync: ratio(q1.dropped_pct, p0.dropped_pct),
      main_thread_busy: ratio(q1.busy_pct, p0.busy_pct),
      js_heap: ratio(q1.heap_mb_after_gc, p0.heap_mb_after_gc),
      renderer_pss: ratio(q1.renderer_pss_mb, p0.renderer_pss_mb),
      dom_nodes: ratio(q1.dom_nodes, p0.dom_nodes),
      delivery_lag_p95: ratio(q1.lag_ms.p95, p0.lag_ms.p95),
    },
    goals: {
      // 60 Hz: rAF deltas come in 16.7 ms steps, so "≤ 16 ms" reads as "no frame longer than one vsync"
      p95_frame_within_one_vsync: Math.max(p1.p95, p2.p95) <= VSYNC_MS + 0.5, // 16.7 ms + rAF timestamp jitter
      heap_flat_after_first_minute: Math.abs(heap[tEnd] - heap[tMin]) <= Math.max(0.5, 0.05 * heap[tMin]), // MB
      js_gz_le_200kb: size.gz <= 200 * 1024,
      panel_kept_up: panelResult.received >= 0.99 * panelResult.published,
    },
    chromium: spawnSync(CHROMIUM, ['--version'], { encoding: 'utf8' }).stdout.trim(),
  };

  const fr = (f) => `${f.p50} / ${f.p95} / ${f.p99}`;
  const m = Math.min(60, opts.seconds);
  const panelCols = cmp === m ? [p1, p2] : [p0, p1, p2];
  const cols = [...(cmp === m ? [] : [`panel 0-${cmp} s`]), `panel 0-${m} s`, `panel ${m}-${opts.seconds} s`, `peer 0-${cmp} s`, `peer/panel ${cmp} s`];
  const row = (label, f, ratioOf = null) => [label, ...panelCols.map(f), f(q1), ratioOf ? ratio(ratioOf(q1), ratioOf(p0)) : ''];
  const lagCell = (key) => (x) => `${x[key].p50} / ${x[key].p95}`;
  const rows = [
    row('delivery lag p50 / p95 (ms)', lagCell('lag_ms'), (x) => x.lag_ms.p95),
    row('  hub alone (bench subscriber)', lagCell('hub_lag_ms')),
    row('frame p50 / p95 / p99 (ms)', fr, (x) => x.p95),
    row('frame max (ms)', (x) => x.max),
    row('frames missing a vsync (%)', (x) => x.dropped_pct, (x) => x.dropped_pct),
    row('long animation frames (≥50 ms)', (x) => x.long_frames),
    row('main thread busy (%)', (x) => x.busy_pct, (x) => x.busy_pct),
    row('main thread work per frame (ms)', (x) => x.busy_ms_per_frame, (x) => x.busy_ms_per_frame),
    row('JS heap after GC at end (MB)', (x) => x.heap_mb_after_gc, (x) => x.heap_mb_after_gc),
    row('renderer PSS at end (MB)', (x) => x.renderer_pss_mb, (x) => x.renderer_pss_mb),
    row('DOM nodes at end', (x) => x.dom_nodes, (x) => x.dom_nodes),
  ];
  const w = [Math.max(...rows.map((r) => r[0].length)), ...cols.map((c, i) => (i === cols.length - 1 ? Math.max(10, c.length) : 20))];
  const line = (r) => r.map((c, i) => (i ? String(c ?? '-').padStart(w[i]) : String(c).padEnd(w[0]))).join(' | ');
  console.log(`\nmake bench-extension: ${opts.rate} events/s into the side panel for ${opts.seconds} s, then into the plain DOM peer for ${opts.peerSeconds} s (${result.chromium})`);
  console.log(line(['', ...cols]));
  console.log(w.map((n) => '-'.repeat(n)).join('-+-'));
  rows.forEach((r) => console.log(line(r)));
  const lag = (x) => `${x.received}/${x.published} events (${x.published_per_s}/s), delivery lag p50 ${x.lag_ms.p50} ms, p95 ${x.lag_ms.p95} ms, max ${x.lag_ms.max} ms`;
  console.log(`panel: ${lag(panelResult)}`);
  console.log(`peer:  ${lag(peerResult)}`);
  const over = (o) => Object.entries(o).map(([t, v]) => `${t} ${v}`).join(', ');
  console.log(`JS heap after GC (MB): panel ${over(heap)}; peer ${over(peerResult.heap_mb_after_gc)}`);
  console.log(`renderer PSS (MB): panel (+ service worker) ${over(panelResult.renderer_pss_mb)}; peer ${over(peerResult.renderer_pss_mb)}`);
  const t = panelResult.translate;
  console.log(`panel translations: ${t.requests} requests, ${t.lines} lines, ${t.translated} translated, ${t.failed} failed; lag from publish p50 ${t.lag_from_publish_ms.p50} ms, p95 ${t.lag_from_publish_ms.p95} ms, max ${t.lag_from_publish_ms.max} ms`);
  console.log(`side panel JS: ${panelResult.js_gz_kb} KB gzipped (${panelResult.js_raw_kb} KB raw); peer page + socket.io: ${peerResult.js_gz_kb} KB gzipped`);
  console.log(`goals: ${Object.entries(result.goals).map(([k, v]) => `${k} ${v ? 'yes' : 'NO'}`).join(', ')}`);
  console.log(JSON.stringify(result));
  return result;
}

main()
  .then(async (result) => {
    await cleanup();
    process.exit(result.panel.received > 0 && result.peer.received > 0 ? 0 : 1);
  })
  .catch(async (err) => {
    console.error(err);
    await cleanup();
    process.exit(1);
  });
