// make bench-extension: the side panel under 200 events/s, in Debian's Chromium, vs a plain DOM page;
// then inline translation in a room of 200 foreign chat lines/s, on the server path vs the device path.
//
//   node bench/bench_extension.mjs [--seconds 120] [--peer-seconds 30] [--rate 200] [--port 5000]
//                                  [--room bench_room] [--sample 10] [--checkpoint 30]
//                                  [--phases panel,peer,server,device] [--translate-seconds 30] [--device-ms 50]
//
// Starts the real server (`.venv/bin/python -m server`, SQLite in a temporary VAR_DIR, dev issuer,
// PUBLISH_RATE_LIMIT=off) with the fake OpenAI-compatible provider (tests/fakes/llm_server.py, so
// the panel's inline translation runs as it does for a streamer), and publishes simulator-like
// events (server/ingest/simulator.py's method mix, languages and lines; seeded) from this process
// at a fixed rate over the hub's `publish` (Socket.IO, as the streamer's own studio-tier account:
// the in-server simulator sleeps between events and tops out near 170 events/s here).
// --port other than 5000 needs the extension built with WCP_E2E_PORT=<port> (its host permission).
//
// 1. panel: the built extension (extension/.output/chrome-mv3) in headless Chromium; its page
//    (chrome-extension://<id>/sidepanel.html) signs in with "Local server (dev)", links the room,
//    shows the Live tab; events flow server → background service worker → panel, as in use.
// 2. peer: bench/extension_peer.html (served from here) in a fresh headless Chromium, subscribed to
//    the same room on the same server, fed the same events (same seed), appends every event to a
//    plain DOM list (no virtualization, no cap). The phases run one after the other so that neither
//    page steals CPU from the other on a small machine (the peer saturates a core within ~20 s), and
//    the peer runs 30 s by default; the ratios compare both pages over the same window from a cold
//    start (the first 30 s; --peer-seconds 60: a minute).
// 3. server, 4. device: a fresh panel, 200 chat lines/s all in foreign languages, translated into
//    English on the server path (today's cap) and then on the device path (Chrome's Translator and
//    LanguageDetector faked, --device-ms per line, one line at a time per language pair); the share
//    of lines whose translation is in the panel within 2 s of their arrival (translate.mjs).
//
// Measured on each page: requestAnimationFrame deltas (first vs second minute), long animation
// frames, main-thread busy time (CDP Performance.getMetrics TaskDuration), JS heap and DOM nodes
// (every 10 s; every 30 s after a forced GC, with the renderer's PSS from /proc), delivery lag
// (arrival - event ts), the panel's translation requests; and the side panel's JS gzipped.
// Prints one table and one JSON line; stops by itself (watchdog) and stops what it started.
//
// The parts live in bench/extension/: config (command line), processes, events, probes (and stats),
// measure (one phase), phases (panel, peer), translate (+ ondevice-fakes, bundled into the panel)
// and report.
import { existsSync } from 'node:fs';
import { join } from 'node:path';

import { EXT_DIR, log, opts, PHASES, SERVER } from './extension/config.mjs';
import { panelPhase, peerPhase } from './extension/phases.mjs';
import { pageJs } from './extension/probes.mjs';
import { cleanup, installGuards, mintToken, startLlm, startServer, startStatic } from './extension/processes.mjs';
import { report } from './extension/report.mjs';
import { translationPhase } from './extension/translate.mjs';

installGuards();

async function main() {
  if (!existsSync(join(EXT_DIR, 'manifest.json'))) throw new Error(`no build in ${EXT_DIR}: cd extension && npm ci && npm run build`);
  const size = pageJs(EXT_DIR, 'sidepanel.html');
  log(`side panel JS: ${size.files.join(', ')} = ${(size.raw / 1024).toFixed(1)} KB, ${(size.gz / 1024).toFixed(1)} KB gzipped`);

  const llmUrl = await startLlm();
  const env = await startServer(llmUrl);
  const statics = await startStatic();
  log(`server on ${SERVER} (fake LLM ${llmUrl}), peer page on ${statics.url}; phases ${[...PHASES].join(', ')}`);
  const token = await mintToken(env);

  const cmp = Math.min(60, opts.peerSeconds, opts.seconds); // the window both pages are compared on, from a cold start
  const phases = {};
  if (PHASES.has('panel')) phases.panel = await panelPhase(token, size, cmp);
  if (PHASES.has('peer')) phases.peer = await peerPhase(token, statics, cmp);
  if (PHASES.has('server')) phases.server = await translationPhase(token, 'server');
  if (PHASES.has('device')) phases.device = await translationPhase(token, 'device');
  return report(size, cmp, phases);
}

main()
  .then(async (result) => {
    await cleanup();
    const ran = [result.panel, result.peer, result.server_path, result.device_path].filter(Boolean);
    process.exit(ran.length && ran.every((x) => x.received > 0) ? 0 : 1);
  })
  .catch(async (err) => {
    console.error(err);
    await cleanup();
    process.exit(1);
  });
