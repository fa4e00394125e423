/** The words of the transit gateway findings (`tgw-findings.ts`): subject, message, fix (AWS CLI
 * text from `shared/words/aws-cli.ts`, run as the account that can make the change) and table
 * cells. Gateways and attachments are named `name (id)` when they have a Name, like VPCs. */
import type { VpcId } from '../model/ids';
import type { TransitGateway, TransitGatewayAttachment, TransitGatewayRouteTable } from '../model/topology';
import { awsCommandText, ec2Command, routeDestination, ShellVariable } from '../words/aws-cli';
import type { Finding, FindingFocus } from './findings';
import type { AutoAcceptShared, StaleTransitRoute, TransitGatewayIndex, UnassociatedAttachment, UnpropagatedBlock, UnreadRouting, ZoneGap } from './tgw-findings';
import type { TopologyIndex } from './topology-index';
import { cliPlaceOf, labelVpc } from './topology-index';

const named = (x: { readonly id: string; readonly name?: string }) => (x.name ? `${x.name} (${x.id})` : x.id);


/** The attachment and what it attaches: `tgw-attach-1 (app (vpc-a))`, `tgw-attach-2 (vpn vpn-1)`. */
function labelAttachment(index: TopologyIndex, a: TransitGatewayAttachment): string {
  const what = a.vpc ? labelVpc(index, a.vpc.vpcId) : `${a.resourceType} ${a.resourceId}`;
  return `${named(a)} (${what})`;
}

/** Select the attachments' VPCs on the canvas (the canvas draws no gateway yet). */
function focusOn(gateway: TransitGateway, attachments: readonly TransitGatewayAttachment[], vpcIds: readonly VpcId[]): FindingFocus {
  return { kind: 'transit-gateway', transitGatewayId: gateway.id, attachmentIds: attachments.map((a) => a.id), vpcIds };
}

/** 6. A gateway whose routing is unread. */
export function unreadRoutingFinding(index: TopologyIndex, u: UnreadRouting): Finding {
  const g = u.gateway;
  const why =
    g.routing.reason === 'route-tables-unread'
      ? `the scan of its owner ${g.accountId} listed it but could not read its route tables${u.unread ? ` (${u.unread.errorCode}: ${u.unread.message})` : ''}`
      : `no scan of its owner ${g.accountId} in ${g.region} listed it (only the owner's credentials read a gateway's route tables)`;
  const fix = u.unread
    ? u.unread.message
    : u.failedCell
      ? `The owner's cell ${u.failedCell.profile} · ${g.region} did not load${u.failedCell.errorCode ? ` (${u.failedCell.errorCode})` : ''}: ${u.failedCell.message ?? 'rescan it.'}`
      : u.ownerProfile
        ? `Scan ${g.region} with ${u.ownerProfile} (account ${g.accountId}), the owner's profile.`
        : `Add a profile of account ${g.accountId} (the owner) and scan ${g.region} with it.`;
  return {
    id: `tgw-routing-unread:${g.id}`,
    kind: 'tgw-routing-unread',
    severity: 'info',
    subject: `${named(g)} · ${g.accountId} · ${g.region}`,
    message: `The routing of ${named(g)} is unknown: ${why}. Analysis cannot judge the paths through it (its associations, propagations and routes), so it reports none of them as broken or working.`,
    fix,
    focus: focusOn(g, [], []),
    cells: [named(g), g.accountId, g.region, g.routing.reason === 'route-tables-unread' ? 'route tables unread' : 'owner not scanned'],
  };
}

/** 1. An attachment associated with no route table. */
export function unassociatedFinding(index: TopologyIndex, tgw: TransitGatewayIndex, u: UnassociatedAttachment): Finding {
  const { gateway: g, attachment: a } = u;
  const tables = tgw.routeTablesByGateway.get(g.id) ?? [];
  const choice = g.options.associationDefaultRouteTableId ?? (tables.length === 1 ? tables[0]!.id : undefined);
  const command = awsCommandText(
    ec2Command('AssociateTransitGatewayRouteTable', { TransitGatewayRouteTableId: choice ?? new ShellVariable('TGW_ROUTE_TABLE_ID'), TransitGatewayAttachmentId: a.id }),
    cliPlaceOf(index, g.accountId, g.region),
  );
  const label = labelAttachment(index, a);
  return {
    id: `tgw-unassociated:${g.id}:${a.id}`,
    kind: 'tgw-unassociated',
    severity: 'warn',
    subject: `${label} · ${named(g)}`,
    message: `${label} is available on ${named(g)} but associated with no route table: the gateway has no table to route what comes in from it, so that traffic is dropped.`,
    fix: choice
      ? `Associate it with ${choice}: ${command}`
      : tables.length > 0
        ? `Associate it with the table that should route its traffic (${tables.map((t) => t.id).join(', ')}), as TGW_ROUTE_TABLE_ID: ${command}`
        : `Create a route table (aws ec2 create-transit-gateway-route-table --transit-gateway-id ${g.id}) and associate it, as TGW_ROUTE_TABLE_ID: ${command}`,
    focus: focusOn(g, [a], a.vpc ? [a.vpc.vpcId] : []),
    cells: [named(a), named(g), a.vpc ? labelVpc(index, a.vpc.vpcId) : `${a.resourceType} ${a.resourceId}`, a.association ? a.association.state : 'none'],
  };
}

