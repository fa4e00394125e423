/** VPC endpoint actions: Create/Modify/DescribeVpcEndpoints, DeleteVpcEndpoints and
 * DescribeVpcEndpointServices.
 *
 * From the EC2 API reference of these actions and "Gateway endpoints" / "Access an AWS service
 * using an interface VPC endpoint" in the AWS PrivateLink guide: a gateway endpoint (S3, DynamoDB)
 * adds to each of its route tables a route whose destination is the service's AWS-managed prefix
 * list and whose target is the endpoint (a table holds one such route per prefix list), and takes
 * those routes away when it goes; an interface endpoint puts a network interface in each of its
 * subnets, one subnet per Availability Zone, with security groups (the VPC's default group unless
 * given) and, by default, private DNS, which needs both DNS attributes of the VPC. Interface
 * endpoints answer `pending` at creation and are `available` once made (the sandbox's at once).
 * A VPC with endpoints cannot be deleted.
 */
import type {
  CreateVpcEndpointRequest,
  CreateVpcEndpointResult,
  DeleteVpcEndpointsRequest,
  DeleteVpcEndpointsResult,
  DescribeVpcEndpointServicesRequest,
  DescribeVpcEndpointServicesResult,
  DescribeVpcEndpointsRequest,
  DescribeVpcEndpointsResult,
  DnsEntry,
  ModifyVpcEndpointRequest,
  ModifyVpcEndpointResult,
  State,
  UnsuccessfulItem,
  VpcEndpoint,
} from '@aws-sdk/client-ec2';

import { applyFilters, byId, checkDryRun, paginate, pickByIds, tagList, tagsFromSpecs } from '../../ec2/common';
import type { CallContext, VpcDeleteHook } from '../../ec2/context';
import { AwsError, invalidCombination, missingParameter } from '../../errors';
import type { World } from '../../state/world';
import { awsManagedPrefixList } from '../prefix-list/records';
import type { RouteTableRec } from '../route-table/records';
import { requireRouteTable } from '../route-table/store';
import type { SecurityGroupRec } from '../security-group/records';
import { requireGroup } from '../security-group/store';
import type { SubnetRec } from '../subnet/records';
import { requireSubnet } from '../subnet/store';
import type { VpcRec } from '../vpc/records';
import { requireVpc, vpcHasDependencies } from '../vpc/store';
import type { PlannedAddresses } from '../network-interface/store';
import { ENDPOINT_FILTERS, SERVICE_FILTERS } from './filters';
import { addEndpointInterface, planEndpointInterfaces, removeEndpointInterface, syncEndpointInterfaceGroups } from './interfaces';
import { FULL_ACCESS_POLICY, VPC_ENDPOINT_IDS, type EndpointType, type VpcEndpointRec } from './records';
import { dnsToken, endpointServices, offerKey, offersOf, renderServiceDetail, type ServiceOffer } from './services';
import { addEndpointRoute, removeEndpointRoute, requireEndpoint } from './store';

/** Describe pages hold at most 1000 endpoints ("If the value is greater than 1,000, we return only 1,000 items"). */
const MAX_PAGE = 1000;

/** `InvalidParameter`, the code AWS answers endpoint requests that do not fit the endpoint with. */
function invalidParameter(message: string): AwsError {
  return new AwsError('InvalidParameter', message);
}

// AWS's words, from AWS answers quoted in terraform-provider-aws and Ansible bug reports.
const ROUTE_TABLES_GATEWAY_ONLY = 'Route table IDs are only supported for Gateway type VPC Endpoint.';
const SUBNETS_INTERFACE_ONLY = 'Subnet IDs are only supported for Interface and GatewayLoadBalancer type VPC Endpoints.';
const GROUPS_INTERFACE_ONLY = 'Security group IDs are only supported for Interface type VPC Endpoints.';

/** A hosted zone id as AWS writes them (`Z` and 13 capitals or digits), fixed by `seed`. */
function hostedZoneId(seed: string): string {
  return `Z${dnsToken(seed, 13).toUpperCase()}`;
}

