// make bench-extension: the result (ratios, goals) as one table and one JSON line.
import { spawnSync } from 'node:child_process';

import { CHROMIUM, IN_TIME_MS, opts, VSYNC_MS } from './config.mjs';
import { r1 } from './probes.mjs';

const ratio = (a, b) => {
  if (a == null || !b) return null;
  const q = a / b;
  return q < 0.95 ? Math.round(q * 100) / 100 : r1(q); // two decimals under 1: 0.05 is not 0
};
const within = (p95) => p95 != null && p95 <= VSYNC_MS + 0.5; // 16.7 ms + rAF timestamp jitter

/** The table's columns: each phase's windows, then the ratio of two of them (`over` / `under`). */
function columns(cmp, { panel, peer, server, device }) {
  const m = Math.min(60, opts.seconds);
  const t = opts.translateSeconds;
  const cols = [];
  if (panel) {
    if (cmp !== m) cols.push({ head: `panel 0-${cmp} s`, x: panel.compare_window, key: 'panel' });
    cols.push({ head: `panel 0-${m} s`, x: panel.first_minute, key: cmp === m ? 'panel' : null });
    if (panel.second_minute) cols.push({ head: `panel ${m}-${opts.seconds} s`, x: panel.second_minute });
  }
  if (peer) cols.push({ head: `peer 0-${cmp} s`, x: peer.compare_window, key: 'peer' });
  if (panel && peer) cols.push({ head: 'peer/panel', over: 'peer', under: 'panel' });
  if (server) cols.push({ head: `server path 0-${t} s`, x: { ...server.compare_window, tr: server.translation }, key: 'server' });
  if (device) cols.push({ head: `device path 0-${t} s`, x: { ...device.compare_window, tr: device.translation }, key: 'device' });
  if (server && device) cols.push({ head: 'device/server', over: 'device', under: 'server' });
  return cols;
}

/** [label, cell(window) or '-', number(window) for the ratio columns or null] */
const ROWS = [
  [`chat lines translated within ${IN_TIME_MS / 1000} s (%)`, (x) => x.tr?.in_time_pct, (x) => x.tr?.in_time_pct],
  [`  of lines arriving in the last 10 s (%)`, (x) => x.tr?.last_10s.in_time_pct, (x) => x.tr?.last_10s.in_time_pct],
  ['translated / arrived (by the end)', (x) => x.tr && `${x.tr.translated} / ${x.tr.arrived}`, (x) => x.tr?.translated],
  ['translation after arrival p50 / p95 (ms)', (x) => x.tr && `${x.tr.lag_ms.p50} / ${x.tr.lag_ms.p95}`, (x) => x.tr?.lag_ms.p95],
  ['delivery lag p50 / p95 (ms)', (x) => `${x.lag_ms.p50} / ${x.lag_ms.p95}`, (x) => x.lag_ms.p95],
  ['  hub alone (bench subscriber)', (x) => `${x.hub_lag_ms.p50} / ${x.hub_lag_ms.p95}`, null],
  ['frame p50 / p95 / p99 (ms)', (x) => `${x.p50} / ${x.p95} / ${x.p99}`, (x) => x.p95],
  ['frame max (ms)', (x) => x.max, null],
  ['frames missing a vsync (%)', (x) => x.dropped_pct, (x) => x.dropped_pct],
  ['long animation frames (≥50 ms)', (x) => x.long_frames, null],
  ['main thread busy (%)', (x) => x.busy_pct, (x) => x.busy_pct],
  ['main thread work per frame (ms)', (x) => x.busy_ms_per_frame, (x) => x.busy_ms_per_frame],
  ['JS heap after GC at end (MB)', (x) => x.heap_mb_after_gc, (x) => x.heap_mb_after_gc],
  ['renderer PSS at end (MB)', (x) => x.renderer_pss_mb, (x) => x.renderer_pss_mb],
  ['DOM nodes at end', (x) => x.dom_nodes, (x) => x.dom_nodes],
];

function printTable(cols) {
  const byKey = Object.fromEntries(cols.filter((c) => c.key).map((c) => [c.key, c.x]));
  const cell = (col, [, show, value]) => {
    if (!col.over) return show(col.x) ?? '-';
    return value ? ratio(value(byKey[col.over]), value(byKey[col.under])) ?? '-' : '';
  };
  const head = ['', ...cols.map((c) => c.head)];
  const rows = ROWS.map((row) => [row[0], ...cols.map((c) => cell(c, row))]);
  const w = head.map((_, i) => Math.max(...[head, ...rows].map((r) => String(r[i]).length)));
  const line = (r) => r.map((c, i) => (i ? String(c).padStart(w[i]) : String(c).padEnd(w[0]))).join(' | ');
  console.log(line(head));
  console.log(w.map((n) => '-'.repeat(n)).join('-+-'));
  rows.forEach((r) => console.log(line(r)));
}

function goals(size, phases) {
  const { panel, server, device } = phases;
  const g = {};
  if (panel) {
    const heap = panel.heap_mb_after_gc;
    const [tEnd, tMin] = [`${opts.seconds}s`, `${Math.min(60, opts.seconds)}s`];
    // 60 Hz: rAF deltas come in 16.7 ms steps, so "≤ 16 ms" reads as "no frame longer than one vsync"
    g.p95_frame_within_one_vsync = within(Math.max(panel.first_minute.p95, (panel.second_minute ?? panel.first_minute).p95));
    g.heap_flat_after_first_minute = Math.abs(heap[tEnd] - heap[tMin]) <= Math.max(0.5, 0.05 * heap[tMin]); // MB
    g.js_gz_le_200kb = size.gz <= 200 * 1024;
    g.panel_kept_up = panel.received >= 0.99 * panel.published;
  }
  if (server) g.server_path_p95_frame_within_one_vsync = within(server.compare_window.p95);
  if (device) g.device_path_p95_frame_within_one_vsync = within(device.compare_window.p95);
  return g;
}

