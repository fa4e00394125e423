/** Route table and route actions: Create/Delete/DescribeRouteTables, Associate/Disassociate/
 * ReplaceRouteTableAssociation, CreateRoute, ReplaceRoute, DeleteRoute.
 *
 * From "Route tables" in the Amazon VPC user guide and the EC2 API reference: every table holds
 * a local route per VPC block (origin `CreateRouteTable`, target `local`); the main table serves
 * every subnet without an explicit association; a route to a peering connection is `blackhole`
 * while the peering is not active or after it is deleted, and a route to a gateway once the
 * gateway is gone or no longer serves the VPC; a destination equal to or more specific than a
 * VPC block cannot target a peering. CreateRoute and ReplaceRoute check the target: a
 * `GatewayId` (an internet or virtual private gateway) or egress-only gateway the caller does
 * not have is `InvalidGatewayID.NotFound` ("The gateway ID '…' does not exist", whatever the id
 * names), a NAT gateway `InvalidNatGatewayID.NotFound`, a peering
 * `InvalidVpcPeeringConnectionID.NotFound`, a network interface `InvalidNetworkInterfaceID.NotFound`,
 * an instance `InvalidInstanceID.NotFound` (and `InvalidInstanceID` when it has more than one
 * interface: the route then names the interface); one in another VPC "belongs to a different
 * network" (`InvalidParameterValue`). A route to an instance is kept, and answered, with both the
 * instance and its interface; it is `blackhole` once the instance is terminated or the interface
 * deleted.
 */
import type {
  AssociateRouteTableRequest,
  AssociateRouteTableResult,
  CreateRouteRequest,
  CreateRouteResult,
  CreateRouteTableRequest,
  CreateRouteTableResult,
  DeleteRouteRequest,
  DeleteRouteTableRequest,
  DescribeRouteTablesRequest,
  DescribeRouteTablesResult,
  DisassociateRouteTableRequest,
  ReplaceRouteRequest,
  ReplaceRouteTableAssociationRequest,
  ReplaceRouteTableAssociationResult,
  Route,
  RouteTable,
} from '@aws-sdk/client-ec2';

import { cidrContains, formatCidr, parseCidr, type Cidr } from '../../cidr';
import { applyFilters, byId, checkDryRun, paginate, pickByIds, tagList, tagsFromSpecs, type FilterSpec } from '../../ec2/common';
import type { CallContext, VpcDeleteHook } from '../../ec2/context';
import { AwsError, assertWellFormedId, invalidCombination, invalidValue, missingParameter, notFound } from '../../errors';
import type { World } from '../../state/world';
import { requireInstance } from '../instance/store';
import { NAT_ROUTE_TARGET_IDS } from '../nat-gateway/records';
import { natGatewayRoutable } from '../nat-gateway/store';
import { requireNetworkInterface } from '../network-interface/store';
import { PEERING_IDS } from '../peering/records';
import { assertUsablePrefixList } from '../prefix-list/store';
import { requireSubnet } from '../subnet/store';
import { requireUsableTransitGateway } from '../transit-gateway/store';
import { vpcIpv4Blocks, vpcIpv6Blocks } from '../vpc/records';
import { VPC_ENDPOINT_IDS } from '../vpc-endpoint/records';
import { requireVpc, vpcHasDependencies } from '../vpc/store';
import { vpnGatewayRoutable } from '../vpn-gateway/store';
import { ROUTE_TABLE_FILTERS } from './filters';
import { ROUTE_TABLE_IDS, type RouteRec, type RouteTableRec } from './records';
import { createRouteTableRec, destinationOf, requireRouteTable, routeState } from './store';

