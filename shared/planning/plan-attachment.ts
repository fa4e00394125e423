/** Turn "attach this VPC to that transit gateway" into a plan, and plan an attachment's deletion.
 *
 * Attaching (docs/transit-gateways.md, "Planning an attachment"): CreateTransitGatewayVpcAttachment
 * as the VPC's account with one subnet per Availability Zone; the owner's acceptance when the
 * gateway is another account's and does not auto-accept; an explicit association and propagation
 * only where the gateway's defaults are off (or an extra propagation table is asked for); and
 * CreateRoute with `TransitGatewayId` in every route table serving the VPC's subnets, for the
 * destinations the association table routes to. Deleting: the VPC routes to the gateway first,
 * then DeleteTransitGatewayVpcAttachment.
 */
import { indexTopology, findServingTables, type TopologyIndex } from '../analysis/topology-index';
import { indexTransitGateways, isGoneAttachmentState } from '../analysis/tgw-index';
import { attachmentTables, liveAttachmentOf, validateAttachment } from '../analysis/validate-attachment';
import { isWithin } from '../cidr/overlap';
import { parseCidrRange, type CidrRange } from '../cidr/parse-cidr';
import { fail, ok, type Result } from '../core/result';
import type { AccountId, RouteTableId, SubnetId, VpcId } from '../model/ids';
import type { RouteTable, Subnet, Topology, TransitGateway, TransitGatewayAttachmentId, TransitGatewayId, TransitGatewayRouteTableId, Vpc } from '../model/topology';
import { isIpv6Cidr, planSide, routeDestinationParams, routeStepId, targetWords, vpcCidrs, vpcLabel } from './plan-steps';
import type { PeeringPlan, PlanNote, PlanSide, PlanStep, ProfilesByAccount } from './plan-types';
import { profilesFromTopology } from './plan-types';
import { ATTACHMENT_ID_REF, type AttachmentRef } from './step-params';

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
  /** Profiles to use instead of the first of each account. */
  readonly vpcProfile?: string;
  readonly ownerProfile?: string;
}

/** Options of the builders. */
export interface PlanAttachmentOptions {
  readonly planId?: string;
}

function gatewayLabel(g: Pick<TransitGateway, 'id' | 'name'>): string {
  return g.name ? `${g.name} (${g.id})` : g.id;
}

function pickProfile(accountId: AccountId, asked: string | undefined, profiles: ProfilesByAccount, whose: string): Result<string | undefined> {
  const known = profiles[accountId] ?? [];
  if (asked === undefined) return ok(known[0]);
  if (known.includes(asked)) return ok(asked);
  return fail(
    'invalid-input',
    `Profile "${asked}" is not known to act in account ${accountId} (${whose}).`,
    known.length > 0 ? `Use one of: ${known.join(', ')}.` : `Rescan with "${asked}" so Peerscape learns its account, or leave it empty.`,
  );
}

/** Addresses in a subnet's IPv4 block (the model does not hold AWS's free-address count). */
function size(index: TopologyIndex, s: Subnet): bigint {
  const r = index.rangeOf(s.cidr);
  return r ? r.end - r.start + 1n : 0n;
}

/** One subnet per zone: the largest, the first by id on a tie. */
export function defaultAttachmentSubnets(index: TopologyIndex, vpcId: VpcId): readonly Subnet[] {
  const byZone = new Map<string, Subnet>();
  const subnets = [...(index.subnetsByVpc.get(vpcId) ?? [])].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  for (const s of subnets) {
    const best = byZone.get(s.availabilityZone);
    if (!best || size(index, s) > size(index, best)) byZone.set(s.availabilityZone, s);
  }
  return [...byZone.keys()].sort().map((z) => byZone.get(z)!);
}

