/** Elastic IP actions: AllocateAddress, ReleaseAddress, DescribeAddresses (what a public NAT
 * gateway needs; AssociateAddress is not modelled).
 *
 * From "Elastic IP addresses" (Amazon EC2 user guide) and the EC2 API reference: addresses are
 * for VPCs (domain `vpc`), from Amazon's pool, in the region's network border group; an address
 * in use cannot be released (`InvalidIPAddress.InUse`); DescribeAddresses has no pages.
 */
import type {
  Address,
  AllocateAddressRequest,
  AllocateAddressResult,
  DescribeAddressesRequest,
  DescribeAddressesResult,
  ReleaseAddressRequest,
} from '@aws-sdk/client-ec2';

import { applyFilters, byId, checkDryRun, pickByIds, tagList, tagsFromSpecs } from '../../ec2/common';
import type { CallContext } from '../../ec2/context';
import { AwsError, assertWellFormedId, invalidValue, missingParameter, notFound } from '../../errors';
import { ADDRESS_FILTERS } from './filters';
import { ADDRESS_IDS, type AddressRec } from './records';
import { publicIpFor } from './store';

/** The wire form of an Elastic IP. */
export function renderAddress(a: AddressRec): Address {
  return {
    AllocationId: a.id,
    ...(a.association
      ? {
          AssociationId: a.association.id,
          NetworkInterfaceId: a.association.networkInterfaceId,
          NetworkInterfaceOwnerId: a.ownerId,
          PrivateIpAddress: a.association.privateIp,
        }
      : {}),
    Domain: 'vpc',
    NetworkBorderGroup: a.networkBorderGroup,
    PublicIp: a.publicIp,
    PublicIpv4Pool: 'amazon',
    ...(Object.keys(a.tags).length > 0 ? { Tags: tagList(a.tags) } : {}),
  };
}

/** AllocateAddress: a VPC address from Amazon's pool. */
export function allocateAddress(ctx: CallContext, input: AllocateAddressRequest): AllocateAddressResult {
  if (input.Domain === 'standard') throw invalidValue('domain', 'standard', 'EC2-Classic addresses are retired; use vpc.');
  for (const [name, value] of [
    ['Address', input.Address],
    ['CustomerOwnedIpv4Pool', input.CustomerOwnedIpv4Pool],
    ['IpamPoolId', input.IpamPoolId],
  ] as const) {
    if (value !== undefined) throw new AwsError('InvalidParameterValue', `${name} is not modelled by the sandbox cloud; allocate from Amazon's pool.`);
  }
  if (input.PublicIpv4Pool !== undefined && input.PublicIpv4Pool !== 'amazon') {
    throw new AwsError('InvalidParameterValue', 'Only Amazon\'s pool ("amazon") is modelled by the sandbox cloud.');
  }
  if (input.NetworkBorderGroup !== undefined && input.NetworkBorderGroup !== ctx.region) {
    throw invalidValue('networkBorderGroup', input.NetworkBorderGroup, `The network border group of ${ctx.region} is ${ctx.region}.`);
  }
  const tags = tagsFromSpecs(input.TagSpecifications, 'elastic-ip');
  checkDryRun(input);
  const id = ctx.world.newLaterId('eipalloc');
  const a: AddressRec = { id, ownerId: ctx.accountId, region: ctx.region, publicIp: publicIpFor(ctx.world, id), networkBorderGroup: ctx.region, tags };
  ctx.world.put('address', a);
  return { AllocationId: a.id, Domain: 'vpc', NetworkBorderGroup: a.networkBorderGroup, PublicIp: a.publicIp, PublicIpv4Pool: 'amazon' };
}

/** ReleaseAddress: by allocation id, not while something uses the address. */
export function releaseAddress(ctx: CallContext, input: ReleaseAddressRequest): void {
  if (!input.AllocationId) throw missingParameter('AllocationId');
  assertWellFormedId(ADDRESS_IDS, input.AllocationId);
  const a = ctx.cell.table('address').get(input.AllocationId);
  if (!a) throw notFound(ADDRESS_IDS, input.AllocationId);
  if (a.association) throw new AwsError('InvalidIPAddress.InUse', `Address ${a.id} is in use (associated with ${a.association.networkInterfaceId}).`);
  checkDryRun(input);
  ctx.world.remove(a.id);
}

/** DescribeAddresses. */
export function describeAddresses(ctx: CallContext, input: DescribeAddressesRequest): DescribeAddressesResult {
  const table = ctx.cell.table('address');
  let base: AddressRec[] = input.AllocationIds?.length ? pickByIds(ADDRESS_IDS, input.AllocationIds, (id) => table.get(id)) : [...table.values()];
  if (input.PublicIps?.length) {
    const byIp = new Map([...table.values()].map((a) => [a.publicIp, a]));
    for (const ip of input.PublicIps) if (!byIp.has(ip)) throw new AwsError('InvalidAddress.NotFound', `Address '${ip}' not found.`);
    const wanted = new Set(input.PublicIps);
    base = base.filter((a) => wanted.has(a.publicIp));
  }
  const filtered = applyFilters(byId(base), input.Filters, ADDRESS_FILTERS, (a) => a.tags);
  checkDryRun(input);
  return { Addresses: filtered.map(renderAddress) };
}
