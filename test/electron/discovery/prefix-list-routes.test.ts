/** Discovery against a sandbox whose route tables send traffic to managed prefix lists (a route of
 * the user's, and the route a gateway VPC endpoint keeps) and whose security groups name prefix
 * lists: the snapshot keeps each prefix list id as the route's destination and the endpoint as the
 * route's target, and the analyses resolve them through the lists' entries. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import {
  AcceptVpcPeeringConnectionCommand,
  AssociateRouteTableCommand,
  AuthorizeSecurityGroupIngressCommand,
  CreateManagedPrefixListCommand,
  CreateRouteCommand,
  CreateRouteTableCommand,
  CreateSecurityGroupCommand,
  CreateSubnetCommand,
  CreateVpcCommand,
  CreateVpcEndpointCommand,
  CreateVpcPeeringConnectionCommand,
  DescribeManagedPrefixListsCommand,
  EC2Client,
} from '@aws-sdk/client-ec2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startSandboxServer, type SandboxServer } from '@peerscape/sandbox-cloud';
import { runDiscovery } from '../../../electron/discovery/run-discovery';
import { analyzeSnapshot } from '../../../shared/analysis/findings';
import { routePriority } from '../../../shared/forwarding/vpc-table';
import { targetKindOfId } from '../../../shared/forwarding/targets';
import type { Snapshot } from '../../../shared/model/snapshot';
import { parseSnapshot } from '../../../shared/model/snapshot-schema';

const NOW = () => new Date('2026-12-07T12:00:00Z');

describe('discovery of routes to prefix lists and gateway endpoints', () => {
  let server: SandboxServer;
  let home: string;
  let env: Record<string, string>;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    server = await startSandboxServer({ scenario: 'empty', log: () => undefined });
    home = mkdtempSync(join(tmpdir(), 'peerscape-prefix-lists-'));
    const files = await server.writeAwsFiles(join(home, '.aws'));
    env = { AWS_CONFIG_FILE: files.configFile, AWS_SHARED_CREDENTIALS_FILE: files.credentialsFile };
    const account = server.accounts.find((a) => a.profile === 'sandbox-network')!;
    const c = new EC2Client({ endpoint: server.endpoint, region: 'us-east-1', credentials: { accessKeyId: account.accessKeyId, secretAccessKey: account.secretAccessKey }, maxAttempts: 1 });
    const vpc = async (cidr: string) => (await c.send(new CreateVpcCommand({ CidrBlock: cidr }))).Vpc?.VpcId as string;
    ids.app = await vpc('10.90.0.0/16');
    ids.partner = await vpc('10.91.0.0/16');
    ids.pcx = (await c.send(new CreateVpcPeeringConnectionCommand({ VpcId: ids.app, PeerVpcId: ids.partner }))).VpcPeeringConnection?.VpcPeeringConnectionId as string;
    await c.send(new AcceptVpcPeeringConnectionCommand({ VpcPeeringConnectionId: ids.pcx }));
    ids.rtb = (await c.send(new CreateRouteTableCommand({ VpcId: ids.app }))).RouteTable?.RouteTableId as string;
    const subnet = async (vpcId: string, cidr: string) => (await c.send(new CreateSubnetCommand({ VpcId: vpcId, CidrBlock: cidr, AvailabilityZone: 'us-east-1a' }))).Subnet?.SubnetId as string;
    await c.send(new AssociateRouteTableCommand({ RouteTableId: ids.rtb, SubnetId: await subnet(ids.app, '10.90.1.0/24') }));
    await subnet(ids.partner, '10.91.1.0/24');
    ids.list = (await c.send(new CreateManagedPrefixListCommand({ PrefixListName: 'partner', MaxEntries: 2, AddressFamily: 'IPv4', Entries: [{ Cidr: '10.91.0.0/16' }] }))).PrefixList
      ?.PrefixListId as string;
    await c.send(new CreateRouteCommand({ RouteTableId: ids.rtb, DestinationPrefixListId: ids.list, VpcPeeringConnectionId: ids.pcx }));
    ids.endpoint = (await c.send(new CreateVpcEndpointCommand({ VpcId: ids.app, ServiceName: 'com.amazonaws.us-east-1.s3', RouteTableIds: [ids.rtb] }))).VpcEndpoint?.VpcEndpointId as string;
    ids.s3 = (await c.send(new DescribeManagedPrefixListsCommand({ Filters: [{ Name: 'prefix-list-name', Values: ['com.amazonaws.us-east-1.s3'] }] }))).PrefixLists?.[0]?.PrefixListId as string;
    ids.sg = (await c.send(new CreateSecurityGroupCommand({ GroupName: 'app', Description: 'app', VpcId: ids.app }))).GroupId as string;
    await c.send(new AuthorizeSecurityGroupIngressCommand({ GroupId: ids.sg, IpPermissions: [{ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, PrefixListIds: [{ PrefixListId: ids.list }] }] }));
  });

  afterAll(async () => {
    await server.close();
  });

  async function scan(): Promise<Snapshot> {
    const r = await runDiscovery({ profiles: ['sandbox-network'], regions: ['us-east-1'] }, { env, homeDir: home, now: NOW });
    if (!r.ok) throw new Error(`${r.error.message} (${r.error.fix})`);
    return r.value;
  }

  it('keeps the prefix list as the destination, the peering and the endpoint as targets, and the rule’s prefix list as its peer', async () => {
    const snapshot = await scan();
    expect(parseSnapshot(JSON.stringify(snapshot))).toEqual({ ok: true, snapshot });
    const table = snapshot.topology.routeTables.find((t) => t.id === ids.rtb);
    expect(table?.routes.filter((r) => r.destination.startsWith('pl-'))).toEqual([
      { destination: ids.list, target: { kind: 'peering', peeringId: ids.pcx }, state: 'active', origin: 'CreateRoute' },
      { destination: ids.s3, target: { kind: 'other', id: ids.endpoint }, state: 'active', origin: 'CreateRoute' },
    ]);
    // The forwarding engine ranks both as prefix-list routes and knows the endpoint for one.
    expect(table?.routes.filter((r) => routePriority(r) === 'prefix-list')).toHaveLength(2);
    expect(targetKindOfId(ids.endpoint as string)).toBe('vpc-endpoint');
    const group = snapshot.topology.securityGroups.find((g) => g.id === ids.sg);
    expect(group?.ingress.filter((r) => r.peer.kind === 'prefix-list').map((r) => r.peer)).toEqual([{ kind: 'prefix-list', prefixListId: ids.list }]);
    // The snapshot holds the list's entries, so the route checks resolve the route to the list
    // through them: it carries the partner's block to the peering. Only the partner's side,
    // which has no route back, is a gap; the endpoint's route is left alone.
    expect(snapshot.topology.prefixLists.find((l) => l.id === ids.list)?.entries).toEqual([{ cidr: '10.91.0.0/16' }]);
    const analysis = analyzeSnapshot(snapshot);
    expect(analysis.routes.gaps.map((g) => [g.side, g.state])).toEqual([['accepter', 'missing']]);
    expect(analysis.routes.anomalies).toEqual([]);
    expect(JSON.stringify(analysis)).not.toContain(ids.endpoint);
  });
});
