import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// Sandboxed Electron preloads cannot load other files: bundle the bridge and the API contract into one CommonJS file.
export default defineConfig({
  publicDir: false,
  build: {
    outDir: fileURLToPath(new URL('../dist/src/shell', import.meta.url)),
    emptyOutDir: false,
    target: 'node20',
    minify: false,
    reportCompressedSize: false,
    lib: {
      entry: fileURLToPath(new URL('../src/shell/preload.ts', import.meta.url)),
      formats: ['cjs'],
      fileName: () => 'preload.cjs',
    },
    rollupOptions: { external: ['electron'] },
  },
});
