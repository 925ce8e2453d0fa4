// Load /dashboard in Debian's headless Chromium (playwright-core), wait for the charts and
// the live counter, collect console errors and failed requests, save a screenshot.
// Usage: node scripts/check-dashboard.mjs <server url> <token> <broadcaster> <screenshot.png>
// Prints one JSON line; exits 1 when the page logged errors or failed requests.
import { chromium } from 'playwright-core';

const [base, token, broadcaster, screenshot] = process.argv.slice(2);
if (!screenshot) {
  console.error('usage: check-dashboard.mjs <url> <token> <broadcaster> <screenshot.png>');
  process.exit(2);
}

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
try {
  const page = await browser.newPage({ viewport: { width: 1360, height: 1000 }, deviceScaleFactor: 1 });
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('response', (response) => {
    if (response.status() >= 400) problems.push(`HTTP ${response.status()} ${response.url()}`);
  });
  page.on('requestfailed', (request) => {
    problems.push(`request failed: ${request.url()} ${request.failure()?.errorText ?? ''}`);
  });

  const hash = new URLSearchParams({ token, broadcaster }).toString();
  await page.goto(`${base}/dashboard#${hash}`, { waitUntil: 'load' });
  await page.waitForSelector('body[data-state="ready"]', { timeout: 30_000 });
  await page.waitForFunction(() => Number(document.getElementById('live')?.dataset.events ?? 0) >= 3, null, {
    timeout: 30_000,
  });
  const result = await page.evaluate(() => ({
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
    live: {
      status: document.getElementById('live')?.dataset.status,
      events: document.getElementById('live')?.dataset.events,
    },
    tokenInAddressBar: window.location.href.includes('token='),
    error: document.getElementById('error')?.hidden === false ? document.getElementById('error')?.textContent : null,
  }));
  await page.screenshot({ path: screenshot, fullPage: true });
  console.log(JSON.stringify({ ...result, problems }));
} finally {
  await browser.close();
}
process.exit(problems.length ? 1 : 0);
