// make bench-extension: paths, the command line (parsed on import), shared constants and helpers.
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const EXT = join(ROOT, 'extension');
export const EXT_DIR = join(EXT, '.output', 'chrome-mv3');
/** `require` from the extension's node_modules (playwright-core, socket.io-client, esbuild). */
export const require = createRequire(join(EXT, 'package.json'));
export const { chromium } = require('playwright-core');
export const { io } = require('socket.io-client');

export const opts = {
  seconds: 120, peerSeconds: 30, rate: 200, port: 5000, room: 'bench_room', sample: 10, checkpoint: 30,
  phases: 'panel,peer,server,device', // which phases run, in this order: panel, peer, server (translation), device (translation)
  translateSeconds: 30, // each translation phase (a room of `rate` foreign chat lines/s)
  deviceMs: 50, // the fake on-device Translator's time per line (serialized per instance, as Chrome's)
};
for (let i = 2; i < process.argv.length; i += 2) {
  const key = process.argv[i].replace(/^--/, '').replace(/-(\w)/g, (_, c) => c.toUpperCase());
  if (!(key in opts)) {
    console.error(`unknown option ${process.argv[i]} (known: ${Object.keys(opts).map((k) => `--${k}`).join(' ')})`);
    process.exit(2);
  }
  opts[key] = typeof opts[key] === 'number' ? Number(process.argv[i + 1]) : process.argv[i + 1];
}
const KNOWN_PHASES = ['panel', 'peer', 'server', 'device'];
export const PHASES = new Set(opts.phases.split(',').map((p) => p.trim()).filter(Boolean));
for (const p of PHASES) {
  if (!KNOWN_PHASES.includes(p)) {
    console.error(`unknown phase ${p} (known: ${KNOWN_PHASES.join(',')})`);
    process.exit(2);
  }
}
/** A line counts as translated in time when its translation is there this long after it reached the panel. */
export const IN_TIME_MS = 2000;
export const SERVER = `http://127.0.0.1:${opts.port}`;
export const PYTHON = process.env.WCP_PYTHON ?? join(ROOT, '.venv', 'bin', 'python');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const STREAMER = 'dev-streamer'; // the extension's default dev sign-in subject
export const VSYNC_MS = 1000 / 60;

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
export const log = (...a) => console.error(`[bench-extension ${new Date().toISOString().slice(11, 19)}]`, ...a);

export const CHROMIUM_ARGS = ['--no-sandbox'];
