/** VPC actions: CreateVpc, CreateDefaultVpc, DeleteVpc, DescribeVpcs, (Dis)AssociateVpcCidrBlock,
 * DescribeVpcAttribute, ModifyVpcAttribute.
 *
 * Behaviour from the EC2 API reference pages of these actions and "VPC CIDR blocks" in the
 * Amazon VPC user guide: IPv4 blocks /16 to /28, up to 5 IPv4 blocks, secondary blocks from the
 * same private range as the primary (or publicly routable), Amazon-provided IPv6 /56. A new VPC
 * gets a main route table with local routes, a `default` security group and a default network ACL.
 */
import type {
  AssociateVpcCidrBlockRequest,
  AssociateVpcCidrBlockResult,
  CreateDefaultVpcRequest,
  CreateDefaultVpcResult,
  CreateVpcRequest,
  CreateVpcResult,
  DeleteVpcRequest,
  DescribeVpcAttributeRequest,
  DescribeVpcAttributeResult,
  DescribeVpcsRequest,
  DescribeVpcsResult,
  DisassociateVpcCidrBlockRequest,
  DisassociateVpcCidrBlockResult,
  ModifyVpcAttributeRequest,
  Vpc,
} from '@aws-sdk/client-ec2';

import { cidrContains, cidrsOverlap, formatCidr, parseCidr, type Cidr } from '../../cidr';
import { applyFilters, byId, checkDryRun, paginate, pickByIds, tagList, tagsFromSpecs } from '../../ec2/common';
import type { CallContext } from '../../ec2/context';
import { AwsError, invalidCombination, invalidValue, missingParameter } from '../../errors';
import { ALL_REGIONS, zonesOf } from '../../regions';
import type { World } from '../../state/world';
import { dhcpOptionsIdForNewVpc } from '../dhcp-options/store';
import { createInternetGatewayRec } from '../internet-gateway/store';
import { addIpv6AclEntries, createNetworkAclRec } from '../network-acl/store';
import { addLocalRoute, createRouteTableRec, removeLocalRoute } from '../route-table/store';
import { createSecurityGroupRec } from '../security-group/store';
import { createSubnetRec } from '../subnet/store';
import { VPC_FILTERS } from './filters';
import { VPC_IDS, vpcIpv4Blocks, vpcIpv6Blocks, type Ipv6AssocRec, type VpcRec } from './records';
import { requireVpc } from './store';

/** A deterministic Amazon-provided /56 (from 2600:1f00::/24, the range AWS allocates from). */
function nextAmazonIpv6(world: World): string {
  const n = world.ipv6Counter++;
  const hi = 0x1f00 + ((n >> 16) & 0xff);
  const mid = (n >> 0) & 0xffff;
  const c = parseCidr(`2600:${hi.toString(16)}:${mid.toString(16)}:0::/56`);
  if (!c) throw new Error('bad generated IPv6 block');
  return formatCidr(c);
}

function parseIpv4Block(text: string | undefined, param: string): Cidr {
  if (!text) throw missingParameter(param);
  const c = parseCidr(text);
  if (!c || c.family !== 4) throw invalidValue(param.charAt(0).toLowerCase() + param.slice(1), text, 'This is not a valid CIDR block.');
  if (c.prefixLength < 16 || c.prefixLength > 28) throw new AwsError('InvalidVpc.Range', `The CIDR '${text}' is invalid.`);
  return c;
}

