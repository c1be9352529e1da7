/**
 * Vite build of the browser app (src/web -> dist/web). `base: './'` makes every asset path
 * relative, so the built folder works from any static host or sub-path. Views are split with
 * dynamic import() so the first load stays under the 300 KB (gzip) budget of issue #8.
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('./src/web', import.meta.url));

export default defineConfig({
  root,
  base: './',
  logLevel: 'warn',
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  worker: { format: 'es' },
  build: {
    outDir: fileURLToPath(new URL('./dist/web', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 2500,
    // .vite/manifest.json: the chunk graph the bundle-size test reads to sum the first load.
    manifest: true,
  },
});
