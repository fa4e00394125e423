#!/usr/bin/env node
// The `peerscape-sandbox` command (package.json "bin"). The sandbox is TypeScript; tsx's ESM API
// compiles it on load, so there is no build step.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli.ts');
