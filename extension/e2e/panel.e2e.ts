import type { ChildProcess } from 'node:child_process';
import { tmpdir } from 'node:os';
import type { Page } from 'playwright-core';
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  launchExtension,
  openPanel,
  ROOM,
  ROOM_PAGE,
  SERVER_URL,
  signInAndLinkRoom,
  startFakeLlm,
  startServer,
  stopServer,
  type ExtensionBrowser,
  type RunningServer,
} from './harness';

// Screenshots for the README are rewritten only on request (UPDATE_SCREENSHOTS=1).
const DOCS = process.env.UPDATE_SCREENSHOTS ? new URL('../../docs', import.meta.url).pathname : tmpdir();
let server: RunningServer;
let fakeLlm: ChildProcess;
let browser: ExtensionBrowser;
let panel: Page;

const rows = () => panel.locator('[data-testid="feed-row"]');
/** chrome.runtime.sendMessage from the panel page (the raw @webext-core/messaging envelope, see utils/shared/messaging.ts). */
const sendFromPanel = (message: { type: string; data?: unknown }) =>
  panel.evaluate(
    (m) => {
      const { chrome } = globalThis as unknown as {
        chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } };
      };
      return chrome.runtime.sendMessage(m);
    },
    { id: 1, timestamp: Date.now(), ...message },
  );
const state = () => panel.getAttribute('[data-testid="connection"]', 'data-state');
/** Set the room the background connects to, straight in chrome.storage (as Settings saves it). */
const setRoom = (broadcaster: string) =>
  panel.evaluate(async (room) => {
    const { chrome } = globalThis as unknown as {
      chrome: {
        storage: {
          local: { get(k: string): Promise<Record<string, { broadcaster: string }>>; set(v: object): Promise<void> };
        };
      };
    };
    const { settings } = await chrome.storage.local.get('settings');
    await chrome.storage.local.set({ settings: { ...settings, broadcaster: room } });
  }, broadcaster);

