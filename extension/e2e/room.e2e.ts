/**
 * The Room tab against the real server: a goal, menu items and an overlay link made in the panel;
 * the overlay's look edited there (the server's 400 shown under the option, the saved look on the
 * page); the overlay page opened with its key; tips published through the hub move the panel's goal
 * bar and the overlay, and the Stats tab's leaderboard and menu report count them; revoking the
 * link stops the overlay at once; the Account tab's audit trail lists it, and unlinks the room.
 */
import { tmpdir } from 'node:os';
import type { Page } from 'playwright-core';
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  launchExtension,
  openPanel,
  ROOM,
  SERVER_URL,
  signInAndLinkRoom,
  startServer,
  stopServer,
  type ExtensionBrowser,
  type RunningServer,
} from './harness';

const DOCS = process.env.UPDATE_SCREENSHOTS ? new URL('../../docs', import.meta.url).pathname : tmpdir();
const GOAL_TOKENS = 500_000; // the simulator tips too: far enough that it is never reached here
let server: RunningServer;
let browser: ExtensionBrowser;
let panel: Page;
let overlay: Page;
let publisher: Socket;

const progress = async () => Number(await panel.getAttribute('[data-testid="goal-bar"]', 'data-progress'));
/** "6,555 tk" → 6555 */
const amount = async (cell: ReturnType<Page['locator']>) => Number((await cell.textContent())!.replace(/\D/g, ''));
const overlayNumbers = () => overlay.textContent('.goal-numbers');

