import { defineConfig } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { fileURLToPath } from 'node:url';

// A plain SPA: relative asset paths so the Tauri shell can load ui/build from disk.
export default defineConfig({
  base: './',
  plugins: [svelte()],
  resolve: {
    alias: { $lib: fileURLToPath(new URL('./src/lib', import.meta.url)) },
  },
  build: {
    outDir: 'build',
    emptyOutDir: true,
    // Never inline assets as data: URLs for scripts; images as data: are allowed by the CSP.
    assetsInlineLimit: 0,
    target: 'es2022',
  },
  test: {
    include: ['tests/**/*.test.ts'],
    environment: 'node',
  },
});
