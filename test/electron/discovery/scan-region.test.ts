/** Scanning one region kind by kind against the sandbox: the registry's kinds, and a kind whose
 * calls depend on what its describe found (one call per item, as transit gateway route tables
 * will need).
 */
import { DescribeRouteTablesCommand, DescribeVpcsCommand, EC2Client, type RouteTable, type Vpc } from '@aws-sdk/client-ec2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { DISCOVERY_KINDS } from '../../../electron/discovery/kinds/index';
import { discoveryKind, type FetchPages } from '../../../electron/discovery/kinds/kind';
import { scanKinds, scanRegion, SCAN_ACTIONS, type CallAction } from '../../../electron/discovery/scan-region';
import { startSandboxServer, type SandboxServer } from '@peerscape/sandbox-cloud';
import { RESOURCE_KEYS } from '../../../shared/model/topology';

/** Each VPC with its route tables, fetched by one filtered, paged DescribeRouteTables per VPC. */
const tablesPerVpc = discoveryKind({
  actions: { DescribeVpcs: 1000, DescribeRouteTables: 100 },
  async scan(ec2, fetch) {
    const vpcs = await fetch('DescribeVpcs', (page, abortSignal) => ec2.send(new DescribeVpcsCommand(page), { abortSignal }), (o) => o.Vpcs);
    return Promise.all(
      vpcs.map(async (vpc) => ({
        vpc,
        tables: await fetch(
          'DescribeRouteTables',
          (page, abortSignal) => ec2.send(new DescribeRouteTablesCommand({ ...page, Filters: [{ Name: 'vpc-id', Values: [vpc.VpcId!] }] }), { abortSignal }),
          (o) => o.RouteTables,
        ),
      })),
    );
  },
  translate: (raw: { vpc: Vpc; tables: RouteTable[] }) => ({ vpcId: raw.vpc.VpcId!, tableIds: raw.tables.map((t) => t.RouteTableId!).sort() }),
  merge: (found: readonly { vpcId: string; tableIds: string[] }[]) => found,
  carry: (item: { vpcId: string; tableIds: string[] }) => [item],
});

describe('scanning a region kind by kind', () => {
  let server: SandboxServer;
  let ec2: EC2Client;

  beforeAll(async () => {
    server = await startSandboxServer({ scenario: 'demo', log: () => undefined });
    const account = server.accounts[0]!;
    ec2 = new EC2Client({
      endpoint: server.endpoint,
      region: account.region,
      credentials: { accessKeyId: account.accessKeyId, secretAccessKey: account.secretAccessKey },
    });
  });

  afterAll(async () => {
    ec2.destroy();
    await server.close();
  });

  /** A `call` that runs the request and records the action it was made under. */
  function recording(): { call: CallAction<string>; actions: string[] } {
    const actions: string[] = [];
    return { actions, call: (action, send) => (actions.push(action), send(new AbortController().signal)) };
  }

  it('scans one list per kind of the model, counting the pages of each action its kinds declare', async () => {
    expect(Object.keys(DISCOVERY_KINDS)).toEqual(RESOURCE_KEYS);
    const { call, actions } = recording();
    const raw = await scanRegion(ec2, call, { DescribeRouteTables: 5 });
    expect(Object.keys(raw)).toEqual([...RESOURCE_KEYS, 'pages', 'unread']);
    expect(Object.keys(raw.pages)).toEqual(SCAN_ACTIONS);
    for (const action of SCAN_ACTIONS) expect(raw.pages[action]).toBe(actions.filter((a) => a === action).length);
    expect(raw.pages.DescribeRouteTables).toBe(Math.ceil(raw.routeTables.length / 5) || 1);
  });

  it('lets a kind make a paged call per item its describe found, each through the caller’s `call`', async () => {
    const everyTable = await scanRegion(ec2, recording().call);
    const { call, actions } = recording();
    const { raw, pages } = await scanKinds(ec2, call, { tablesPerVpc }, { DescribeRouteTables: 5 });
    const found = raw.tablesPerVpc.map((r) => tablesPerVpc.translate(r as { vpc: Vpc; tables: RouteTable[] }, { accountId: '', region: '' })!);

    expect(found.map((f) => f.vpcId).sort()).toEqual(everyTable.vpcs.map((v) => v.VpcId).sort());
    expect(found.flatMap((f) => f.tableIds).sort()).toEqual(everyTable.routeTables.map((t) => t.RouteTableId).sort());
    // One DescribeVpcs page, then at least one DescribeRouteTables page per VPC (more when a VPC has over 5 tables).
    expect(pages.DescribeVpcs).toBe(1);
    expect(pages.DescribeRouteTables).toBe(found.reduce((n, f) => n + Math.max(1, Math.ceil(f.tableIds.length / 5)), 0));
    expect(actions.filter((a) => a === 'DescribeRouteTables')).toHaveLength(pages.DescribeRouteTables!);
    expect(found.length).toBeGreaterThan(1);
  });

  it('refuses a call under an action the kind did not declare, so its pages and throttling bucket are never unaccounted for', async () => {
    const undeclared = discoveryKind({
      actions: { DescribeVpcs: 1000 },
      // Only a cast gets past the type of `fetch`, which takes the declared actions alone.
      scan: (client, fetch) =>
        (fetch as FetchPages<string>)('DescribeInstances', (page, abortSignal) => client.send(new DescribeVpcsCommand(page), { abortSignal }), (o) => o.Vpcs),
      translate: (v: Vpc) => v,
      merge: (found: readonly Vpc[]) => found,
      carry: (v: Vpc) => [v],
    });
    await expect(scanKinds(ec2, recording().call, { undeclared })).rejects.toThrow('DescribeInstances is not among the actions its kind declares');
  });
});
