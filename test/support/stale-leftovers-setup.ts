/** Two VPCs of different accounts peered, with security-group references across the peering both
 * ways (inbound and outbound) and a route to it in each VPC's main table; then the peering is
 * deleted, leaving stale rules and blackhole routes, as AWS does. Done with the SDK against the
 * sandbox, with each account's profile from the sandbox's AWS files.
 */
import { join } from 'node:path';

import {
  AcceptVpcPeeringConnectionCommand,
  AuthorizeSecurityGroupEgressCommand,
  AuthorizeSecurityGroupIngressCommand,
  CreateRouteCommand,
  CreateSecurityGroupCommand,
  CreateVpcPeeringConnectionCommand,
  DeleteVpcPeeringConnectionCommand,
  DescribeStaleSecurityGroupsCommand,
  EC2Client,
} from '@aws-sdk/client-ec2';
import { fromIni } from '@aws-sdk/credential-providers';

import { validatePeering } from '../../shared/analysis/validate-peering';
import type { Topology, Vpc } from '../../shared/model/topology';

/** An EC2 client of the sandbox as the profile of `accountId` (from the sandbox's AWS files in `dataDir`). */
export function sandboxClient(topology: Topology, dataDir: string, endpoint: string, accountId: string, region: string): EC2Client {
  const profile = topology.accounts.find((a) => a.id === accountId)?.profiles[0];
  if (!profile) throw new Error(`no sandbox profile for account ${accountId}`);
  const dir = join(dataDir, 'sandbox');
  return new EC2Client({ endpoint, region, credentials: fromIni({ profile, filepath: join(dir, 'credentials'), configFilepath: join(dir, 'config') }) });
}

/** The first two VPCs (by id) of different accounts in one region, both with a main route table, that AWS would let peer without warnings. */
export function crossAccountPair(topology: Topology): [Vpc, Vpc] {
  const withMain = new Set(topology.routeTables.filter((t) => t.main).map((t) => t.vpcId));
  const vpcs = topology.vpcs.filter((v) => withMain.has(v.id) && !v.isDefault).sort((a, b) => (a.id < b.id ? -1 : 1));
  for (const a of vpcs) {
    for (const b of vpcs) {
      if (a.accountId === b.accountId || a.region !== b.region) continue;
      const verdict = validatePeering(topology, a.id, b.id);
      if (verdict.ok && verdict.warnings.length === 0) return [a, b];
    }
  }
  throw new Error('the scenario has no cross-account pair in one region');
}

/** What the setup made. */
export interface StaleSetup {
  readonly a: Vpc;
  readonly b: Vpc;
  readonly peeringId: string;
  readonly groupA: string;
  readonly groupB: string;
  readonly tableA: string;
  readonly tableB: string;
  readonly clientA: EC2Client;
  readonly clientB: EC2Client;
}

/** Peer `a` and `b`, reference each other's groups (a ← b inbound; b ← a inbound and b → a outbound), route to the peering, and delete it unless `keepPeering`. */
export async function makeStaleLeftovers(topology: Topology, a: Vpc, b: Vpc, dataDir: string, endpoint: string, opts: { tag?: string; keepPeering?: boolean } = {}): Promise<StaleSetup> {
  const tag = opts.tag ?? 'stale';
  const clientA = sandboxClient(topology, dataDir, endpoint, a.accountId, a.region);
  const clientB = sandboxClient(topology, dataDir, endpoint, b.accountId, b.region);
  const created = await clientA.send(new CreateVpcPeeringConnectionCommand({ VpcId: a.id, PeerVpcId: b.id, PeerOwnerId: b.accountId }));
  const peeringId = created.VpcPeeringConnection!.VpcPeeringConnectionId!;
  await clientB.send(new AcceptVpcPeeringConnectionCommand({ VpcPeeringConnectionId: peeringId }));
  const groupA = (await clientA.send(new CreateSecurityGroupCommand({ VpcId: a.id, GroupName: `${tag}-app`, Description: 'app servers' }))).GroupId!;
  const groupB = (await clientB.send(new CreateSecurityGroupCommand({ VpcId: b.id, GroupName: `${tag}-db`, Description: 'database' }))).GroupId!;
  await clientA.send(
    new AuthorizeSecurityGroupIngressCommand({ GroupId: groupA, IpPermissions: [{ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, UserIdGroupPairs: [{ GroupId: groupB, UserId: b.accountId, VpcPeeringConnectionId: peeringId }] }] }),
  );
  await clientB.send(
    new AuthorizeSecurityGroupIngressCommand({ GroupId: groupB, IpPermissions: [{ IpProtocol: 'tcp', FromPort: 5432, ToPort: 5432, UserIdGroupPairs: [{ GroupId: groupA, UserId: a.accountId, VpcPeeringConnectionId: peeringId }] }] }),
  );
  await clientB.send(
    new AuthorizeSecurityGroupEgressCommand({ GroupId: groupB, IpPermissions: [{ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, UserIdGroupPairs: [{ GroupId: groupA, UserId: a.accountId, VpcPeeringConnectionId: peeringId }] }] }),
  );
  const tableA = topology.routeTables.find((t) => t.vpcId === a.id && t.main)!.id;
  const tableB = topology.routeTables.find((t) => t.vpcId === b.id && t.main)!.id;
  const cidr = (v: Vpc) => v.cidrBlocks.find((c) => c.primary)!.cidr;
  await clientA.send(new CreateRouteCommand({ RouteTableId: tableA, DestinationCidrBlock: cidr(b), VpcPeeringConnectionId: peeringId }));
  await clientB.send(new CreateRouteCommand({ RouteTableId: tableB, DestinationCidrBlock: cidr(a), VpcPeeringConnectionId: peeringId }));
  if (!opts.keepPeering) await clientA.send(new DeleteVpcPeeringConnectionCommand({ VpcPeeringConnectionId: peeringId }));
  return { a, b, peeringId, groupA, groupB, tableA, tableB, clientA, clientB };
}

/** How many stale rules DescribeStaleSecurityGroups reports for `vpcId`. */
export async function staleRuleCount(client: EC2Client, vpcId: string): Promise<number> {
  const out = await client.send(new DescribeStaleSecurityGroupsCommand({ VpcId: vpcId }));
  return (out.StaleSecurityGroupSet ?? []).reduce(
    (n, g) => n + [...(g.StaleIpPermissions ?? []), ...(g.StaleIpPermissionsEgress ?? [])].reduce((m, p) => m + (p.UserIdGroupPairs?.length ?? 0), 0),
    0,
  );
}
