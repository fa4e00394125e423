/** Turn "attach this VPC to that transit gateway" into a plan, and plan an attachment's deletion.
 *
 * Attaching: CreateTransitGatewayVpcAttachment
 * as the VPC's account with one subnet per Availability Zone; the owner's acceptance when the
 * gateway is another account's and does not auto-accept; an explicit association and propagation
 * only where the gateway's defaults are off (or an extra propagation table is asked for); and
 * CreateRoute with `TransitGatewayId` in every route table serving the VPC's subnets, for the
 * destinations the association table routes to. Deleting (`plan-attachment-deletion.ts`): the VPC
 * routes to the gateway first, then DeleteTransitGatewayVpcAttachment.
 */
import { indexTopology } from '../analysis/topology-index';
import { indexTransitGateways } from '../analysis/tgw-index';
import { attachmentTables, validateAttachment } from '../analysis/validate-attachment';
import { fail, ok, type Result } from '../core/result';
import type { RouteTableId, SubnetId, VpcId } from '../model/ids';
import type { Topology, TransitGateway, TransitGatewayId, TransitGatewayRouteTableId } from '../model/topology';
import { defaultDestinations, existingRouteFor, gatewayLabel, parseDestinations, pickProfile, placed, selectSubnets, selectTables, tgwRouteStep } from './attachment-choices';
import { isIpv6Cidr, planSide, targetWords, vpcCidrs, vpcLabel } from './plan-steps';
import type { PeeringPlan, PlanNote, PlanSide, PlanStep, ProfilesByAccount } from './plan-types';
import { profilesFromTopology } from './plan-types';
import { ATTACHMENT_ID_REF, type AttachmentRef } from './step-params';

export { defaultAttachmentSubnets, defaultDestinations, tgwRouteStep } from './attachment-choices';
export { planAttachmentDeletion } from './plan-attachment-deletion';

/** What the user asked for when they dropped a VPC on a transit gateway. */
export interface AttachmentRequest {
  readonly vpcId: VpcId;
  readonly transitGatewayId: TransitGatewayId;
  /** The attachment's Name tag (default: `<vpc>-to-<gateway>`). */
  readonly name?: string;
  /** One subnet per Availability Zone; default: per zone, the largest subnet (the first by id on a tie). */
  readonly subnetIds?: readonly SubnetId[];
  /** The gateway route table to associate with when the gateway's default association is off. */
  readonly associationRouteTableId?: TransitGatewayRouteTableId;
  /** The gateway route table to propagate to when it is not the default propagation table (or the default is off). */
  readonly propagationRouteTableId?: TransitGatewayRouteTableId;
  /** The VPC's route tables to route through the gateway; default: every table serving its subnets. */
  readonly routeTables?: readonly RouteTableId[];
  /** Destinations to route to the gateway; default: what the association table routes to (see `defaultDestinations`). */
  readonly destinations?: readonly string[];
  /** IPv6 support on the attachment (its VPC's IPv6 blocks propagate, IPv6 destinations are routed);
   * default: on when the VPC and every attachment subnet have IPv6 blocks. */
  readonly ipv6Support?: boolean;
  /** Profiles to use instead of the first of each account. */
  readonly vpcProfile?: string;
  readonly ownerProfile?: string;
}

/** Options of the builders. */
export interface PlanAttachmentOptions {
  readonly planId?: string;
}

/** The gateway owner's side of an attachment plan (same VPC id; no blocks of its own). */
function ownerSide(g: TransitGateway, vpcId: VpcId, profile: string | undefined): PlanSide {
  return { role: 'accepter', vpcId, accountId: g.accountId, region: g.region, ...(profile ? { profile } : {}), cidrs: [] };
}

/**
 * Plan attaching `request.vpcId` to `request.transitGatewayId`: every step with the profile,
 * account and region it runs in. Refuses what `validateAttachment` refuses, and any subnet, table,
 * destination or profile that does not fit.
 */
