// make bench-extension: one measured phase (publish into an open page, sample it, summarize it).
import { log, opts, sleep } from './config.mjs';
import { startPublisher } from './events.mjs';
import { frameStats, installProbe, lagStats, mb, metrics, r1, readProbe, rendererPss } from './probes.mjs';
import { started } from './processes.mjs';

/**
 * Publish for `seconds` into one open page and measure it (the page is alone in its browser).
 * `extension`: the page is the side panel (for its renderer's memory); `source`: the events (events.mjs).
 */
export async function measure(page, cdp, { token, seconds, prefix, name, extension, sample, compare, source }) {
  await cdp.send('Performance.enable');
  const visibility = await page.evaluate(installProbe, seconds);
  const publisher = await startPublisher(token, prefix, source);
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
