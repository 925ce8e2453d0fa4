/**
 * On-device AI in real Chromium against the real server and the fake provider:
 * - Debian's Chromium has no built-in models: the panel runs AI on the server and Settings says so;
 * - with Chrome's APIs faked in the panel (the unit tests' fakes, bundled into an init script) a busy
 *   room is translated and replied to with zero calls at the fake provider;
 * - with "keep chat on this device" on and no model, no chat text reaches the server.
 */
import type { ChildProcess } from 'node:child_process';
import { tmpdir } from 'node:os';
import { resolve } from 'node:path';
import { buildSync } from 'esbuild';
import type { Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  fakeLlmCalls,
  launchExtension,
  openPanel,
  PORT,
  SERVER_URL,
  signInAndLinkRoom,
  startFakeLlm,
  startServer,
  stopServer,
  type ExtensionBrowser,
  type RunningServer,
} from './harness';

// Screenshots for the docs are rewritten only on request (UPDATE_SCREENSHOTS=1), as in panel.e2e.ts.
const DOCS = process.env.UPDATE_SCREENSHOTS ? resolve(import.meta.dirname, '..', '..', 'docs') : tmpdir();
const FAKES = buildSync({
  entryPoints: [resolve(import.meta.dirname, '..', 'tests', 'utils', 'ondevice', 'install-fakes.ts')],
  bundle: true,
  write: false,
  format: 'iife',
}).outputFiles[0]!.text;

let server: RunningServer;
let fakeLlm: ChildProcess;

const engineOf = (panel: Page, feature: string) =>
  panel.getAttribute(`[data-feature="${feature}"] [data-testid="engine"]`, 'data-engine');

