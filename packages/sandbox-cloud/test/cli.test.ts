/** `npm run sandbox` (the package's `peerscape-sandbox` bin): the command prints its endpoint and
 * AWS files, the real AWS CLI (Debian's /usr/bin/aws, a client nobody here wrote) drives a
 * peering lifecycle with them, Ctrl-C stops it. */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { resolveScenario } from '../src/scenarios';
import { loadScenario } from '../src/scenarios/load';
import { World } from '../src/state/world';

const run = promisify(execFile);
// The package's bin, as npm links it: node runs it, and it compiles the TypeScript on load.
const BIN = join(import.meta.dirname, '..', 'bin', 'peerscape-sandbox.js');
const AWS = '/usr/bin/aws';

let child: ChildProcess;
let output = '';
let endpoint = '';
let outDir = '';
let exited: Promise<number | null>;

beforeAll(async () => {
  outDir = await mkdtemp(join(tmpdir(), 'sandbox-cli-'));
  child = spawn(process.execPath, [BIN, '--scenario', 'demo', '--port', '0', '--out', outDir, '--latency', '1ms'], { stdio: ['ignore', 'pipe', 'pipe'] });
  exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  const deadline = Date.now() + 30_000;
  while (!output.includes('Ctrl-C stops the sandbox')) {
    if (Date.now() > deadline || child.exitCode !== null) throw new Error(`the sandbox CLI did not start:\n${output}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  endpoint = /Endpoint:\s+(\S+)/.exec(output)?.[1] as string;
});
afterAll(async () => {
  if (child.exitCode === null) child.kill('SIGTERM');
});

describe('npm run sandbox', () => {
  it('prints the endpoint, the AWS files it wrote and a ready-to-paste AWS CLI command', () => {
    expect(endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(output).toContain(`AWS config:        ${join(outDir, 'config')}`);
    expect(output).toContain(`AWS credentials:   ${join(outDir, 'credentials')}`);
    expect(output).toContain(
      `AWS_CONFIG_FILE=${join(outDir, 'config')} AWS_SHARED_CREDENTIALS_FILE=${join(outDir, 'credentials')} /usr/bin/aws ec2 describe-vpcs --profile sandbox-network --endpoint-url ${endpoint}`,
    );
  });

  it('explains bad flags and exits with status 2', async () => {
    const bad = await run(process.execPath, [BIN, '--throttle-rate', '7']).catch((e: { code: number; stderr: string }) => e);
    expect((bad as { code: number }).code).toBe(2);
    expect((bad as { stderr: string }).stderr).toContain('--throttle-rate: "7" must be a number from 0 to 1');
    const ous = await run(process.execPath, [BIN, '--accounts', '2', '--ous', '2000']).catch((e: { code: number; stderr: string }) => e);
    expect((ous as { code: number }).code).toBe(2);
    expect((ous as { stderr: string }).stderr).toContain('--ous must be an integer from 0 to 1000');
  });
});

describe.skipIf(!existsSync(AWS) && !process.env.CI)('the real AWS CLI against the sandbox', () => {
  const aws = async (profile: string, ...args: string[]): Promise<string> => {
    const env = { ...process.env, AWS_CONFIG_FILE: join(outDir, 'config'), AWS_SHARED_CREDENTIALS_FILE: join(outDir, 'credentials'), AWS_PAGER: '' };
    const { stdout } = await run(AWS, ['ec2', ...args, '--profile', profile, '--endpoint-url', endpoint, '--output', 'json'], { env });
    return stdout;
  };

  it('drives a cross-account peering lifecycle and reads AWS errors', async () => {
    // Scenario ids are deterministic, so they can be known without asking (each CLI call costs seconds).
    const demo = resolveScenario('demo');
    const refs = loadScenario(new World(Date.now, { scenario: demo.name, seed: demo.seed ?? demo.name }), demo);
    const [devApp, lake] = [refs['vpc:dev-app-use1'] as string, refs['vpc:data-lake-use1'] as string];
    const [createdText, failure] = await Promise.all([
      aws('sandbox-dev', 'create-vpc-peering-connection', '--vpc-id', devApp, '--peer-vpc-id', lake, '--peer-owner-id', '246813579024'),
      aws('sandbox-dev', 'describe-vpcs', '--vpc-ids', 'vpc-nope').catch((e: { code: number; stderr: string }) => e),
    ]);
    expect((failure as { stderr: string }).stderr).toContain('(InvalidVpcID.Malformed) when calling the DescribeVpcs operation');
    const created = JSON.parse(createdText as string);
    const pcx = created.VpcPeeringConnection.VpcPeeringConnectionId as string;
    expect(created.VpcPeeringConnection.Status.Code).toBe('initiating-request');
    const accepted = JSON.parse(await aws('sandbox-data', 'accept-vpc-peering-connection', '--vpc-peering-connection-id', pcx));
    expect(accepted.VpcPeeringConnection.Status.Code).toBe('provisioning');
    const seen = JSON.parse(await aws('sandbox-dev', 'describe-vpc-peering-connections', '--vpc-peering-connection-ids', pcx));
    expect(seen.VpcPeeringConnections[0].Status).toEqual({ Code: 'active', Message: 'Active' });
    expect(seen.VpcPeeringConnections[0].AccepterVpcInfo.CidrBlockSet).toEqual([{ CidrBlock: '10.192.0.0/16' }, { CidrBlock: '10.193.0.0/16' }]);
    expect(seen.VpcPeeringConnections[0].RequesterVpcInfo).toMatchObject({ OwnerId: '777788889999', VpcId: devApp, Region: 'us-east-1' });
  });
});

describe('Ctrl-C', () => {
  it('stops the sandbox cleanly with exit status 0', async () => {
    child.kill('SIGINT');
    expect(await exited).toBe(0);
    expect(output).toContain('stopping the sandbox cloud');
    await expect(fetch(endpoint)).rejects.toThrow();
  });
});
