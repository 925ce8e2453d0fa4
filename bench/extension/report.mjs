// make bench-extension: the result (ratios, goals) as a table and one JSON line.
import { spawnSync } from 'node:child_process';

import { CHROMIUM, opts, VSYNC_MS } from './config.mjs';
import { r1 } from './probes.mjs';

/** Prints the table and the JSON line; returns the result. */
export function report(size, cmp, panelResult, peerResult) {
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