/** The DNS names of an interface endpoint: the regional name, one per Availability Zone, and the
 * service's private name when private DNS is on. */
function dnsEntries(world: World, e: VpcEndpointRec): DnsEntry[] {
  if (e.type !== 'Interface') return [];
  const service = e.serviceName.slice(`com.amazonaws.${e.region}.`.length);
  const base = `${e.id}-${dnsToken(e.id, 8)}`;
  const zone = hostedZoneId(`vpce/${e.region}`);
  const out: DnsEntry[] = [{ DnsName: `${base}.${service}.${e.region}.vpce.amazonaws.com`, HostedZoneId: zone }];
  for (const s of e.subnetIds) {
    const subnet = world.byId.get(s);
    if (subnet?.kind === 'subnet') out.push({ DnsName: `${base}-${subnet.rec.availabilityZone}.${service}.${e.region}.vpce.amazonaws.com`, HostedZoneId: zone });
  }
  const offer = offersOf(e.region, e.serviceName).find((o) => o.type === 'Interface');
  if (e.privateDnsEnabled && offer?.privateDnsName) out.push({ DnsName: offer.privateDnsName, HostedZoneId: hostedZoneId(`private/${e.id}`) });
  return out;
}

/** The states an endpoint answers, in AWS's lower case (the SDK's `State` enum capitalises them,
 * but AWS answers `available`, as the AWS CLI reference's examples show). */
type EndpointState = 'pending' | 'available';

/** The wire form of an endpoint; `state` replaces `available` in the answer of CreateVpcEndpoint. */
export function renderEndpoint(world: World, e: VpcEndpointRec, state?: EndpointState): VpcEndpoint {
  const groups = e.groupIds.flatMap((id) => {
    const g = world.byId.get(id);
    return g?.kind === 'securityGroup' ? [{ GroupId: g.rec.id, GroupName: g.rec.name }] : [];
  });
  return {
    VpcEndpointId: e.id,
    VpcEndpointType: e.type,
    VpcId: e.vpcId,
    ServiceName: e.serviceName,
    State: (state ?? 'available') as State,
    PolicyDocument: e.policyDocument,
    RouteTableIds: e.routeTableIds.filter((id) => world.byId.get(id)?.kind === 'routeTable'),
    SubnetIds: [...e.subnetIds],
    Groups: groups,
    ...(e.type === 'Interface' ? { IpAddressType: 'ipv4', DnsOptions: { DnsRecordIpType: 'ipv4' } } : {}),
    PrivateDnsEnabled: e.privateDnsEnabled,
    RequesterManaged: false,
    NetworkInterfaceIds: e.interfaces.map((i) => i.id),
    DnsEntries: dnsEntries(world, e),
    CreationTimestamp: new Date(e.createdAt),
    ...(Object.keys(e.tags).length > 0 ? { Tags: tagList(e.tags) } : {}),
    OwnerId: e.ownerId,
  };
}

/** The offer of `serviceName` for `type`, or AWS's error for an unknown service or a type it does not take. */
function offerFor(ctx: CallContext, serviceName: string | undefined, type: EndpointType): ServiceOffer {
  if (!serviceName) throw missingParameter('ServiceName');
  const offers = offersOf(ctx.region, serviceName);
  // A service the region does not offer.
  if (offers.length === 0) throw new AwsError('InvalidServiceName', `The Vpc Endpoint Service '${serviceName}' does not exist`);
  const offer = offers.find((o) => o.type === type);
  // AWS's words, from an AWS answer quoted in a Terraform bug report.
  if (!offer) throw invalidParameter(`Endpoint type (${type}) does not match available service types ([${offers.map((o) => o.type).join(', ')}]).`);
  return offer;
}

/** The prefix list a gateway endpoint's routes lead to: the region's AWS-managed list of its service. */
function gatewayPrefixList(region: string, offer: ServiceOffer): string {
  const list = awsManagedPrefixList(region, offer.service);
  if (!list) throw new Error(`${offer.serviceName} is offered as Gateway but has no AWS-managed prefix list`);
  return list.id;
}

