/** The choices of an attachment plan: its subnets, the VPC route tables and the destinations they
 * route through the gateway, and the route steps (see `plan-attachment.ts`).
 */
import { findServingTables, indexTopology, type TopologyIndex } from '../analysis/topology-index';
import { indexTransitGateways, isGoneAttachmentState } from '../analysis/tgw-index';
import { isWithin } from '../cidr/overlap';
import { parseCidrRange, type CidrRange } from '../cidr/parse-cidr';
import { fail, ok, type Result } from '../core/result';
import type { AccountId, RouteTableId, SubnetId, VpcId } from '../model/ids';
import type { RouteTable, Subnet, Topology, TransitGateway, TransitGatewayId, TransitGatewayRouteTableId, Vpc } from '../model/topology';
import { isIpv6Cidr, routeDestinationParams, routeStepId, vpcCidrs, vpcLabel } from './plan-steps';
import type { PlanNote, PlanStep, ProfilesByAccount } from './plan-types';

/** A gateway's label: `name (tgw-id)` or the id. */
export function gatewayLabel(g: Pick<TransitGateway, 'id' | 'name'>): string {
  return g.name ? `${g.name} (${g.id})` : g.id;
}

/** The profile to act for `accountId`: the one asked for (if it acts there), else the first known. */
export function pickProfile(accountId: AccountId, asked: string | undefined, profiles: ProfilesByAccount, whose: string): Result<string | undefined> {
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

/** One subnet per zone: the largest, the first by id on a tie; with `ipv6`, a subnet with an IPv6 block before one without. */
export function defaultAttachmentSubnets(index: TopologyIndex, vpcId: VpcId, ipv6 = false): readonly Subnet[] {
  const byZone = new Map<string, Subnet>();
  const subnets = [...(index.subnetsByVpc.get(vpcId) ?? [])].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const better = (s: Subnet, best: Subnet): boolean => {
    const v6 = Number(s.ipv6Cidrs.length > 0) - Number(best.ipv6Cidrs.length > 0);
    return ipv6 && v6 !== 0 ? v6 > 0 : size(index, s) > size(index, best);
  };
  for (const s of subnets) {
    const best = byZone.get(s.availabilityZone);
    if (!best || better(s, best)) byZone.set(s.availabilityZone, s);
  }
  return [...byZone.keys()].sort().map((z) => byZone.get(z)!);
}

/** The attachment's subnets: the ones asked for (one per zone, of the VPC), else `defaultAttachmentSubnets`. */
export function selectSubnets(index: TopologyIndex, vpc: Vpc, asked: readonly SubnetId[] | undefined, ipv6 = false): Result<readonly Subnet[]> {
  if (!asked) {
    const picked = defaultAttachmentSubnets(index, vpc.id, ipv6);
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

/** The VPC route tables to route through the gateway: the ones asked for, else every table serving a subnet. */
export function selectTables(index: TopologyIndex, vpc: Vpc, asked: readonly RouteTableId[] | undefined, notes: PlanNote[]): Result<readonly RouteTable[]> {
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
export function defaultDestinations(
  topology: Topology,
  vpc: Vpc,
  g: TransitGateway,
  associationTableId: TransitGatewayRouteTableId | undefined,
  notes: PlanNote[],
  ipv6 = false,
): string[] {
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
      const theirV6 = a.vpc.options.ipv6Support === true;
      if (other) candidates.push(...vpcCidrs(other).filter((c) => !isIpv6Cidr(c) || theirV6));
    }
  }
  const v6Left = ipv6 ? [] : candidates.filter(isIpv6Cidr);
  if (v6Left.length > 0) {
    notes.push({
      level: 'info',
      message: `${[...new Set(v6Left)].join(', ')} ${v6Left.length === 1 ? 'is' : 'are'} not routed: the attachment has no IPv6 support.`,
      fix: vpcCidrs(vpc).some(isIpv6Cidr) ? 'Turn IPv6 support on to route IPv6 too.' : `Associate an IPv6 block with ${vpc.id} and turn IPv6 support on to route IPv6 too.`,
    });
  }
  const out: string[] = [];
  for (const c of [...new Set(candidates)]) {
    if (!ipv6 && isIpv6Cidr(c)) continue;
    const r = index.rangeOf(c);
    if (!r || own.some((b) => isWithin(r, b))) continue;
    out.push(r.cidr);
  }
  return out;
}

/** The destinations the user named, parsed; one inside the VPC's own blocks is refused. */
export function parseDestinations(vpc: Vpc, asked: readonly string[], index: TopologyIndex): Result<string[]> {
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
export function existingRouteFor(index: TopologyIndex, table: RouteTable, dest: CidrRange): RouteTable['routes'][number] | undefined {
  return table.routes.find((r) => {
    const rr = index.rangeOf(r.destination);
    return !!rr && rr.family === dest.family && isWithin(rr, dest);
  });
}

/** A step's side, profile (when there is one), account and region. */
export function placed(accountId: AccountId, region: string, profile: string | undefined, side: 'requester' | 'accepter') {
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