function ipv6AssocFromInput(
  world: World,
  region: string,
  input: { AmazonProvidedIpv6CidrBlock?: boolean; Ipv6CidrBlock?: string; Ipv6Pool?: string; Ipv6CidrBlockNetworkBorderGroup?: string },
): Ipv6AssocRec | undefined {
  if (input.Ipv6CidrBlock !== undefined || input.Ipv6Pool !== undefined) {
    if (input.AmazonProvidedIpv6CidrBlock) {
      throw invalidCombination('AmazonProvidedIpv6CidrBlock cannot be combined with Ipv6CidrBlock or Ipv6Pool.');
    }
    if (!input.Ipv6Pool) throw missingParameter('Ipv6Pool');
    if (!input.Ipv6CidrBlock) throw missingParameter('Ipv6CidrBlock');
    const c = parseCidr(input.Ipv6CidrBlock);
    if (!c || c.family !== 6 || c.prefixLength < 44 || c.prefixLength > 56) {
      throw invalidValue('ipv6CidrBlock', input.Ipv6CidrBlock, 'Expecting an IPv6 CIDR block between /44 and /56.');
    }
    return {
      associationId: world.newId('vpc-cidr-assoc'),
      ipv6CidrBlock: formatCidr(c),
      state: 'associated',
      ipv6Pool: input.Ipv6Pool,
      networkBorderGroup: input.Ipv6CidrBlockNetworkBorderGroup ?? region,
    };
  }
  if (!input.AmazonProvidedIpv6CidrBlock) return undefined;
  return {
    associationId: world.newId('vpc-cidr-assoc'),
    ipv6CidrBlock: nextAmazonIpv6(world),
    state: 'associated',
    ipv6Pool: 'Amazon',
    networkBorderGroup: input.Ipv6CidrBlockNetworkBorderGroup ?? region,
  };
}

/** The wire form of a VPC. `fresh` reports the transient states a create call answers with. */
export function renderVpc(v: VpcRec, fresh = false): Vpc {
  return {
    CidrBlock: v.cidrBlock,
    DhcpOptionsId: v.dhcpOptionsId,
    State: fresh ? 'pending' : 'available',
    VpcId: v.id,
    OwnerId: v.ownerId,
    InstanceTenancy: v.instanceTenancy as Vpc['InstanceTenancy'],
    ...(v.ipv6Assocs.length > 0
      ? {
          Ipv6CidrBlockAssociationSet: v.ipv6Assocs.map((a) => ({
            AssociationId: a.associationId,
            Ipv6CidrBlock: a.ipv6CidrBlock,
            Ipv6CidrBlockState: { State: fresh ? 'associating' : a.state },
            NetworkBorderGroup: a.networkBorderGroup,
            Ipv6Pool: a.ipv6Pool,
          })),
        }
      : {}),
    CidrBlockAssociationSet: v.cidrAssocs.map((a) => ({
      AssociationId: a.associationId,
      CidrBlock: a.cidrBlock,
      CidrBlockState: { State: a.state },
    })),
    IsDefault: v.isDefault,
    ...(Object.keys(v.tags).length > 0 ? { Tags: tagList(v.tags) } : {}),
    // VPC Block Public Access is not modelled: every VPC shows AWS's default, off.
    BlockPublicAccessStates: { InternetGatewayBlockMode: 'off' },
  };
}

/** Creates a VPC with its main route table and default security group (shared by CreateVpc and CreateDefaultVpc). */
function createVpcRec(
  ctx: CallContext,
  cidr: Cidr,
  ipv6: Ipv6AssocRec | undefined,
  opts: { isDefault: boolean; tenancy: string; tags: Record<string, string> },
): VpcRec {
  const { world } = ctx;
  if (ctx.cell.table('vpc').size >= world.settings.vpcsPerRegion) {
    throw new AwsError('VpcLimitExceeded', 'The maximum number of VPCs has been reached.');
  }
  const v: VpcRec = {
    id: world.newId('vpc'),
    ownerId: ctx.accountId,
    region: ctx.region,
    cidrBlock: formatCidr(cidr),
    cidrAssocs: [],
    ipv6Assocs: ipv6 ? [ipv6] : [],
    isDefault: opts.isDefault,
    instanceTenancy: opts.tenancy,
    dhcpOptionsId: dhcpOptionsIdForNewVpc(world, ctx.accountId, ctx.region),
    enableDnsSupport: true,
    // AWS: DNS hostnames are on for default VPCs and off for the ones you create.
    enableDnsHostnames: opts.isDefault,
    tags: opts.tags,
  };
  v.cidrAssocs.push({ associationId: world.newId('vpc-cidr-assoc'), cidrBlock: v.cidrBlock, state: 'associated' });
  world.put('vpc', v);
  createRouteTableRec(world, v, true, {});
  createSecurityGroupRec(world, v, 'default', 'default VPC security group', {}, true);
  createNetworkAclRec(world, v, true, {});
  return v;
}

