/** Which VPCs discovery reads the DNS attributes of, against the sandbox: a VPC that is a side of
 * a peering its account × region lists (whatever the peering's status) gets both values with two
 * DescribeVpcAttribute calls, any other VPC keeps them unknown and costs none; worker-thread and
 * calling-thread scans agree. */
import { AcceptVpcPeeringConnectionCommand, CreateVpcCommand, CreateVpcPeeringConnectionCommand, EC2Client, ModifyVpcAttributeCommand } from '@aws-sdk/client-ec2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { SandboxServer } from '@peerscape/sandbox-cloud';
import { runDiscovery, type DiscoveryDeps } from '../../../electron/discovery/run-discovery';
import type { Snapshot } from '../../../shared/model/snapshot';
import { startDiscoverySandbox, type DiscoverySandbox } from '../../support/discovery-sandbox';

describe('VPC DNS attributes: read only for the VPCs of a peering the same scan lists', () => {
  let sandbox: DiscoverySandbox;
  let server: SandboxServer;
  let deps: Omit<DiscoveryDeps, 'limits'>;
  let accounts: Readonly<Record<string, string>>;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    sandbox = await startDiscoverySandbox('peerscape-vpc-dns-');
    ({ server, deps, accounts } = sandbox);
    const client = (profile: string) => sandbox.client(profile);
    const net = client('sandbox-network');
    const prod = client('sandbox-prod');
    const vpc = async (c: EC2Client, cidr: string) => (await c.send(new CreateVpcCommand({ CidrBlock: cidr }))).Vpc?.VpcId as string;
    // The network account: hub and spoke peered and active, spoke with DNS support off; a lone VPC
    // peered with nothing; an edge VPC with a cross-account request still pending acceptance.
    ids.hub = await vpc(net, '10.90.0.0/16');
    ids.spoke = await vpc(net, '10.91.0.0/16');
    ids.lone = await vpc(net, '10.92.0.0/16');
    ids.edge = await vpc(net, '10.93.0.0/16');
    ids.prodApp = await vpc(prod, '10.94.0.0/16');
    ids.prodLone = await vpc(prod, '10.95.0.0/16');
    await net.send(new ModifyVpcAttributeCommand({ VpcId: ids.hub, EnableDnsHostnames: { Value: true } }));
    await net.send(new ModifyVpcAttributeCommand({ VpcId: ids.spoke, EnableDnsSupport: { Value: false } }));
    await net.send(new ModifyVpcAttributeCommand({ VpcId: ids.lone, EnableDnsHostnames: { Value: true } }));
    const active = (await net.send(new CreateVpcPeeringConnectionCommand({ VpcId: ids.hub, PeerVpcId: ids.spoke }))).VpcPeeringConnection?.VpcPeeringConnectionId as string;
    await net.send(new AcceptVpcPeeringConnectionCommand({ VpcPeeringConnectionId: active }));
    await net.send(new CreateVpcPeeringConnectionCommand({ VpcId: ids.edge, PeerVpcId: ids.prodApp, PeerOwnerId: accounts['sandbox-prod'] }));
    net.destroy();
    prod.destroy();
  });

  afterAll(async () => {
    await sandbox.close();
  });

  const scan = (scanThreads: number, attributeCalls: Record<string, number> = {}): Promise<Snapshot> => sandbox.scan(scanThreads, 'DescribeVpcAttribute', attributeCalls);

  it('reads both attributes of each peered VPC, active or pending acceptance, with two calls per VPC', async () => {
    const calls: Record<string, number> = {};
    const snapshot = await scan(0, calls);
    // Network: hub, spoke, edge; prod: its side of the pending request.
    expect(calls).toEqual({ [accounts['sandbox-network']!]: 2 * 3, [accounts['sandbox-prod']!]: 2 * 1 });
    const byId = new Map(snapshot.topology.vpcs.map((v) => [v.id as string, v]));
    expect(byId.get(ids.hub!)).toMatchObject({ enableDnsSupport: true, enableDnsHostnames: true });
    expect(byId.get(ids.spoke!)).toMatchObject({ enableDnsSupport: false, enableDnsHostnames: false });
    expect(byId.get(ids.edge!)).toMatchObject({ enableDnsSupport: true, enableDnsHostnames: false });
    expect(byId.get(ids.prodApp!)).toMatchObject({ enableDnsSupport: true, enableDnsHostnames: false });
  });

  it('leaves the attributes of a VPC peered with nothing unknown', async () => {
    const byId = new Map((await scan(0)).topology.vpcs.map((v) => [v.id as string, v]));
    for (const id of [ids.lone!, ids.prodLone!]) {
      expect(byId.get(id), id).toBeDefined();
      expect(byId.get(id), id).not.toHaveProperty('enableDnsSupport');
      expect(byId.get(id), id).not.toHaveProperty('enableDnsHostnames');
    }
  });

  it('still loads the region when DescribeVpcAttribute is refused: attributes unset, the coverage saying so once', async () => {
    server.setFaults({ denyActions: [{ action: 'DescribeVpcAttribute' }] });
    try {
      const r = await runDiscovery({ profiles: ['sandbox-network'], regions: ['us-east-1'] }, { ...deps, limits: { scanThreads: 0 } });
      if (!r.ok) throw new Error(r.error.message);
      const hub = r.value.topology.vpcs.find((v) => v.id === ids.hub);
      expect(hub?.cidrBlocks.map((b) => b.cidr)).toEqual(['10.90.0.0/16']);
      expect(hub).not.toHaveProperty('enableDnsSupport');
      const cell = r.value.coverage.find((x) => x.region === 'us-east-1');
      expect(cell?.state).toBe('complete');
      expect(cell?.unread?.map((u) => [u.kind, u.errorCode])).toEqual([['vpcDnsAttributes', 'UnauthorizedOperation']]);
    } finally {
      server.setFaults({});
    }
  });

  it('finds on worker threads exactly what the calling thread finds', async () => {
    const here = await scan(0);
    const threaded = await scan(2);
    expect(threaded).toEqual(here);
  }, 60_000);
});
