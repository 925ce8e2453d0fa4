// Load /dashboard in Debian's headless Chromium (playwright-core), wait for the charts and
// the live counter, collect console errors and failed requests, save a screenshot, then walk
// the rough edges a user meets: the sign-in screen, Show again, CSV, a phone, a room one does
// not own, a room with minutes of history and a free account.
// Usage: node scripts/check-dashboard.mjs <server url> <token> <broadcaster> <screenshot.png>
//          [--phone shot.png] [--foreign-room R] [--short-room R] [--free-token T]
// Prints one JSON line; exits 1 when the page logged errors or failed requests.
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';

const { values: options, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    phone: { type: 'string' },
    'foreign-room': { type: 'string' },
    'short-room': { type: 'string' },
    'free-token': { type: 'string' },
  },
});
const [base, token, broadcaster, screenshot] = positionals;
if (!screenshot) {
  console.error('usage: check-dashboard.mjs <url> <token> <broadcaster> <screenshot.png> [options]');
  process.exit(2);
}
const foreign = options['foreign-room'];

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
  headless: true,
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
  ],
});
const problems = [];

async function newPage() {
  const page = await browser.newPage({
    viewport: { width: 1360, height: 1000 },
    deviceScaleFactor: 1,
    acceptDownloads: true,
  });
  page.on('console', (message) => {
    // the 404 of the room one does not own is the point of that step
    if (message.type() === 'error' && !(foreign && /404/.test(message.text())))
      problems.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('response', (response) => {
    const expected = foreign && response.url().includes(`/analytics/${foreign}/`) && response.status() === 404;
    if (response.status() >= 400 && !expected) problems.push(`HTTP ${response.status()} ${response.url()}`);
  });
  page.on('requestfailed', (request) => {
    problems.push(`request failed: ${request.url()} ${request.failure()?.errorText ?? ''}`);
  });
  return page;
}

const visible = (page, selector) => page.locator(selector).isVisible();
const liveEvents = (page) => page.evaluate(() => Number(document.getElementById('live')?.dataset.events ?? 0));

async function open(page, hashToken, room) {
  const hash = new URLSearchParams(room ? { token: hashToken, broadcaster: room } : { token: hashToken });
  await page.goto(`${base}/dashboard#${hash}`, { waitUntil: 'load' });
  await page.waitForSelector('body[data-state="ready"]', { timeout: 30_000 });
}

/** Type a room, press Show and wait until the page settles (ready or error). */
async function show(page, room) {
  await page.fill('#broadcaster', room);
  await page.evaluate(() => (document.body.dataset.state = 'submitted'));
  await page.click('#controls button[type="submit"]');
  await page.waitForSelector('body[data-state="ready"], body[data-state="error"]', { timeout: 30_000 });
}

const snapshot = (page) =>
  page.evaluate(() => ({
    charts: Object.fromEntries(
      [...document.querySelectorAll('canvas')].map((c) => [c.id, Number(c.dataset.rendered ?? 0)]),
    ),
    cards: Object.fromEntries(
      [...document.querySelectorAll('.card')].map((card) => [
        card.querySelector('.label')?.textContent ?? '',
        card.querySelector('.value')?.textContent ?? '',
      ]),
    ),
    sessions: document.querySelectorAll('#sessions tbody tr').length,
    interval: document.getElementById('window')?.dataset.interval ?? null,
    live: {
      status: document.getElementById('live')?.dataset.status,
      events: document.getElementById('live')?.dataset.events,
    },
    tokenInAddressBar: window.location.href.includes('token='),
    error: document.getElementById('error')?.hidden === false ? document.getElementById('error')?.textContent : null,
  }));

async function signInScreen() {
  const page = await newPage();
  await page.goto(`${base}/dashboard`, { waitUntil: 'load' });
  await page.waitForSelector('body[data-state="login"]');
  const result = {
    login: await visible(page, '#login'),
    controls: await visible(page, '#controls'),
    live: await visible(page, '#live'),
  };
  await page.close();
  return result;
}

/** A reload resumes from the kept stream position: missed events are replayed, not lost. */
async function reloadPage(page) {
  const before = await liveEvents(page);
  await page.reload({ waitUntil: 'load' });
  await page.waitForSelector('body[data-state="ready"]', { timeout: 30_000 });
  await page.waitForSelector('#live[data-outcome]', { timeout: 30_000 });
  return {
    before,
    after: await liveEvents(page),
    outcome: await page.locator('#live').getAttribute('data-outcome'),
    note: await page.locator('#live-last').textContent(),
  };
}

async function downloadCsv(page) {
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 30_000 }), page.click('#export')]);
  const text = await readFile(await download.path(), 'utf8');
  return { name: download.suggestedFilename(), header: text.split('\r\n')[0], rows: text.split('\r\n').length - 2 };
}

async function phone(page, path) {
  await page.setViewportSize({ width: 375, height: 812 });
  await page.waitForTimeout(300); // Chart.js resizes on the next animation frame
  const result = await page.evaluate(() => {
    const scroller = document.querySelector('.table-scroll');
    return {
      pageWidth: document.documentElement.scrollWidth,
      tableScrolls: scroller ? scroller.scrollWidth > scroller.clientWidth : false,
    };
  });
  await page.screenshot({ path, fullPage: true });
  await page.setViewportSize({ width: 1360, height: 1000 });
  return result;
}

async function foreignRoom(page, room) {
  await show(page, room);
  return {
    state: await page.evaluate(() => document.body.dataset.state),
    main: await visible(page, '#main'),
    cards: await page.locator('.card').count(),
    error: await page.locator('#error').textContent(),
  };
}

async function freeAccount(freeToken) {
  const page = await newPage();
  await open(page, freeToken, null);
  const result = {
    disabled: await page.locator('#export').isDisabled(),
    note: await page.locator('#export-note').textContent(),
  };
  await page.close();
  return result;
}

const result = {};
try {
  result.signIn = await signInScreen();
  const page = await newPage();
  await open(page, token, broadcaster);
  await page.waitForFunction(() => Number(document.getElementById('live')?.dataset.events ?? 0) >= 3, null, {
    timeout: 30_000,
  });
  Object.assign(result, await snapshot(page));
  await page.screenshot({ path: screenshot, fullPage: true });
  const before = await liveEvents(page);
  await show(page, broadcaster);
  result.showAgain = { before, after: await liveEvents(page) };
  result.reload = await reloadPage(page);
  result.csv = await downloadCsv(page);
  if (options.phone) result.phone = await phone(page, options.phone);
  if (foreign) result.foreign = await foreignRoom(page, foreign);
  if (options['short-room']) {
    await show(page, options['short-room']);
    result.short = await snapshot(page);
  }
  if (options['free-token']) result.free = await freeAccount(options['free-token']);
  console.log(JSON.stringify({ ...result, problems }));
} finally {
  await browser.close();
}
process.exit(problems.length ? 1 : 0);