/** CreateVpc. */
export function createVpc(ctx: CallContext, input: CreateVpcRequest): CreateVpcResult {
  if (input.Ipv4IpamPoolId || input.Ipv6IpamPoolId) {
    throw new AwsError('InvalidParameterValue', 'IPAM pools are not modelled by the sandbox cloud; pass CidrBlock instead.');
  }
  const cidr = parseIpv4Block(input.CidrBlock, 'CidrBlock');
  const tags = tagsFromSpecs(input.TagSpecifications, 'vpc');
  const tenancy = input.InstanceTenancy ?? 'default';
  const ipv6 = ipv6AssocFromInput(ctx.world, ctx.region, input);
  checkDryRun(input);
  const v = createVpcRec(ctx, cidr, ipv6, { isDefault: false, tenancy, tags });
  return { Vpc: renderVpc(v, true) };
}

/** The default VPC of the caller's region: 172.31.0.0/16, a default /20 subnet per zone, an
 * internet gateway attached and routed to from the main table. */
function makeDefaultVpc(ctx: CallContext): VpcRec {
  const cidr = parseCidr('172.31.0.0/16') as Cidr;
  const v = createVpcRec(ctx, cidr, undefined, { isDefault: true, tenancy: 'default', tags: {} });
  zonesOf(ctx.region, ctx.accountId).forEach((z, i) => {
    createSubnetRec(ctx, v, `172.31.${i * 16}.0/20`, [], z, {}, { defaultForAz: true, mapPublicIpOnLaunch: true });
  });
  const main = [...ctx.cell.table('routeTable').values()].find((r) => r.vpcId === v.id);
  // Its id comes from where the default VPC has always drawn it, so the ids after it stay put.
  const igw = createInternetGatewayRec(ctx.world, ctx.accountId, ctx.region, {}, v.id, ctx.world.newId('igw'));
  main?.routes.push({ destinationCidrBlock: '0.0.0.0/0', gatewayId: igw.id, origin: 'CreateRoute' });
  return v;
}

/** CreateDefaultVpc: a new default VPC, when the region has none. */
export function createDefaultVpc(ctx: CallContext, input: CreateDefaultVpcRequest): CreateDefaultVpcResult {
  const existing = [...ctx.cell.table('vpc').values()].find((v) => v.isDefault);
  if (existing) {
    throw new AwsError('DefaultVpcAlreadyExists', `A Default VPC already exists for this account in this region.`);
  }
  checkDryRun(input);
  return { Vpc: renderVpc(makeDefaultVpc(ctx), true) };
}

/**
 * Makes the caller's default VPC in its region if the account has it from the start and it is
 * not made yet (AccountRec.defaultVpcsDue); every call runs it first, so no call sees the region
 * without it. Its ids come
 * from the account and region's own block, so it is the same VPC whenever it is made.
 */
export function makeDueDefaultVpc(ctx: CallContext): void {
  const due = ctx.world.accounts.get(ctx.accountId)?.defaultVpcsDue;
  const at = due?.indexOf(ctx.region) ?? -1;
  if (!due || at < 0) return;
  due.splice(at, 1);
  ctx.world.withAccountRegionIds(ctx.accountId, ctx.region, ALL_REGIONS.indexOf(ctx.region), () => makeDefaultVpc(ctx));
}

