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
//
// The parts live in bench/extension/: config (command line), processes, events, probes (and stats),
// measure (one phase), phases (panel, peer) and report.
import { existsSync } from 'node:fs';
import { join } from 'node:path';

import { EXT_DIR, log, opts, SERVER } from './extension/config.mjs';
import { panelPhase, peerPhase } from './extension/phases.mjs';
import { pageJs } from './extension/probes.mjs';
import { cleanup, installGuards, startLlm, startServer, startStatic } from './extension/processes.mjs';
import { report } from './extension/report.mjs';

installGuards();

async function main() {
  if (!existsSync(join(EXT_DIR, 'manifest.json'))) throw new Error(`no build in ${EXT_DIR}: cd extension && npm ci && npm run build`);
  const size = pageJs(EXT_DIR, 'sidepanel.html');
  log(`side panel JS: ${size.files.join(', ')} = ${(size.raw / 1024).toFixed(1)} KB, ${(size.gz / 1024).toFixed(1)} KB gzipped`);

  const llmUrl = await startLlm();
  const env = await startServer(llmUrl);
  const statics = await startStatic();
  log(`server on ${SERVER} (fake LLM ${llmUrl}), peer page on ${statics.url}`);

  const cmp = Math.min(60, opts.peerSeconds, opts.seconds); // the window both pages are compared on, from a cold start

  const { token, panelResult } = await panelPhase(env, size, cmp);
  const peerResult = await peerPhase(token, statics, cmp);
  return report(size, cmp, panelResult, peerResult);
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