export function planAttachment(
  topology: Topology,
  request: AttachmentRequest,
  profilesByAccount: ProfilesByAccount = profilesFromTopology(topology.accounts),
  opts: PlanAttachmentOptions = {},
): Result<PeeringPlan> {
  const choice = {
    ...(request.associationRouteTableId ? { associationTableId: request.associationRouteTableId } : {}),
    ...(request.propagationRouteTableId ? { propagationTableId: request.propagationRouteTableId } : {}),
  };
  const verdict = validateAttachment(topology, request.vpcId, request.transitGatewayId, choice);
  if (verdict.status === 'refused') {
    const first = verdict.reasons[0]!;
    return fail(first.code === 'already-attached' ? 'conflict' : first.code === 'unknown-vpc' || first.code === 'unknown-gateway' ? 'not-found' : 'invalid-input', verdict.summary, first.fix);
  }
  const index = indexTopology(topology);
  const vpc = index.vpcById.get(request.vpcId)!;
  const g = indexTransitGateways(topology).gatewayById.get(request.transitGatewayId)!;
  const crossAccount = vpc.accountId !== g.accountId;
  const notes: PlanNote[] = [];
  if (verdict.unknown) notes.push({ level: 'warning', message: verdict.unknown.message, fix: verdict.unknown.fix });

  const vpcProfile = pickProfile(vpc.accountId, request.vpcProfile, profilesByAccount, `the owner of ${vpc.id}`);
  if (!vpcProfile.ok) return vpcProfile;
  if (!vpcProfile.value) {
    return fail(
      'unauthorized',
      `No local profile acts in account ${vpc.accountId}, which owns ${vpcLabel(vpc)}: Peerscape cannot create its attachment.`,
      `Add a profile for account ${vpc.accountId} and rescan.`,
    );
  }
  const ownerProfile = crossAccount ? pickProfile(g.accountId, request.ownerProfile, profilesByAccount, `the owner of ${g.id}`) : ok(vpcProfile.value);
  if (!ownerProfile.ok) return ownerProfile;

  const vpcV6 = vpcCidrs(vpc).filter(isIpv6Cidr);
  if (request.ipv6Support === true && vpcV6.length === 0) {
    return fail('invalid-input', `${vpcLabel(vpc)} has no IPv6 block: IPv6 support on its attachment would carry nothing.`, `Associate an IPv6 block with ${vpc.id} first, or leave IPv6 support off.`);
  }
  const subnets = selectSubnets(index, vpc, request.subnetIds, request.ipv6Support ?? vpcV6.length > 0);
  if (!subnets.ok) return subnets;
  const withoutV6 = subnets.value.filter((s) => s.ipv6Cidrs.length === 0);
  if (request.ipv6Support === true && withoutV6.length > 0) {
    return fail(
      'invalid-input',
      `${withoutV6.map((s) => `${s.id} (${s.availabilityZone})`).join(', ')} ${withoutV6.length === 1 ? 'has' : 'have'} no IPv6 block: with IPv6 support the gateway's interface in each attachment subnet takes an IPv6 address.`,
      'Pick a subnet with an IPv6 block in each zone, or leave IPv6 support off.',
    );
  }
  const ipv6 = request.ipv6Support ?? (vpcV6.length > 0 && withoutV6.length === 0);
  if (request.ipv6Support === undefined && vpcV6.length > 0 && !ipv6) {
    notes.push({
      level: 'warning',
      message: `IPv6 support stays off: ${withoutV6.map((s) => s.id).join(', ')} ${withoutV6.length === 1 ? 'has' : 'have'} no IPv6 block, so ${vpcV6.join(', ')} ${vpcV6.length === 1 ? 'is' : 'are'} not propagated and IPv6 is not routed.`,
      fix: 'Pick subnets with IPv6 blocks (or give these one) and turn IPv6 support on.',
    });
  }
  const zonesWithSubnets = new Set((index.subnetsByVpc.get(vpc.id) ?? []).map((s) => s.availabilityZone));
  const covered = new Set(subnets.value.map((s) => s.availabilityZone));
  const missing = [...zonesWithSubnets].filter((z) => !covered.has(z)).sort();
  if (missing.length > 0) {
    notes.push({
      level: 'warning',
      message: `No attachment subnet in ${missing.join(', ')}: traffic from ${vpc.id}'s subnets there never reaches the gateway.`,
      fix: `Add one subnet of each of those zones.`,
    });
  }

  const name = (request.name ?? `${vpc.name ?? vpc.id}-to-${g.name ?? g.id}`).trim();
  if (name.length === 0 || name.length > 255) return fail('invalid-input', `The attachment name must be 1 to 255 characters (it is ${name.length}).`, 'Enter a shorter name, or leave it empty for the default.');

  const ref: AttachmentRef = ATTACHMENT_ID_REF;
  const steps: PlanStep[] = [];
  steps.push({
    id: 'create',
    kind: 'create-tgw-vpc-attachment',
    ...placed(vpc.accountId, vpc.region, vpcProfile.value, 'requester'),
    title: `Attach ${vpcLabel(vpc)} to ${gatewayLabel(g)} as "${name}" with ${subnets.value.map((s) => `${s.id} (${s.availabilityZone})`).join(', ')}${ipv6 ? ', with IPv6 support' : ''} (account ${vpc.accountId}, ${vpc.region}${crossAccount ? `; gateway of account ${g.accountId}` : ''})`,
    action: 'CreateTransitGatewayVpcAttachment',
    params: {
      TransitGatewayId: g.id,
      VpcId: vpc.id,
      SubnetIds: subnets.value.map((s) => s.id),
      ...(ipv6 ? { Options: { Ipv6Support: 'enable' as const } } : {}),
      TagSpecifications: [{ ResourceType: 'transit-gateway-attachment', Tags: [{ Key: 'Name', Value: name }] }],
    },
    cleanup: { action: 'DeleteTransitGatewayVpcAttachment', params: { TransitGatewayAttachmentId: ref }, title: 'Delete the attachment' },
    enabled: true,
    dependsOn: [],
    needsActive: false,
    target: { vpcId: vpc.id },
  });

  const owner = placed(g.accountId, g.region, ownerProfile.value, 'accepter');
  let ready = ['create'];
  if (crossAccount && g.options.autoAcceptSharedAttachments !== true) {
    const who = ownerProfile.value ? `with profile ${ownerProfile.value}` : `(no local profile: account ${g.accountId} must accept; Peerscape shows them how and waits)`;
    steps.push({
      id: 'accept',
      kind: 'accept-tgw-vpc-attachment',
      ...owner,
      title: `Accept the attachment of ${vpc.id} to ${g.id} as account ${g.accountId} in ${g.region} ${who}`,
      action: 'AcceptTransitGatewayVpcAttachment',
      params: { TransitGatewayAttachmentId: ref },
      enabled: true,
      dependsOn: ['create'],
      needsActive: false,
      target: { vpcId: vpc.id },
    });
    ready = ['accept'];
    if (!ownerProfile.value) {
      notes.push({
        level: 'info',
        message: `No local profile acts in account ${g.accountId}, which owns ${g.id}: its owner must accept the attachment (it waits in pendingAcceptance).`,
        fix: `Peerscape shows them the console steps and CLI commands and keeps checking; or add a profile for ${g.accountId} and rescan.`,
      });
    }
  } else if (crossAccount) {
    notes.push({ level: 'info', message: `${g.id} accepts shared attachments automatically: no acceptance by account ${g.accountId} is needed.` });
  }

  // Association and propagation: AWS applies the defaults itself (at creation, or when the owner accepts).
  const tables = attachmentTables(g, choice);
  const defaults = attachmentTables(g);
  if (g.options.defaultRouteTableAssociation && request.associationRouteTableId && request.associationRouteTableId !== defaults.associationTableId) {
    return fail(
      'invalid-input',
      `${g.id} associates new attachments with its default table ${defaults.associationTableId ?? ''} itself; an attachment is associated with one table only.`,
      'Leave the association table empty to use the default, or turn default association off on the gateway first.',
    );
  }
  if (!g.options.defaultRouteTableAssociation) {
    const asked = request.associationRouteTableId ?? onlyTable(topology, g.id);
    if (asked) {
      steps.push({
        id: `associate:${asked}`,
        kind: 'associate-tgw-route-table',
        ...owner,
        title: `Associate the attachment with ${asked} (${g.id}, account ${g.accountId}, ${g.region})`,
        action: 'AssociateTransitGatewayRouteTable',
        params: { TransitGatewayRouteTableId: asked, TransitGatewayAttachmentId: ref },
        cleanup: { action: 'DisassociateTransitGatewayRouteTable', params: { TransitGatewayRouteTableId: asked, TransitGatewayAttachmentId: ref }, title: `Disassociate the attachment from ${asked}` },
        enabled: true,
        dependsOn: ready,
        needsActive: false,
        target: { vpcId: vpc.id },
      });
    } else {
      notes.push({ level: 'warning', message: `${g.id} has no default association table: the attachment will be associated with no table, and what comes in from it is dropped.`, fix: 'Choose a route table to associate it with.' });
    }
  }
  const propagationTable = request.propagationRouteTableId ?? (g.options.defaultRouteTablePropagation ? undefined : onlyTable(topology, g.id));
  if (propagationTable && !(g.options.defaultRouteTablePropagation && propagationTable === defaults.propagationTableId)) {
    steps.push({
      id: `propagate:${propagationTable}`,
      kind: 'enable-tgw-propagation',
      ...owner,
      title: `Propagate ${vpc.id}'s blocks to ${propagationTable} (${g.id}, account ${g.accountId}, ${g.region})`,
      action: 'EnableTransitGatewayRouteTablePropagation',
      params: { TransitGatewayRouteTableId: propagationTable, TransitGatewayAttachmentId: ref },
      cleanup: { action: 'DisableTransitGatewayRouteTablePropagation', params: { TransitGatewayRouteTableId: propagationTable, TransitGatewayAttachmentId: ref }, title: `Stop propagating to ${propagationTable}` },
      enabled: true,
      dependsOn: ready,
      needsActive: false,
      target: { vpcId: vpc.id },
    });
  } else if (!g.options.defaultRouteTablePropagation && !propagationTable) {
    notes.push({ level: 'warning', message: `${g.id} has no default propagation table: no table learns ${vpc.id}'s blocks, so nothing routes back to it.`, fix: 'Choose a route table to propagate to.' });
  }

  // VPC routes.
  const vpcTables = selectTables(index, vpc, request.routeTables, notes);
  if (!vpcTables.ok) return vpcTables;
  const explicit = request.destinations !== undefined;
  let destinations: string[];
  if (request.destinations) {
    const parsed = parseDestinations(vpc, request.destinations, index);
    if (!parsed.ok) return parsed;
    destinations = parsed.value;
  } else {
    destinations = defaultDestinations(topology, vpc, g, tables.associationTableId, notes, ipv6);
  }
  const v6Asked = explicit ? destinations.filter(isIpv6Cidr) : [];
  if (v6Asked.length > 0 && vpcV6.length === 0) {
    notes.push({ level: 'warning', message: `${vpcLabel(vpc)} has no IPv6 block, so nothing in it sends to ${v6Asked.join(', ')}.`, fix: `Associate an IPv6 block with ${vpc.id}, or drop the IPv6 destinations.` });
  } else if (v6Asked.length > 0 && !ipv6) {
    notes.push({ level: 'warning', message: `IPv6 support is off: ${vpc.id}'s IPv6 blocks are not propagated, so IPv6 replies from ${v6Asked.join(', ')} find no route back.`, fix: 'Turn IPv6 support on.' });
  }
  const routeDeps = ready;
  for (const t of vpcTables.value) {
    for (const d of destinations) {
      const range = index.rangeOf(d)!;
      const existing = existingRouteFor(index, t, range);
      if (existing && !explicit) {
        notes.push({
          level: 'info',
          message: `${t.id} already routes ${existing.destination} to ${targetWords(existing.target)}, so ${d} is not routed to ${g.id} there by default.`,
          fix: `Add ${d} to the destinations to route it anyway.`,
        });
        continue;
      }
      const warning =
        existing && existing.destination === range.cidr
          ? existing.target.kind === 'other' && existing.target.id === g.id
            ? undefined
            : `${t.id} already routes ${d} to ${targetWords(existing.target)}: the run will ask whether to replace it or skip it.`
          : existing
            ? `${t.id} routes ${existing.destination} to ${targetWords(existing.target)}: that more specific route keeps deciding for its addresses.`
            : undefined;
      steps.push(tgwRouteStep(vpc, vpcProfile.value, t.id, d, g.id, routeDeps, warning));
    }
  }
  if (destinations.length === 0 && !explicit) {
    notes.push({ level: 'info', message: `No destinations to route to ${g.id} from ${vpc.id}.`, fix: 'Name the destinations (other VPCs\' blocks) to route through the gateway.' });
  }

  return ok({
    id: opts.planId ?? `plan-attach-${vpc.id}-${g.id}`,
    purpose: 'create',
    title: `Attach ${vpcLabel(vpc)} to ${gatewayLabel(g)}`,
    requester: planSide('requester', vpc, vpcProfile.value),
    accepter: ownerSide(g, vpc.id, ownerProfile.value),
    name,
    steps,
    notes,
    transitGateway: { transitGatewayId: g.id, ...(g.name ? { name: g.name } : {}), ownerAccountId: g.accountId, region: g.region },
  });
}

/** The gateway's only route table, when it has exactly one (a sensible default to associate with). */
function onlyTable(topology: Topology, g: TransitGatewayId): TransitGatewayRouteTableId | undefined {
  const tables = topology.transitGatewayRouteTables.filter((t) => t.transitGatewayId === g && t.state !== 'deleting' && t.state !== 'deleted');
  return tables.length === 1 ? tables[0]!.id : undefined;
}

