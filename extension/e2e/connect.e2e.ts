import type { ChildProcess } from 'node:child_process';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  launchExtension,
  openPanel,
  SERVER_URL,
  signIn,
  startPythonFake,
  startServer,
  stopServer,
  type ExtensionBrowser,
  type RunningServer,
  PORT,
} from './harness';

const ROOM = 'cb_room';
let server: RunningServer;
let fakeApi: ChildProcess;
let feedUrls: string[];
let browser: ExtensionBrowser;
let panel: Page;

const feedState = () => panel.getAttribute('[data-testid="feed-state"]', 'data-state', { timeout: 2_000 });
const rowWith = (text: string) => panel.locator(`[data-testid="feed-row"]:has-text("${text}")`).first();

beforeAll(async () => {
  // the fake Events API of the server's own tests (tests/ingest/chaturbate/fake_events_api.py): two feeds
  [fakeApi, feedUrls] = await startPythonFake(
    'tests.ingest.chaturbate.fake_events_api',
    ['--broadcaster', ROOM, '--feeds', '2'],
    2,
  );
  server = await startServer(undefined, PORT, { EVENTS_API_ALLOW_LOCAL: 'on', SIMULATOR: '' });
  browser = await launchExtension();
  panel = await openPanel(browser);
});

afterAll(async () => {
  await browser?.context.close();
  if (server) await stopServer(server);
  fakeApi?.kill('SIGTERM');
});

describe('pick the server before signing in', () => {
  it('names a server URL it cannot reach, then reads how the right one signs in', async () => {
    const wrong = 'http://127.0.0.1:5000'; // granted in the manifest; nothing serves it during e2e
    await panel.fill('#server-url', wrong);
    await panel.click('[data-testid="server-check"]');
    await panel.waitForSelector(`text=Can't reach the server at ${wrong}`, { timeout: 15_000 });
    await panel.fill('#server-url', SERVER_URL);
    await panel.click('[data-testid="server-check"]');
    await panel.waitForSelector('[data-testid="server-mode"][data-mode="dev"]');
    expect(await panel.locator('[data-testid="signin-auth0"]').count()).toBe(0);
    await signIn(panel);
  });
});

describe('connect a room from Settings', () => {
  it('refuses a URL of the wrong shape before sending it', async () => {
    await panel.click('[data-tab="settings"]');
    await panel.fill('#events-url', 'https://chaturbate.com/statsapi/authtoken/');
    await panel.click('[data-testid="connect-feed"]');
    await panel.waitForSelector('text=/events/<room>/<token>/');
  });

  it('connects the pasted URL, shows "connected" and the events arrive', async () => {
    await panel.fill('#events-url', feedUrls[0]!);
    await panel.click('[data-testid="connect-feed"]');
    await expect.poll(feedState, { timeout: 15_000 }).toBe('connected');
    expect(await panel.textContent('[data-testid="feed-state"]')).toContain(ROOM);
    const token = new URL(feedUrls[0]!).pathname.split('/')[3]!; // the fake's token: never shown back
    expect(await panel.textContent('[data-testid="connect-room"]')).not.toContain(token);
    await expect.poll(() => panel.textContent('[data-testid="feed-live"]'), { timeout: 15_000 }).toContain('connected');
    await panel.click('[data-tab="live"]');
    await rowWith('feed 1 line').waitFor({ timeout: 15_000 });
  });

  it('replaces the URL with another one', async () => {
    await panel.click('[data-tab="settings"]');
    await panel.click('[data-testid="replace-feed"]');
    await panel.fill('#events-url', feedUrls[1]!);
    await panel.click('[data-testid="connect-feed"]');
    const port = new URL(feedUrls[1]!).port;
    await expect
      .poll(() => panel.textContent('[data-testid="connect-room"]'), { timeout: 15_000 })
      .toContain(`:${port}/`);
    await expect.poll(feedState, { timeout: 15_000 }).toBe('connected');
    await panel.click('[data-tab="live"]');
    await rowWith('feed 2 line').waitFor({ timeout: 15_000 });
  });

  it('disconnects: the feed stops and the guide is back', async () => {
    await panel.click('[data-tab="settings"]');
    await panel.click('[data-testid="disconnect-feed"]');
    await panel.waitForSelector('#events-url');
    expect(await panel.locator('[data-testid="feed-state"]').count()).toBe(0);
    await expect
      .poll(() => panel.textContent('[data-testid="publish-chat-effect"]'), { timeout: 10_000 })
      .toContain('No Events API feed is connected');
  });
});
