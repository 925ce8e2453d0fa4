import { defineConfig } from 'vite';

// Served by the Flask server at /overlay/ from dist/ (an OBS browser source per kind).
export default defineConfig({
  base: '/overlay/',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
    rollupOptions: { input: { overlay: 'index.html', preview: 'preview.html' } },
  },
});