/** Route tables of the endpoint's VPC that may take the gateway route to `prefixListId`. */
function readRouteTables(ctx: CallContext, v: VpcRec, ids: readonly string[], prefixListId: string): RouteTableRec[] {
  return [...new Set(ids)].map((id) => {
    const t = requireRouteTable(ctx, id);
    if (t.vpcId !== v.id) throw invalidParameter(`The route table ${t.id} is not in ${v.id}: a gateway endpoint routes the tables of its own VPC.`);
    if (t.routes.some((r) => r.destinationPrefixListId === prefixListId)) {
      // AWS's words, from AWS answers quoted in Terraform and CloudFormation deployments.
      throw invalidParameter(`route table ${t.id} already has a route with destination-prefix-list-id ${prefixListId}`);
    }
    return t;
  });
}

/** Subnets of the endpoint's VPC, one per Availability Zone (counting those it already has). */
function readSubnets(ctx: CallContext, v: VpcRec, ids: readonly string[], kept: readonly SubnetRec[]): SubnetRec[] {
  const out: SubnetRec[] = [];
  for (const id of new Set(ids)) {
    const s = requireSubnet(ctx, id);
    if (s.vpcId !== v.id) throw invalidParameter(`The subnet ${s.id} is not in ${v.id}: an interface endpoint's subnets are in its own VPC.`);
    const other = [...kept, ...out].find((x) => x.availabilityZone === s.availabilityZone && x.id !== s.id);
    // AWS's code and words, as quoted in the AWS VPC endpoint operator's sources.
    if (other) throw new AwsError('DuplicateSubnetsInSameZone', `Found another VPC endpoint subnet in the availability zone of ${other.id}`);
    if (!kept.some((x) => x.id === s.id)) out.push(s);
  }
  return out;
}

/** Security groups of the endpoint's VPC. */
function readGroups(ctx: CallContext, v: VpcRec, ids: readonly string[]): SecurityGroupRec[] {
  return [...new Set(ids)].map((id) => {
    const g = requireGroup(ctx, id);
    if (g.vpcId !== v.id) throw invalidParameter(`The security group ${g.id} is not in ${v.id}: an interface endpoint's groups are in its own VPC.`);
    return g;
  });
}

/** Private DNS needs a service with a private name and both DNS attributes of the VPC. */
function checkPrivateDns(v: VpcRec, offer: ServiceOffer): void {
  if (!offer.privateDnsName) throw invalidParameter(`Private DNS is not supported for the service ${offer.serviceName}; set PrivateDnsEnabled to false.`);
  if (!v.enableDnsSupport || !v.enableDnsHostnames) {
    // AWS's words, from AWS answers quoted in Terraform configurations and a lab runbook.
    throw invalidParameter(`Enabling private DNS requires both enableDnsSupport and enableDnsHostnames VPC attributes set to true for ${v.id}`);
  }
}

function readPolicy(text: string): string {
  try {
    const doc: unknown = JSON.parse(text);
    if (doc && typeof doc === 'object' && !Array.isArray(doc)) return text;
  } catch {
    // answered below
  }
  throw new AwsError('InvalidPolicyDocument', 'The policy document is not a JSON object; give an IAM policy in JSON.');
}

