/** Does a VPC's transit gateway attachment carry traffic, both ways? Five steps, each with its fix.
 *
 * 1. accepted: the attachment is `available` (a cross-account one waits in `pendingAcceptance`
 *    until the gateway owner accepts it);
 * 2. associated: it is associated with a route table of the gateway (the table its incoming
 *    traffic is routed by);
 * 3. propagating: it propagates its VPC's blocks to a route table, or static routes stand in;
 * 4. VPC routes: every route table of the VPC that serves subnets sends the destinations the
 *    gateway offers it (its associated table's routes; the other attached VPCs' blocks when the
 *    gateway's routing was not read) to the gateway;
 * 5. return path: the tables associated with the gateway's other attachments route this VPC's
 *    blocks back to this attachment.
 *
 * Model only: a gateway whose routing is `unread` makes steps 2, 3 and 5 unknown, never failing.
 * A table's route is the longest prefix that covers the block; for the same prefix a static
 * route beats a propagated one.
 */
import type { RouteTableId, VpcId } from '../model/ids';
import type { TransitGatewayAttachmentId, TransitGatewayId, TransitGatewayRouteTableId, TransitGatewayRoutingUnknown } from '../model/kinds/transit-gateway';
import type { Route, Topology, TransitGateway, TransitGatewayAttachment, TransitGatewayRouteTable } from '../model/topology';
import { awsCommandText, ec2Command, routeDestination } from '../words/aws-cli';
import type { TopologyIndex } from './topology-index';
import { cliPlaceOf, findServingTables, indexTopology, labelRouteTable } from './topology-index';
import type { Destination } from './tgw-checklist-lookups';
import { associatedTable, backTablesOf, checklistIndexOf, destination, destinationsOf, NONE, tgwRouteFor, v4RoutesOf, vpcBlocks, vpcRouteFor } from './tgw-checklist-lookups';

/** The steps, in the order traffic needs them. */
export const TGW_CHECKLIST_STEPS = ['accepted', 'associated', 'propagating', 'vpc-routes', 'return-path'] as const;
/** One step of the checklist. */
export type TgwChecklistStepId = (typeof TGW_CHECKLIST_STEPS)[number];

/** How a step stands: `waiting` for AWS (pending), `unknown` when the gateway's routing was not read. */
export type TgwStepState = 'ok' | 'failing' | 'waiting' | 'unknown' | 'not-applicable';

/** One step with what it found and, when failing, the AWS CLI commands that fix it. */
export interface TgwChecklistStep {
  readonly id: TgwChecklistStepId;
  readonly title: string;
  readonly state: TgwStepState;
  /** What was found, one sentence a line. */
  readonly details: readonly string[];
  /** AWS CLI commands that fix a failing step, in order. */
  readonly fixes: readonly string[];
}

/**
 * Whether traffic is routed both ways over the attachment: `complete` (out: associated and the
 * VPC's routes; back: the return path), `one-way`, `not-routed`, `unknown` (the gateway's
 * routing was not read), `nothing-to-route` (no other attachment and no destination),
 * `not-applicable` (the attachment is not available).
 */
export type TgwAttachmentRouting = 'complete' | 'one-way' | 'not-routed' | 'unknown' | 'nothing-to-route' | 'not-applicable';

/** The whole checklist of one VPC attachment. */
export interface TgwAttachmentChecklist {
  readonly attachment: TransitGatewayAttachment;
  /** Absent when the snapshot does not hold the gateway. */
  readonly gateway?: TransitGateway;
  readonly steps: readonly TgwChecklistStep[];
  readonly routing: TgwAttachmentRouting;
}

/** Why a gateway's routing is unknown, and what to do about it. */
export function tgwRoutingUnreadWords(reason: TransitGatewayRoutingUnknown, gateway: Pick<TransitGateway, 'accountId' | 'region'>): { readonly reason: string; readonly fix: string } {
  return reason === 'owner-not-scanned'
    ? {
        reason: `no scan of the owner's account ${gateway.accountId} in ${gateway.region} listed it: only the owner's credentials read a gateway's route tables`,
        fix: `Add a profile of account ${gateway.accountId}, scan it in ${gateway.region}, and rescan.`,
      }
    : {
        reason: `the owner's scan of ${gateway.accountId} in ${gateway.region} listed the gateway but could not read its route tables`,
        fix: `See that region's coverage for the error (transitGatewayRouteTables), give the owner's profile ec2:DescribeTransitGatewayRouteTables and ec2:SearchTransitGatewayRoutes, and rescan.`,
      };
}

