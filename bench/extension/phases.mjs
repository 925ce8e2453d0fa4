// make bench-extension: the side panel in a fresh browser; the panel and peer phases (translation phases: translate.mjs).
import { gzipSync } from 'node:zlib';

import { chromium, CHROMIUM, CHROMIUM_ARGS, EXT_DIR, opts, SERVER } from './config.mjs';
import { measure } from './measure.mjs';
import { installPanelCounter, lagStats, r1 } from './probes.mjs';
import { started } from './processes.mjs';

/**
 * A fresh browser with the built extension, its side panel signed in with "Local server (dev)",
 * the room linked, on the Live tab, counting the events it is relayed (up to `capacity`).
 * `initScript`: code every page runs first (the on-device AI fakes).
 */
export async function openPanel(capacity, initScript = null) {
  const context = await chromium.launchPersistentContext('', {
    executablePath: CHROMIUM, headless: true, viewport: { width: 400, height: 760 },
    args: [`--disable-extensions-except=${EXT_DIR}`, `--load-extension=${EXT_DIR}`, ...CHROMIUM_ARGS],
  });
  started.context = context;
  if (initScript) await context.addInitScript({ content: initScript });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 15_000 }));
  const panel = await context.newPage();
  await panel.goto(`chrome-extension://${new URL(worker.url()).host}/sidepanel.html`);
  await panel.waitForSelector('[data-ready="true"]');
  await panel.fill('#server-url', SERVER); // --port other than 5000: the build needs WCP_E2E_PORT=<port> (host permission)
  await panel.click('[data-testid="signin-dev"]');
  await panel.waitForSelector('[role="tablist"]', { timeout: 15_000 });
  await panel.click('[data-tab="settings"]');
  await panel.fill('#room', opts.room);
  await panel.click('[data-testid="save-room"]');
  await panel.waitForSelector('text=Saved');
  await panel.click('[data-tab="live"]');
  await panel.waitForSelector('[data-testid="connection"][data-state="live"]', { timeout: 20_000 });
  await panel.evaluate(installPanelCounter, capacity);
  return { context, panel };
}

export async function closeBrowser() {
  await started.context?.close();
  started.context = null;
}

/** The panel's /translate/batch requests: how many, and how far behind the events they carry; returns their summary. */
export function watchTranslateRequests(panel) {
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
  return () => ({
    requests: translate.requests, lines: translate.items, translated: translate.translated, failed: translate.failed,
    lag_from_publish_ms: lagStats(translate.lags),
  });
}

/** The side panel under the simulator-like load. */
export async function panelPhase(token, size, cmp) {
  // ---- 1. the side panel: the built extension, signed in with "Local server (dev)", room linked, Live tab
  const { context, panel } = await openPanel(opts.rate * (opts.seconds + 30));

  const requests = watchTranslateRequests(panel);
  const panelResult = await measure(panel, await context.newCDPSession(panel), {
    token, seconds: opts.seconds, prefix: 'panel', name: 'side panel', extension: true, sample: opts.sample, compare: cmp,
  });
  panelResult.js_gz_kb = r1(size.gz / 1024);
  panelResult.js_raw_kb = r1(size.raw / 1024);
  panelResult.translate = requests();
  await closeBrowser();
  return panelResult;
}

/** The peer page under the same load, with the same token. */
export async function peerPhase(token, statics, cmp) {
  // ---- 2. the peer: a plain page in a fresh Chromium, same server, same events (same seed), same viewport
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  started.context = browser;
  const peer = await browser.newPage({ viewport: { width: 400, height: 760 } });
  const capacity = String(opts.rate * (opts.peerSeconds + 30));
  await peer.goto(`${statics.url}/extension_peer.html?${new URLSearchParams({ server: SERVER, room: opts.room, token, capacity })}`);
  await peer.waitForSelector('#state[data-state="live"]', { timeout: 15_000 });
  const peerResult = await measure(peer, await peer.context().newCDPSession(peer), {
    token, seconds: opts.peerSeconds, prefix: 'peer', name: 'peer', extension: false,
    sample: opts.checkpoint, // its CDP answers wait behind its backlog
    compare: cmp,
  });
  let peerGz = 0;
  for (const [, body] of Object.values(statics.files)) peerGz += gzipSync(body, { level: 9 }).length;
  peerResult.js_gz_kb = r1(peerGz / 1024);
  await closeBrowser();
  return peerResult;
}