/** CreateVpcEndpoint: Gateway (the default type) or Interface. */
export function createVpcEndpoint(ctx: CallContext, input: CreateVpcEndpointRequest): CreateVpcEndpointResult {
  const v = requireVpc(ctx, input.VpcId);
  const requested = input.VpcEndpointType ?? 'Gateway';
  if (requested !== 'Gateway' && requested !== 'Interface') {
    throw new AwsError('InvalidParameterValue', `${requested} endpoints are not modelled by the sandbox cloud; use Gateway or Interface.`);
  }
  const type: EndpointType = requested;
  const offer = offerFor(ctx, input.ServiceName, type);
  const policyDocument = input.PolicyDocument !== undefined ? readPolicy(input.PolicyDocument) : FULL_ACCESS_POLICY;
  let tables: RouteTableRec[] = [];
  let subnets: SubnetRec[] = [];
  let groups: SecurityGroupRec[] = [];
  let privateDnsEnabled = false;
  const prefixListId = type === 'Gateway' ? gatewayPrefixList(ctx.region, offer) : undefined;
  if (prefixListId) {
    if (input.SubnetIds?.length) throw invalidParameter(SUBNETS_INTERFACE_ONLY);
    if (input.SecurityGroupIds?.length) throw invalidParameter(GROUPS_INTERFACE_ONLY);
    if (input.PrivateDnsEnabled) throw invalidParameter('Private DNS can only be enabled for Interface type VPC Endpoints.');
    tables = readRouteTables(ctx, v, input.RouteTableIds ?? [], prefixListId);
  } else {
    if (input.RouteTableIds?.length) throw invalidParameter(ROUTE_TABLES_GATEWAY_ONLY);
    subnets = readSubnets(ctx, v, input.SubnetIds ?? [], []);
    groups = input.SecurityGroupIds?.length
      ? readGroups(ctx, v, input.SecurityGroupIds)
      : [...ctx.cell.table('securityGroup').values()].filter((g) => g.vpcId === v.id && g.name === 'default');
    privateDnsEnabled = input.PrivateDnsEnabled ?? offer.privateDnsName !== undefined;
    if (privateDnsEnabled) checkPrivateDns(v, offer);
  }
  const tags = tagsFromSpecs(input.TagSpecifications, 'vpc-endpoint');
  const planned = planEndpointInterfaces(ctx.world, subnets);
  checkDryRun(input);
  const e: VpcEndpointRec = {
    id: ctx.world.newId('vpce'),
    ownerId: ctx.accountId,
    region: ctx.region,
    vpcId: v.id,
    type,
    serviceName: offer.serviceName,
    policyDocument,
    routeTableIds: tables.map((t) => t.id),
    subnetIds: subnets.map((s) => s.id),
    interfaces: [],
    groupIds: groups.map((g) => g.id),
    privateDnsEnabled,
    createdAt: ctx.world.now(),
    tags,
  };
  ctx.world.put('vpcEndpoint', e);
  e.interfaces = subnets.map((s, k) => ({ subnetId: s.id, id: addEndpointInterface(ctx, e, s, planned[k] as PlannedAddresses) }));
  if (prefixListId) for (const t of tables) addEndpointRoute(t, prefixListId, e.id);
  return {
    VpcEndpoint: renderEndpoint(ctx.world, e, type === 'Interface' ? 'pending' : undefined),
    ...(input.ClientToken ? { ClientToken: input.ClientToken } : {}),
  };
}

/** ModifyVpcEndpoint: route tables of a gateway endpoint; subnets, groups and private DNS of an
 * interface endpoint; the policy of either. */
