#!/usr/bin/env node
// The `peerscape` command (package.json "bin"). The CLI is TypeScript; tsx's ESM API compiles it
// on load, so there is no build step (tsx docs, "Node.js API": register() from tsx/esm/api).
import process from 'node:process';
import { URL, fileURLToPath } from 'node:url';

import { register } from 'tsx/esm/api';

register({ tsconfig: fileURLToPath(new URL('../tsconfig.json', import.meta.url)) });
const { main } = await import('../electron/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