/** 2. A VPC block left out of a route table because it overlaps one propagated there. */
export function unpropagatedFinding(index: TopologyIndex, tgw: TransitGatewayIndex, u: UnpropagatedBlock): Finding {
  const { gateway: g, table, attachment: a } = u;
  const others = u.overlaps.map((o) => {
    const other = tgw.attachment(g.id, o.attachmentId);
    return `${o.destination} → ${other ? labelAttachment(index, other) : o.attachmentId}`;
  });
  const first = u.overlaps[0]!;
  const staticRoute = awsCommandText(
    ec2Command('CreateTransitGatewayRoute', { TransitGatewayRouteTableId: table.id, DestinationCidrBlock: u.block, TransitGatewayAttachmentId: a.id }),
    cliPlaceOf(index, g.accountId, g.region),
  );
  const vpcs = [u.vpcId, ...u.overlaps.flatMap((o) => (o.vpcId && o.vpcId !== u.vpcId ? [o.vpcId] : []))];
  return {
    id: `tgw-not-propagated:${table.id}:${a.id}:${u.block}`,
    kind: 'tgw-not-propagated',
    severity: 'warn',
    subject: `${labelTable(table)} · ${labelVpc(index, u.vpcId)} ${u.block}`,
    message:
      `${labelAttachment(index, a)} propagates to ${labelTable(table)} of ${named(g)}, but its block ${u.block} is not there: it overlaps ${others.join('; ')}, ` +
      `already propagated, and AWS does not propagate an overlapping block. Attachments associated with ${table.id} cannot reach ${u.block} in ${labelVpc(index, u.vpcId)}.`,
    fix:
      `Renumber one of the two VPCs, or keep them in separate route tables. A static route sends the block to this attachment instead, ` +
      `taking ${u.block} away from ${first.vpcId ? labelVpc(index, first.vpcId) : first.attachmentId} in this table: ${staticRoute}`,
    focus: focusOn(g, [a], [...new Set(vpcs)]),
    cells: [labelTable(table), labelAttachment(index, a), u.block, others.join('; ')],
  };
}

function labelTable(t: TransitGatewayRouteTable): string {
  return named(t);
}

/** 3. A route to an attachment (or gateway) that is gone. */
export function staleTransitRouteFinding(index: TopologyIndex, s: StaleTransitRoute): Finding {
  if (s.where === 'transit-gateway') {
    const { gateway: g, table, route } = s;
    const gone = s.gone.map((x) => `${x.attachmentId} (${x.state ?? 'no longer listed'})`).join(', ');
    const where = cliPlaceOf(index, g.accountId, g.region);
    const command =
      route.type === 'propagated'
        ? awsCommandText(ec2Command('DisableTransitGatewayRouteTablePropagation', { TransitGatewayRouteTableId: table.id, TransitGatewayAttachmentId: s.gone[0]!.attachmentId }), where)
        : route.destination.kind === 'prefix-list'
          ? awsCommandText(ec2Command('DeleteTransitGatewayPrefixListReference', { TransitGatewayRouteTableId: table.id, PrefixListId: route.destination.prefixListId }), where)
          : awsCommandText(ec2Command('DeleteTransitGatewayRoute', { TransitGatewayRouteTableId: table.id, DestinationCidrBlock: route.destination.cidr }), where);
    return {
      id: `tgw-stale-route:${table.id}:${s.destination}:${route.type}`,
      kind: 'tgw-stale-route',
      severity: 'warn',
      subject: `${labelTable(table)} · ${s.destination} → ${s.gone[0]!.attachmentId}`,
      message: `${labelTable(table)} of ${named(g)} sends ${s.destination} to ${gone}, which is gone: a ${route.state === 'blackhole' ? 'blackhole' : 'route'} left behind, dropping what matches it.`,
      fix: `${route.type === 'propagated' ? 'Stop the propagation' : 'Delete the route'} (or point it at a live attachment): ${command}`,
      focus: focusOn(g, [], []),
      cells: [labelTable(table), named(g), `${s.destination} → ${s.gone.map((x) => x.attachmentId).join(', ')}`, gone],
    };
  }
  const { gateway: g, route } = s;
  const what =
    s.goneAttachments.length > 0
      ? `whose attachment ${s.goneAttachments.map((x) => `${x.attachmentId} is ${x.state}`).join(', ')}`
      : g.state === 'deleted' || g.state === 'deleting'
        ? `which is ${g.state}`
        : `to which ${labelVpc(index, s.vpcId)} has no attachment left (AWS marks the route blackhole)`;
  const command = awsCommandText(ec2Command('DeleteRoute', { RouteTableId: s.routeTableId, ...routeDestination(route.destination) }), cliPlaceOf(index, s.accountId, s.region));
  return {
    id: `tgw-stale-route:${s.routeTableId}:${route.destination}`,
    kind: 'tgw-stale-route',
    severity: s.isServing ? 'warn' : 'info',
    subject: `${s.routeTableId} · ${route.destination} → ${named(g)}`,
    message: `${s.routeTableId} (${labelVpc(index, s.vpcId)}) routes ${route.destination} to ${named(g)}, ${what}: a blackhole left behind.${s.isServing ? '' : ' The table serves no subnet, so the route is dormant.'}`,
    fix: `Delete the route (or attach the VPC again): ${command}`,
    focus: { kind: 'vpcs', vpcIds: [s.vpcId] },
    cells: [s.routeTableId + (s.isServing ? '' : ' (no subnets)'), labelVpc(index, s.vpcId), `${route.destination} → ${g.id}`, s.goneAttachments.length > 0 ? s.goneAttachments.map((x) => `${x.attachmentId} (${x.state})`).join(', ') : `gateway ${g.state}`],
  };
}