function renderRoute(world: World, table: RouteTableRec, route: RouteRec): Route {
  return {
    ...(route.destinationCidrBlock ? { DestinationCidrBlock: route.destinationCidrBlock } : {}),
    ...(route.destinationIpv6CidrBlock ? { DestinationIpv6CidrBlock: route.destinationIpv6CidrBlock } : {}),
    ...(route.destinationPrefixListId ? { DestinationPrefixListId: route.destinationPrefixListId } : {}),
    ...(route.gatewayId ? { GatewayId: route.gatewayId } : {}),
    ...(route.natGatewayId ? { NatGatewayId: route.natGatewayId } : {}),
    ...(route.transitGatewayId ? { TransitGatewayId: route.transitGatewayId } : {}),
    ...(route.vpcPeeringConnectionId ? { VpcPeeringConnectionId: route.vpcPeeringConnectionId } : {}),
    ...(route.networkInterfaceId ? { NetworkInterfaceId: route.networkInterfaceId } : {}),
    ...(route.instanceId ? { InstanceId: route.instanceId, InstanceOwnerId: table.ownerId } : {}),
    ...(route.egressOnlyInternetGatewayId ? { EgressOnlyInternetGatewayId: route.egressOnlyInternetGatewayId } : {}),
    Origin: route.origin,
    State: routeState(world, table, route),
  };
}

/** The wire form of a route table. */
export function renderRouteTable(world: World, r: RouteTableRec): RouteTable {
  return {
    Associations: r.associations.map((a) => ({
      Main: a.main,
      RouteTableAssociationId: a.id,
      RouteTableId: r.id,
      ...(a.subnetId ? { SubnetId: a.subnetId } : {}),
      AssociationState: { State: 'associated' },
    })),
    PropagatingVgws: [],
    RouteTableId: r.id,
    Routes: r.routes.map((x) => renderRoute(world, r, x)),
    ...(Object.keys(r.tags).length > 0 ? { Tags: tagList(r.tags) } : {}),
    VpcId: r.vpcId,
    OwnerId: r.ownerId,
  };
}

/** CreateRouteTable. */
export function createRouteTable(ctx: CallContext, input: CreateRouteTableRequest): CreateRouteTableResult {
  const v = requireVpc(ctx, input.VpcId);
  const tags = tagsFromSpecs(input.TagSpecifications, 'route-table');
  checkDryRun(input);
  return { RouteTable: renderRouteTable(ctx.world, createRouteTableRec(ctx.world, v, false, tags)) };
}

/** A VPC's deletion waits for its extra route tables and takes its main table along. */
export const routeTablesOnVpcDelete: VpcDeleteHook = {
  refuse: (ctx, v) => {
    for (const r of ctx.cell.table('routeTable').values()) if (r.vpcId === v.id && !r.associations.some((a) => a.main)) return vpcHasDependencies(v);
    return undefined;
  },
  cascade: (ctx, v) => {
    for (const r of [...ctx.cell.table('routeTable').values()]) if (r.vpcId === v.id) ctx.world.remove(r.id);
  },
};

/** DeleteRouteTable: not the main table, not while subnets are associated. */
export function deleteRouteTable(ctx: CallContext, input: DeleteRouteTableRequest): void {
  const r = requireRouteTable(ctx, input.RouteTableId);
  if (r.associations.length > 0) {
    throw new AwsError('DependencyViolation', `The routeTable '${r.id}' has dependencies and cannot be deleted.`);
  }
  checkDryRun(input);
  ctx.world.remove(r.id);
}

function findAssociation(ctx: CallContext, id: string | undefined): { table: RouteTableRec; index: number } {
  if (!id) throw missingParameter('AssociationId');
  for (const table of ctx.cell.table('routeTable').values()) {
    const index = table.associations.findIndex((a) => a.id === id);
    if (index >= 0) return { table, index };
  }
  throw new AwsError('InvalidAssociationID.NotFound', `The association ID '${id}' does not exist`);
}

