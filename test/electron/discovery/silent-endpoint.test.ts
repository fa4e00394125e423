/** Endpoints that accept connections and never answer: discovery gives up within its attempt budget and names the silent service.
 *
 * The silent server is a real TCP server on 127.0.0.1 that accepts and holds every socket. The
 * only time bound is each test's vitest timeout: with the budgets of the code before (8 attempts
 * of 20 s per call, 60 s for credentials) none of these tests finishes in time.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { DEFAULT_CALL_LIMITS } from '../../../electron/aws/call-scheduler';
import { runDiscovery, type DiscoveryLimits } from '../../../electron/discovery/run-discovery';
import { closeSharedScanPools } from '../../../electron/discovery/scan-pool';
import { startSandboxServer, type SandboxServer } from '@peerscape/sandbox-cloud';
import type { RegionCoverage } from '../../../shared/model/snapshot';

interface SilentServer {
  readonly endpoint: string;
  /** Connections accepted so far: one per attempt, as a timed-out socket is never reused. */
  connections(): number;
  close(): Promise<void>;
}

/** A TCP server that accepts every connection and never sends a byte. */
async function startSilentServer(): Promise<SilentServer> {
  const sockets = new Set<Socket>();
  let accepted = 0;
  const server = createServer((socket) => {
    accepted += 1;
    sockets.add(socket);
    socket.on('error', () => undefined);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    endpoint: `http://127.0.0.1:${port}`,
    connections: () => accepted,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

const NOW = () => new Date('2026-11-23T12:00:00Z');
/** Short answer timeouts so the tests run in about a second; the budget's shape is the default one. */
const FAST: Partial<DiscoveryLimits> = { stsAnswerTimeoutMs: 300, ec2AnswerTimeoutMs: 300, retryBaseDelayMs: 1, progressIntervalMs: 0 };

let silent: SilentServer;
let sandbox: SandboxServer;
let home: string;
let prodAccountId: string;
/** The CLI process of the last test, stopped in afterAll should the test time out. */
let cli: ChildProcess | undefined;

beforeAll(async () => {
  silent = await startSilentServer();
  sandbox = await startSandboxServer({ scenario: 'demo', log: () => undefined });
  home = mkdtempSync(join(tmpdir(), 'peerscape-silent-'));
  const prod = sandbox.accounts.find((a) => a.profile === 'sandbox-prod')!;
  prodAccountId = prod.accountId;
  writeFileSync(
    join(home, 'config'),
    [
      '[profile silent]',
      'region = eu-west-1',
      `endpoint_url = ${silent.endpoint}`,
      '',
      // STS through the sandbox, which answers; EC2 to the silent server.
      '[profile sts-only]',
      'region = us-east-1',
      'services = split',
      '',
      '[services split]',
      'sts =',
      `  endpoint_url = ${sandbox.endpoint}`,
      'ec2 =',
      `  endpoint_url = ${silent.endpoint}`,
      '',
      '[profile role]',
      'region = us-east-1',
      'role_arn = arn:aws:iam::123456789012:role/Reader',
      'source_profile = silent',
      `endpoint_url = ${silent.endpoint}`,
      '',
    ].join('\n'),
  );
  writeFileSync(
    join(home, 'credentials'),
    `[silent]\naws_access_key_id = AKIASILENT0000000001\naws_secret_access_key = x\n\n[sts-only]\naws_access_key_id = ${prod.accessKeyId}\naws_secret_access_key = ${prod.secretAccessKey}\n`,
  );
});

afterAll(async () => {
  if (cli && cli.exitCode === null) cli.kill('SIGKILL');
  await closeSharedScanPools();
  await silent?.close();
  await sandbox?.close();
  if (home) rmSync(home, { recursive: true, force: true });
});

const env = () => ({ AWS_CONFIG_FILE: join(home, 'config'), AWS_SHARED_CREDENTIALS_FILE: join(home, 'credentials') });

async function scan(profile: string, regions: readonly string[], limits: Partial<DiscoveryLimits> = FAST): Promise<readonly RegionCoverage[]> {
  const r = await runDiscovery({ profiles: [profile], regions }, { env: env(), homeDir: home, now: NOW, limits });
  if (!r.ok) throw new Error(r.error.message);
  return r.value.coverage;
}

describe('a silent endpoint', () => {
  it('fails a profile whose STS never answers after maxUnansweredAttempts, naming STS and the endpoint', async () => {
    const before = silent.connections();
    const coverage = await scan('silent', ['eu-west-1']);
    expect(coverage).toEqual([expect.objectContaining({ profile: 'silent', region: '*', state: 'failed', errorCode: 'Timeout' })]);
    expect(coverage[0]!.message).toMatch(
      new RegExp(`^STS at ${silent.endpoint} did not answer sts:GetCallerIdentity for profile "silent" in eu-west-1 \\(no answer within [\\d.]+ s, 2 attempts\\): check the profile's endpoint_url`),
    );
    // Throttling keeps its 8 attempts; silence gets 2, one connection each.
    expect(DEFAULT_CALL_LIMITS.maxAttempts).toBe(8);
    expect(silent.connections() - before).toBe(DEFAULT_CALL_LIMITS.maxUnansweredAttempts);
  }, 15_000);

  it('stops waiting for DescribeRegions once STS has failed', async () => {
    const before = silent.connections();
    const coverage = await scan('silent', [], { ...FAST, ec2AnswerTimeoutMs: 60_000 });
    expect(coverage[0]).toMatchObject({ region: '*', state: 'failed', errorCode: 'Timeout', message: expect.stringMatching(/^STS at /) });
    // Two STS attempts and the one DescribeRegions attempt that was cut short.
    expect(silent.connections() - before).toBe(3);
  }, 15_000);

  it.each([0, 1])('fails a region whose EC2 never answers while STS does, naming EC2, the endpoint and the region (%i scan threads)', async (scanThreads) => {
    const coverage = await scan('sts-only', ['us-east-1'], { ...FAST, maxUnansweredAttempts: 3, scanThreads });
    const profile = coverage.find((c) => c.region === '*');
    expect(profile).toMatchObject({ state: 'complete', accountId: prodAccountId });
    const region = coverage.find((c) => c.region === 'us-east-1');
    expect(region).toMatchObject({ state: 'failed', errorCode: 'Timeout' });
    expect(region!.message).toMatch(new RegExp(`^EC2 at ${silent.endpoint} did not answer ec2:Describe\\w+ for profile "sts-only" in us-east-1 \\(no answer within [\\d.]+ s, 3 attempts\\)`));
  }, 15_000);

  it('fails a profile whose DescribeRegions never answers, naming EC2', async () => {
    const coverage = await scan('sts-only', []);
    expect(coverage).toEqual([expect.objectContaining({ region: '*', state: 'failed', errorCode: 'Timeout' })]);
    expect(coverage[0]!.message).toMatch(new RegExp(`^EC2 at ${silent.endpoint} did not answer ec2:DescribeRegions for profile "sts-only" in us-east-1 \\(no answer within [\\d.]+ s, 2 attempts\\)`));
  }, 15_000);

  it('fails a role profile whose AssumeRole never answers, naming STS', async () => {
    const coverage = await scan('role', ['us-east-1']);
    expect(coverage).toEqual([expect.objectContaining({ profile: 'role', region: '*', state: 'failed', errorCode: 'Timeout' })]);
    expect(coverage[0]!.message).toMatch(new RegExp(`^STS at ${silent.endpoint} did not answer sts:AssumeRole for profile "role" in us-east-1 \\(no answer within 0.3 s, \\d attempts\\)`));
  }, 15_000);
});

describe('peerscape scan --profile against a silent endpoint, with the default budget', () => {
  it('exits 1 within seconds and says STS did not answer', async () => {
    const bin = fileURLToPath(new URL('../../../bin/peerscape.js', import.meta.url));
    const out = join(home, 'silent.json');
    const r = await new Promise<{ code: number | null; stderr: string }>((resolve, reject) => {
      const child = (cli = spawn(process.execPath, [bin, 'scan', '--profile', 'silent', '--out', out], {
        env: { ...process.env, ...env(), HOME: home, AWS_PROFILE: '', AWS_ENDPOINT_URL: '' },
        stdio: ['ignore', 'ignore', 'pipe'],
      }));
      let stderr = '';
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      child.on('error', reject);
      child.on('close', (code) => resolve({ code, stderr }));
    });
    expect(r.stderr).toMatch(new RegExp(`FAILED silent \\* Timeout: STS at ${silent.endpoint} did not answer sts:GetCallerIdentity for profile "silent" in eu-west-1 \\(no answer within [\\d.]+ s, 2 attempts\\)`));
    expect(r.code).toBe(1);
  }, 40_000);
});
