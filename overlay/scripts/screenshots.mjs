// Screenshot each kind in demo mode over the checkerboard of preview.html (headless Chromium).
// Usage: npm run build && npm run screenshots   (serves dist/ itself with `vite preview`)
// Prints one JSON line; exits 1 when a page logged errors.
import { chromium } from 'playwright-core';
import { preview } from 'vite';

const server = await preview({ preview: { host: '127.0.0.1', port: 4174, strictPort: false } });
const base = server.resolvedUrls.local[0];
const shots = [
  ['goal', 'kind=goal'],
  ['goal-vertical', 'kind=goal&layout=vertical&color=35c28a&size=22'],
  ['alerts', 'kind=alerts'],
  ['top', 'kind=top&layout=vertical'],
  ['menu', 'kind=menu&layout=vertical&font=georgia&color=f0b429'],
  ['ticker', 'kind=ticker'],
  ['ticker-vertical', 'kind=ticker&layout=vertical&size=20'],
  ['notice', 'kind=goal&demo=0'],
];
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
});
const problems = [];
try {
  const page = await browser.newPage({ viewport: { width: 800, height: 300 } });
  page.on('console', (message) => message.type() === 'error' && problems.push(message.text()));
  page.on('pageerror', (error) => problems.push(error.message));
  for (const [name, query] of shots) {
    await page.goto(`${base}preview.html?${query}`, { waitUntil: 'load' });
    await page.frameLocator('iframe').locator('.stage > *, .notice:not([hidden])').first().waitFor();
    await page.waitForTimeout(700); // entry animations settle
    await page.screenshot({ path: `screenshots/${name}.png` });
  }
} finally {
  await browser.close();
  await server.close();
}
console.log(JSON.stringify({ shots: shots.map(([name]) => `screenshots/${name}.png`), problems }));
process.exit(problems.length ? 1 : 0);