/** AssociateRouteTable: one explicit table per subnet, in the same VPC. */
export function associateRouteTable(ctx: CallContext, input: AssociateRouteTableRequest): AssociateRouteTableResult {
  const r = requireRouteTable(ctx, input.RouteTableId);
  if (input.GatewayId !== undefined) {
    throw new AwsError('InvalidParameterValue', 'Gateway route table associations are not modelled by the sandbox cloud.');
  }
  const s = requireSubnet(ctx, input.SubnetId);
  if (s.vpcId !== r.vpcId) {
    throw new AwsError('InvalidParameterValue', `Route table ${r.id} and subnet ${s.id} belong to different networks.`);
  }
  for (const t of ctx.cell.table('routeTable').values()) {
    if (t.associations.some((a) => a.subnetId === s.id)) {
      throw new AwsError(
        'Resource.AlreadyAssociated',
        `the specified association for route table ${r.id} conflicts with an existing association (subnet ${s.id} is associated with ${t.id})`,
      );
    }
  }
  checkDryRun(input);
  const id = ctx.world.newId('rtbassoc');
  r.associations.push({ id, main: false, subnetId: s.id });
  return { AssociationId: id, AssociationState: { State: 'associated' } };
}

/** DisassociateRouteTable: the subnet falls back to the main table. */
export function disassociateRouteTable(ctx: CallContext, input: DisassociateRouteTableRequest): void {
  const { table, index } = findAssociation(ctx, input.AssociationId);
  if (table.associations[index]?.main) {
    throw new AwsError('InvalidParameterValue', `cannot disassociate the main route table association ${input.AssociationId}`);
  }
  checkDryRun(input);
  table.associations.splice(index, 1);
}

/** ReplaceRouteTableAssociation: moves a subnet association, or makes another table the main one. */
export function replaceRouteTableAssociation(
  ctx: CallContext,
  input: ReplaceRouteTableAssociationRequest,
): ReplaceRouteTableAssociationResult {
  const { table, index } = findAssociation(ctx, input.AssociationId);
  const target = requireRouteTable(ctx, input.RouteTableId);
  if (target.vpcId !== table.vpcId) {
    throw new AwsError('InvalidParameterValue', `Route table ${target.id} belongs to another VPC than association ${input.AssociationId}.`);
  }
  checkDryRun(input);
  const [assoc] = table.associations.splice(index, 1);
  const id = ctx.world.newId('rtbassoc');
  target.associations.push({ id, main: assoc?.main ?? false, ...(assoc?.subnetId ? { subnetId: assoc.subnetId } : {}) });
  return { NewAssociationId: id, AssociationState: { State: 'associated' } };
}

/** DescribeRouteTables. */
export function describeRouteTables(ctx: CallContext, input: DescribeRouteTablesRequest): DescribeRouteTablesResult {
  const base = input.RouteTableIds?.length
    ? pickByIds(ROUTE_TABLE_IDS, input.RouteTableIds, (id) => ctx.cell.table('routeTable').get(id))
    : ctx.cell.table('routeTable').values();
  const spec: FilterSpec<RouteTableRec> = {
    ...ROUTE_TABLE_FILTERS,
    'route.state': (r) => r.routes.map((x) => routeState(ctx.world, r, x)),
  };
  const filtered = applyFilters(byId(base), input.Filters, spec, (r) => r.tags);
  checkDryRun(input);
  const { page, nextToken } = paginate(filtered, (r) => r.id, input.MaxResults, input.NextToken);
  return { RouteTables: page.map((r) => renderRouteTable(ctx.world, r)), ...(nextToken ? { NextToken: nextToken } : {}) };
}

type RouteInput = CreateRouteRequest & ReplaceRouteRequest;

interface Destination {
  readonly key: 'destinationCidrBlock' | 'destinationIpv6CidrBlock' | 'destinationPrefixListId';
  readonly value: string;
  readonly cidr?: Cidr;
}