function printDetails(size, phases) {
  const { panel, peer, server, device } = phases;
  const lag = (x) => `${x.received}/${x.published} events (${x.published_per_s}/s), delivery lag p50 ${x.lag_ms.p50} ms, p95 ${x.lag_ms.p95} ms, max ${x.lag_ms.max} ms`;
  const over = (o) => Object.entries(o).map(([t, v]) => `${t} ${v}`).join(', ');
  for (const [name, x] of Object.entries(phases)) console.log(`${`${name}:`.padEnd(7)} ${lag(x)}`);
  if (panel) {
    console.log(`JS heap after GC (MB): panel ${over(panel.heap_mb_after_gc)}${peer ? `; peer ${over(peer.heap_mb_after_gc)}` : ''}`);
    console.log(`renderer PSS (MB): panel (+ service worker) ${over(panel.renderer_pss_mb)}${peer ? `; peer ${over(peer.renderer_pss_mb)}` : ''}`);
    const t = panel.translate;
    console.log(`panel translations: ${t.requests} requests, ${t.lines} lines, ${t.translated} translated, ${t.failed} failed; lag from publish p50 ${t.lag_from_publish_ms.p50} ms, p95 ${t.lag_from_publish_ms.p95} ms, max ${t.lag_from_publish_ms.max} ms`);
    console.log(`side panel JS: ${panel.js_gz_kb} KB gzipped (${panel.js_raw_kb} KB raw)${peer ? `; peer page + socket.io: ${peer.js_gz_kb} KB gzipped` : ''}`);
  } else console.log(`side panel JS: ${(size.gz / 1024).toFixed(1)} KB gzipped`);
  for (const [name, x] of Object.entries({ server, device })) {
    if (!x) continue;
    const t = x.translation;
    const langs = Object.entries(t.by_language).map(([l, s]) => `${l} ${s.per_s}/s ${s.in_time_pct} %`).join(', ');
    const r = t.server_requests;
    const d = t.device;
    const engine = d
      ? `fake Translator (${t.device_ms_per_line} ms a line, one at a time per pair): ${d.calls} calls, ${d.done} answered, ${d.waiting} still waiting at the end (at most ${d.maxWaiting} on ${d.maxWaitingPair})`
      : `${r.requests} /translate/batch requests, ${r.lines} lines, ${r.translated} answered, ${r.failed} failed`;
    console.log(`${name} path: within ${IN_TIME_MS / 1000} s by language: ${langs}; ${t.answered_unchanged} answered without a translation; ${engine}${d ? `; ${r.requests} server requests` : ''}`);
  }
}

/** Prints the table and the JSON line; returns the result. */
export function report(size, cmp, phases) {
  const { panel, peer, server, device } = phases;
  const chromium = spawnSync(CHROMIUM, ['--version'], { encoding: 'utf8' }).stdout.trim();
  const result = {
    bench: 'extension', rate: opts.rate, seconds: opts.seconds, peer_seconds: opts.peerSeconds, compare_seconds: cmp,
    translate_seconds: opts.translateSeconds, device_ms_per_line: opts.deviceMs, phases: Object.keys(phases),
    panel, peer, server_path: server, device_path: device,
    goals: goals(size, phases),
    chromium,
  };
  if (panel && peer) {
    const [p0, q1] = [panel.compare_window, peer.compare_window];
    result.ratio_peer_over_panel = Object.fromEntries(
      [['p95_frame', 'p95'], ['missed_vsync', 'dropped_pct'], ['main_thread_busy', 'busy_pct'], ['js_heap', 'heap_mb_after_gc'],
        ['renderer_pss', 'renderer_pss_mb'], ['dom_nodes', 'dom_nodes']].map(([k, f]) => [k, ratio(q1[f], p0[f])]),
    );
    result.ratio_peer_over_panel.delivery_lag_p95 = ratio(q1.lag_ms.p95, p0.lag_ms.p95);
  }
  if (server && device) {
    const [s, d] = [server.translation, device.translation];
    result.ratio_device_over_server = {
      in_time: ratio(d.in_time_pct, s.in_time_pct), in_time_last_10s: ratio(d.last_10s.in_time_pct, s.last_10s.in_time_pct),
      translated: ratio(d.translated, s.translated), p95_frame: ratio(device.compare_window.p95, server.compare_window.p95),
    };
  }

  const said = [];
  if (panel) said.push(`${opts.rate} events/s (the simulator's mix) into the side panel for ${opts.seconds} s`);
  if (peer) said.push(`into the plain DOM peer for ${opts.peerSeconds} s`);
  if (server || device) said.push(`${opts.rate} foreign chat lines/s into the panel for ${opts.translateSeconds} s on the ${[server && 'server', device && `device (${opts.deviceMs} ms a line)`].filter(Boolean).join(' and the ')} path`);
  console.log(`\nmake bench-extension: ${said.join(', then ')} (${chromium})`);
  printTable(columns(cmp, phases));
  printDetails(size, phases);
  console.log(`goals: ${Object.entries(result.goals).map(([k, v]) => `${k} ${v ? 'yes' : 'NO'}`).join(', ')}`);
  console.log(JSON.stringify(result));
  return result;
}