function selectSubnets(index: TopologyIndex, vpc: Vpc, asked: readonly SubnetId[] | undefined): Result<readonly Subnet[]> {
  if (!asked) {
    const picked = defaultAttachmentSubnets(index, vpc.id);
    if (picked.length === 0) {
      return fail('invalid-input', `${vpcLabel(vpc)} has no subnets in the scan: an attachment needs one subnet per Availability Zone it serves.`, `Create a subnet in ${vpc.id} (or rescan), then attach it.`);
    }
    return ok(picked);
  }
  if (asked.length === 0) return fail('invalid-input', 'An attachment needs at least one subnet.', `Pick one subnet of ${vpc.id} per Availability Zone.`);
  const zones = new Map<string, SubnetId>();
  const out: Subnet[] = [];
  for (const id of asked) {
    const s = index.subnetById.get(id);
    if (!s) return fail('invalid-input', `Subnet ${id} is not in the scanned topology.`, `Pick subnets of ${vpc.id} from the list, or rescan.`);
    if (s.vpcId !== vpc.id) return fail('invalid-input', `Subnet ${id} belongs to ${s.vpcId}, not to ${vpcLabel(vpc)}.`, `Pick subnets of ${vpc.id}.`);
    const other = zones.get(s.availabilityZone);
    if (other) {
      return fail('invalid-input', `${other} and ${id} are both in ${s.availabilityZone}: an attachment takes one subnet per Availability Zone.`, `Keep one of them.`);
    }
    zones.set(s.availabilityZone, id);
    out.push(s);
  }
  return ok(out);
}

function selectTables(index: TopologyIndex, vpc: Vpc, asked: readonly RouteTableId[] | undefined, notes: PlanNote[]): Result<readonly RouteTable[]> {
  if (asked) {
    const out: RouteTable[] = [];
    for (const id of asked) {
      const t = index.routeTableById.get(id);
      if (!t) return fail('invalid-input', `Route table ${id} is not in the scanned topology.`, 'Pick route tables from the list, or rescan if the table is new.');
      if (t.vpcId !== vpc.id) return fail('invalid-input', `Route table ${id} belongs to ${t.vpcId}, not to ${vpcLabel(vpc)}.`, `Pick route tables of ${vpc.id}.`);
      out.push(t);
    }
    return ok(out);
  }
  const serving = findServingTables(index, vpc.id).map((s) => s.table);
  if (serving.length === 0) {
    notes.push({ level: 'warning', message: `No route table of ${vpcLabel(vpc)} serves a subnet, so no VPC routes are planned.`, fix: 'Pick route tables explicitly.' });
  }
  return ok(serving);
}

/**
 * The destinations a VPC routes to the gateway when the user names none: the CIDR routes of the
 * association table (what the gateway sends on from this VPC), never one inside the VPC's own
 * blocks (a wider one, such as a default route, leaves the VPC's own addresses to its local route). When the gateway's routing is unread, the blocks of the other VPCs attached to it.
 */
export function defaultDestinations(topology: Topology, vpc: Vpc, g: TransitGateway, associationTableId: TransitGatewayRouteTableId | undefined, notes: PlanNote[]): string[] {
  const index = indexTopology(topology);
  const tgw = indexTransitGateways(topology);
  const own = vpcCidrs(vpc).flatMap((c) => index.rangeOf(c) ?? []);
  const candidates: string[] = [];
  if (g.routing.state === 'read') {
    const table = associationTableId ? topology.transitGatewayRouteTables.find((t) => t.id === associationTableId) : undefined;
    if (!table) {
      notes.push({ level: 'info', message: `The attachment will not be associated with a route table of ${g.id} yet, so no destinations are routed by default.`, fix: 'Name the destinations to route to the gateway.' });
      return [];
    }
    for (const r of table.routes) if (r.destination.kind === 'cidr' && r.state === 'active') candidates.push(r.destination.cidr);
  } else {
    notes.push({
      level: 'info',
      message: `${gatewayLabel(g)}'s route tables were not read, so the default destinations are the blocks of the other VPCs attached to it, not what its tables route.`,
      fix: `Scan account ${g.accountId} in ${g.region} to route what the gateway routes, or name the destinations.`,
    });
    for (const a of tgw.attachmentsByGateway.get(g.id) ?? []) {
      if (!a.vpc || a.vpc.vpcId === vpc.id || isGoneAttachmentState(a.state)) continue;
      const other = index.vpcById.get(a.vpc.vpcId);
      if (other) candidates.push(...vpcCidrs(other).filter((c) => !isIpv6Cidr(c)));
    }
  }
  const out: string[] = [];
  for (const c of [...new Set(candidates)]) {
    const r = index.rangeOf(c);
    if (!r || own.some((b) => isWithin(r, b))) continue;
    out.push(r.cidr);
  }
  return out;
}

