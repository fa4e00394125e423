/** Transit gateway actions: Create/Describe/Modify/DeleteTransitGateway.
 *
 * From the EC2 API reference (`TransitGatewayOptions`, `CreateTransitGateway`): a gateway has
 * Amazon side ASN 64512 unless given a private ASN; default route table association and
 * propagation, DNS support, VPN ECMP support and security group referencing are enabled, auto
 * accept of shared attachments and multicast disabled, unless asked otherwise. With default
 * association or propagation enabled the gateway gets a default route table, whose id the
 * options name (`AssociationDefaultRouteTableId`, `PropagationDefaultRouteTableId`). A gateway
 * with attachments that are not deleted cannot be deleted (`IncorrectState`); deleting one
 * deletes its route tables.
 */
import type {
  CreateTransitGatewayRequest,
  CreateTransitGatewayResult,
  DeleteTransitGatewayRequest,
  DeleteTransitGatewayResult,
  DescribeTransitGatewaysRequest,
  DescribeTransitGatewaysResult,
  ModifyTransitGatewayRequest,
  ModifyTransitGatewayResult,
  TransitGateway,
} from '@aws-sdk/client-ec2';

import { applyFilters, byId, checkDryRun, paginate, pickByIds, tagList, tagsFromSpecs, type FilterSpec } from '../../ec2/common';
import type { CallContext } from '../../ec2/context';
import { AwsError, invalidValue } from '../../errors';
import type { World } from '../../state/world';
import { TRANSIT_GATEWAY_IDS, type Switch, type TransitGatewayRec } from './records';
import {
  attachmentsOf,
  lifeState,
  live,
  newTgwRouteTable,
  requireTgwRouteTable,
  requireTransitGateway,
  sharedTransitGateways,
  transitGatewayArn,
  visibleOf,
} from './store';

const MAX_PAGE = 1000;

function render(world: World, g: TransitGatewayRec, state = lifeState(world, g)): TransitGateway {
  return {
    TransitGatewayId: g.id,
    TransitGatewayArn: transitGatewayArn(g),
    State: state,
    OwnerId: g.ownerId,
    Description: g.description,
    CreationTime: new Date(g.createdAt),
    Options: {
      AmazonSideAsn: g.amazonSideAsn,
      AutoAcceptSharedAttachments: g.autoAcceptSharedAttachments,
      DefaultRouteTableAssociation: g.defaultRouteTableAssociation,
      ...(g.associationDefaultRouteTableId ? { AssociationDefaultRouteTableId: g.associationDefaultRouteTableId } : {}),
      DefaultRouteTablePropagation: g.defaultRouteTablePropagation,
      ...(g.propagationDefaultRouteTableId ? { PropagationDefaultRouteTableId: g.propagationDefaultRouteTableId } : {}),
      VpnEcmpSupport: g.vpnEcmpSupport,
      DnsSupport: g.dnsSupport,
      SecurityGroupReferencingSupport: g.securityGroupReferencingSupport,
      MulticastSupport: g.multicastSupport,
    },
    ...(Object.keys(g.tags).length > 0 ? { Tags: tagList(g.tags) } : {}),
  };
}

/** Private ASNs a transit gateway may take (`AmazonSideAsn`). */
function validAsn(n: number): boolean {
  return (n >= 64512 && n <= 65534) || (n >= 4_200_000_000 && n <= 4_294_967_294);
}

function readSwitch(name: string, v: string | undefined, dflt: Switch): Switch {
  if (v === undefined) return dflt;
  if (v !== 'enable' && v !== 'disable') throw invalidValue(name, v, 'Use enable or disable.');
  return v;
}

