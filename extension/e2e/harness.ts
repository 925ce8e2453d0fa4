/**
 * End-to-end harness: the real server (python -m server, SQLite, dev issuer, simulator) and Debian's
 * Chromium with the built extension loaded. Nothing is downloaded.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Page, type Worker } from 'playwright-core';

const ROOT = resolve(import.meta.dirname, '..', '..');
export const EXTENSION_DIR = resolve(import.meta.dirname, '..', '.output', 'chrome-mv3');
/** The extension's default server: in host_permissions, so signing in needs no permission prompt. */
export const PORT = Number(process.env.WCP_E2E_PORT ?? 5000);
export const SERVER_URL = `http://127.0.0.1:${PORT}`;
export const ROOM = 'e2e_room';

export interface RunningServer {
  process: ChildProcess;
  varDir: string;
  log: string[];
}

async function healthy(port = PORT): Promise<boolean> {
  try {
    return (await fetch(`http://127.0.0.1:${port}/api/v1/health`, { signal: AbortSignal.timeout(1000) })).status < 500;
  } catch {
    return false;
  }
}

let fakeLlmUrl = '';

/** Chat completions the fake provider has answered so far (counted at the fake). */
export async function fakeLlmCalls(): Promise<number> {
  const response = await fetch(`${fakeLlmUrl.replace(/\/v1$/, '')}/stats`);
  return ((await response.json()) as { calls: number }).calls;
}

/** Start the fake OpenAI-compatible provider (tests/fakes/llm_server.py) used by the server. */
export async function startFakeLlm(): Promise<ChildProcess> {
  const python = process.env.WCP_PYTHON ?? join(ROOT, '.venv', 'bin', 'python');
  const child = spawn(python, ['-m', 'tests.fakes.llm_server', '--port', '0'], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  fakeLlmUrl = await new Promise<string>((resolveUrl, reject) => {
    child.stdout?.once('data', (d: Buffer) => resolveUrl(d.toString().trim()));
    child.once('exit', () => reject(new Error('fake LLM server exited')));
  });
  return child;
}

/** `port`: where the server listens (another one than PORT when a test puts a proxy there). */
export async function startServer(
  varDir = mkdtempSync(join(tmpdir(), 'wcp-e2e-')),
  port = PORT,
  extraEnv: Record<string, string> = {},
): Promise<RunningServer> {
  if (await healthy(port)) throw new Error(`something already serves port ${port}; stop it or set WCP_E2E_PORT`);
  const python = process.env.WCP_PYTHON ?? join(ROOT, '.venv', 'bin', 'python');
  const child = spawn(python, ['-m', 'server'], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      PUBLIC_URL: SERVER_URL,
      VAR_DIR: varDir,
      SIMULATOR: ROOM,
      SIMULATOR_EVENTS_PER_SECOND: '4',
      LLM_API_KEY: '',
      STRIPE_SECRET_KEY: '',
      LLM_BASE_URL: fakeLlmUrl,
      LLM_MODEL: fakeLlmUrl ? 'fake-model' : '',
      ...extraEnv,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const log: string[] = [];
  child.stdout?.on('data', (d: Buffer) => log.push(d.toString()));
  child.stderr?.on('data', (d: Buffer) => log.push(d.toString()));
  for (let i = 0; i < 100; i++) {
    if (await healthy(port)) return { process: child, varDir, log };
    if (child.exitCode !== null) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  child.kill('SIGKILL');
  throw new Error(`server did not start:\n${log.join('').slice(-2000)}`);
}

export async function stopServer(server: RunningServer, { keepData = false } = {}): Promise<void> {
  if (server.process.exitCode === null) {
    const exited = new Promise((r) => server.process.once('exit', r));
    server.process.kill('SIGTERM');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
    if (server.process.exitCode === null) server.process.kill('SIGKILL');
  }
  if (!keepData) rmSync(server.varDir, { recursive: true, force: true });
}

export interface ExtensionBrowser {
  context: BrowserContext;
  worker: Worker;
  id: string;
}

export async function launchExtension(): Promise<ExtensionBrowser> {
  const context = await chromium.launchPersistentContext('', {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    viewport: { width: 400, height: 760 },
    args: [`--disable-extensions-except=${EXTENSION_DIR}`, `--load-extension=${EXTENSION_DIR}`, '--no-sandbox'],
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 15_000 }));
  return { context, worker, id: new URL(worker.url()).host };
}

/** The side panel page, opened as a normal tab. */
export async function openPanel(browser: ExtensionBrowser): Promise<Page> {
  const page = await browser.context.newPage();
  await page.goto(`chrome-extension://${browser.id}/sidepanel.html`);
  await page.waitForSelector('[data-ready="true"]');
  return page;
}

/** Sign in with "Local server (dev)". */
export async function signIn(page: Page): Promise<void> {
  await page.fill('#server-url', SERVER_URL); // WCP_E2E_PORT may differ from the default server's port
  await page.click('[data-testid="signin-dev"]');
  await page.waitForSelector('[role="tablist"]', { timeout: 15_000 });
}

/** A Python helper of the server's tests that prints one line per URL it serves (tests/fakes, tests/ingest). */
export async function startPythonFake(module: string, args: string[], lines = 1): Promise<[ChildProcess, string[]]> {
  const python = process.env.WCP_PYTHON ?? join(ROOT, '.venv', 'bin', 'python');
  const child = spawn(python, ['-m', module, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  const urls = await new Promise<string[]>((resolveUrls, reject) => {
    let out = '';
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const got = out.split('\n').filter(Boolean);
      if (got.length >= lines) resolveUrls(got);
    });
    child.once('exit', () => reject(new Error(`${module} exited`)));
  });
  return [child, urls];
}

/** Sign in with "Local server (dev)" and link the room in Settings, as a streamer would. */
export async function signInAndLinkRoom(page: Page, room = ROOM): Promise<void> {
  await signIn(page);
  await page.click('[data-tab="settings"]');
  await page.fill('#room', room);
  await page.click('[data-testid="save-room"]');
  await page.waitForSelector('text=Saved');
  await page.click('[data-tab="live"]');
}

/** A reduced room page served for https://chaturbate.com/<room>/ (the real site is not reachable here). */
export const ROOM_PAGE = `<!doctype html><html><body>
  <div id="ChatTabContainer"><div id="ChatTabContents"><div class="msg-list-wrapper-split">
    <div class="msg-list-fvm message-list"></div>
  </div><div class="inputDiv"><input type="text" class="chat-input-field"></div></div></div>
  <script>
    document.querySelector('.chat-input-field').addEventListener('keydown', () => { document.body.dataset.keyed = '1'; });
  </script>
</body></html>`;