function readDestination(input: RouteInput): Destination {
  const given = [input.DestinationCidrBlock, input.DestinationIpv6CidrBlock, input.DestinationPrefixListId].filter((x) => x !== undefined);
  if (given.length === 0) {
    throw new AwsError('MissingParameter', 'The request must contain the parameter destinationCidrBlock or destinationIpv6CidrBlock');
  }
  if (given.length > 1) throw invalidCombination('Specify exactly one of DestinationCidrBlock, DestinationIpv6CidrBlock, DestinationPrefixListId.');
  if (input.DestinationPrefixListId !== undefined) {
    if (!/^pl-[0-9a-f]+$/.test(input.DestinationPrefixListId)) {
      throw new AwsError('InvalidPrefixListId.Malformed', `Invalid id: "${input.DestinationPrefixListId}" (expecting "pl-...")`);
    }
    return { key: 'destinationPrefixListId', value: input.DestinationPrefixListId };
  }
  const v6 = input.DestinationIpv6CidrBlock !== undefined;
  const text = (input.DestinationCidrBlock ?? input.DestinationIpv6CidrBlock) as string;
  const c = parseCidr(text);
  if (!c || c.family !== (v6 ? 6 : 4)) {
    throw invalidValue(v6 ? 'destinationIpv6CidrBlock' : 'destinationCidrBlock', text, 'This is not a valid CIDR block.');
  }
  return { key: v6 ? 'destinationIpv6CidrBlock' : 'destinationCidrBlock', value: formatCidr(c), cidr: c };
}

const TARGET_FIELDS = [
  ['GatewayId', 'gatewayId'],
  ['NatGatewayId', 'natGatewayId'],
  ['TransitGatewayId', 'transitGatewayId'],
  ['VpcPeeringConnectionId', 'vpcPeeringConnectionId'],
  ['NetworkInterfaceId', 'networkInterfaceId'],
  ['InstanceId', 'instanceId'],
  ['EgressOnlyInternetGatewayId', 'egressOnlyInternetGatewayId'],
  ['VpcEndpointId', 'vpcEndpointId'],
] as const;

const UNMODELLED_TARGETS = ['LocalGatewayId', 'CarrierGatewayId', 'CoreNetworkArn'] as const;

function readTarget(ctx: CallContext, table: RouteTableRec, input: RouteInput): Partial<RouteRec> {
  for (const f of UNMODELLED_TARGETS) {
    if (input[f] !== undefined) throw new AwsError('InvalidParameterValue', `${f} targets are not modelled by the sandbox cloud.`);
  }
  const given = TARGET_FIELDS.filter(([wire]) => input[wire] !== undefined);
  if (given.length === 0) {
    throw new AwsError(
      'MissingParameter',
      'The request must contain exactly one route target: GatewayId, NatGatewayId, TransitGatewayId, VpcPeeringConnectionId, NetworkInterfaceId, InstanceId, EgressOnlyInternetGatewayId or VpcEndpointId.',
    );
  }
  if (given.length > 1) throw invalidCombination('More than one route target specified; give exactly one.');
  const [wire, field] = given[0] as (typeof TARGET_FIELDS)[number];
  const id = input[wire] as string;
  if (wire === 'VpcPeeringConnectionId') {
    assertWellFormedId(PEERING_IDS, id);
    const p = ctx.world.visiblePeering(id, ctx.accountId, ctx.region);
    if (!p || ['deleted', 'deleting', 'rejected', 'failed', 'expired'].includes(p.status)) throw notFound(PEERING_IDS, id);
    if (p.requester.vpcId !== table.vpcId && p.accepter.vpcId !== table.vpcId) {
      throw new AwsError('InvalidParameterValue', `route table ${table.id} and network gateway ${id} belong to different networks`);
    }
  } else if (wire === 'GatewayId' && id === 'local') {
    throw new AwsError('InvalidParameterValue', 'A route with the target local is created for every VPC block; it cannot be added.');
  } else if (wire === 'GatewayId' || wire === 'EgressOnlyInternetGatewayId') {
    const vpcOfGateway = gatewayVpc(ctx, wire, id);
    if (vpcOfGateway === undefined) throw new AwsError('InvalidGatewayID.NotFound', `The gateway ID '${id}' does not exist`);
    if (vpcOfGateway !== table.vpcId) throw differentNetworks(table, id);
  } else if (wire === 'NatGatewayId') {
    const r = ctx.world.byId.get(id);
    const nat = r?.kind === 'natGateway' && r.rec.ownerId === ctx.accountId && r.rec.region === ctx.region ? r.rec : undefined;
    if (!nat || !natGatewayRoutable(ctx.world, id)) throw notFound(NAT_ROUTE_TARGET_IDS, id);
    if (nat.vpcId !== table.vpcId) throw differentNetworks(table, id);
  }
  if (wire === 'TransitGatewayId') requireUsableTransitGateway(ctx, id);
  if (wire === 'NetworkInterfaceId') {
    const n = requireNetworkInterface(ctx, id);
    if (n.vpcId !== table.vpcId) throw differentNetworks(table, id, 'network interface');
  } else if (wire === 'InstanceId') {
    return instanceTarget(ctx, table, id);
  }
  // Endpoints are not modelled as route targets: their routes are kept with the id given, so
  // scenarios can show them, and are always `active`.
  return { [field]: id };
}

