/** What the CLI prints about hostile data cannot drive the terminal: names, tags and an endpoint's
 * error messages holding ESC sequences, carriage returns, line breaks or bidi overrides are shown
 * as `<U+XXXX>` in every human-readable line (analyze and explain reports, export refusals and
 * warnings, scan failures), never passed on.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { CliIo } from '../../../electron/cli/io';
import { runCli } from '../../../electron/cli/main';
import { closeSharedScanPools } from '../../../electron/discovery/scan-pool';
import { buildHostileSnapshot } from '../../support/fixtures/hostile';

/** Characters a terminal may act on or that hide text; a line break is the CLI's own. */
const UNSAFE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u;

function unsafeIn(text: string): string[] {
  return [...text.replace(/[\n\t]/g, '')].filter((ch) => UNSAFE.test(ch)).map((ch) => `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`);
}

const files: Record<string, string> = { 'h.json': JSON.stringify(buildHostileSnapshot()) };

async function run(argv: string[], env: Record<string, string> = {}, homeDir = '/nonexistent'): Promise<{ code: number; out: string }> {
  let out = '';
  const io: CliIo = {
    stdout: { write: (t: string) => (out += t) },
    stderr: { write: (t: string) => (out += t) },
    readFile: async (path) => {
      if (files[path] === undefined) throw Object.assign(new Error('ENOENT'), { code: 'ENOENT' });
      return files[path]!;
    },
    env,
    cwd: '/',
    homeDir,
  };
  return { code: await runCli(argv, io), out };
}

describe('CLI text about hostile data', () => {
  it('analyze shows hidden characters in its tables and lines', async () => {
    const r = await run(['analyze', '--snapshot', 'h.json', '--limit', '0']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('<U+001B>');
    expect(unsafeIn(r.out)).toEqual([]);
  });

  it('explain shows hidden characters in its labels, checks and fixes', async () => {
    const r = await run(['explain', '--snapshot', 'h.json', 'vpc-0a11', 'vpc-0c31']);
    expect(r.out).toContain('<U+');
    expect(unsafeIn(r.out)).toEqual([]);
  });

  it('an export refusal naming the VPCs, and the warnings of code, show hidden characters', async () => {
    const refused = await run(['export', '--snapshot', 'h.json', '--format', 'sh', '--plan', 'vpc-0c32:vpc-0b21']);
    expect(refused.code).toBe(3);
    expect(refused.out).toContain('<U+');
    expect(unsafeIn(refused.out)).toEqual([]);
    const warned = await run(['export', '--snapshot', 'h.json', '--format', 'tf', '--peerings', 'pcx-0004,pcx-0006']);
    expect(warned.code).toBe(0);
    const warnings = warned.out.split('\n').filter((l) => l.startsWith('peerscape export: warning:'));
    expect(warnings.length).toBeGreaterThan(0);
    expect(unsafeIn(warnings.join('\n'))).toEqual([]);
  });

  describe('scan', () => {
    let server: Server;
    let dir: string;
    beforeAll(async () => {
      // An endpoint whose error code and message hold a screen clear, a window title, colour and a fake line.
      server = createServer((req, res) => {
        req.resume();
        req.on('end', () => {
          res.writeHead(403, { 'content-type': 'text/xml' });
          res.end(
            '<ErrorResponse><Error><Type>Sender</Type><Code>InvalidClient\u001b[2JTokenId</Code>' +
              '<Message>denied \u001b]0;OWNED\u0007\u001b[31mred\u202e\rFAKE\nLINE\u009b2J</Message></Error><RequestId>1</RequestId></ErrorResponse>',
          );
        });
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const { port } = server.address() as { port: number };
      dir = mkdtempSync(join(tmpdir(), 'peerscape-terminal-'));
      writeFileSync(join(dir, 'config'), `[profile hostile]\nregion = us-east-1\nendpoint_url = http://127.0.0.1:${port}\n`);
      writeFileSync(join(dir, 'credentials'), '[hostile]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n');
    });
    afterAll(async () => {
      await closeSharedScanPools();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      rmSync(dir, { recursive: true, force: true });
    });

    it('shows hidden characters of an endpoint error in the failure lines', async () => {
      const env = { AWS_CONFIG_FILE: join(dir, 'config'), AWS_SHARED_CREDENTIALS_FILE: join(dir, 'credentials') };
      const r = await run(['scan', '--profile', 'hostile', '--region', 'us-east-1', '--out', join(dir, 's.json')], env, dir);
      expect(r.out).toContain('FAILED hostile');
      expect(r.out).toContain('<U+001B>');
      expect(unsafeIn(r.out)).toEqual([]);
    }, 60_000);
  });
});