/** CreateTransitGateway. */
export function createTransitGateway(ctx: CallContext, input: CreateTransitGatewayRequest): CreateTransitGatewayResult {
  const o = input.Options ?? {};
  const asn = o.AmazonSideAsn ?? 64512;
  if (!validAsn(asn)) throw invalidValue('AmazonSideAsn', asn, 'Use a private ASN: 64512 to 65534, or 4200000000 to 4294967294.');
  const tags = tagsFromSpecs(input.TagSpecifications, 'transit-gateway');
  const g: TransitGatewayRec = {
    id: '',
    ownerId: ctx.accountId,
    region: ctx.region,
    description: input.Description ?? '',
    amazonSideAsn: asn,
    autoAcceptSharedAttachments: readSwitch('AutoAcceptSharedAttachments', o.AutoAcceptSharedAttachments, 'disable'),
    defaultRouteTableAssociation: readSwitch('DefaultRouteTableAssociation', o.DefaultRouteTableAssociation, 'enable'),
    defaultRouteTablePropagation: readSwitch('DefaultRouteTablePropagation', o.DefaultRouteTablePropagation, 'enable'),
    vpnEcmpSupport: readSwitch('VpnEcmpSupport', o.VpnEcmpSupport, 'enable'),
    dnsSupport: readSwitch('DnsSupport', o.DnsSupport, 'enable'),
    securityGroupReferencingSupport: readSwitch('SecurityGroupReferencingSupport', o.SecurityGroupReferencingSupport, 'enable'),
    multicastSupport: readSwitch('MulticastSupport', o.MulticastSupport, 'disable'),
    createdAt: ctx.world.now(),
    tags,
  };
  checkDryRun(input);
  g.id = ctx.world.newLaterId('tgw');
  ctx.world.put('transitGateway', g);
  ensureDefaultTable(ctx.world, g);
  return { TransitGateway: render(ctx.world, g, 'pending') };
}

/** Gives the gateway a default route table when default association or propagation is enabled
 * and it names none. */
function ensureDefaultTable(world: World, g: TransitGatewayRec): void {
  const wants = g.defaultRouteTableAssociation === 'enable' || g.defaultRouteTablePropagation === 'enable';
  if (!wants) return;
  if (g.defaultRouteTableAssociation === 'enable' && g.associationDefaultRouteTableId) return;
  if (g.defaultRouteTablePropagation === 'enable' && g.propagationDefaultRouteTableId) return;
  const existing = g.associationDefaultRouteTableId ?? g.propagationDefaultRouteTableId;
  const id = existing ?? newTgwRouteTable(world, g, {}).id;
  if (g.defaultRouteTableAssociation === 'enable') g.associationDefaultRouteTableId ??= id;
  if (g.defaultRouteTablePropagation === 'enable') g.propagationDefaultRouteTableId ??= id;
}

/** ModifyTransitGateway: its description and options. */
export function modifyTransitGateway(ctx: CallContext, input: ModifyTransitGatewayRequest): ModifyTransitGatewayResult {
  const g = requireTransitGateway(ctx, input.TransitGatewayId);
  const o = input.Options ?? {};
  if (o.AmazonSideAsn !== undefined && !validAsn(o.AmazonSideAsn)) {
    throw invalidValue('AmazonSideAsn', o.AmazonSideAsn, 'Use a private ASN: 64512 to 65534, or 4200000000 to 4294967294.');
  }
  if (o.AmazonSideAsn !== undefined && o.AmazonSideAsn !== g.amazonSideAsn && attachmentsOf(ctx.world, g.id).length > 0) {
    throw new AwsError('IncorrectState', `The Amazon side ASN of ${g.id} can be changed only while it has no attachments.`);
  }
  for (const [param, id] of [
    ['AssociationDefaultRouteTableId', o.AssociationDefaultRouteTableId],
    ['PropagationDefaultRouteTableId', o.PropagationDefaultRouteTableId],
  ] as const) {
    if (id === undefined) continue;
    const rt = requireTgwRouteTable(ctx, id, param);
    if (rt.transitGatewayId !== g.id) throw invalidValue(param, id, `The route table belongs to ${rt.transitGatewayId}, not ${g.id}.`);
  }
  const next: TransitGatewayRec = {
    ...g,
    description: input.Description ?? g.description,
    amazonSideAsn: o.AmazonSideAsn ?? g.amazonSideAsn,
    autoAcceptSharedAttachments: readSwitch('AutoAcceptSharedAttachments', o.AutoAcceptSharedAttachments, g.autoAcceptSharedAttachments),
    defaultRouteTableAssociation: readSwitch('DefaultRouteTableAssociation', o.DefaultRouteTableAssociation, g.defaultRouteTableAssociation),
    defaultRouteTablePropagation: readSwitch('DefaultRouteTablePropagation', o.DefaultRouteTablePropagation, g.defaultRouteTablePropagation),
    vpnEcmpSupport: readSwitch('VpnEcmpSupport', o.VpnEcmpSupport, g.vpnEcmpSupport),
    dnsSupport: readSwitch('DnsSupport', o.DnsSupport, g.dnsSupport),
    securityGroupReferencingSupport: readSwitch('SecurityGroupReferencingSupport', o.SecurityGroupReferencingSupport, g.securityGroupReferencingSupport),
  };
  checkDryRun(input);
  Object.assign(g, next);
  if (o.AssociationDefaultRouteTableId) g.associationDefaultRouteTableId = o.AssociationDefaultRouteTableId;
  if (o.PropagationDefaultRouteTableId) g.propagationDefaultRouteTableId = o.PropagationDefaultRouteTableId;
  if (g.defaultRouteTableAssociation === 'disable') delete g.associationDefaultRouteTableId;
  if (g.defaultRouteTablePropagation === 'disable') delete g.propagationDefaultRouteTableId;
  ensureDefaultTable(ctx.world, g);
  return { TransitGateway: render(ctx.world, g) };
}