/** DeleteVpc: each kind may refuse (its resources still in the VPC) and then goes with the VPC. */
export function deleteVpc(ctx: CallContext, input: DeleteVpcRequest): void {
  const v = requireVpc(ctx, input.VpcId);
  for (const hook of ctx.onVpcDelete) {
    const refusal = hook.refuse?.(ctx, v);
    if (refusal) throw refusal;
  }
  checkDryRun(input);
  for (const hook of ctx.onVpcDelete) hook.cascade?.(ctx, v);
  ctx.world.remove(v.id);
}

/** DescribeVpcs. */
export function describeVpcs(ctx: CallContext, input: DescribeVpcsRequest): DescribeVpcsResult {
  const base = input.VpcIds?.length ? pickByIds(VPC_IDS, input.VpcIds, (id) => ctx.cell.table('vpc').get(id)) : ctx.cell.table('vpc').values();
  const filtered = applyFilters(byId(base), input.Filters, VPC_FILTERS, (v) => v.tags);
  checkDryRun(input);
  const { page, nextToken } = paginate(filtered, (v) => v.id, input.MaxResults, input.NextToken);
  return { Vpcs: page.map((v) => renderVpc(v)), ...(nextToken ? { NextToken: nextToken } : {}) };
}

/** `CidrLimitExceeded` with AWS's wording (the VPC id unquoted). */
function cidrLimitExceeded(vpcId: string, max: number): AwsError {
  return new AwsError('CidrLimitExceeded', `This network ${vpcId} has met its maximum number of allowed CIDRs: ${max}`);
}

/** The private range (RFC 1918 or 198.19/16) a block falls in, for the secondary-CIDR rule. */
function privateRangeOf(c: Cidr): string | undefined {
  for (const r of ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '198.19.0.0/16']) {
    if (cidrContains(parseCidr(r) as Cidr, c)) return r;
  }
  return undefined;
}

