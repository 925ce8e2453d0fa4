// make bench-extension: paths, the command line (parsed on import), shared constants and helpers.
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const EXT = join(ROOT, 'extension');
export const EXT_DIR = join(EXT, '.output', 'chrome-mv3');
const require = createRequire(join(EXT, 'package.json'));
export const { chromium } = require('playwright-core');
export const { io } = require('socket.io-client');

export const opts = { seconds: 120, peerSeconds: 30, rate: 200, port: 5000, room: 'bench_room', sample: 10, checkpoint: 30 };
for (let i = 2; i < process.argv.length; i += 2) {
  const key = process.argv[i].replace(/^--/, '').replace(/-(\w)/g, (_, c) => c.toUpperCase());
  if (!(key in opts)) {
    console.error(`unknown option ${process.argv[i]} (known: ${Object.keys(opts).map((k) => `--${k}`).join(' ')})`);
    process.exit(2);
  }
  opts[key] = typeof opts[key] === 'number' ? Number(process.argv[i + 1]) : process.argv[i + 1];
}
export const SERVER = `http://127.0.0.1:${opts.port}`;
export const PYTHON = process.env.WCP_PYTHON ?? join(ROOT, '.venv', 'bin', 'python');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const STREAMER = 'dev-streamer'; // the extension's default dev sign-in subject
export const VSYNC_MS = 1000 / 60;

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
export const log = (...a) => console.error(`[bench-extension ${new Date().toISOString().slice(11, 19)}]`, ...a);

export const CHROMIUM_ARGS = ['--no-sandbox'];