/** Hub sockets of `sub` opened from outside the panel, retried briefly until the server accepts them. */
async function openHubSockets(sub: string, count: number): Promise<Socket[]> {
  const minted = await fetch(`${SERVER_URL}/api/v1/dev/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ sub }),
  });
  const { access_token: token } = (await minted.json()) as { access_token: string };
  const sockets: Socket[] = [];
  for (let tries = 0; sockets.length < count; tries++) {
    if (tries > 50) throw new Error('the server kept refusing the outside sockets');
    const socket = io(`${SERVER_URL}/hub`, {
      transports: ['websocket'],
      auth: { token },
      reconnection: false,
      forceNew: true,
    });
    const accepted = await new Promise<boolean>((done) => {
      socket.once('connect', () => done(true));
      socket.once('connect_error', () => done(false));
    });
    if (accepted) sockets.push(socket);
    else {
      socket.close();
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  return sockets;
}

beforeAll(async () => {
  fakeLlm = await startFakeLlm();
  server = await startServer();
  browser = await launchExtension();
  await browser.context.route('https://chaturbate.com/**', (route) =>
    route.fulfill({ contentType: 'text/html', body: ROOM_PAGE }),
  );
  panel = await openPanel(browser);
});

afterAll(async () => {
  await browser?.context.close();
  if (server) await stopServer(server);
  fakeLlm?.kill('SIGTERM');
});

describe('side panel against the real server', () => {
  it('signs in with the local server and shows the room live', async () => {
    await signInAndLinkRoom(panel);
    await panel.waitForSelector('[data-testid="connection"][data-state="live"]', { timeout: 20_000 });
    await expect.poll(() => rows().count(), { timeout: 15_000 }).toBeGreaterThan(3);
    // chat in other languages is translated inline (the fake provider answers "[en] <text>")
    await panel.waitForSelector('[data-testid="translation"]:has-text("[en]")', { timeout: 20_000 });
    await panel.waitForTimeout(3_000); // let a few more simulated events (and tips) arrive
    await panel.emulateMedia({ colorScheme: 'light' });
    await panel.screenshot({ path: `${DOCS}/sidepanel-light.png` });
    await panel.emulateMedia({ colorScheme: 'dark' });
    await panel.screenshot({ path: `${DOCS}/sidepanel-dark.png` });
    await panel.emulateMedia({ colorScheme: 'light' });
  });

  it('publishes chat seen on the room page and gets it back through the hub', async () => {
    const room = await browser.context.newPage();
    await room.goto(`https://chaturbate.com/${ROOM}/`);
    await room.waitForTimeout(500); // content script attaches at document_idle
    await room.evaluate(() => {
      const line = document.createElement('div');
      line.className = 'msg-text';
      line.innerHTML = '<span class="username">e2e_viewer</span><span class="msg-text">seen on the page</span>';
      document.querySelector('.message-list')!.append(line);
    });
    await panel.waitForSelector('[data-testid="feed-row"]:has-text("seen on the page")', { timeout: 15_000 });
    await room.close();
  });

  it('suggests replies to a picked message and inserts one into the chat box', async () => {
    const room = await browser.context.newPage();
    await room.goto(`https://chaturbate.com/${ROOM}/`);
    await room.waitForTimeout(500);
    await panel.bringToFront();
    await panel.click('[data-tab="reply"]');
    await panel.click('[data-testid="reply-candidates"] li button');
    await panel.click('text=Suggest replies');
    const first = panel.locator('[data-testid="suggestions"] li').first();
    await first.waitFor({ timeout: 20_000 });
    const suggestion = (await first.locator('p').innerText()).trim();
    expect(suggestion.length).toBeGreaterThan(0);
    await panel.getByRole('button', { name: 'Insert into chat' }).first().click();
    await expect.poll(() => room.inputValue('.chat-input-field'), { timeout: 10_000 }).toBe(suggestion);
    expect(await room.evaluate(() => document.body.dataset.keyed ?? 'no')).toBe('no');
    await room.close();
    await panel.click('[data-tab="live"]');
  });

  it('puts a reply into the room chat box without sending it', async () => {
    const room = await browser.context.newPage();
    await room.goto(`https://chaturbate.com/${ROOM}/`);
    await room.waitForTimeout(500);
    // what the Reply tab's "Insert into chat" sends (its suggestions need an AI provider)
    const result = await sendFromPanel({ type: 'chat:insert', data: { text: 'thank you!' } });
    expect(result).toEqual({ res: { ok: true } });
    expect(await room.inputValue('.chat-input-field')).toBe('thank you!');
    expect(await room.evaluate(() => document.body.dataset.keyed ?? 'no')).toBe('no'); // no Enter pressed
    await room.close();
  });

  it('server down, then up: the banner shows within seconds and the panel is live within 3 s of health', async () => {
    // the feed is virtualized (only visible rows exist), so count what it holds, not DOM rows
    const held = async () => Number(await panel.getAttribute('[data-testid="feed"]', 'data-count'));
    const lastOffset = async () => Number(await panel.getAttribute('[data-testid="feed"]', 'data-last-offset'));
    await panel.click('[data-tab="live"]');
    const before = await held();
    const offsetBefore = await lastOffset();
    await stopServer(server, { keepData: true });
    const down = Date.now();
    await expect.poll(state, { timeout: 10_000 }).toBe('reconnecting');
    await panel.waitForSelector('[data-testid="offline-alert"]', { timeout: 5_000 }); // the banner within ~3 s
    expect(Date.now() - down).toBeLessThan(5_000);
    await panel.waitForTimeout(8_000); // long enough for the backoff to reach its cap
    server = await startServer(server.varDir); // returns once /api/v1/health answers
    await expect.poll(state, { timeout: 3_000, interval: 100 }).toBe('live'); // no click: live within 3 s
    await expect.poll(held, { timeout: 15_000 }).toBeGreaterThan(before);
    await expect.poll(lastOffset, { timeout: 15_000 }).toBeGreaterThan(offsetBefore);
  });

  it('says at once when the plan has no free connection, and connects once one frees up', async () => {
    await setRoom(''); // the background closes its socket, freeing its slot
    await expect.poll(state, { timeout: 10_000 }).not.toBe('live');
    const others = await openHubSockets('dev-streamer', 2); // the free plan's two live connections
    try {
      await setRoom(ROOM);
      const banner = panel.locator('[data-testid="offline-alert"]');
      await expect
        .poll(() => banner.textContent(), { timeout: 15_000 })
        .toContain('Not connected: the free tier allows 2 live connections');
      expect(await panel.textContent('[data-testid="connection"]')).toContain('Connection limit reached');
      others.pop()?.close();
      await banner.locator('button').click(); // "Retry now"
      await expect.poll(state, { timeout: 20_000 }).toBe('live');
      expect(await banner.count()).toBe(0);
    } finally {
      others.forEach((socket) => socket.close());
    }
  });
});
