#!/usr/bin/env node
// The `peerscape` command (package.json "bin"): runs the CLI that `npm run build` bundles into
// out/cli/peerscape.js. Without that build (a fresh clone) it says so and exits 78, the
// conventional "configuration error" status, which no command uses for anything else.
import { existsSync } from 'node:fs';
import { dirname } from 'node:path';
import process from 'node:process';
import { URL, fileURLToPath } from 'node:url';

const bundle = new URL('../out/cli/peerscape.js', import.meta.url);
if (existsSync(bundle)) {
  const { main } = await import(bundle.href);
  process.exitCode = await main(process.argv.slice(2));
} else {
  const root = dirname(dirname(fileURLToPath(import.meta.url)));
  process.stderr.write(`peerscape: the CLI is not built: ${fileURLToPath(bundle)} is missing.\n  Run "npm run build" in ${root} (after "npm install"), then run peerscape again.\n`);
  process.exitCode = 78;
}