async function usage(): Promise<Record<string, { used: number }>> {
  const minted = await fetch(`${SERVER_URL}/api/v1/dev/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ sub: 'dev-streamer' }),
  });
  const { access_token: token } = (await minted.json()) as { access_token: string };
  const me = await fetch(`${SERVER_URL}/api/v1/me`, { headers: { Authorization: `Bearer ${token}` } });
  return ((await me.json()) as { usage: Record<string, { used: number }> }).usage;
}

/** A fresh browser profile with the extension; `fakes`: Chrome's built-in AI faked in every page. */
async function session(
  fakes: boolean,
  before?: (panel: Page) => Promise<void>,
): Promise<{ browser: ExtensionBrowser; panel: Page }> {
  const browser = await launchExtension();
  if (fakes) await browser.context.addInitScript({ content: FAKES });
  const panel = await openPanel(browser);
  if (before) {
    await before(panel);
    await panel.reload();
    await panel.waitForSelector('[data-ready="true"]');
  }
  await signInAndLinkRoom(panel);
  return { browser, panel };
}

async function openSettings(panel: Page): Promise<void> {
  await panel.click('[data-tab="settings"]');
  await panel.waitForSelector('[data-feature="replies"] [data-testid="engine"]:not([data-engine="unknown"])');
}

/** `language`: the "Reply in" choice ('' = my language, 'viewer' = the line's own language). */
async function suggestForFirstLine(panel: Page, language = 'viewer'): Promise<void> {
  await panel.click('[data-tab="reply"]');
  await panel.click('[data-testid="reply-candidates"] li button');
  await panel.selectOption('#reply-language', language);
  await panel.click('text=Suggest replies');
}

beforeAll(async () => {
  fakeLlm = await startFakeLlm();
  server = await startServer(undefined, PORT, { SIMULATOR_EVENTS_PER_SECOND: '30' });
});

afterAll(async () => {
  if (server) await stopServer(server);
  fakeLlm?.kill('SIGTERM');
});

describe('on-device AI', () => {
  it('without built-in models, runs on the server and Settings says why', async () => {
    const { browser, panel } = await session(false);
    try {
      // the server path is live: lines are translated by the fake provider, counted there
      await panel.waitForSelector('[data-testid="translation"]:has-text("[en]")', { timeout: 20_000 });
      expect(await fakeLlmCalls()).toBeGreaterThan(0);
      await openSettings(panel);
      for (const feature of ['translation', 'detection', 'replies']) {
        expect(await engineOf(panel, feature)).toBe('server');
      }
      const card = panel.locator('[data-testid="ondevice-settings"]');
      await expect.poll(() => card.innerText()).toContain('On the server');
      expect(await card.innerText()).toContain('on-device AI is not supported here');
      await card.scrollIntoViewIfNeeded();
      await card.screenshot({ path: `${DOCS}/settings-ai-engine.png` });
    } finally {
      await browser.context.close();
    }
  });

  it('with the models on the device, a busy room is translated and replied to with no provider call', async () => {
    const before = await fakeLlmCalls();
    const { browser, panel } = await session(true);
    try {
      await panel.waitForSelector('[data-testid="translation"]', { timeout: 20_000 });
      const translated = () =>
        panel.evaluate(
          () =>
            (globalThis as unknown as { __wcpFakeAI: { Translator: { translations: number } } }).__wcpFakeAI.Translator
              .translations,
        );
      // the simulator repeats ~24 distinct foreign lines: past those, the per-line cache answers
      await expect.poll(translated, { timeout: 30_000 }).toBeGreaterThanOrEqual(12);
      await expect.poll(() => panel.locator('[data-testid="translation"]').count()).toBeGreaterThanOrEqual(3);
      // in English, which the (faked) Chrome model writes; a German reply is the fallback case below
      await suggestForFirstLine(panel, '');
      await panel.locator('[data-testid="suggestions"] li').first().waitFor({ timeout: 20_000 });
      expect(await panel.getAttribute('[data-testid="reply-engine"]', 'data-engine')).toBe('device');
      await panel.click('[data-tab="write"]');
      await panel.click('section button.btn-primary.py-1\\.5');
      await panel.locator('[data-testid="variants"] li').first().waitFor({ timeout: 20_000 });
      expect(await panel.getAttribute('[data-testid="write-engine"]', 'data-engine')).toBe('device');
      await panel.click('[data-tab="account"]');
      const counted = panel.locator('[data-testid="ondevice-usage"]');
      await expect.poll(() => counted.innerText(), { timeout: 10_000 }).toMatch(/Translation characters\s+[1-9]/);
      // the open tab follows the counts as they are written
      await expect.poll(() => counted.innerText(), { timeout: 10_000 }).toMatch(/Reply requests\s+[1-9]/);
      await openSettings(panel);
      expect(await engineOf(panel, 'translation')).toBe('device');
      const card = panel.locator('[data-testid="ondevice-settings"]');
      await card.scrollIntoViewIfNeeded();
      await card.screenshot({ path: `${DOCS}/settings-ai-engine-device.png` });
      expect(await fakeLlmCalls()).toBe(before);
      // a language the device's model lacks goes to the server, and the panel says so
      await suggestForFirstLine(panel, 'de');
      const ranOn = panel.locator('[data-testid="reply-engine"][data-engine="server"]');
      await ranOn.waitFor({ timeout: 20_000 });
      expect(await ranOn.innerText()).toContain('does not write in this language');
      expect(await fakeLlmCalls()).toBeGreaterThan(before);
    } finally {
      await browser.context.close();
    }
  });

  it('with "keep chat on this device" and no model, no chat text reaches the server', async () => {
    const callsBefore = await fakeLlmCalls();
    const usageBefore = await usage();
    const aiRequests: Request[] = [];
    const { browser, panel } = await session(false, async (page) => {
      page.context().on('request', (r) => {
        if (/\/api\/v1\/(translate(\/batch)?|reply(\/prompt)?|write\/[a-z_]+)$/.test(new URL(r.url()).pathname))
          aiRequests.push(r);
      });
      await page.evaluate(async () => {
        const { chrome } = globalThis as unknown as {
          chrome: {
            storage: { local: { get(k: string): Promise<Record<string, object>>; set(v: object): Promise<void> } };
          };
        };
        const { settings } = await chrome.storage.local.get('settings');
        await chrome.storage.local.set({ settings: { ...settings, keepChatOnDevice: true } });
      });
    });
    try {
      await expect
        .poll(() => panel.locator('[data-testid="feed-row"]').count(), { timeout: 20_000 })
        .toBeGreaterThan(20);
      await suggestForFirstLine(panel);
      await panel.waitForSelector('text=keep chat on this device', { timeout: 10_000 });
      await openSettings(panel);
      expect(await engineOf(panel, 'translation')).toBe('none');
      expect(await engineOf(panel, 'replies')).toBe('none');
      expect(await panel.isChecked('input[name="keepChatOnDevice"]')).toBe(true);
      expect(aiRequests.map((r) => r.url())).toEqual([]);
      const usageAfter = await usage();
      expect(usageAfter.translate_chars?.used).toBe(usageBefore.translate_chars?.used);
      expect(usageAfter.reply_suggestions?.used).toBe(usageBefore.reply_suggestions?.used);
      expect(await fakeLlmCalls()).toBe(callsBefore);
    } finally {
      await browser.context.close();
    }
  });
});