/** The attachment-state words of a step that is not `available`. */
function acceptedStep(index: TopologyIndex, a: TransitGatewayAttachment, gateway: TransitGateway | undefined): TgwChecklistStep {
  const base = { id: 'accepted', title: 'Accepted' } as const;
  const owner = cliPlaceOf(index, a.transitGatewayOwnerId, a.region);
  const vpcOwner = cliPlaceOf(index, a.resourceOwnerId, a.region);
  switch (a.state) {
    case 'available':
      return { ...base, state: 'ok', details: ['The attachment is available.'], fixes: [] };
    case 'pendingAcceptance':
      return {
        ...base,
        state: 'failing',
        details: [`Waiting for the gateway owner (${a.transitGatewayOwnerId}) to accept it${gateway?.options.autoAcceptSharedAttachments === false ? ' (the gateway does not auto-accept shared attachments)' : ''}.`],
        fixes: [awsCommandText(ec2Command('AcceptTransitGatewayVpcAttachment', { TransitGatewayAttachmentId: a.id }), owner)],
      };
    case 'pending':
    case 'modifying':
    case 'initiating':
    case 'initiatingRequest':
      return { ...base, state: 'waiting', details: [`AWS is setting it up (${a.state}); rescan in a minute.`], fixes: [] };
    case 'rejected':
    case 'failed':
    case 'failing':
      return {
        ...base,
        state: 'failing',
        details: [`The attachment is ${a.state}: it carries nothing. Delete it and attach the VPC again.`],
        fixes: [awsCommandText(ec2Command('DeleteTransitGatewayVpcAttachment', { TransitGatewayAttachmentId: a.id }), vpcOwner)],
      };
    default:
      return { ...base, state: 'failing', details: [`The attachment is ${a.state}: it carries nothing.`], fixes: [] };
  }
}

export { tgwRouteFor } from './tgw-checklist-lookups';

function targetWords(route: Route): string {
  const t = route.target;
  return t.kind === 'local' ? 'local' : t.kind === 'peering' ? t.peeringId : t.id;
}

/**
 * The checklist of the attachment `attachmentId` of gateway `transitGatewayId`, or undefined when
 * the topology holds no such VPC attachment.
 */
