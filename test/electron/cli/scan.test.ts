/** `peerscape scan` end to end: arguments, the snapshot file, stderr and the exit code. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { parseScanArgs, runScan, SCAN_EXIT, type CliIo } from '../../../electron/cli/commands/scan';
import { progressLine } from '../../../electron/cli/scan-progress';
import { runCli } from '../../../electron/cli/main';
import { parseSnapshot } from '../../../shared/model/snapshot-schema';
import { motoMissingReason, startMoto, type MotoHandle } from '../../support/moto';

function bufferIo(env: Record<string, string>, cwd: string, tty = false): CliIo & { out: () => string; err: () => string } {
  let out = '';
  let err = '';
  return {
    stdout: { write: (s: string) => (out += s) },
    stderr: { write: (s: string) => (err += s), isTTY: tty, columns: 200 },
    env,
    cwd,
    homeDir: cwd,
    signal: new AbortController().signal,
    now: () => new Date('2026-11-23T12:00:00Z'),
    out: () => out,
    err: () => err,
  };
}

describe('parseScanArgs', () => {
  it('collects repeated and comma-separated profiles and regions', () => {
    expect(parseScanArgs(['--profile', 'a', '--profile=b,c', '--region', 'eu-west-1,us-east-1', '--out', 's.json'])).toEqual({
      ok: true,
      args: { profiles: ['a', 'b', 'c'], regions: ['eu-west-1', 'us-east-1'], out: 's.json', help: false },
    });
  });

  it('says which argument is wrong', () => {
    expect(parseScanArgs(['--profile'])).toEqual({ ok: false, message: '--profile needs a value, e.g. --profile prod' });
    expect(parseScanArgs(['--frobnicate'])).toEqual({ ok: false, message: 'unknown flag --frobnicate.' });
  });
});

describe('progressLine', () => {
  it('counts profiles and regions by state', () => {
    expect(
      progressLine({
        runId: 'r',
        finished: false,
        cells: [
          { profile: 'a', region: '*', state: 'done' },
          { profile: 'b', region: '*', state: 'running' },
          { profile: 'a', region: 'eu-west-1', state: 'done' },
          { profile: 'a', region: 'us-east-1', state: 'running' },
          { profile: 'a', region: 'ap-south-1', state: 'failed' },
        ],
      }),
    ).toBe('Scanning: profiles 1/2 · regions 1/3 done, 1 running · 1 failed');
  });
});

describe('runScan', () => {
  it('scans the sandbox demo in-process with --sandbox, using only its profiles', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'peerscape-cli-'));
    // A stray endpoint in the caller's environment must not leak into the sandbox scan.
    const io = bufferIo({ AWS_ENDPOINT_URL: 'http://127.0.0.1:9', AWS_PROFILE: 'nope' }, dir);
    const code = await runScan(['--sandbox', 'demo', '--region', 'us-east-1', '--out', 'demo.json'], io);
    expect(io.err()).toMatch(/^Scanned 4 account\(s\), 4 region\(s\)/);
    expect(code).toBe(SCAN_EXIT.ok);
    const parsed = parseSnapshot(readFileSync(join(dir, 'demo.json'), 'utf8'));
    expect(parsed.ok && parsed.snapshot.source).toBe('sandbox:demo');
    expect(parsed.ok && parsed.snapshot.topology.accounts.map((a) => a.profiles[0])).toEqual(['sandbox-network', 'sandbox-data', 'sandbox-prod', 'sandbox-dev']);
  });

  it('says so when the sandbox scenario does not exist', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'peerscape-cli-'));
    const io = bufferIo({}, dir);
    expect(await runCli(['scan', '--sandbox', 'no-such-scenario'], { ...io, readFile: async () => '' })).toBe(SCAN_EXIT.usage);
    expect(io.err()).toContain('cannot start the sandbox "no-such-scenario"');
  });

  it('refuses a bad region name before scanning, with exit code 2', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'peerscape-cli-'));
    const io = bufferIo({ AWS_CONFIG_FILE: join(dir, 'none'), AWS_SHARED_CREDENTIALS_FILE: join(dir, 'none') }, dir);
    expect(await runCli(['scan', '--profile', 'x', '--region', 'Europe'], { ...io, readFile: async () => '' })).toBe(SCAN_EXIT.usage);
    expect(io.err()).toContain('not a region name: "Europe"');
  });
});

const motoMissing = motoMissingReason();
const onCi = Boolean(process.env.CI);
if (motoMissing && !onCi) console.warn(`skipping the moto CLI tests: ${motoMissing}`);

describe.skipIf(Boolean(motoMissing) && !onCi)('runScan against moto', () => {
  let moto: MotoHandle;
  let dir: string;
  let env: Record<string, string>;

  beforeAll(async () => {
    // startMoto throws on CI when moto is missing; off CI this block is skipped instead.
    const started = await startMoto();
    if (!started) throw new Error(`moto is missing: ${motoMissing}`);
    moto = started;
    dir = mkdtempSync(join(tmpdir(), 'peerscape-cli-'));
    env = { AWS_CONFIG_FILE: join(dir, 'config'), AWS_SHARED_CREDENTIALS_FILE: join(dir, 'credentials') };
    writeFileSync(
      env.AWS_CONFIG_FILE!,
      `[profile good]\nregion = us-east-1\nendpoint_url = ${moto.endpoint}\n\n[profile unreachable]\nregion = us-east-1\nendpoint_url = http://127.0.0.1:9\n`,
    );
    writeFileSync(
      env.AWS_SHARED_CREDENTIALS_FILE!,
      '[good]\naws_access_key_id = AKIACLITEST00001\naws_secret_access_key = x\n\n[unreachable]\naws_access_key_id = AKIACLITEST00002\naws_secret_access_key = y\n',
    );
  });

  afterAll(async () => {
    await moto?.stop();
  });

  it('writes a valid snapshot and exits 0 when everything loaded', async () => {
    const io = bufferIo(env, dir);
    const code = await runScan(['--profile', 'good', '--region', 'us-east-1', '--out', 's.json'], io);
    expect(io.err()).toMatch(/^Scanned 1 account\(s\), 1 region\(s\): 1 VPCs/);
    expect(code).toBe(SCAN_EXIT.ok);
    const parsed = parseSnapshot(readFileSync(join(dir, 's.json'), 'utf8'));
    expect(parsed.ok && parsed.snapshot.topology.accounts).toEqual([{ id: '123456789012', profiles: ['good'] }]);
    expect(io.out()).toBe('');
  });

  it('still writes the snapshot but exits 1 and says why when a profile fails', async () => {
    const io = bufferIo(env, dir, true);
    const code = await runScan(['--profile', 'good,unreachable', '--region', 'us-east-1'], io, { limits: { maxAttempts: 1 } });
    expect(code).toBe(SCAN_EXIT.partial);
    const parsed = parseSnapshot(io.out());
    expect(parsed.ok).toBe(true);
    if (parsed.ok) {
      expect(parsed.snapshot.coverage.find((c) => c.profile === 'unreachable')).toMatchObject({ region: '*', state: 'failed', errorCode: 'ECONNREFUSED' });
    }
    expect(io.err()).toContain('\r\x1b[2KScanning: profiles');
    expect(io.err()).toMatch(/FAILED unreachable \* ECONNREFUSED: Could not reach http:\/\/127\.0\.0\.1:9/);
  });
});
