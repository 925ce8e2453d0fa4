// make bench-extension: the translation phases. A room of `rate` chat lines/s, every line foreign
// (events.mjs foreignChatSource), into a fresh side panel, once on each path of inline translation:
// - server: Debian's Chromium has no built-in AI, so the panel batches lines to /translate/batch
//   (the fake LLM provider answers at once), with today's cap (stores/translations.ts);
// - device: Chrome's Translator and LanguageDetector faked in the panel (ondevice-fakes.mjs) with a
//   per-line time, serialized per Translator instance; no server call.
// Measured in the panel: when each chat line reached it (the background's hub:event relay) and when
// the translations store first held its result (the store's result Map, reached through the app's
// Pinia; no hook in the extension); plus the frames, as in every phase (measure.mjs).
import { join } from 'node:path';

import { IN_TIME_MS, log, opts, require, ROOT, sleep } from './config.mjs';
import { foreignChatSource } from './events.mjs';
import { measure } from './measure.mjs';
import { closeBrowser, openPanel, watchTranslateRequests } from './phases.mjs';
import { pct, r1 } from './probes.mjs';

/** The device phase's init script: the fakes, bundled, `ms` per line. */
export function fakesScript(ms) {
  const { buildSync } = require('esbuild');
  return buildSync({
    entryPoints: [join(ROOT, 'bench', 'extension', 'ondevice-fakes.mjs')],
    bundle: true, write: false, format: 'iife', define: { __DEVICE_MS__: String(ms) },
  }).outputFiles[0].text;
}

/** In the panel: which engine translates, from the app's own stores. */
function engineInPanel() {
  const pinia = document.querySelector('#app')?.__vue_app__?.config.globalProperties.$pinia;
  return pinia?._s.get('ondevice')?.engineFor('translation') ?? null;
}

/**
 * In the panel: record each chat line's arrival (the relay the feed reads) and the first result the
 * translations store keeps for it (its result Map's own `set`, patched on this instance only).
 */
function installTranslationProbe() {
  const pinia = document.querySelector('#app')?.__vue_app__?.config.globalProperties.$pinia;
  const results = pinia?._s.get('translations')?.results;
  if (!(results instanceof Map)) throw new Error('translations store not found (Pinia on #app)');
  const t = (window.__translations = { arrived: new Map(), done: new Map() });
  const fake = globalThis.__wcpBenchAI?.stats;
  if (fake) Object.assign(fake, { calls: 0, done: 0, maxWaiting: 0, maxWaitingPair: '' }); // count this phase's lines only
  const set = results.set;
  results.set = function (id, result) {
    if (!t.done.has(id)) t.done.set(id, [Date.now(), result.source, result.target, result.text]);
    return set.call(this, id, result);
  };
  globalThis.chrome.runtime.onMessage.addListener((message) => {
    if (message?.type !== 'hub:event') return false;
    const now = Date.now();
    for (const { event } of message.data) {
      if (event.method === 'chatMessage') t.arrived.set(event.id, [now, event.message.message, event.user?.language]);
    }
    return false; // not ours to answer
  });
}

/** Per chat line: arrival (epoch ms), language, ms to its result (null: none), whether it shows a translation. */
function readTranslationProbe() {
  const t = window.__translations;
  const lines = [];
  for (const [id, [at, text, language]] of t.arrived) {
    const done = t.done.get(id);
    const shown = Boolean(done) && done[1] !== done[2] && done[3].trim() !== text.trim(); // as translationOf
    lines.push([at, language, done ? done[0] - at : null, shown]);
  }
  const stats = globalThis.__wcpBenchAI?.stats ?? null;
  return { now: Date.now(), lines, device: stats && { ...stats } };
}

/** One path's result: the phase's frames etc. (measure.mjs) plus `translation`. */
export async function translationPhase(token, path) {
  const seconds = opts.translateSeconds;
  const { context, panel } = await openPanel(opts.rate * (seconds + 30), path === 'device' ? fakesScript(opts.deviceMs) : null);
  const engine = await panel.evaluate(engineInPanel);
  if (engine !== path) throw new Error(`${path} phase: the panel translates on "${engine}"`);
  // the room's history, replayed when the panel connects, is translated first: let it finish
  await sleep(3000);
  if (path === 'device') await panel.waitForFunction(() => globalThis.__wcpBenchAI.stats.waiting === 0, null, { timeout: 30_000 });
  const requests = watchTranslateRequests(panel);
  await panel.evaluate(installTranslationProbe);
  const result = await measure(panel, await context.newCDPSession(panel), {
    token, seconds, prefix: `${path}path`, name: `${path} path`, extension: true, sample: 10, compare: seconds,
    source: foreignChatSource,
  });
  await sleep(IN_TIME_MS + 500); // every counted line has had its 2 s
  const probe = await panel.evaluate(readTranslationProbe);
  result.translation = summarize(probe, result.published, requests());
  const t = result.translation;
  log(`${path} path: ${t.in_time}/${t.arrived} chat lines translated within ${IN_TIME_MS / 1000} s (${t.in_time_pct} %), ${t.translated} by the end`);
  await closeBrowser();
  return result;
}

function summarize(probe, published, requests) {
  const lines = probe.lines.filter(([at]) => at <= probe.now - IN_TIME_MS);
  const inTime = (l) => l[3] && l[2] <= IN_TIME_MS;
  const share = (list) => ({
    arrived: list.length,
    in_time: list.filter(inTime).length,
    in_time_pct: r1((100 * list.filter(inTime).length) / Math.max(1, list.length)),
  });
  const t0 = Math.min(...lines.map(([at]) => at));
  const t1 = Math.max(...lines.map(([at]) => at));
  const byLanguage = {};
  for (const l of lines) (byLanguage[l[1]] ??= []).push(l);
  const seconds = Math.max(1, (t1 - t0) / 1000);
  const lags = lines.filter((l) => l[3]).map((l) => l[2]).sort((a, b) => a - b);
  return {
    ...share(lines),
    published,
    translated: lags.length,
    answered_unchanged: lines.filter((l) => l[2] !== null && !l[3]).length, // a result that shows no translation
    lag_ms: { p50: Math.round(pct(lags, 50)), p95: Math.round(pct(lags, 95)), max: Math.round(lags.at(-1) ?? NaN) },
    last_10s: share(lines.filter(([at]) => at >= t1 - 10_000)),
    by_language: Object.fromEntries(
      Object.entries(byLanguage)
        .sort(([, a], [, b]) => b.length - a.length)
        .map(([language, list]) => [language, { per_s: r1(list.length / seconds), ...share(list) }]),
    ),
    server_requests: requests,
    device: probe.device, // the fake Translator: calls, done, still waiting at the end, the most waiting on one instance
    device_ms_per_line: probe.device ? opts.deviceMs : null,
  };
}
