import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/** `npm run e2e`: builds, starts the real server and Chromium (see e2e/harness.ts). */
export default defineConfig({
  resolve: { alias: { '@': fileURLToPath(new URL('.', import.meta.url)) } },
  test: {
    environment: 'node',
    include: ['e2e/**/*.e2e.ts'],
    testTimeout: 90_000,
    hookTimeout: 60_000,
    fileParallelism: false,
  },
});