function parseDestinations(vpc: Vpc, asked: readonly string[], index: TopologyIndex): Result<string[]> {
  const own = vpcCidrs(vpc).flatMap((c) => index.rangeOf(c) ?? []);
  const out: string[] = [];
  for (const text of asked) {
    const parsed = parseCidrRange(text, { strict: true });
    if (!parsed.ok) return fail('invalid-input', `Destination "${text}": ${parsed.error.message}`, parsed.error.fix);
    const clash = own.find((b) => isWithin(parsed.value, b));
    if (clash) return fail('invalid-input', `${parsed.value.cidr} is inside ${clash.cidr}, a block of ${vpcLabel(vpc)} itself: the local route keeps those addresses in the VPC.`, 'Route only addresses outside the VPC to the gateway.');
    out.push(parsed.value.cidr);
  }
  return ok(out);
}

/** In `table`, the route that already decides for `dest` more specifically or exactly, if any. */
function existingRouteFor(index: TopologyIndex, table: RouteTable, dest: CidrRange): RouteTable['routes'][number] | undefined {
  return table.routes.find((r) => {
    const rr = index.rangeOf(r.destination);
    return !!rr && rr.family === dest.family && isWithin(rr, dest);
  });
}

function placed(accountId: AccountId, region: string, profile: string | undefined, side: 'requester' | 'accepter') {
  return { side, ...(profile ? { profile } : {}), accountId, region };
}