/** AssociateVpcCidrBlock: a secondary IPv4 block, or an IPv6 block (Amazon-provided or from a pool). */
export function associateVpcCidrBlock(ctx: CallContext, input: AssociateVpcCidrBlockRequest): AssociateVpcCidrBlockResult {
  const v = requireVpc(ctx, input.VpcId);
  const wantsV6 = Boolean(input.AmazonProvidedIpv6CidrBlock) || input.Ipv6CidrBlock !== undefined || input.Ipv6Pool !== undefined;
  if (input.Ipv4IpamPoolId || input.Ipv6IpamPoolId) {
    throw new AwsError('InvalidParameterValue', 'IPAM pools are not modelled by the sandbox cloud.');
  }
  if (input.CidrBlock !== undefined && wantsV6) {
    throw invalidCombination('Specify either CidrBlock or an IPv6 block (AmazonProvidedIpv6CidrBlock, Ipv6CidrBlock), not both.');
  }
  if (input.CidrBlock === undefined && !wantsV6) {
    throw new AwsError('MissingParameter', 'Either CidrBlock or AmazonProvidedIpv6CidrBlock must be specified.');
  }
  if (input.CidrBlock !== undefined) {
    const c = parseIpv4Block(input.CidrBlock, 'CidrBlock');
    const text = formatCidr(c);
    const current = vpcIpv4Blocks(v);
    if (current.length >= 5) throw cidrLimitExceeded(v.id, 5);
    for (const b of current) {
      if (cidrsOverlap(parseCidr(b) as Cidr, c)) {
        throw new AwsError('InvalidVpc.Range', `The CIDR '${text}' conflicts with another CIDR block of ${v.id} (${b}).`);
      }
    }
    // "VPC CIDR blocks": a secondary block from another private range than the primary's is refused.
    const primaryRange = privateRangeOf(parseCidr(v.cidrBlock) as Cidr);
    const newRange = privateRangeOf(c);
    if (newRange !== undefined && newRange !== primaryRange) {
      throw new AwsError(
        'InvalidVpc.Range',
        `The CIDR '${text}' is restricted. Use a CIDR from the same private address range as the current VPC CIDR, or use a publicly-routable CIDR.`,
      );
    }
    const assoc = { associationId: ctx.world.newId('vpc-cidr-assoc'), cidrBlock: text, state: 'associated' as const };
    v.cidrAssocs.push(assoc);
    for (const r of ctx.cell.table('routeTable').values()) if (r.vpcId === v.id) addLocalRoute(r, text);
    return {
      VpcId: v.id,
      CidrBlockAssociation: { AssociationId: assoc.associationId, CidrBlock: text, CidrBlockState: { State: 'associating' } },
    };
  }
  if (vpcIpv6Blocks(v).length >= 5) throw cidrLimitExceeded(v.id, 5);
  if (input.AmazonProvidedIpv6CidrBlock) {
    // One Amazon-provided /56 per network border group (the region's own group when none is named).
    const group = input.Ipv6CidrBlockNetworkBorderGroup ?? ctx.region;
    if (v.ipv6Assocs.some((a) => a.state === 'associated' && a.ipv6Pool === 'Amazon' && a.networkBorderGroup === group)) {
      throw cidrLimitExceeded(v.id, 1);
    }
  }
  if (input.Ipv6CidrBlock !== undefined || input.Ipv6Pool !== undefined) {
    if (!input.Ipv6Pool) throw missingParameter('Ipv6Pool');
    if (!input.Ipv6CidrBlock) throw missingParameter('Ipv6CidrBlock');
    const c6 = parseCidr(input.Ipv6CidrBlock);
    for (const b of vpcIpv6Blocks(v)) {
      if (c6 && cidrsOverlap(parseCidr(b) as Cidr, c6)) {
        throw new AwsError('InvalidVpc.Range', `The CIDR '${input.Ipv6CidrBlock}' conflicts with another CIDR block of ${v.id} (${b}).`);
      }
    }
  }
  const assoc = ipv6AssocFromInput(ctx.world, ctx.region, input) as Ipv6AssocRec;
  v.ipv6Assocs.push(assoc);
  for (const r of ctx.cell.table('routeTable').values()) if (r.vpcId === v.id) addLocalRoute(r, assoc.ipv6CidrBlock);
  addIpv6AclEntries(ctx, v);
  return {
    VpcId: v.id,
    Ipv6CidrBlockAssociation: {
      AssociationId: assoc.associationId,
      Ipv6CidrBlock: assoc.ipv6CidrBlock,
      Ipv6CidrBlockState: { State: 'associating' },
      NetworkBorderGroup: assoc.networkBorderGroup,
      Ipv6Pool: assoc.ipv6Pool,
    },
  };
}

