/** What other kinds ask of subnets: the caller's subnet by id, and a new subnet stored. */
import type { CallContext } from '../../ec2/context';
import { assertWellFormedId, missingParameter, notFound } from '../../errors';
import type { Zone } from '../../regions';
import type { TagMap } from '../../state/records';
import { associateWithDefaultAcl } from '../network-acl/store';
import type { VpcRec } from '../vpc/records';
import { SUBNET_IDS, type SubnetRec } from './records';

/** The caller's subnet `id`, or AWS's error. */
export function requireSubnet(ctx: CallContext, id: string | undefined, param = 'SubnetId'): SubnetRec {
  if (!id) throw missingParameter(param);
  assertWellFormedId(SUBNET_IDS, id);
  const s = ctx.cell.table('subnet').get(id);
  if (!s) throw notFound(SUBNET_IDS, id);
  return s;
}

/** Stores a subnet (validation is the caller's job), associated with its VPC's default network ACL. */
export function createSubnetRec(
  ctx: CallContext,
  v: VpcRec,
  cidrBlock: string | undefined,
  ipv6Blocks: readonly string[],
  zone: Zone,
  tags: TagMap,
  opts: { defaultForAz?: boolean; mapPublicIpOnLaunch?: boolean } = {},
): SubnetRec {
  const s: SubnetRec = {
    id: ctx.world.newId('subnet'),
    vpcId: v.id,
    ownerId: ctx.accountId,
    region: ctx.region,
    ...(cidrBlock ? { cidrBlock } : {}),
    ipv6Assocs: ipv6Blocks.map((b) => ({ associationId: ctx.world.newId('subnet-cidr-assoc'), ipv6CidrBlock: b, state: 'associated' })),
    availabilityZone: zone.zoneName,
    availabilityZoneId: zone.zoneId,
    defaultForAz: opts.defaultForAz ?? false,
    mapPublicIpOnLaunch: opts.mapPublicIpOnLaunch ?? false,
    tags,
  };
  ctx.world.put('subnet', s);
  associateWithDefaultAcl(ctx.world, v, s);
  return s;
}