/** A CreateRoute step: `destination` → the transit gateway, in `routeTableId`. */
export function tgwRouteStep(vpc: Vpc, profile: string | undefined, table: RouteTableId, destination: string, g: TransitGatewayId, dependsOn: readonly string[], warning?: string): PlanStep {
  const dest = routeDestinationParams(table, destination);
  return {
    id: routeStepId('route', table, destination),
    kind: 'create-route',
    ...placed(vpc.accountId, vpc.region, profile, 'requester'),
    title: `Route ${destination} → ${g} in ${table} (${vpc.id}, account ${vpc.accountId}, ${vpc.region})`,
    action: 'CreateRoute',
    params: { ...dest, TransitGatewayId: g },
    cleanup: { action: 'DeleteRoute', params: dest, title: `Delete the route ${destination} from ${table}` },
    enabled: true,
    dependsOn,
    needsActive: false,
    target: { vpcId: vpc.id, routeTableId: table, destination },
    ...(warning ? { warning } : {}),
  };
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

  const subnets = selectSubnets(index, vpc, request.subnetIds);
  if (!subnets.ok) return subnets;
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
    title: `Attach ${vpcLabel(vpc)} to ${gatewayLabel(g)} as "${name}" with ${subnets.value.map((s) => `${s.id} (${s.availabilityZone})`).join(', ')} (account ${vpc.accountId}, ${vpc.region}${crossAccount ? `; gateway of account ${g.accountId}` : ''})`,
    action: 'CreateTransitGatewayVpcAttachment',
    params: {
      TransitGatewayId: g.id,
      VpcId: vpc.id,
      SubnetIds: subnets.value.map((s) => s.id),
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
    destinations = defaultDestinations(topology, vpc, g, tables.associationTableId, notes);
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

/**
 * Plan deleting a VPC attachment with its route cleanup: every route in the attached VPC's tables
 * that targets the gateway (a VPC has at most one attachment to a gateway, so they all go through
 * this one), then DeleteTransitGatewayVpcAttachment, as the VPC's account when a profile acts
 * there (either account may delete it), else as the gateway owner's.
 */
export function planAttachmentDeletion(
  topology: Topology,
  attachmentId: TransitGatewayAttachmentId,
  profilesByAccount: ProfilesByAccount = profilesFromTopology(topology.accounts),
  opts: PlanAttachmentOptions & { readonly withoutRoutes?: boolean } = {},
): Result<PeeringPlan> {
  const a = topology.transitGatewayAttachments.find((x) => x.id === attachmentId && x.resourceType === 'vpc');
  if (!a) return fail('not-found', `VPC attachment ${attachmentId} is not in the scanned topology.`, 'Rescan the accounts of the VPC and of its transit gateway, then try again.');
  if (isGoneAttachmentState(a.state)) return fail('conflict', `${attachmentId} is ${a.state}: there is nothing to delete.`, 'Rescan to see it gone; remove any routes left to its gateway from the findings.');
  const index = indexTopology(topology);
  const vpcId = (a.vpc?.vpcId ?? a.resourceId) as VpcId;
  const vpc = index.vpcById.get(vpcId);
  const g = indexTransitGateways(topology).gatewayById.get(a.transitGatewayId);
  const vpcProfile = profilesByAccount[a.resourceOwnerId]?.[0];
  const ownerProfile = profilesByAccount[a.transitGatewayOwnerId]?.[0];
  const notes: PlanNote[] = [];
  const steps: PlanStep[] = [];
  if (!opts.withoutRoutes) {
    if (!vpc) {
      notes.push({ level: 'warning', message: `${vpcId} (account ${a.resourceOwnerId}) is not in the scan, so its routes to ${a.transitGatewayId} are not planned.`, fix: `Ask its owner to remove them, or add a profile for ${a.resourceOwnerId} and rescan.` });
    } else if (liveAttachmentOf(indexTransitGateways(topology), vpc.id, a.transitGatewayId)?.id === a.id) {
      for (const t of index.routeTablesByVpc.get(vpc.id) ?? []) {
        for (const r of t.routes) {
          if (r.target.kind !== 'other' || r.target.id !== a.transitGatewayId) continue;
          const dest = routeDestinationParams(t.id, r.destination);
          steps.push({
            id: routeStepId('delete-route', t.id, r.destination),
            kind: 'delete-route',
            ...placed(vpc.accountId, vpc.region, vpcProfile, 'requester'),
            title: `Delete the route ${r.destination} → ${a.transitGatewayId} from ${t.id} (${vpc.id}, account ${vpc.accountId}, ${vpc.region})`,
            action: 'DeleteRoute',
            params: dest,
            cleanup: { action: 'CreateRoute', params: { ...dest, TransitGatewayId: a.transitGatewayId }, title: `Route ${r.destination} → ${a.transitGatewayId} in ${t.id} again` },
            enabled: true,
            dependsOn: [],
            needsActive: false,
            target: { vpcId: vpc.id, routeTableId: t.id, destination: r.destination },
            needsConfirmation: true,
          });
        }
      }
    }
  }
  const byVpcAccount = !!vpcProfile || !ownerProfile;
  const deleter = byVpcAccount ? placed(a.resourceOwnerId, a.region, vpcProfile, 'requester') : placed(a.transitGatewayOwnerId, a.region, ownerProfile, 'accepter');
  steps.push({
    id: 'delete',
    kind: 'delete-tgw-vpc-attachment',
    ...deleter,
    title: `Delete ${attachmentId} (${vpcId} to ${a.transitGatewayId}, ${a.state}) as account ${deleter.accountId} in ${a.region}`,
    action: 'DeleteTransitGatewayVpcAttachment',
    params: { TransitGatewayAttachmentId: attachmentId },
    enabled: true,
    dependsOn: [],
    needsActive: false,
    target: { vpcId },
  });
  const side: PlanSide = vpc
    ? planSide('requester', vpc, vpcProfile)
    : { role: 'requester', vpcId, accountId: a.resourceOwnerId, region: a.region, ...(vpcProfile ? { profile: vpcProfile } : {}), cidrs: [] };
  const gw = g ?? { id: a.transitGatewayId, accountId: a.transitGatewayOwnerId, region: a.region };
  return ok({
    id: opts.planId ?? `plan-detach-${attachmentId}`,
    purpose: 'delete',
    title: `Delete ${a.name ? `"${a.name}" (${attachmentId})` : attachmentId} and the routes to ${a.transitGatewayId} in ${vpcId}`,
    requester: side,
    accepter: { role: 'accepter', vpcId, accountId: gw.accountId, region: gw.region, ...(ownerProfile ? { profile: ownerProfile } : {}), cidrs: [] },
    ...(a.name ? { name: a.name } : {}),
    steps,
    notes,
    transitGateway: { transitGatewayId: a.transitGatewayId, ...(g?.name ? { name: g.name } : {}), ownerAccountId: a.transitGatewayOwnerId, region: a.region, attachmentId },
  });
}
