import { defineConfig } from 'vitest/config';

/** `npm run e2e`: the real server and Chromium against the built dist/ (see e2e/harness.ts). */
export default defineConfig({
  test: {
    environment: 'node',
    include: ['e2e/**/*.e2e.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    fileParallelism: false,
  },
});