export function modifyVpcEndpoint(ctx: CallContext, input: ModifyVpcEndpointRequest): ModifyVpcEndpointResult {
  const e = requireEndpoint(ctx, input.VpcEndpointId);
  const v = requireVpc(ctx, e.vpcId);
  if (input.ResetPolicy && input.PolicyDocument !== undefined) throw invalidCombination('Specify either PolicyDocument or ResetPolicy, not both.');
  const policyDocument = input.ResetPolicy ? FULL_ACCESS_POLICY : input.PolicyDocument !== undefined ? readPolicy(input.PolicyDocument) : e.policyDocument;
  const offer = offerFor(ctx, e.serviceName, e.type);
  const has = (list: readonly string[] | undefined): boolean => (list?.length ?? 0) > 0;
  let addTables: RouteTableRec[] = [];
  let removeTables: RouteTableRec[] = [];
  let subnetIds = e.subnetIds;
  let added: SubnetRec[] = [];
  let groupIds = e.groupIds;
  let privateDnsEnabled = e.privateDnsEnabled;
  if (e.type === 'Gateway') {
    if (has(input.AddSubnetIds) || has(input.RemoveSubnetIds)) throw invalidParameter(SUBNETS_INTERFACE_ONLY);
    if (has(input.AddSecurityGroupIds) || has(input.RemoveSecurityGroupIds)) throw invalidParameter(GROUPS_INTERFACE_ONLY);
    if (input.PrivateDnsEnabled) throw invalidParameter('Private DNS can only be enabled for Interface type VPC Endpoints.');
    removeTables = [...new Set(input.RemoveRouteTableIds ?? [])].map((id) => {
      const t = requireRouteTable(ctx, id);
      if (!e.routeTableIds.includes(t.id)) throw invalidParameter(`The route table ${t.id} is not associated with ${e.id}.`);
      return t;
    });
    const adding = (input.AddRouteTableIds ?? []).filter((id) => !e.routeTableIds.includes(id));
    addTables = readRouteTables(ctx, v, adding, gatewayPrefixList(ctx.region, offer));
  } else {
    if (has(input.AddRouteTableIds) || has(input.RemoveRouteTableIds)) throw invalidParameter(ROUTE_TABLES_GATEWAY_ONLY);
    for (const id of input.RemoveSubnetIds ?? []) {
      if (!e.subnetIds.includes(id)) throw invalidParameter(`The subnet ${id} is not a subnet of ${e.id}.`);
    }
    const kept = e.subnetIds.flatMap((id) => {
      const s = ctx.cell.table('subnet').get(id);
      return s && !input.RemoveSubnetIds?.includes(id) ? [s] : [];
    });
    added = readSubnets(ctx, v, input.AddSubnetIds ?? [], kept);
    subnetIds = [...kept.map((s) => s.id), ...added.map((s) => s.id)];
    for (const id of input.RemoveSecurityGroupIds ?? []) {
      if (!e.groupIds.includes(id)) throw invalidParameter(`The security group ${id} is not a group of ${e.id}.`);
    }
    const addedGroups = readGroups(ctx, v, input.AddSecurityGroupIds ?? []).map((g) => g.id);
    groupIds = [...e.groupIds.filter((id) => !input.RemoveSecurityGroupIds?.includes(id)), ...addedGroups.filter((id) => !e.groupIds.includes(id))];
    if (input.PrivateDnsEnabled !== undefined) privateDnsEnabled = input.PrivateDnsEnabled;
    if (input.PrivateDnsEnabled) checkPrivateDns(v, offer);
  }
  const planned = planEndpointInterfaces(ctx.world, added);
  checkDryRun(input);
  for (const t of removeTables) removeEndpointRoute(t, e.id);
  for (const t of addTables) addEndpointRoute(t, gatewayPrefixList(ctx.region, offer), e.id);
  e.routeTableIds = [...e.routeTableIds.filter((id) => !removeTables.some((t) => t.id === id)), ...addTables.map((t) => t.id)];
  for (const i of e.interfaces) if (!subnetIds.includes(i.subnetId)) removeEndpointInterface(ctx.world, i.id);
  e.groupIds = groupIds;
  e.interfaces = subnetIds.map((s) => {
    const k = added.findIndex((x) => x.id === s);
    const kept = e.interfaces.find((i) => i.subnetId === s);
    return kept ?? { subnetId: s, id: addEndpointInterface(ctx, e, added[k] as SubnetRec, planned[k] as PlannedAddresses) };
  });
  syncEndpointInterfaceGroups(ctx.world, e);
  e.subnetIds = subnetIds;
  e.privateDnsEnabled = privateDnsEnabled;
  e.policyDocument = policyDocument;
  return { Return: true };
}

/** Removes an endpoint and the routes it keeps. */
function removeEndpoint(ctx: CallContext, e: VpcEndpointRec): void {
  for (const id of e.routeTableIds) {
    const t = ctx.cell.table('routeTable').get(id);
    if (t) removeEndpointRoute(t, e.id);
  }
  for (const i of e.interfaces) removeEndpointInterface(ctx.world, i.id);
  ctx.world.remove(e.id);
}

