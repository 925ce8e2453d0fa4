// make bench-extension: renderer memory (/proc), the in-page frame/event probes, page JS sizes, and stats helpers.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';

import { VSYNC_MS } from './config.mjs';

// ---------------------------------------------------------------- renderer memory (/proc, Linux)
/** PSS in MB of the renderer processes under this process: the extension's (side panel + service worker) or the largest other one. */
export function rendererPss(extension) {
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
export function installProbe(seconds) {
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
export function installPanelCounter(capacity) {
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
export function readProbe() {
  const b = window.__bench;
  const c = window.__peer;
  return {
    start: b.start, frames: Array.from(b.frames.subarray(0, b.n)), loaf: b.loaf,
    events: c.events, lag: Array.from(c.lags.subarray(0, c.n)),
  };
}

export async function metrics(cdp) {
  const { metrics: list } = await cdp.send('Performance.getMetrics');
  return Object.fromEntries(list.map((m) => [m.name, m.value]));
}

// ---------------------------------------------------------------- sizes
/** The JS a page loads: its <script src> and modulepreload files plus their static imports, gzipped. */
export function pageJs(dir, html) {
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
export const pct = (sorted, p) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : NaN);
export const r1 = (v) => (Number.isFinite(v) ? Math.round(v * 10) / 10 : null);
export const mb = (bytes) => r1(bytes / 1_048_576);

export function frameStats(probe, fromMs, toMs) {
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
export function lagStats(pairs, from = -Infinity, to = Infinity) {
  const s = [];
  for (let i = 0; i < pairs.length; i += 2) if (pairs[i] >= from && pairs[i] < to) s.push(pairs[i + 1]);
  s.sort((a, b) => a - b);
  return { p50: Math.round(pct(s, 50)), p95: Math.round(pct(s, 95)), max: Math.round(s.at(-1) ?? NaN) };
}
