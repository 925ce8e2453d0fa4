import { defineConfig } from 'vite';

// Served by the Flask server at /dashboard/ (server/api/dashboard.py) from dist/.
export default defineConfig({
  base: '/dashboard/',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
    chunkSizeWarningLimit: 400,
  },
});