/** An instance target: a live instance of the table's VPC with exactly one interface, stored as
 * both ids, as AWS answers such a route. */
function instanceTarget(ctx: CallContext, table: RouteTableRec, id: string): Partial<RouteRec> {
  const i = requireInstance(ctx, id);
  if (i.state === 'terminated') throw new AwsError('IncorrectInstanceState', `The instance '${i.id}' is not in a valid state for this operation.`);
  if (i.vpcId !== table.vpcId) throw differentNetworks(table, id, 'instance');
  if (i.networkInterfaceIds.length > 1) {
    throw new AwsError('InvalidInstanceID', `There are multiple interfaces attached to instance '${i.id}'. Please specify an interface ID for the operation instead.`);
  }
  const [eni] = i.networkInterfaceIds;
  return { instanceId: i.id, ...(eni ? { networkInterfaceId: eni } : {}) };
}

function differentNetworks(table: RouteTableRec, targetId: string, noun = 'network gateway'): AwsError {
  return new AwsError('InvalidParameterValue', `route table ${table.id} and ${noun} ${targetId} belong to different networks`);
}

/** The VPC a gateway a route may target serves: an internet gateway's attachment, a virtual
 * private gateway's live attachment (`null` when detached), an egress-only gateway's VPC;
 * undefined when the caller has no such gateway (GatewayId takes only these two kinds). */
function gatewayVpc(ctx: CallContext, wire: 'GatewayId' | 'EgressOnlyInternetGatewayId', id: string): string | null | undefined {
  const r = ctx.world.byId.get(id);
  if (!r || r.rec.ownerId !== ctx.accountId || r.rec.region !== ctx.region) return undefined;
  if (wire === 'EgressOnlyInternetGatewayId') return r.kind === 'egressOnlyInternetGateway' ? r.rec.vpcId : undefined;
  if (r.kind === 'internetGateway') return r.rec.vpcId ?? null;
  if (r.kind === 'vpnGateway' && r.rec.deletedAt === undefined) {
    const live = r.rec.attachments.find((a) => vpnGatewayRoutable(ctx.world, id, a.vpcId));
    return live ? live.vpcId : null;
  }
  return undefined;
}

/** Refuses destinations the VPC's local routes already cover ("equal to or more specific than"). */
function assertNotCoveredByLocal(ctx: CallContext, table: RouteTableRec, dest: Destination): void {
  if (!dest.cidr) return;
  const v = ctx.cell.table('vpc').get(table.vpcId);
  if (!v) return;
  for (const b of [...vpcIpv4Blocks(v), ...vpcIpv6Blocks(v)]) {
    const block = parseCidr(b) as Cidr;
    if (b === dest.value) throw new AwsError('RouteAlreadyExists', `The route identified by ${dest.value} already exists.`);
    if (cidrContains(block, dest.cidr)) {
      throw new AwsError(
        'InvalidParameterValue',
        `The destination CIDR block ${dest.value} is equal to or more specific than one of this VPC's CIDR blocks (${b}). This route can target only an interface or an instance.`,
      );
    }
  }
}

