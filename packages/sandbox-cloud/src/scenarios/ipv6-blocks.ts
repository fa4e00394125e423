/** IPv6 helpers of the scenario loader: a VPC's Amazon-provided block, and the /64 subnets cut from it. */
import type { World } from '../state/world';

/** The first IPv6 block of a VPC, once associated. */
export function findVpcIpv6(world: World, vpcId: string): string | undefined {
  const r = world.byId.get(vpcId);
  return r?.kind === 'vpc' ? r.rec.ipv6Assocs[0]?.ipv6CidrBlock : undefined;
}

/** The n-th /64 of a /56 (`2600:1f00:5::/56`, 3 → `2600:1f00:5:3::/64`). */
export function nthIpv6Subnet(block56: string, n: number): string {
  const addr = block56.split('/')[0] as string;
  const groups = addr.split('::')[0]?.split(':') ?? [];
  while (groups.length < 4) groups.push('0');
  const fourth = (parseInt(groups[3] as string, 16) + n).toString(16);
  return `${groups.slice(0, 3).join(':')}:${fourth}::/64`;
}
