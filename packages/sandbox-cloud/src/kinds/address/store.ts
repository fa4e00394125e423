/** What other kinds ask of Elastic IPs: the caller's address by allocation id, its association
 * with a NAT gateway and its end, and whether a VPC has public addresses mapped. */
import { createHash } from 'node:crypto';

import type { CallContext } from '../../ec2/context';
import type { World } from '../../state/world';
import type { AddressAssocRec, AddressRec } from './records';

/** A public IPv4 address from 3.0.0.0/8 (one of the blocks AWS allocates from), deterministic
 * for the allocation id and unique among the world's addresses. */
export function publicIpFor(world: World, allocationId: string): string {
  const taken = new Set<string>();
  for (const cell of world.cells()) for (const a of cell.table('address').values()) taken.add(a.publicIp);
  let n = createHash('sha256').update(allocationId).digest().readUInt32BE(0) & 0xffffff;
  for (;;) {
    const ip = `3.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
    if ((n & 255) !== 0 && (n & 255) !== 255 && !taken.has(ip)) return ip;
    n = (n + 1) & 0xffffff;
  }
}

/** The caller's Elastic IP with this allocation id, if any. */
export function findAddress(ctx: CallContext, allocationId: string): AddressRec | undefined {
  return ctx.cell.table('address').get(allocationId);
}

/** Associates an Elastic IP with a NAT gateway's network interface. */
export function associateAddress(world: World, a: AddressRec, to: Omit<AddressAssocRec, 'id'>): AddressAssocRec {
  a.association = { id: world.newLaterId('eipassoc'), ...to };
  return a.association;
}

/** Ends the associations of a NAT gateway's addresses (its deletion leaves them allocated). */
export function releaseNatAddresses(ctx: CallContext, natGatewayId: string): void {
  for (const a of ctx.cell.table('address').values()) if (a.association?.natGatewayId === natGatewayId) delete a.association;
}

/** True when an Elastic IP is mapped to something in the VPC. */
export function mappedAddressInVpc(ctx: CallContext, vpcId: string): boolean {
  for (const a of ctx.cell.table('address').values()) if (a.association?.vpcId === vpcId) return true;
  return false;
}
