import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  launchExtension,
  openPanel,
  signInAndLinkRoom,
  startServer,
  stopServer,
  type ExtensionBrowser,
  type RunningServer,
  PORT,
  ROOM,
  SERVER_URL,
} from './harness';

let server: RunningServer;
let browser: ExtensionBrowser;
let panel: Page;

const names = () => panel.locator('[data-testid="feed"] [data-testid="feed-username"]');
const rowIdAt = (x: number, y: number) =>
  panel.evaluate(
    ([px, py]) => (document.elementFromPoint(px!, py!)?.closest('[data-id]') as HTMLElement | null)?.dataset.id,
    [x, y],
  );

beforeAll(async () => {
  server = await startServer(undefined, PORT, { SIMULATOR_EVENTS_PER_SECOND: '20' });
  browser = await launchExtension();
  panel = await openPanel(browser);
  await signInAndLinkRoom(panel);
  await panel.waitForSelector('[data-testid="connection"][data-state="live"]', { timeout: 20_000 });
});

afterAll(async () => {
  await browser?.context.close();
  if (server) await stopServer(server);
});

describe('a busy room (20 events/s)', () => {
  // Known flaky (about 1 run in 4 on CI: the row under a still pointer changed, cause not found yet;
  // open in issue 13). A retry keeps the check; a consistent failure still fails.
  it('opens the card of the viewer whose name was clicked', { retry: 2 }, async () => {
    await expect.poll(() => names().count(), { timeout: 15_000 }).toBeGreaterThan(6);
    const feed = (await panel.locator('[data-testid="feed"]').boundingBox())!;
    await panel.mouse.move(feed.x + feed.width / 2, feed.y + feed.height / 2); // the feed holds still from here
    await panel.waitForSelector('[data-testid="feed-paused"]');
    // rows above the view are rendered too (overscan): aim at a name well inside the visible feed
    let index = (await names().count()) - 1;
    let box = (await names().nth(index).boundingBox())!;
    while (index > 0 && box.y > feed.y + feed.height / 2) box = (await names().nth(--index).boundingBox())!;
    expect(box.y).toBeGreaterThan(feed.y);
    const name = (await names().nth(index).innerText()).trim();
    const [x, y] = [box.x + box.width / 2, box.y + box.height / 2];
    await panel.mouse.move(x, y);
    const aimed = await rowIdAt(x, y);
    await panel.waitForTimeout(1_500); // ~30 events arrive meanwhile
    const paused = panel.locator('[data-testid="feed-paused"]');
    expect(Number(await paused.getAttribute('data-pending'))).toBeGreaterThan(10);
    expect(await paused.innerText()).toMatch(/Paused, \d+ new/);
    expect(await rowIdAt(x, y)).toBe(aimed);
    await panel.mouse.click(x, y);
    await panel.waitForSelector('[data-testid="viewer-card"]');
    expect((await panel.locator('[data-testid="viewer-card"] h2').innerText()).trim()).toBe(name);
    await panel.click('[data-testid="viewer-card"] button[aria-label="Close"]');
  });

  it('moves between rows with the arrow keys and opens a card with Enter', async () => {
    const feed = (await panel.locator('[data-testid="feed"]').boundingBox())!;
    await panel.mouse.move(feed.x + 20, feed.y + feed.height / 2);
    await panel.mouse.click(feed.x + 12, feed.y + feed.height / 2); // on a row's time: focuses the row
    const focusedName = () =>
      panel.evaluate(
        () => document.activeElement?.querySelector('[data-testid="feed-username"]')?.textContent?.trim() ?? '',
      );
    await panel.mouse.move(feed.x + feed.width + 50, feed.y - 5); // pointer away: focus alone holds the feed
    let name = '';
    for (let i = 0; i < 8 && !name; i++) {
      await panel.keyboard.press('ArrowUp');
      name = await focusedName();
    }
    expect(name).not.toBe('');
    expect(await panel.getAttribute('[data-testid="feed"]', 'data-held')).toBe('true');
    await panel.keyboard.press('Enter');
    await panel.waitForSelector('[data-testid="viewer-card"]');
    expect((await panel.locator('[data-testid="viewer-card"] h2').innerText()).trim()).toBe(name);
    await panel.click('[data-testid="viewer-card"] button[aria-label="Close"]');
  });

  it('shows the newest again on resume', async () => {
    const feed = (await panel.locator('[data-testid="feed"]').boundingBox())!;
    await panel.mouse.move(feed.x + feed.width / 2, feed.y + 10);
    const paused = panel.locator('[data-testid="feed-paused"]');
    await paused.waitFor();
    await expect.poll(async () => Number(await paused.getAttribute('data-pending'))).toBeGreaterThan(0);
    await paused.click();
    await expect.poll(() => paused.count()).toBe(0);
  });

  it('marks every viewer with notes from the server, also notes written elsewhere', async () => {
    const name = (await names().last().innerText()).trim();
    // written as from another device: through the API, not this panel
    const minted = await fetch(`${SERVER_URL}/api/v1/dev/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ sub: 'dev-streamer' }),
    });
    const { access_token: token } = (await minted.json()) as { access_token: string };
    const saved = await fetch(`${SERVER_URL}/api/v1/analytics/${ROOM}/viewers/${encodeURIComponent(name)}/notes`, {
      method: 'PUT',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ notes: 'tips on goals' }),
    });
    expect(saved.status).toBe(200);
    await panel.reload(); // a new panel session knows nothing of this page's cards
    await panel.waitForSelector('[data-ready="true"]');
    const marked = panel.locator(`[data-testid="feed-row"]:has([data-testid="feed-username"]:text-is("${name}"))`);
    await expect.poll(() => marked.locator('[data-mark="notes"]').count(), { timeout: 20_000 }).toBeGreaterThan(0);
    const others = panel.locator('[data-testid="feed-row"] [data-mark="notes"]');
    expect(await others.count()).toBe(await marked.locator('[data-mark="notes"]').count());
  });
});