/** A gateway endpoint's route (to its service's prefix list): the endpoint adds and removes it. */
function isEndpointRoute(route: RouteRec | undefined): boolean {
  return route?.gatewayId?.startsWith(VPC_ENDPOINT_IDS.prefix) ?? false;
}

/** CreateRoute. */
export function createRoute(ctx: CallContext, input: CreateRouteRequest): CreateRouteResult {
  const table = requireRouteTable(ctx, input.RouteTableId);
  const dest = readDestination(input);
  if (dest.key === 'destinationPrefixListId') assertUsablePrefixList(ctx, dest.value);
  const target = readTarget(ctx, table, input);
  if (table.routes.some((r) => destinationOf(r) === dest.value)) {
    throw new AwsError('RouteAlreadyExists', `The route identified by ${dest.value} already exists.`);
  }
  if (!('networkInterfaceId' in target) && !('instanceId' in target)) assertNotCoveredByLocal(ctx, table, dest);
  if (table.routes.filter((r) => r.origin === 'CreateRoute').length >= ctx.world.settings.routesPerTable) {
    throw new AwsError('RouteLimitExceeded', `The maximum number of routes (${ctx.world.settings.routesPerTable}) has been reached for ${table.id}.`);
  }
  checkDryRun(input);
  table.routes.push({ [dest.key]: dest.value, ...target, origin: 'CreateRoute' } as RouteRec);
  return { Return: true };
}

/** ReplaceRoute: changes the target of an existing route. */
export function replaceRoute(ctx: CallContext, input: ReplaceRouteRequest): void {
  const table = requireRouteTable(ctx, input.RouteTableId);
  const dest = readDestination(input);
  const index = table.routes.findIndex((r) => destinationOf(r) === dest.value);
  if (index < 0) {
    throw new AwsError('InvalidRoute.NotFound', `There is no route defined for '${dest.value}' in the route table. Use CreateRoute instead.`);
  }
  if (table.routes[index]?.gatewayId === 'local' || input.LocalTarget) {
    throw new AwsError('InvalidParameterValue', `The local route ${dest.value} of ${table.id} cannot be replaced by the sandbox cloud.`);
  }
  if (isEndpointRoute(table.routes[index])) {
    throw new AwsError('InvalidParameterValue', `cannot replace VPC endpoint route ${dest.value} in route table ${table.id}; change the endpoint's route tables instead`);
  }
  const target = readTarget(ctx, table, input);
  checkDryRun(input);
  table.routes[index] = { [dest.key]: dest.value, ...target, origin: 'CreateRoute' } as RouteRec;
}

/** DeleteRoute: never a local route. */
export function deleteRoute(ctx: CallContext, input: DeleteRouteRequest): void {
  const table = requireRouteTable(ctx, input.RouteTableId);
  const dest = readDestination(input as RouteInput);
  const index = table.routes.findIndex((r) => destinationOf(r) === dest.value);
  const kind =
    dest.key === 'destinationIpv6CidrBlock' ? 'destination-ipv6-cidr-block' : dest.key === 'destinationPrefixListId' ? 'destination-prefix-list-id' : 'destination-cidr-block';
  if (index < 0) {
    throw new AwsError('InvalidRoute.NotFound', `no route with ${kind} ${dest.value} in route table ${table.id}`);
  }
  if (table.routes[index]?.gatewayId === 'local') {
    throw new AwsError('InvalidParameterValue', `cannot remove local route ${dest.value} in route table ${table.id}`);
  }
  if (isEndpointRoute(table.routes[index])) {
    throw new AwsError('InvalidParameterValue', `cannot remove VPC endpoint route ${dest.value} in route table ${table.id}; remove the table from the endpoint instead`);
  }
  checkDryRun(input);
  table.routes.splice(index, 1);
}
