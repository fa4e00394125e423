import { readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { relative, resolve, sep } from 'node:path';

import { defineConfig, type Plugin } from 'vite';

// The `peerscape` CLI as plain JavaScript for Node (`npm run build`; bin/peerscape.js loads it).
// Like the main bundle (electron-vite's rule), every package in "dependencies" stays an import
// resolved from node_modules and everything else is bundled, so `npm ci --omit=dev` leaves the
// CLI all it needs. Every file goes flat into out/cli/: the commands are chunks loaded when run,
// and scan-worker.js sits beside the chunk that starts it, where scan-pool.ts looks for it.
const root = import.meta.dirname;
const pkg = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')) as { dependencies?: Record<string, string>; engines?: { node?: string } };
const dependencies = Object.keys(pkg.dependencies ?? {});

/** Where the bundle is written. */
export const CLI_OUT_DIR = resolve(root, 'out', 'cli');

/** The file beside the bundle that lists the project files it was made from (see test/support/cli-bundle.ts). */
export const CLI_SOURCES_FILE = 'sources.json';

/** Writes sources.json: every project file bundled, and the files that decide how. */
function listSources(): Plugin {
  return {
    name: 'peerscape:cli-sources',
    generateBundle(_options, bundle) {
      const files = new Set(['package.json', 'package-lock.json', 'vite.cli.config.ts']);
      for (const item of Object.values(bundle)) {
        if (item.type !== 'chunk') continue;
        for (const id of item.moduleIds) if (id.startsWith(root + sep) && !id.includes(`${sep}node_modules${sep}`)) files.add(relative(root, id).split(sep).join('/'));
      }
      this.emitFile({ type: 'asset', fileName: CLI_SOURCES_FILE, source: `${JSON.stringify([...files].sort(), null, 2)}\n` });
    },
  };
}

export default defineConfig({
  root,
  // A build of its own: no public folder, no .env files.
  publicDir: false,
  envDir: false,
  logLevel: 'warn',
  plugins: [listSources()],
  build: {
    ssr: true,
    outDir: CLI_OUT_DIR,
    emptyOutDir: true,
    // package.json's "engines": node >=20.19.
    target: 'node20.19',
    minify: false,
    reportCompressedSize: false,
    rolldownOptions: {
      input: {
        peerscape: resolve(root, 'electron/cli/main.ts'),
        'scan-worker': resolve(root, 'electron/discovery/scan-worker.ts'),
      },
      external: [...builtinModules, /^node:/, ...dependencies.map((d) => new RegExp(`^${d.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}(/.*)?$`))],
      output: { format: 'es', entryFileNames: '[name].js', chunkFileNames: '[name]-[hash].js' },
    },
  },
  ssr: { noExternal: true, target: 'node' },
});
