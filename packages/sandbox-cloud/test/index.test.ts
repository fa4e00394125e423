/** The programmatic entry: start on a free port, accounts and refs, persistence to a JSON file,
 * reset to the scenario, AWS config files, stats, and a clean close. */
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { CreateVpcCommand, DescribeVpcPeeringConnectionsCommand, DescribeVpcsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { loadSharedConfigFiles } from '@smithy/shared-ini-file-loader';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startSandboxServer, type SandboxServer } from '../src/index';
import { awsError } from './clients';

let server: SandboxServer;
let dir: string;

function client(s: SandboxServer, profile = 'sandbox-prod', region = 'us-east-1'): EC2Client {
  const a = s.accounts.find((x) => x.profile === profile);
  if (!a) throw new Error(profile);
  return new EC2Client({ endpoint: s.endpoint, region, credentials: { accessKeyId: a.accessKeyId, secretAccessKey: a.secretAccessKey }, maxAttempts: 1 });
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sandbox-index-'));
  server = await startSandboxServer({ scenario: 'demo', port: 0 });
});
afterAll(async () => server.close());

describe('startSandboxServer', () => {
  it('listens on a free loopback port and lists the scenario accounts', () => {
    expect(server.endpoint).toBe(`http://127.0.0.1:${server.port}`);
    expect(server.port).toBeGreaterThan(0);
    expect(server.startedFrom).toBe('scenario');
    expect(server.scenarioName).toBe('demo');
    expect(server.accounts.map((a) => a.profile)).toEqual(['sandbox-network', 'sandbox-prod', 'sandbox-dev', 'sandbox-data']);
    for (const a of server.accounts) {
      expect(a.accountId).toMatch(/^\d{12}$/);
      expect(a.accessKeyId).toMatch(/^AKIA[A-Z2-7]{16}$/);
      expect(a.secretAccessKey.length).toBe(40);
    }
    expect(server.refs['vpc:shared-use1']).toMatch(/^vpc-/);
    expect(server.refs['pcx:hub-prod-app']).toMatch(/^pcx-/);
  });

  it('gives the same ids on every start of a scenario', async () => {
    const again = await startSandboxServer({ scenario: 'demo' });
    try {
      expect(again.refs).toEqual(server.refs);
      expect(again.accounts).toEqual(server.accounts);
    } finally {
      await again.close();
    }
  });

  it('refuses a port that is taken, with the system error', async () => {
    await expect(startSandboxServer({ scenario: 'empty', port: server.port })).rejects.toThrow(/EADDRINUSE/);
  });

  it('refuses an unknown scenario with the names it knows', async () => {
    await expect(startSandboxServer({ scenario: 'demoo' })).rejects.toThrow(/Unknown scenario "demoo".*demo, empty/);
  });

  it('counts requests per action', async () => {
    server.resetStats();
    await client(server).send(new DescribeVpcsCommand({}));
    await client(server).send(new DescribeVpcsCommand({}));
    expect(server.stats()).toEqual({ requests: 2, byAction: { DescribeVpcs: 2 } });
  });
});