/** DisassociateVpcCidrBlock: never the primary block, never a block that still holds subnets. */
export function disassociateVpcCidrBlock(ctx: CallContext, input: DisassociateVpcCidrBlockRequest): DisassociateVpcCidrBlockResult {
  const id = input.AssociationId;
  if (!id) throw missingParameter('AssociationId');
  for (const v of ctx.cell.table('vpc').values()) {
    const i4 = v.cidrAssocs.findIndex((a) => a.associationId === id);
    const i6 = v.ipv6Assocs.findIndex((a) => a.associationId === id);
    if (i4 < 0 && i6 < 0) continue;
    const block = i4 >= 0 ? (v.cidrAssocs[i4]?.cidrBlock as string) : (v.ipv6Assocs[i6]?.ipv6CidrBlock as string);
    if (i4 === 0) {
      throw new AwsError(
        'OperationNotPermitted',
        `The vpc CIDR block with association ID ${id} may not be disassociated. It is the primary IPv4 CIDR block of the VPC`,
      );
    }
    const c = parseCidr(block) as Cidr;
    for (const s of ctx.cell.table('subnet').values()) {
      if (s.vpcId !== v.id) continue;
      const inside = [s.cidrBlock, ...s.ipv6Assocs.map((a) => a.ipv6CidrBlock)].some((b) => b && cidrContains(c, parseCidr(b) as Cidr));
      if (inside) {
        throw new AwsError('DependencyViolation', `The CIDR block ${block} (${id}) contains subnet ${s.id}; delete the subnet first.`);
      }
    }
    for (const r of ctx.cell.table('routeTable').values()) if (r.vpcId === v.id) removeLocalRoute(r, block);
    if (i4 >= 0) {
      v.cidrAssocs.splice(i4, 1);
      return { VpcId: v.id, CidrBlockAssociation: { AssociationId: id, CidrBlock: block, CidrBlockState: { State: 'disassociating' } } };
    }
    const a = v.ipv6Assocs.splice(i6, 1)[0];
    return {
      VpcId: v.id,
      Ipv6CidrBlockAssociation: {
        AssociationId: id,
        Ipv6CidrBlock: block,
        Ipv6CidrBlockState: { State: 'disassociating' },
        NetworkBorderGroup: a?.networkBorderGroup,
        Ipv6Pool: a?.ipv6Pool,
      },
    };
  }
  throw new AwsError('InvalidVpcCidrBlockAssociationID.NotFound', `The vpc CIDR block association ID '${id}' does not exist`);
}

/** DescribeVpcAttribute (DNS support, DNS hostnames, NAU metrics): one attribute per call. */
export function describeVpcAttribute(ctx: CallContext, input: DescribeVpcAttributeRequest): DescribeVpcAttributeResult {
  const v = requireVpc(ctx, input.VpcId);
  if (!input.Attribute) throw missingParameter('Attribute');
  checkDryRun(input);
  switch (input.Attribute) {
    case 'enableDnsSupport':
      return { VpcId: v.id, EnableDnsSupport: { Value: v.enableDnsSupport } };
    case 'enableDnsHostnames':
      return { VpcId: v.id, EnableDnsHostnames: { Value: v.enableDnsHostnames } };
    case 'enableNetworkAddressUsageMetrics':
      return { VpcId: v.id, EnableNetworkAddressUsageMetrics: { Value: false } };
    default:
      throw invalidValue('attribute', input.Attribute, 'Expecting enableDnsSupport, enableDnsHostnames or enableNetworkAddressUsageMetrics.');
  }
}

/** ModifyVpcAttribute: one attribute per call (AWS names them all when given more, in this
 * order), and DNS hostnames only while DNS support is on (EC2 API reference). */
export function modifyVpcAttribute(ctx: CallContext, input: ModifyVpcAttributeRequest): void {
  const v = requireVpc(ctx, input.VpcId);
  const attributes = {
    enableDnsHostnames: input.EnableDnsHostnames,
    enableDnsSupport: input.EnableDnsSupport,
    enableNetworkAddressUsageMetrics: input.EnableNetworkAddressUsageMetrics,
  };
  const given = Object.entries(attributes).filter(([, x]) => x !== undefined);
  if (given.length === 0) throw new AwsError('MissingParameter', 'The request must contain exactly one attribute to modify.');
  if (given.length > 1) throw invalidCombination(`Fields for multiple attribute types specified: ${given.map(([name]) => name).join(', ')}`);
  const [name, attribute] = given[0] as [keyof typeof attributes, { Value?: boolean }];
  if (attribute.Value === undefined) throw missingParameter(`${name.charAt(0).toUpperCase()}${name.slice(1)}.Value`);
  if (name === 'enableDnsHostnames' && attribute.Value && !v.enableDnsSupport) {
    throw new AwsError('InvalidParameterValue', `DNS hostnames cannot be enabled for ${v.id} while DNS support is disabled: enable enableDnsSupport first.`);
  }
  if (name === 'enableDnsSupport') v.enableDnsSupport = attribute.Value;
  if (name === 'enableDnsHostnames') v.enableDnsHostnames = attribute.Value;
}
