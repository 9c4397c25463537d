import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

// Two pages, one build: the door UI (served by the core or loaded by Electron) and the phone setup
// page (served by the setup server at /setup). Both are static files sharing dist/renderer/assets;
// nothing is fetched from the network at run time.
export default defineConfig({
  root,
  base: './',
  publicDir: false,
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: fileURLToPath(new URL('../dist/renderer', import.meta.url)),
    emptyOutDir: true,
    // The setup page runs on admins' phones too: iOS Safari is the oldest engine it meets.
    target: ['chrome110', 'safari15'],
    assetsInlineLimit: 0,
    reportCompressedSize: false,
    rollupOptions: {
      input: {
        index: fileURLToPath(new URL('index.html', import.meta.url)),
        setup: fileURLToPath(new URL('setup.html', import.meta.url)),
      },
    },
  },
});