/** DeleteVpcEndpoints: each id is deleted or answered as an unsuccessful item, as AWS answers a
 * bulk request ("If the request succeeds, the list is empty"). */
export function deleteVpcEndpoints(ctx: CallContext, input: DeleteVpcEndpointsRequest): DeleteVpcEndpointsResult {
  const ids = input.VpcEndpointIds ?? [];
  if (ids.length === 0) throw missingParameter('VpcEndpointId');
  const found: VpcEndpointRec[] = [];
  const unsuccessful: UnsuccessfulItem[] = [];
  for (const id of new Set(ids)) {
    const e = /^vpce-[0-9a-f]{8}([0-9a-f]{9})?$/.test(id) ? ctx.cell.table('vpcEndpoint').get(id) : undefined;
    if (e) found.push(e);
    else unsuccessful.push({ Error: { Code: 'InvalidVpcEndpoint.NotFound', Message: `The ${VPC_ENDPOINT_IDS.noun} '${id}' does not exist` }, ResourceId: id });
  }
  checkDryRun(input);
  for (const e of found) removeEndpoint(ctx, e);
  return { Unsuccessful: unsuccessful };
}

/** DescribeVpcEndpoints. */
export function describeVpcEndpoints(ctx: CallContext, input: DescribeVpcEndpointsRequest): DescribeVpcEndpointsResult {
  const table = ctx.cell.table('vpcEndpoint');
  const base = input.VpcEndpointIds?.length ? pickByIds(VPC_ENDPOINT_IDS, input.VpcEndpointIds, (id) => table.get(id)) : table.values();
  const filtered = applyFilters(byId(base), input.Filters, ENDPOINT_FILTERS, (e) => e.tags);
  checkDryRun(input);
  const max = input.MaxResults === undefined ? undefined : Math.min(input.MaxResults, MAX_PAGE);
  const { page, nextToken } = paginate(filtered, (e) => e.id, max, input.NextToken);
  return { VpcEndpoints: page.map((e) => renderEndpoint(ctx.world, e)), ...(nextToken ? { NextToken: nextToken } : {}) };
}

/** DescribeVpcEndpointServices: the AWS services of the region (no endpoint services of other
 * accounts are modelled). */
export function describeVpcEndpointServices(ctx: CallContext, input: DescribeVpcEndpointServicesRequest): DescribeVpcEndpointServicesResult {
  let offers = endpointServices(ctx.region);
  const names = input.ServiceNames ?? [];
  for (const n of names) {
    // Every named service must be one the region offers.
    if (!offers.some((o) => o.serviceName === n)) throw new AwsError('InvalidServiceName', `The Vpc Endpoint Service '${n}' does not exist`);
  }
  if (names.length > 0) offers = offers.filter((o) => names.includes(o.serviceName));
  const filtered = applyFilters(offers, input.Filters, SERVICE_FILTERS, () => ({}));
  checkDryRun(input);
  const max = input.MaxResults === undefined ? undefined : Math.min(input.MaxResults, MAX_PAGE);
  const { page, nextToken } = paginate(filtered, offerKey, max, input.NextToken);
  return {
    // One name per detail, S3 and DynamoDB twice (Gateway and Interface), as moto lists them.
    ServiceNames: page.map((o) => o.serviceName),
    ServiceDetails: page.map((o) => renderServiceDetail(o, ctx.accountId)),
    ...(nextToken ? { NextToken: nextToken } : {}),
  };
}

/** A VPC's deletion waits for its endpoints ("The vpc '…' has dependencies and cannot be deleted."). */
export const endpointsOnVpcDelete: VpcDeleteHook = {
  refuse: (ctx, v) => {
    for (const e of ctx.cell.table('vpcEndpoint').values()) if (e.vpcId === v.id) return vpcHasDependencies(v);
    return undefined;
  },
};
