/**
 * Resume after a lost connection, against the real server: the panel sends its stream position
 * {offset, epoch}, and says "caught up, N missed events restored" — or, once the server's history was
 * wiped (a new epoch), reloads the recent feed over REST and says "history reloaded".
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HubEnvelope } from '@/utils/shared/types';
import {
  launchExtension,
  openPanel,
  PORT,
  signInAndLinkRoom,
  startServer,
  stopServer,
  type ExtensionBrowser,
  type RunningServer,
} from './harness';
import { freePort, startProxy, type CuttableProxy } from './proxy';

const ROOM = 'e2e_resume'; // not simulated: the only events in it are the ones published here
const SUB = 'dev-streamer'; // the panel's dev sign-in subject (Settings default)
let backendPort: number;
let proxy: CuttableProxy;
let server: RunningServer;
let browser: ExtensionBrowser;
let panel: Page;

const backend = () => `http://127.0.0.1:${backendPort}/api/v1`;
const state = () => panel.getAttribute('[data-testid="connection"]', 'data-state');
const held = async () => Number(await panel.getAttribute('[data-testid="feed"]', 'data-count'));
const notice = () => panel.locator('[data-testid="recovery-notice"]');

/** chrome.runtime.sendMessage from the panel page (the @webext-core/messaging envelope). */
async function ask<T>(type: string): Promise<T> {
  const answer = await panel.evaluate(
    (m) => {
      const { chrome } = globalThis as unknown as {
        chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } };
      };
      return chrome.runtime.sendMessage(m);
    },
    { id: 1, timestamp: Date.now(), type },
  );
  return (answer as { res: T }).res;
}

/** Tips from `names` published over HTTP, straight to the server (not through the proxy). */
async function publishTips(names: string[]): Promise<void> {
  const minted = await fetch(`${backend()}/dev/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ sub: SUB }),
  });
  const { access_token: token } = (await minted.json()) as { access_token: string };
  const events = names.map((name) => ({
    id: `tip-${name}`,
    broadcaster: ROOM,
    method: 'tip',
    user: { username: name },
    tip: { tokens: 10, isAnon: false, message: '' },
  }));
  const response = await fetch(`${backend()}/events`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
    body: JSON.stringify(events),
  });
  const ack = (await response.json()) as { accepted?: number };
  expect(ack.accepted, JSON.stringify(ack)).toBe(names.length);
}

/** The background's recent events: every event once, offsets strictly increasing. */
async function recentNames(): Promise<string[]> {
  const recent = await ask<HubEnvelope[]>('hub:recent');
  const offsets = recent.map((e) => e.offset);
  expect(offsets).toEqual([...offsets].sort((a, b) => a - b));
  expect(new Set(offsets).size).toBe(offsets.length);
  return recent.map((e) => e.event.user?.username ?? '');
}

/** Drop the panel's connection and restart the server; `wipe` deletes its event store first. */
async function restartWhileCut(wipe = false): Promise<void> {
  proxy.cut();
  await expect.poll(state, { timeout: 10_000 }).toBe('reconnecting');
  await stopServer(server, { keepData: true });
  if (wipe)
    for (const file of ['events.db', 'events.db-wal', 'events.db-shm'])
      rmSync(join(server.varDir, file), { force: true });
  server = await startServer(server.varDir, backendPort);
}

async function reconnect(): Promise<void> {
  proxy.restore();
  await ask('hub:reconnect'); // "Retry now": skips the rest of the backoff
  await expect.poll(state, { timeout: 30_000 }).toBe('live');
}

beforeAll(async () => {
  backendPort = await freePort();
  proxy = await startProxy(PORT, backendPort); // the extension talks to PORT (its host permission)
  server = await startServer(undefined, backendPort);
  browser = await launchExtension();
  panel = await openPanel(browser);
});

afterAll(async () => {
  await browser?.context.close();
  if (server) await stopServer(server);
  await proxy?.close();
});

describe('resume after a lost connection', () => {
  it('restores every missed event once and says how many', async () => {
    await signInAndLinkRoom(panel, ROOM);
    await panel.waitForSelector('[data-testid="connection"][data-state="live"]', { timeout: 20_000 });
    await publishTips(['live_1', 'live_2', 'live_3']);
    await expect.poll(held, { timeout: 15_000 }).toBe(3);

    await restartWhileCut();
    const missed = ['missed_1', 'missed_2', 'missed_3', 'missed_4', 'missed_5'];
    await publishTips(missed); // while the panel is cut off
    await reconnect();

    await expect
      .poll(() => notice().textContent(), { timeout: 15_000 })
      .toMatch(/caught up, 5 missed events restored/i);
    expect(await notice().getAttribute('data-recovered')).toBe('true');
    await expect.poll(held, { timeout: 10_000 }).toBe(8);
    expect(await recentNames()).toEqual(['live_1', 'live_2', 'live_3', ...missed]);
    const snapshot = await ask<{ lastOffset: number; epoch: string | null }>('hub:snapshot');
    expect(snapshot.lastOffset).toBe(8);
    expect(snapshot.epoch).toMatch(/\w+/);
  });

  it('reloads the recent feed when the history was wiped (a new epoch), and says so', async () => {
    const before = await ask<{ epoch: string }>('hub:snapshot');
    await restartWhileCut(true);
    const fresh = ['after_wipe_1', 'after_wipe_2'];
    await publishTips(fresh);
    await reconnect();

    await expect.poll(() => notice().textContent(), { timeout: 15_000 }).toMatch(/history reloaded/i);
    expect(await notice().textContent()).toContain("the server's event history was reset");
    expect(await notice().getAttribute('data-recovered')).toBe('false');
    await expect.poll(held, { timeout: 10_000 }).toBe(2);
    expect(await recentNames()).toEqual(fresh);
    await publishTips(['live_after']);
    await expect.poll(held, { timeout: 10_000 }).toBe(3);
    const after = await ask<{ lastOffset: number; epoch: string }>('hub:snapshot');
    expect(after).toMatchObject({ lastOffset: 3 });
    expect(after.epoch).not.toBe(before.epoch);
  });
});