/** 4. A zone of an attached VPC whose subnets route to the gateway but have no attachment subnet. */
export function zoneGapFinding(index: TopologyIndex, z: ZoneGap): Finding {
  const { gateway: g, attachment: a } = z;
  const vpc = labelVpc(index, z.vpcId);
  const add = z.subnetIds[0]!;
  const vpcOwner = index.vpcById.get(z.vpcId)?.accountId ?? a.resourceOwnerId;
  const command = awsCommandText(ec2Command('ModifyTransitGatewayVpcAttachment', { TransitGatewayAttachmentId: a.id, AddSubnetIds: add }), cliPlaceOf(index, vpcOwner, g.region));
  const subnets = z.subnetIds.length > 3 ? `${z.subnetIds.slice(0, 3).join(', ')} and ${z.subnetIds.length - 3} more` : z.subnetIds.join(', ');
  return {
    id: `tgw-zone-gap:${a.id}:${z.zone}`,
    kind: 'tgw-zone-gap',
    severity: 'warn',
    subject: `${vpc} · ${z.zone} → ${named(g)}`,
    message:
      `${vpc}'s subnets in ${z.zone} (${subnets}) route to ${named(g)} through ${z.routeTableIds.join(', ')}, but ${named(a)} has no subnet in ${z.zone} ` +
      `(only ${z.attachedZones.join(', ') || 'none'}): a VPC reaches a transit gateway only from the zones its attachment has a subnet in, so their traffic never reaches it.`,
    fix: `Add a subnet of ${z.zone} to the attachment (one per zone), e.g. ${add}: ${command}`,
    focus: focusOn(g, [a], [z.vpcId]),
    cells: [vpc, z.zone, `${named(g)} / ${a.id}`, subnets, z.routeTableIds.join(', ')],
  };
}

/** 5. Auto-accept on a shared gateway. */
export function autoAcceptFinding(index: TopologyIndex, s: AutoAcceptShared): Finding {
  const g = s.gateway;
  const accounts = s.accounts.length > 5 ? `${s.accounts.slice(0, 5).join(', ')} and ${s.accounts.length - 5} more` : s.accounts.join(', ');
  const command = awsCommandText(ec2Command('ModifyTransitGateway', { TransitGatewayId: g.id, Options: 'AutoAcceptSharedAttachments=disable' }), cliPlaceOf(index, g.accountId, g.region));
  return {
    id: `tgw-auto-accept:${g.id}`,
    kind: 'tgw-auto-accept',
    severity: 'warn',
    subject: `${named(g)} · ${g.accountId} · ${g.region}`,
    message: `${named(g)} is shared (with ${accounts}) and accepts their attachments automatically: any of those accounts can join a VPC to it without the owner's approval, and with default association and propagation reach what it routes.`,
    fix: `Turn auto-accept off, so the owner accepts each attachment: ${command}`,
    focus: focusOn(g, [], []),
    cells: [named(g), g.accountId, g.region, accounts],
  };
}
