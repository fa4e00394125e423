/** DescribeStaleSecurityGroups for one VPC, every page, as `StaleRule`s: each stale inbound and
 * outbound permission split into one rule per referenced group.
 *
 * AWS answers per VPC and only to the VPC's owner; a stale permission lists only group pairs
 * (`StaleIpPermission` has no IP ranges), each naming the peer group, its account and VPC, and
 * the peering the reference crossed with its status.
 */
import { DescribeStaleSecurityGroupsCommand, type EC2Client, type StaleIpPermission } from '@aws-sdk/client-ec2';

import type { StaleRule } from '../../shared/analysis/stale-rules';
import type { AccountId, PeeringId, SecurityGroupId, VpcId } from '../../shared/model/ids';

const PROTOCOL_NAMES: Readonly<Record<string, string>> = { '6': 'tcp', '17': 'udp', '1': 'icmp', '58': 'icmpv6', all: '-1' };

function rulesOf(vpcId: VpcId, groupId: SecurityGroupId, groupName: string, direction: StaleRule['direction'], permissions: readonly StaleIpPermission[]): StaleRule[] {
  const out: StaleRule[] = [];
  for (const p of permissions) {
    const raw = String(p.IpProtocol ?? '-1').toLowerCase();
    const protocol = PROTOCOL_NAMES[raw] ?? raw;
    const ports = protocol === '-1' ? {} : { ...(p.FromPort !== undefined ? { fromPort: p.FromPort } : {}), ...(p.ToPort !== undefined ? { toPort: p.ToPort } : {}) };
    for (const pair of p.UserIdGroupPairs ?? []) {
      if (!pair.GroupId) continue;
      out.push({
        vpcId,
        groupId,
        groupName,
        direction,
        protocol,
        ...ports,
        peerGroupId: pair.GroupId as SecurityGroupId,
        ...(pair.GroupName ? { peerGroupName: pair.GroupName } : {}),
        ...(pair.UserId ? { peerAccountId: pair.UserId as AccountId } : {}),
        ...(pair.VpcId ? { peerVpcId: pair.VpcId as VpcId } : {}),
        ...(pair.VpcPeeringConnectionId ? { peeringId: pair.VpcPeeringConnectionId as PeeringId } : {}),
        ...(pair.PeeringStatus ? { peeringStatus: pair.PeeringStatus } : {}),
        ...(pair.Description ? { description: pair.Description } : {}),
      });
    }
  }
  return out;
}

/** The stale rules of `vpcId`, read with `client` (the VPC owner's, in the VPC's region). */
export async function describeStaleRules(client: EC2Client, vpcId: VpcId, abortSignal?: AbortSignal): Promise<StaleRule[]> {
  const rules: StaleRule[] = [];
  let token: string | undefined;
  do {
    const out = await client.send(new DescribeStaleSecurityGroupsCommand({ VpcId: vpcId, ...(token ? { NextToken: token } : {}) }), abortSignal ? { abortSignal } : {});
    for (const g of out.StaleSecurityGroupSet ?? []) {
      if (!g.GroupId) continue;
      const id = g.GroupId as SecurityGroupId;
      const name = g.GroupName ?? id;
      rules.push(...rulesOf(vpcId, id, name, 'ingress', g.StaleIpPermissions ?? []), ...rulesOf(vpcId, id, name, 'egress', g.StaleIpPermissionsEgress ?? []));
    }
    token = out.NextToken;
  } while (token);
  return rules;
}