/** DeleteTransitGateway: only once every attachment is deleted; its route tables go with it. */
export function deleteTransitGateway(ctx: CallContext, input: DeleteTransitGatewayRequest): DeleteTransitGatewayResult {
  const g = requireTransitGateway(ctx, input.TransitGatewayId);
  const held = attachmentsOf(ctx.world, g.id);
  if (held.length > 0) {
    throw new AwsError('IncorrectState', `${g.id} has non-deleted Transit Gateway Attachments: ${held.map((a) => a.id).join(', ')}`);
  }
  checkDryRun(input);
  const now = ctx.world.now();
  g.deletedAt = now;
  for (const rt of ctx.cell.table('transitGatewayRouteTable').values()) if (rt.transitGatewayId === g.id && live(rt)) rt.deletedAt = now;
  return { TransitGateway: render(ctx.world, g, 'deleting') };
}

function filters(world: World): FilterSpec<TransitGatewayRec> {
  return {
    'options.amazon-side-asn': (g) => g.amazonSideAsn,
    'options.association-default-route-table-id': (g) => g.associationDefaultRouteTableId,
    'options.auto-accept-shared-attachments': (g) => g.autoAcceptSharedAttachments,
    'options.default-route-table-association': (g) => g.defaultRouteTableAssociation,
    'options.default-route-table-propagation': (g) => g.defaultRouteTablePropagation,
    'options.dns-support': (g) => g.dnsSupport,
    'options.propagation-default-route-table-id': (g) => g.propagationDefaultRouteTableId,
    'options.vpn-ecmp-support': (g) => g.vpnEcmpSupport,
    'owner-id': (g) => g.ownerId,
    state: (g) => lifeState(world, g),
    'transit-gateway-id': (g) => g.id,
  };
}

/** DescribeTransitGateways: the caller's gateways here and those other accounts share with it
 * through RAM (with their owner's `OwnerId`); filters and pages. */
export function describeTransitGateways(ctx: CallContext, input: DescribeTransitGatewaysRequest): DescribeTransitGatewaysResult {
  const mine = visibleOf(ctx.world, ctx.cell.table('transitGateway'));
  const seen = new Map([...mine, ...sharedTransitGateways(ctx)].map((g) => [g.id, g]));
  const base = input.TransitGatewayIds?.length ? pickByIds(TRANSIT_GATEWAY_IDS, input.TransitGatewayIds, (id) => seen.get(id)) : seen.values();
  const filtered = applyFilters(byId(base), input.Filters, filters(ctx.world), (g) => g.tags);
  checkDryRun(input);
  const max = input.MaxResults === undefined ? undefined : Math.min(input.MaxResults, MAX_PAGE);
  const { page, nextToken } = paginate(filtered, (g) => g.id, max, input.NextToken);
  return { TransitGateways: page.map((g) => render(ctx.world, g)), ...(nextToken ? { NextToken: nextToken } : {}) };
}
