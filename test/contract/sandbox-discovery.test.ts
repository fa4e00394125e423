import { afterEach, describe, expect, it } from 'vitest';
import { CreateVpcCommand, EC2Client } from '@aws-sdk/client-ec2';

import type { Loopback } from '../support/loopback-transport';
import type { MainApi } from '../../electron/api/main-api';
import { loopbackMainApi, makeTempHome } from '../support/main-api-fixture';
import { scanThroughApi } from '../support/scan-through-api';

const open: Loopback<MainApi>[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((l) => l.api.dispose()));
});

function start(home: ReturnType<typeof makeTempHome>) {
  const loop = loopbackMainApi(home);
  open.push(loop);
  return loop;
}

const scan = scanThroughApi;

describe('the sandbox through the API', () => {
  it('opens on the sandbox when the user has no AWS profile', async () => {
    const { client } = start(makeTempHome());
    const ws = await client.getWorkspace({});
    expect(ws.ok && ws.value.source).toBe('sandbox');
  });

  it('refuses a sandbox scan before the sandbox runs, saying what to do', async () => {
    const { client } = start(makeTempHome());
    expect(await client.startDiscovery({ source: 'sandbox' })).toMatchObject({ ok: false, error: { code: 'unavailable', fix: expect.stringContaining('Sandbox') } });
  });

  it('starts the demo organisation and discovers it, streaming progress and snapshots', async () => {
    const home = makeTempHome();
    const { client } = start(home);
    const sandbox = await client.startSandbox({});
    expect(sandbox.ok && sandbox.value).toMatchObject({ running: true, scenario: 'demo', endpoint: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/) });
    expect(sandbox.ok && sandbox.value.profiles.length).toBeGreaterThanOrEqual(3);
    const { last, progress, snapshots } = await scan(client, { source: 'sandbox' });
    expect(last.error).toBeUndefined();
    expect(progress.some((p) => p.cells.some((c) => c.state === 'running'))).toBe(true);
    expect(snapshots.length).toBeGreaterThanOrEqual(1);
    const ws = await client.getWorkspace({});
    const snapshot = ws.ok ? ws.value.snapshot : undefined;
    expect(snapshot?.source).toBe('sandbox:demo');
    expect(snapshot?.topology.accounts.length).toBeGreaterThanOrEqual(3);
    expect(snapshot?.topology.vpcs.length).toBeGreaterThanOrEqual(15);
    expect(new Set(snapshot?.topology.vpcs.map((v) => v.region)).size).toBeGreaterThanOrEqual(3);
    expect(snapshot?.coverage.every((c) => c.state === 'complete')).toBe(true);
  });

  it('streams the first scan region by region, but a rescan pushes only the finished network', async () => {
    const { client } = start(makeTempHome());
    await client.startSandbox({});
    const first = await scan(client, { source: 'sandbox' });
    const full = first.snapshots.at(-1)!;
    // Partial snapshots are pushed on a 1 s pace, so the first scan may end before one is due;
    // the last one pushed is always the whole network.
    expect(full.coverage.every((c) => c.state === 'complete')).toBe(true);
    const rescan = await scan(client, { source: 'sandbox' });
    expect(rescan.snapshots.length).toBeGreaterThanOrEqual(1);
    for (const s of rescan.snapshots) {
      expect(s.topology.vpcs.length).toBe(full.topology.vpcs.length);
      expect(s.coverage.every((c) => c.state === 'complete')).toBe(true);
    }
  });

  it('keeps the sandbox state between runs until it is reset', async () => {
    const home = makeTempHome();
    const first = start(home);
    const status = await first.client.startSandbox({});
    if (!status.ok) throw new Error(status.error.message);
    const account = first.api;
    expect(account).toBeDefined();
    // Change the sandbox as any AWS client would: through the EC2 API, with a demo account's keys.
    const { readFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const credentials = readFileSync(join(home.home, 'data', 'sandbox', 'credentials'), 'utf8');
    const profile = status.value.profiles[0]!;
    const section = credentials.split(/^\[/m).find((s) => s.startsWith(`${profile}]`))!;
    const key = /aws_access_key_id\s*=\s*(\S+)/.exec(section)![1]!;
    const secret = /aws_secret_access_key\s*=\s*(\S+)/.exec(section)![1]!;
    const ec2 = new EC2Client({ endpoint: status.value.endpoint!, region: 'us-east-1', credentials: { accessKeyId: key, secretAccessKey: secret } });
    const created = await ec2.send(new CreateVpcCommand({ CidrBlock: '10.250.0.0/16' }));
    const vpcId = created.Vpc!.VpcId!;
    await first.api.dispose();

    const second = start(home);
    await second.client.startSandbox({});
    const { last } = await scan(second.client, { source: 'sandbox' });
    expect(last.error).toBeUndefined();
    const ws = await second.client.getWorkspace({});
    expect(ws.ok && ws.value.snapshot?.topology.vpcs.some((v) => v.id === vpcId)).toBe(true);

    await second.client.resetSandbox({});
    await scan(second.client, { source: 'sandbox' });
    const after = await second.client.getWorkspace({});
    expect(after.ok && after.value.snapshot?.topology.vpcs.some((v) => v.id === vpcId)).toBe(false);
  });
});

describe('exports through the API', () => {
  it('exports the discovered demo as SVG, PNG and Terraform, and says when there is nothing yet', async () => {
    const home = makeTempHome();
    const { client } = start(home);
    expect(await client.exportDiagram({ format: 'svg' })).toMatchObject({ ok: false, error: { code: 'not-found' } });
    await client.startSandbox({});
    await scan(client, { source: 'sandbox' });
    const svg = await client.exportDiagram({ format: 'svg', theme: 'light' });
    expect(svg.ok && svg.value.text).toMatch(/^<\?xml|^<svg/);
    const png = await client.exportDiagram({ format: 'png' });
    expect(png.ok && Buffer.from(png.value.base64 ?? '', 'base64').subarray(1, 4).toString()).toBe('PNG');
    const ws = await client.getWorkspace({});
    const pcx = ws.ok ? ws.value.snapshot?.topology.peerings.find((p) => p.status === 'active')?.id : undefined;
    const tf = await client.exportDiagram({ format: 'tf', selection: { peeringIds: [pcx!] } });
    expect(tf.ok && tf.value.text).toContain('aws_vpc_peering_connection');
    // Deleted peerings are left out unless the selection asks for them.
    const deleted = ws.ok ? ws.value.snapshot?.topology.peerings.find((p) => p.status === 'deleted')?.id : undefined;
    const peeringRows = async (includeDeleted?: boolean) => {
      const csv = await client.exportDiagram({ format: 'csv', csvTable: 'peerings', ...(includeDeleted ? { selection: { includeDeleted } } : {}) });
      if (!csv.ok) throw new Error(csv.error.message);
      return csv.value.text ?? '';
    };
    expect(deleted).toBeDefined();
    expect(await peeringRows()).not.toContain(deleted);
    expect(await peeringRows(true)).toContain(deleted);
    // @ts-expect-error: an unknown format is refused by the schema
    expect(await client.exportDiagram({ format: 'pdf' })).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
  });
});
