import { resolve } from 'node:path';

import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';

// Three bundles: main (ESM, Node side), preload (ONE CommonJS file: sandboxed renderers cannot
// load an ES-module preload, per Electron's ESM support matrix) and the renderer (a web page).
export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      // The scan worker sits beside main.js, where scan-pool.ts looks for it.
      rollupOptions: { input: { main: resolve(__dirname, 'electron/main.ts'), 'scan-worker': resolve(__dirname, 'electron/discovery/scan-worker.ts') } },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      rollupOptions: {
        input: { preload: resolve(__dirname, 'electron/preload.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs', codeSplitting: false },
      },
    },
  },
  renderer: {
    root: resolve(__dirname, 'renderer'),
    plugins: [react()],
    build: {
      outDir: resolve(__dirname, 'out/renderer'),
      // electron-vite leaves bundles unminified; the page (1.3 MB) and the layout worker (2.6 MB)
      // then take seconds to parse on a slow machine before the first graph is drawn.
      minify: true,
      rollupOptions: { input: { index: resolve(__dirname, 'renderer/index.html') } },
    },
    // Classic (IIFE) workers: the layout worker loads elkjs with importScripts (see layout.worker.ts).
    worker: { format: 'iife' },
  },
});
