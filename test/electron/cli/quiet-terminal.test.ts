/** The built `peerscape` prints only its own lines: no warning of the AWS SDK or of Node reaches
 * the terminal, whatever the command, against the sandbox cloud as against AWS profiles.
 *
 * On success `analyze` and `explain` leave stderr empty; `scan` and `export` write exactly their
 * one status line there (the data goes to stdout or --out). The AWS SDK warns about Node versions
 * it calls old (below 22); on a newer Node the runs below also pass with `process.version`
 * reported as 20, so the check keeps its meaning on every machine.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { CLI_BIN } from '../../support/cli-bundle';
import { startSandbox, type SandboxHandle } from '../../support/start-sandbox';

const dir = mkdtempSync(join(tmpdir(), 'peerscape-quiet-'));
let sandbox: SandboxHandle;
let awsEnv: Record<string, string>;

beforeAll(async () => {
  // Every call waits a little and a share is throttled, so many calls and retries are in flight
  // at once on one signal: where listener warnings would show.
  sandbox = await startSandbox({ scenario: 'demo', faults: { latencyMs: 10, jitterMs: 10, throttle: { mode: 'rate', rate: 0.1 }, seed: 7 } });
  const files = await sandbox.writeAwsFiles(dir);
  awsEnv = { AWS_CONFIG_FILE: files.configFile, AWS_SHARED_CREDENTIALS_FILE: files.credentialsFile };
});
afterAll(async () => {
  await sandbox?.stop();
  rmSync(dir, { recursive: true, force: true });
});

interface Ran {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** A Node that says it is 20, for the SDK's version check. */
const OLD_NODE = ['--import', 'data:text/javascript,Object.defineProperty(process,"version",{value:"v20.20.2"})'];

/** Run the built `peerscape ARGS` in the test folder, with nothing of this process's AWS or Node settings. */
function peerscape(args: readonly string[], env: Record<string, string> = {}, nodeArgs: readonly string[] = []): Promise<Ran> {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(AWS_|NODE_OPTIONS$|NODE_NO_WARNINGS$)/.test(k)));
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...nodeArgs, CLI_BIN, ...args], { cwd: dir, env: { ...clean, HOME: dir, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('the CLI on the terminal', () => {
  it.each([
    ['this Node', []],
    ['a Node the AWS SDK calls old', OLD_NODE],
  ])('scans AWS profiles with only its summary on stderr (%s)', async (_, nodeArgs) => {
    const r = await peerscape(['scan', '--out', 'profiles.json'], awsEnv, nodeArgs);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/^Scanned 4 account\(s\), \d+ region\(s\): .* → .*profiles\.json\n$/);
  }, 60_000);

  it('scans the in-process sandbox with only its summary on stderr', async () => {
    const r = await peerscape(['scan', '--sandbox', 'demo', '--out', 's.json'], {}, OLD_NODE);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/^Scanned 4 account\(s\), \d+ region\(s\): .* → .*s\.json\n$/);
  }, 60_000);

  it('analyzes, explains by name and exports with nothing on stderr but the file it wrote', async () => {
    const analyzed = await peerscape(['analyze', '--snapshot', 's.json'], {}, OLD_NODE);
    expect(analyzed).toMatchObject({ code: 0, stderr: '' });
    const explained = await peerscape(['explain', '--snapshot', 's.json', 'prod-app', 'Shared-Services'], {}, OLD_NODE);
    expect(explained.stderr).toBe('');
    expect(explained.stdout).toMatch(/^prod-app \(vpc-\w+\) → shared-services \(vpc-\w+\)/);
    for (const format of ['svg', 'png']) {
      const exported = await peerscape(['export', '--snapshot', 's.json', '--format', format, '--out', `d.${format}`], {}, OLD_NODE);
      expect(exported.code, exported.stderr).toBe(0);
      expect(exported.stderr).toMatch(new RegExp(`^wrote .*d\\.${format} \\(\\d+×\\d+\\)\\n$`));
    }
  }, 60_000);
});