export function tgwAttachmentChecklist(topology: Topology, transitGatewayId: TransitGatewayId, attachmentId: TransitGatewayAttachmentId): TgwAttachmentChecklist | undefined {
  const c = checklistIndexOf(topology);
  const a = c.attachment.get(`${transitGatewayId}|${attachmentId}`);
  if (!a || a.resourceType !== 'vpc') return undefined;
  const index = indexTopology(topology);
  const gateway = c.gateway.get(`${transitGatewayId}|${a.region}`);
  const vpcId = (a.vpc?.vpcId ?? a.resourceId) as VpcId;
  const region = cliPlaceOf(index, a.transitGatewayOwnerId, a.region);
  const accepted = acceptedStep(index, a, gateway);
  const available = a.state === 'available';
  const unread = gateway?.routing.state === 'unread' ? tgwRoutingUnreadWords(gateway.routing.reason, gateway) : !gateway ? { reason: 'the snapshot does not hold the gateway', fix: `Scan the gateway owner's account ${a.transitGatewayOwnerId} in ${a.region}.` } : undefined;
  const tables = c.tables.get(`${transitGatewayId}|${a.region}`) ?? NONE;
  const unknownStep = (id: TgwChecklistStepId, title: string): TgwChecklistStep => ({ id, title, state: 'unknown', details: [`Routing not read: ${unread!.reason}.`, unread!.fix], fixes: [] });
  const notYet = (id: TgwChecklistStepId, title: string): TgwChecklistStep => ({ id, title, state: 'not-applicable', details: ['Matters once the attachment is available.'], fixes: [] });
  const myBlocks = vpcBlocks(index, vpcId, a.vpc?.options.ipv6Support === true);
  const gatewayAttachments = c.available.get(`${transitGatewayId}|${a.region}`) ?? NONE;
  const others = gatewayAttachments.filter((x) => x.id !== a.id);

  // 2. associated
  const table = unread ? undefined : associatedTable(c, tables, a);
  const defaultTable = gateway?.options.associationDefaultRouteTableId ?? tables[0]?.id;
  let associated: TgwChecklistStep;
  if (!available) associated = notYet('associated', 'Associated');
  else if (unread) associated = unknownStep('associated', 'Associated');
  else if (table) associated = { id: 'associated', title: 'Associated', state: 'ok', details: [`Associated with ${labelTgwTable(table)}.`], fixes: [] };
  else
    associated = {
      id: 'associated',
      title: 'Associated',
      state: 'failing',
      details: ['Associated with no route table: the gateway drops what the VPC sends it.'],
      fixes: defaultTable ? [awsCommandText(ec2Command('AssociateTransitGatewayRouteTable', { TransitGatewayRouteTableId: defaultTable, TransitGatewayAttachmentId: a.id }), region)] : [],
    };

  // 5. return path (computed before 3: static routes can stand in for propagation)
  let returnPath: TgwChecklistStep;
  const missingBack = new Map<TransitGatewayRouteTableId, string[]>();
  if (!available) returnPath = notYet('return-path', 'Return path');
  else if (unread) returnPath = unknownStep('return-path', 'Return path');
  else {
    const details: string[] = [];
    const backTables = new Map<TransitGatewayRouteTableId, TransitGatewayRouteTable>();
    for (const { attachment: o, table: t } of backTablesOf(c, tables, gatewayAttachments)) {
      if (o.id === a.id) continue;
      if (t) backTables.set(t.id, t);
      else details.push(`${o.id} (${o.resourceType} ${o.resourceId}) is associated with no table: nothing comes back from it.`);
    }
    for (const t of backTables.values()) {
      for (const cidr of myBlocks) {
        const range = index.rangeOf(cidr);
        const route = range ? tgwRouteFor(index, t, range) : undefined;
        if (route && route.state === 'active' && route.targets.some((x) => x.attachmentId === a.id)) continue;
        const list = missingBack.get(t.id) ?? [];
        list.push(cidr);
        missingBack.set(t.id, list);
        details.push(
          !route
            ? `${labelTgwTable(t)} has no route to ${cidr}.`
            : route.state === 'blackhole'
              ? `${labelTgwTable(t)} blackholes ${cidr}.`
              : `${labelTgwTable(t)} sends ${cidr} to ${route.targets.map((x) => x.attachmentId).join(', ')}, not to this attachment.`,
        );
      }
    }
    if (others.length === 0) returnPath = { id: 'return-path', title: 'Return path', state: 'not-applicable', details: ['No other attachment of the gateway to come back from.'], fixes: [] };
    else if (details.length === 0) returnPath = { id: 'return-path', title: 'Return path', state: 'ok', details: [`${[...backTables.values()].map(labelTgwTable).join(', ')} route${backTables.size === 1 ? 's' : ''} ${myBlocks.join(', ')} back to this attachment.`], fixes: [] };
    else
      returnPath = {
        id: 'return-path',
        title: 'Return path',
        state: 'failing',
        details,
        fixes: [...missingBack].flatMap(([tableId, cidrs]) => cidrs.map((c) => awsCommandText(ec2Command('CreateTransitGatewayRoute', { TransitGatewayRouteTableId: tableId, DestinationCidrBlock: c, TransitGatewayAttachmentId: a.id }), region))),
      };
  }

  // 3. propagating
  let propagating: TgwChecklistStep;
  if (!available) propagating = notYet('propagating', 'Propagating');
  else if (unread) propagating = unknownStep('propagating', 'Propagating');
  else {
    const into = tables.filter((t) => t.propagations.some((l) => l.attachmentId === a.id && l.state === 'enabled'));
    if (into.length > 0) propagating = { id: 'propagating', title: 'Propagating', state: 'ok', details: [`Propagates ${myBlocks.join(', ') || 'its blocks'} to ${into.map(labelTgwTable).join(', ')}.`], fixes: [] };
    else if (returnPath.state === 'ok') propagating = { id: 'propagating', title: 'Propagating', state: 'ok', details: ['Propagates to no table; static routes carry its blocks back.'], fixes: [] };
    else {
      const targets = missingBack.size > 0 ? [...missingBack.keys()] : gateway?.options.propagationDefaultRouteTableId ? [gateway.options.propagationDefaultRouteTableId] : [];
      propagating = {
        id: 'propagating',
        title: 'Propagating',
        state: 'failing',
        details: ['Propagates to no route table: the other attachments learn no route to this VPC.'],
        fixes: targets.map((t) => awsCommandText(ec2Command('EnableTransitGatewayRouteTablePropagation', { TransitGatewayRouteTableId: t, TransitGatewayAttachmentId: a.id }), region)),
      };
    }
  }

  // 4. VPC routes
  let unique: readonly Destination[];
  if (table) {
    const { items, repeats } = destinationsOf(index, table);
    const seen = repeats ? new Set<string>() : undefined;
    const kept: Destination[] = [];
    for (const d of items) {
      if (d.route.targets.some((x) => x.attachmentId === a.id)) continue;
      if (seen) {
        if (seen.has(d.cidr)) continue;
        seen.add(d.cidr);
      }
      if (!myBlocks.includes(d.cidr)) kept.push(d);
    }
    unique = kept;
  } else {
    const destinations: string[] = [];
    for (const o of others) if (o.resourceType === 'vpc') destinations.push(...vpcBlocks(index, (o.vpc?.vpcId ?? o.resourceId) as VpcId, true));
    unique = [...new Set(destinations)].filter((d) => !myBlocks.includes(d)).map((cidr) => destination(index, cidr));
  }
  const uniqueDestinations = unique.map((d) => d.cidr);
  let vpcRoutes: TgwChecklistStep;
  const serving = findServingTables(index, vpcId);
  if (!index.vpcById.has(vpcId)) vpcRoutes = { id: 'vpc-routes', title: 'VPC routes', state: 'unknown', details: [`${vpcId} is not in the snapshot (its account was not scanned): its routes are unknown.`], fixes: [] };
  else if (serving.length === 0) vpcRoutes = { id: 'vpc-routes', title: 'VPC routes', state: 'not-applicable', details: [`${vpcId} has no subnets: nothing to route.`], fixes: [] };
  else if (uniqueDestinations.length === 0) vpcRoutes = { id: 'vpc-routes', title: 'VPC routes', state: 'not-applicable', details: ['The gateway offers no destination to route to yet.'], fixes: [] };
  else {
    const details: string[] = [];
    const fixes: string[] = [];
    const elsewhere: string[] = [];
    for (const { table: rt } of serving) {
      const rows = v4RoutesOf(index, rt.routes);
      for (const item of unique) {
        const d = item.cidr;
        if (!item.range) continue;
        const route = vpcRouteFor(index, rt.routes, item, rows);
        const toGateway = route?.target.kind === 'other' && route.target.id === transitGatewayId;
        if (route && toGateway && route.state === 'active') continue;
        if (route && !toGateway && route.state === 'active' && route.target.kind !== 'local') {
          elsewhere.push(`${labelRouteTable(rt)} sends ${d} to ${targetWords(route)} (a more specific or other route), not to ${transitGatewayId}.`);
          continue;
        }
        details.push(route?.state === 'blackhole' ? `${labelRouteTable(rt)}: the route to ${d} is a blackhole.` : `${labelRouteTable(rt)} has no route to ${d} through ${transitGatewayId}.`);
        fixes.push(awsCommandText(ec2Command(route && toGateway ? 'ReplaceRoute' : 'CreateRoute', { RouteTableId: rt.id as RouteTableId, ...routeDestination(d), TransitGatewayId: transitGatewayId }), cliPlaceOf(index, rt.accountId, rt.region)));
      }
    }
    vpcRoutes =
      details.length === 0
        ? { id: 'vpc-routes', title: 'VPC routes', state: 'ok', details: [`Every table serving its subnets (${serving.map((s) => s.table.id).join(', ')}) routes ${uniqueDestinations.join(', ')} to the gateway.`, ...elsewhere], fixes: [] }
        : { id: 'vpc-routes', title: 'VPC routes', state: 'failing', details: [...details, ...elsewhere], fixes };
  }

  const steps = [accepted, associated, propagating, vpcRoutes, returnPath];
  return { attachment: a, ...(gateway ? { gateway } : {}), steps, routing: routingOf(available, !!unread, associated, vpcRoutes, returnPath) };
}

function routingOf(available: boolean, unread: boolean, associated: TgwChecklistStep, vpcRoutes: TgwChecklistStep, returnPath: TgwChecklistStep): TgwAttachmentRouting {
  if (!available) return 'not-applicable';
  if (unread) return 'unknown';
  if (vpcRoutes.state === 'not-applicable' && returnPath.state === 'not-applicable') return 'nothing-to-route';
  const out = associated.state === 'ok' && (vpcRoutes.state === 'ok' || vpcRoutes.state === 'not-applicable');
  const back = returnPath.state === 'ok' || returnPath.state === 'not-applicable';
  if (vpcRoutes.state === 'unknown') return back ? 'unknown' : 'not-routed';
  return out && back ? 'complete' : out || back ? 'one-way' : 'not-routed';
}

/** A gateway route table's label: `name (tgw-rtb-id)`, or the id. */
export function labelTgwTable(t: Pick<TransitGatewayRouteTable, 'id' | 'name'>): string {
  return t.name ? `${t.name} (${t.id})` : t.id;
}

/** The routing of every VPC attachment, by gateway and attachment id: made without the checklists' words. */
export { tgwAttachmentRoutings } from './tgw-attachment-routing';