describe('persistence', () => {
  it('saves to and loads from a JSON file, and resets to the scenario', async () => {
    const c = client(server);
    const created = (await c.send(new CreateVpcCommand({ CidrBlock: '10.250.0.0/16' }))).Vpc?.VpcId as string;
    const file = join(dir, 'state.json');
    await server.saveState(file);
    const saved = JSON.parse(await readFile(file, 'utf8')) as { format: string; version: number; vpcs: { id: string }[] };
    expect(saved).toMatchObject({ format: 'peerscape-sandbox-state', version: 1 });
    expect(saved.vpcs.some((v) => v.id === created)).toBe(true);
    await server.reset();
    expect((await awsError(c.send(new DescribeVpcsCommand({ VpcIds: [created] })))).code).toBe('InvalidVpcID.NotFound');
    expect(server.refs['vpc:shared-use1']).toBeDefined();
    await server.loadState(file);
    expect((await c.send(new DescribeVpcsCommand({ VpcIds: [created] }))).Vpcs).toHaveLength(1);
    const statuses = (await client(server, 'sandbox-network').send(new DescribeVpcPeeringConnectionsCommand({}))).VpcPeeringConnections?.map((p) => p.Status?.Code);
    expect(statuses).toContain('active');
    await server.reset();
  });

  it('refuses a file that is not a sandbox state, saying what it is', async () => {
    const bad = join(dir, 'bad.json');
    await writeFile(bad, JSON.stringify({ hello: 'world' }));
    await expect(server.loadState(bad)).rejects.toThrow(/not a Peerscape sandbox state file/);
    await writeFile(bad, '{');
    await expect(server.loadState(bad)).rejects.toThrow(/Cannot read sandbox state/);
    await expect(server.saveState()).rejects.toThrow(/needs a file path/);
  });

  it('with stateFile: starts from the scenario, saves on change and close, and starts from the file next time', async () => {
    const file = join(dir, 'app-state.json');
    const first = await startSandboxServer({ scenario: 'empty', stateFile: file });
    expect(first.startedFrom).toBe('scenario');
    const id = (await client(first).send(new CreateVpcCommand({ CidrBlock: '10.77.0.0/16' }))).Vpc?.VpcId as string;
    await first.close();
    const second = await startSandboxServer({ scenario: 'empty', stateFile: file });
    try {
      expect(second.startedFrom).toBe('state-file');
      expect((await client(second).send(new DescribeVpcsCommand({ VpcIds: [id] }))).Vpcs).toHaveLength(1);
      await second.reset();
      expect((await client(second).send(new DescribeVpcsCommand({}))).Vpcs).toEqual([]);
    } finally {
      await second.close();
    }
  });

  it('with stateFile: a change is on disk before it is answered, so a process killed right after keeps it', async () => {
    const file = join(dir, 'answered-state.json');
    const s = await startSandboxServer({ scenario: 'empty', stateFile: file });
    try {
      const ids: string[] = [];
      for (const cidr of ['10.78.0.0/16', '10.79.0.0/16']) {
        ids.push((await client(s).send(new CreateVpcCommand({ CidrBlock: cidr }))).Vpc?.VpcId as string);
        // Read at once, as a process starting after a SIGKILL would: no timer may stand between the answer and the file.
        const saved = await readFile(file, 'utf8');
        for (const id of ids) expect(saved).toContain(id);
      }
    } finally {
      await s.close();
    }
  });

  it('with a damaged stateFile: logs why and starts from the scenario', async () => {
    const file = join(dir, 'damaged.json');
    await writeFile(file, 'not json');
    const lines: string[] = [];
    const s = await startSandboxServer({ scenario: 'empty', stateFile: file, log: (l) => lines.push(l) });
    try {
      expect(s.startedFrom).toBe('scenario');
      expect(lines.join('\n')).toContain('ignoring state file');
    } finally {
      await s.close();
    }
  });
});

describe('AWS config files', () => {
  it('writes one profile per account with region and endpoint_url, readable by the SDK loader', async () => {
    const out = join(dir, 'aws');
    const files = await server.writeAwsFiles(out);
    const { configFile, credentialsFile } = await loadSharedConfigFiles({ filepath: files.credentialsFile, configFilepath: files.configFile });
    for (const a of server.accounts) {
      expect(configFile[a.profile]).toMatchObject({ region: a.region, endpoint_url: server.endpoint });
      expect(credentialsFile[a.profile]).toEqual({ aws_access_key_id: a.accessKeyId, aws_secret_access_key: a.secretAccessKey });
    }
  });
});

describe('close', () => {
  it('stops listening and can be called twice', async () => {
    const s = await startSandboxServer({ scenario: 'empty' });
    await client(s).send(new DescribeVpcsCommand({}));
    await s.close();
    await s.close();
    await expect(fetch(s.endpoint)).rejects.toThrow();
  });
});