/** A token of the streamer the panel signs in as. */
async function devToken(): Promise<string> {
  const minted = await fetch(`${SERVER_URL}/api/v1/dev/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ sub: 'dev-streamer' }),
  });
  return ((await minted.json()) as { access_token: string }).access_token;
}

/** The streamer's own publishing socket (one of the free plan's two connections; the panel has the other). */
async function connectPublisher(): Promise<Socket> {
  const token = await devToken();
  const socket = io(`${SERVER_URL}/hub`, { auth: { token }, transports: ['websocket'], forceNew: true });
  await new Promise<void>((ok, fail) => {
    socket.once('connect', () => ok());
    socket.once('connect_error', (error) => fail(error));
  });
  return socket;
}

let tipCount = 0;
async function publishTips(amounts: number[]): Promise<void> {
  const events = amounts.map((tokens) => ({
    id: `room-e2e-${Date.now()}-${++tipCount}`,
    broadcaster: ROOM,
    method: 'tip',
    ts: new Date().toISOString(),
    user: { username: 'e2e_whale' },
    tip: { tokens, isAnon: false, message: '' },
  }));
  const ack = (await publisher.timeout(5000).emitWithAck('publish', events)) as { accepted: number };
  expect(ack.accepted).toBe(amounts.length);
}

beforeAll(async () => {
  server = await startServer();
  browser = await launchExtension();
  panel = await openPanel(browser);
  await signInAndLinkRoom(panel);
  await panel.waitForSelector('[data-testid="connection"][data-state="live"]', { timeout: 20_000 });
  publisher = await connectPublisher();
});

afterAll(async () => {
  publisher?.close();
  await browser?.context.close();
  if (server) await stopServer(server);
});

describe('Room tab against the real server', () => {
  it('saves a goal, and shows the free plan refusing a second one where it was clicked', async () => {
    await panel.click('[data-tab="room"]');
    await panel.waitForSelector('[data-testid="goals-editor"]');
    expect(await panel.textContent('[data-testid="room-limits"]')).toContain('1 goal');
    await panel.click('[data-testid="add-goal"]');
    const first = panel.locator('[data-testid="goal-row"]').nth(0);
    await first.getByLabel('Goal').fill('E2E oil show');
    await first.getByLabel('Tokens').fill(String(GOAL_TOKENS));
    await panel.click('[data-testid="add-goal"]');
    await panel.locator('[data-testid="goal-row"]').nth(1).getByLabel('Goal').fill('Too many');
    await panel.click('[data-testid="save-goals"]');
    const refusal = panel.locator('[data-testid="goals-editor"] [role="alert"]');
    await expect.poll(() => refusal.textContent(), { timeout: 10_000 }).toContain('free plan allows 1 goal');
    expect(await refusal.getAttribute('data-code')).toBe('tier_limit');
    await panel.locator('[data-testid="goal-row"]').nth(1).getByTitle('Remove').click();
    await panel.click('[data-testid="save-goals"]');
    await panel.waitForSelector('[data-testid="active-goal"]:has-text("E2E oil show")', { timeout: 10_000 });
    expect(await refusal.count()).toBe(0);
  });

  it('saves tip menu items pasted as text and thresholds', async () => {
    await panel.click('text=Paste from text…');
    await panel.fill('#menu-paste', 'Flash - 77 tk\nDance 💃 150 tokens\n(no price here)');
    await panel.click('[data-testid="menu-import"]');
    expect(await panel.locator('[data-testid="menu-row"]').count()).toBe(2);
    await panel.locator('input[name="menuMatch"]').nth(1).check(); // nearest item below
    await panel.click('[data-testid="save-menu"]');
    await panel.waitForSelector('[data-testid="menu-editor"] >> text=Saved');
    await panel.fill('#big-tip', '300');
    await panel.click('[data-testid="save-thresholds"]');
    await panel.waitForSelector('[data-testid="thresholds-editor"] >> text=Saved');
    // what the server now holds, read back as the panel's store does
    await panel.reload();
    await panel.waitForSelector('[data-ready="true"]');
    await panel.click('[data-tab="room"]');
    await panel.waitForSelector('[data-testid="menu-row"]');
    const names = await panel
      .locator('[data-testid="menu-row"] input[aria-label="Item"]')
      .evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value));
    expect(names).toEqual(['Flash', 'Dance 💃']);
    expect(await panel.locator('input[name="menuMatch"]').nth(1).isChecked()).toBe(true);
    expect(await panel.inputValue('#big-tip')).toBe('300');
  });

  it('makes a goal overlay link and opens it: the overlay shows the goal', async () => {
    await panel.selectOption('[data-testid="overlay-kind"]', 'goal');
    await panel.click('[data-testid="create-overlay"]');
    const link = panel.locator('[data-testid="overlay-link"]');
    await link.waitFor({ timeout: 10_000 });
    const url = await link.inputValue();
    expect(url).toMatch(new RegExp(`^${SERVER_URL}/overlay/\\?key=`));
    // the free plan has one overlay: a second is refused next to the button
    await panel.click('[data-testid="create-overlay"]');
    const refusal = panel.locator('[data-testid="overlay-links"] > [role="alert"]');
    await expect.poll(() => refusal.textContent(), { timeout: 10_000 }).toContain('allows 1 overlay');
    await panel.setViewportSize({ width: 400, height: 1050 }); // the whole tab, not its scrolled part
    await panel.screenshot({ path: `${DOCS}/sidepanel-room.png` });
    await panel.setViewportSize({ width: 400, height: 760 });
    const opened = browser.context.waitForEvent('page');
    await panel.click('[data-testid="overlay-preview"]');
    overlay = await opened;
    await overlay.waitForLoadState();
    expect(overlay.url()).toBe(url);
    await overlay.waitForSelector('.goal-label:has-text("E2E oil show")', { timeout: 15_000 });
  });

  it("edits the overlay's look: the server's refusal under the option, then the saved look on the page", async () => {
    await panel.click('[data-testid="overlay-look-toggle"]');
    const editor = panel.locator('[data-testid="overlay-look"]');
    await editor.locator('[data-option="size"]').fill('500');
    await editor.locator('[data-testid="save-look"]').click();
    const problem = editor.locator('[data-problem="size"]');
    await expect.poll(() => problem.textContent(), { timeout: 10_000 }).toContain('less than or equal to 120');
    await editor.locator('[data-option="size"]').fill('40');
    await editor.locator('[data-option="color"]').fill('#00FF00');
    await editor.locator('[data-option="layout"]').selectOption('vertical');
    await editor.locator('[data-testid="save-look"]').click();
    await editor.locator('text=Saved').waitFor({ timeout: 10_000 });
    expect(await problem.count()).toBe(0);
    await panel.setViewportSize({ width: 400, height: 1300 });
    await panel.locator('[data-testid="overlay-links"]').screenshot({ path: `${DOCS}/sidepanel-overlay-look.png` });
    await panel.setViewportSize({ width: 400, height: 760 });
    await overlay.reload(); // an open page takes a new look when it (re)loads
    await overlay.waitForSelector('.goal-label:has-text("E2E oil show")', { timeout: 15_000 });
    const look = await overlay.evaluate(() => {
      const root = document.getElementById('overlay')!;
      return [root.style.getPropertyValue('--accent'), root.style.getPropertyValue('--size'), root.dataset.layout];
    });
    expect(look).toEqual(['#00ff00', '40px', 'vertical']);
  });

  it('moves the goal bar on Live and the overlay with every published tip', async () => {
    await panel.click('[data-tab="live"]');
    await panel.waitForSelector('[data-testid="goal-bar"]');
    const before = await progress();
    const overlayBefore = await overlayNumbers();
    await publishTips([1_234, 4_321]);
    // the server counts the simulator's tips too, so at least ours
    await expect.poll(progress, { timeout: 5_000 }).toBeGreaterThanOrEqual(before + 5_555);
    await expect.poll(overlayNumbers, { timeout: 5_000 }).not.toBe(overlayBefore);
    expect(await panel.textContent('[data-testid="goal-bar"]')).toContain('E2E oil show');
    // the server matched both tips to the dearest item below them (nearest_below) and as big tips (≥ 300)
    const whaleRows = panel.locator('[data-testid="feed-row"]:has-text("e2e_whale")');
    await expect
      .poll(() => whaleRows.locator('[data-testid="menu-item-bought"]').allTextContents(), { timeout: 5_000 })
      .toEqual(['🛒 Dance 💃', '🛒 Dance 💃']);
    expect(await whaleRows.locator('[data-testid="big-tip"]').count()).toBe(2);
    await panel.screenshot({ path: `${tmpdir()}/sidepanel-live-goal.png` });
    // the tipper's lifetime 5,555 tokens make them gold (2,000+) once the panel re-reads the tiers
    // (TIERS_REFRESH_MS after tips); a small tip keeps a fresh row of theirs in view meanwhile
    const badge = panel.locator('[data-testid="feed-row"]:has-text("e2e_whale") [data-testid="tier-badge"]');
    await expect
      .poll(
        async () => {
          await publishTips([1]);
          return badge
            .last()
            .getAttribute('data-tier', { timeout: 1_000 })
            .catch(() => null);
        },
        { timeout: 40_000, interval: 3_000 },
      )
      .toBe('gold');
  });

  it("counts the published tips on the Stats tab: the broadcast's leaderboard and menu report", async () => {
    await panel.click('[data-tab="stats"]');
    const whale = panel.locator('[data-testid="leader"][data-username="e2e_whale"]');
    await whale.waitFor({ timeout: 10_000 });
    const whaleTokens = () => amount(whale.locator('[data-testid="leader-tokens"]'));
    expect(await whaleTokens()).toBeGreaterThanOrEqual(5_555);
    expect(await whale.locator('[data-testid="tier-badge"]').getAttribute('data-tier')).toBe('gold');
    const dance = panel.locator('[data-testid="menu-report-row"][data-item="Dance 💃"]');
    const danceSold = () => amount(dance.locator('[data-testid="sold"]'));
    const danceTokens = () => amount(dance.locator('[data-testid="sold-tokens"]'));
    await dance.waitFor({ timeout: 10_000 });
    expect(await danceSold()).toBeGreaterThanOrEqual(2); // the simulator's tips may buy it too
    expect(await danceTokens()).toBeGreaterThanOrEqual(5_555);
    // a new tip shows without a click: both read the server again after tips arrive
    const [tokensBefore, soldBefore, danceBefore] = [await whaleTokens(), await danceSold(), await danceTokens()];
    await publishTips([1_000]);
    await expect.poll(whaleTokens, { timeout: 15_000 }).toBeGreaterThanOrEqual(tokensBefore + 1_000);
    await expect.poll(danceSold, { timeout: 15_000 }).toBeGreaterThanOrEqual(soldBefore + 1);
    expect(await danceTokens()).toBeGreaterThanOrEqual(danceBefore + 1_000);
    await panel.setViewportSize({ width: 400, height: 1400 });
    await panel.screenshot({ path: `${DOCS}/sidepanel-stats.png` });
    await panel.setViewportSize({ width: 400, height: 760 });
    // today's period board (from the event store) has them too
    await panel.click('[data-testid="leaderboard"] [data-scope="today"]');
    await expect.poll(whaleTokens, { timeout: 15_000 }).toBeGreaterThanOrEqual(tokensBefore + 1_000);
    expect(await panel.textContent('[data-testid="leaderboard"]')).toContain('Top tipper');
  });

  it('revokes the link: the open overlay says so at once', async () => {
    await panel.click('[data-tab="room"]');
    await panel.click('[data-testid="overlay-revoke"]');
    await expect.poll(() => panel.locator('[data-testid="overlay-row"]').count(), { timeout: 10_000 }).toBe(0);
    await overlay.waitForSelector('.notice:has-text("revoked")', { timeout: 5_000 });
    const state = await fetch(`${SERVER_URL}/api/v1/overlay/state`, {
      headers: { 'X-Overlay-Key': new URL(overlay.url()).searchParams.get('key')! },
    });
    expect(state.status).toBe(401);
  });

  it("lists the overlay's changes in the account's audit trail, and unlinks the room", async () => {
    await panel.click('[data-tab="account"]');
    const audit = panel.locator('[data-testid="audit-entry"]');
    await expect
      .poll(() => audit.evaluateAll((rows) => rows.map((r) => r.getAttribute('data-action'))), { timeout: 10_000 })
      .toEqual(expect.arrayContaining(['overlay_key.revoked', 'overlay_key.created', 'room.linked']));
    expect(await audit.first().textContent()).toContain('by you');
    const room = panel.locator(`[data-testid="linked-rooms"] [data-room="${ROOM}"]`);
    expect(await room.textContent()).toContain('in this panel');
    await panel.setViewportSize({ width: 400, height: 1300 });
    await panel.screenshot({ path: `${DOCS}/sidepanel-account.png` });
    await panel.setViewportSize({ width: 400, height: 760 });
    await room.locator('[data-testid="unlink"]').click();
    await room.locator('[data-testid="unlink-yes"]').click();
    await expect.poll(() => room.count(), { timeout: 10_000 }).toBe(0);
    const me = await fetch(`${SERVER_URL}/api/v1/me`, { headers: { Authorization: `Bearer ${await devToken()}` } });
    expect(((await me.json()) as { account: { broadcasters: string[] } }).account.broadcasters).toEqual([]);
    await panel.click('[data-tab="room"]');
    await panel.waitForSelector('[data-testid="room"] >> text=Set your room name');
  });
});
