import { defineConfig } from 'wxt';
import tailwindcss from '@tailwindcss/vite';

// Default server; other server URLs are requested at runtime (optional_host_permissions).
const DEFAULT_SERVER_HOSTS = ['http://127.0.0.1:5000/*', 'http://localhost:5000/*'];
const PLATFORM_HOSTS = ['https://chaturbate.com/*'];
// `WCP_E2E_PORT=… npm run e2e` builds for a test server on another port (no permission prompt in headless Chromium).
const E2E_HOSTS = process.env.WCP_E2E_PORT ? [`http://127.0.0.1:${process.env.WCP_E2E_PORT}/*`] : [];

export default defineConfig({
  modules: ['@wxt-dev/module-vue'],
  imports: false, // explicit imports everywhere: easier to read and to test
  manifest: {
    name: 'WebCammerPlus',
    description: 'Real-time assistant for webcam streamers: live events, translation, replies, stats.',
    minimum_chrome_version: '116',
    permissions: ['sidePanel', 'storage', 'identity'],
    host_permissions: [...DEFAULT_SERVER_HOSTS, ...E2E_HOSTS, ...PLATFORM_HOSTS],
    optional_host_permissions: ['http://*/*', 'https://*/*'],
    action: { default_title: 'Open WebCammerPlus' },
  },
  vite: () => ({ plugins: [tailwindcss()] }),
});
