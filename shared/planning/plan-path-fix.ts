/** Turn "these two cannot talk" into the smallest plan that lets them: the missing direct peering,
 * the missing routes (only the tables of the subnets involved, only the direction missing), the
 * missing security-group rules, and network ACL entries where an ACL denies.
 *
 * The explainer's endpoints and security-group verdicts are consumed as they are; the security
 * groups are judged as they will be once the planned peering is active, so a group reference
 * across it is not proposed again. A new peering is planned by `planPeering` (the drag-to-peer
 * plan) restricted to those tables and blocks. The network ACL entries are `plan-path-acls.ts`'s, one for each ACL hop the
 * explainer finds blocked.
 */
import { isWithin } from '../cidr/overlap';
import { parseCidrRange, type CidrRange } from '../cidr/parse-cidr';
import { collectVpcBlocks } from '../cidr/vpc-blocks';
import { fail, ok, type Result } from '../core/result';
import type { PeeringId, RouteTableId, SecurityGroupId, SubnetId, VpcId } from '../model/ids';
import type { Peering, RouteTable, SecurityGroup, Topology, Vpc } from '../model/topology';
import { explainReachability } from '../analysis/explain-reachability';
import type { ReachabilityExplanation, ResolvedEndpoint, TrafficProtocol } from '../analysis/reachability-types';
import { checkGroups, pickGroups, type Traffic } from '../analysis/reachability-groups';
import { prefixListLookup } from '../analysis/prefix-lists';
import { checkTableRoute } from '../analysis/route-checks';
import { findSubnetRouteTable, indexTopology, labelVpc, type TopologyIndex } from '../analysis/topology-index';
import { planPeering } from './plan-peering';
import {
  acceptStep,
  authorizeRuleStep,
  createRouteStep,
  peeringPlanSide,
  planSide,
  vpcLabel,
  type StepPlace,
} from './plan-steps';
import type { PeeringPlan, PlanNote, PlanSideRole, PlanStep, ProfilesByAccount } from './plan-types';
import { PEERING_ID_REF, profilesFromTopology } from './plan-types';
import type { IpPermissionParam, PeeringRef } from './step-params';
import { aclEntrySteps } from './plan-path-acls';

/** The pair and the traffic to let through. */
export interface PathFixRequest {
  /** A VPC id, subnet id or IP address, as `explainReachability` takes it. */
  readonly from: string;
  readonly to: string;
  /** Default: any traffic. */
  readonly protocol?: TrafficProtocol;
  /** Destination port (TCP/UDP). */
  readonly port?: number;
  readonly sourceSecurityGroupIds?: readonly SecurityGroupId[];
  readonly destinationSecurityGroupIds?: readonly SecurityGroupId[];
}

/** The fix of a path: nothing to do, or the plan that does it. */
export type PathFix =
  | { readonly status: 'nothing-to-fix'; readonly explanation: ReachabilityExplanation; readonly message: string }
  | {
      readonly status: 'plan';
      readonly explanation: ReachabilityExplanation;
      readonly plan: PeeringPlan;
      /** True when the plan creates the direct peering (the canvas draws it as proposed). */
      readonly proposesPeering: boolean;
    };

/** What the API answers: the fix without the explanation (the UI explains the pair itself). */
export type PathFixAnswer =
  | { readonly status: 'nothing-to-fix'; readonly message: string }
  | { readonly status: 'plan'; readonly plan: PeeringPlan; readonly proposesPeering: boolean };

/** The API's answer of a fix. */
export function pathFixAnswer(fix: PathFix): PathFixAnswer {
  return fix.status === 'plan' ? { status: 'plan', plan: fix.plan, proposesPeering: fix.proposesPeering } : { status: 'nothing-to-fix', message: fix.message };
}

/** Options of `planPathFix`. */
export interface PlanPathFixOptions {
  readonly planId?: string;
}

/** Plan the changes that let `from` reach `to` with the traffic asked for. */
export function planPathFix(
  topology: Topology,
  request: PathFixRequest,
  profilesByAccount: ProfilesByAccount = profilesFromTopology(topology.accounts),
  opts: PlanPathFixOptions = {},
): Result<PathFix> {
  const protocol = request.protocol ?? '-1';
  if (request.port !== undefined && (protocol === 'tcp' || protocol === 'udp') && (!Number.isInteger(request.port) || request.port < 0 || request.port > 65535)) {
    return fail('invalid-input', `Port ${request.port} is outside 0-65535.`, 'Give a whole port number from 0 to 65535.');
  }
  const explanation = explainReachability(topology, request.from, request.to, {
    protocol,
    ...(request.port !== undefined ? { port: request.port } : {}),
    ...(request.sourceSecurityGroupIds ? { sourceSecurityGroupIds: request.sourceSecurityGroupIds } : {}),
    ...(request.destinationSecurityGroupIds ? { destinationSecurityGroupIds: request.destinationSecurityGroupIds } : {}),
  });
  const endpointFailure = explanation.checks.find((c) => (c.kind === 'source' || c.kind === 'destination') && c.status === 'fail');
  if (endpointFailure || !explanation.from || !explanation.to) {
    return fail('invalid-input', `The path cannot be fixed: ${endpointFailure?.message ?? 'an endpoint is not in the snapshot.'}`, endpointFailure?.fix ?? 'Pick two endpoints of the scanned topology.');
  }
  const index = indexTopology(topology);
  const src = explanation.from;
  const dst = explanation.to;
  const srcVpc = index.vpcById.get(src.vpcId)!;
  const dstVpc = index.vpcById.get(dst.vpcId)!;
  const srcRanges = rangesOf(src);
  const dstRanges = rangesOf(dst);
  const notes: PlanNote[] = [];
  const traffic: Traffic = { protocol, ...(request.port !== undefined ? { port: request.port } : {}) };
  const sameVpc = src.vpcId === dst.vpcId;

  // The peering: none needed, one in place (active or to accept), or a new one.
  const between = sameVpc ? [] : (index.peeringsByVpc.get(src.vpcId) ?? []).filter((p) => joins(p, src.vpcId, dst.vpcId));
  const existing = between.find((p) => p.status === 'active') ?? between.find((p) => p.status === 'pending-acceptance' || p.status === 'provisioning');
  const ends: PathEnds = { src, dst, srcRanges, dstRanges, srcTables: servingTables(index, src.subnetIds), dstTables: servingTables(index, dst.subnetIds) };

  let base: { plan: PeeringPlan; steps: PlanStep[]; peering: PeeringRef | null; roleOf: (vpcId: VpcId) => PlanSideRole; afterPeering: readonly string[] };
  if (sameVpc) {
    const side = planSide('requester', srcVpc, profilesByAccount[srcVpc.accountId]?.[0]);
    base = {
      plan: emptyPlan(opts.planId, side, side, `Let ${vpcLabel(srcVpc)} talk within itself`),
      steps: [],
      peering: null,
      roleOf: () => 'requester',
      afterPeering: [],
    };
  } else if (existing) {
    const made = fixExistingPeering(topology, index, existing, ends, profilesByAccount, notes, opts.planId);
    base = made;
  } else {
    const made = planNewPeering(topology, srcVpc, dstVpc, ends, profilesByAccount, opts.planId);
    if (!made.ok) return made;
    base = made.value;
    notes.push(...made.value.plan.notes);
  }
  const steps = [...base.steps];
  const place = (vpc: Vpc, role: PlanSideRole): StepPlace => ({
    side: role,
    accountId: vpc.accountId,
    region: vpc.region,
    ...(profilesByAccount[vpc.accountId]?.[0] ? { profile: profilesByAccount[vpc.accountId]![0]! } : {}),
  });
  const srcPlace = place(srcVpc, base.roleOf(srcVpc.id));
  const dstPlace = place(dstVpc, base.roleOf(dstVpc.id));

  // Security groups, judged as they will be once the peering is active.
  const srcGroups = pickGroups(index, src.vpcId, request.sourceSecurityGroupIds);
  const dstGroups = pickGroups(index, dst.vpcId, request.destinationSecurityGroupIds);
  const peeringAfter: Peering | null = sameVpc ? null : existing ? { ...existing, status: 'active' } : ({ ...syntheticPeering(srcVpc, dstVpc) } as Peering);
  const sameRegion = srcVpc.region === dstVpc.region;
  const sameAccount = srcVpc.accountId === dstVpc.accountId;
  const referenceNeedsActive = !sameVpc && (!existing || existing.status !== 'active');
  const referenceAfter = referenceNeedsActive ? base.afterPeering : [];
  const what = trafficWords(traffic);
  const permission = (peer: { group?: SecurityGroup; ranges: readonly CidrRange[] }, peerVpc: Vpc): IpPermissionParam => {
    const ports = permissionPorts(traffic);
    const description = `peerscape path fix ${src.vpcId} to ${dst.vpcId}`;
    if (peer.group) {
      return { ...ports, UserIdGroupPairs: [{ GroupId: peer.group.id, ...(sameAccount ? {} : { UserId: peerVpc.accountId }), Description: description }] };
    }
    const v4 = peer.ranges.filter((r) => r.family === 'ipv4').map((r) => ({ CidrIp: r.cidr, Description: description }));
    const v6 = peer.ranges.filter((r) => r.family === 'ipv6').map((r) => ({ CidrIpv6: r.cidr, Description: description }));
    return { ...ports, ...(v4.length ? { IpRanges: v4 } : {}), ...(v6.length ? { Ipv6Ranges: v6 } : {}) };
  };
  // A group reference works within one region, over the peering (or inside one VPC).
  const useReference = sameRegion;
  // Each side's groups: the destination's let the traffic in from the source, the source's let it out to the destination.
  const lists = prefixListLookup(topology);
  const groupSides = [
    { kind: 'destination-ingress', own: dst, ownVpc: dstVpc, ownGroups: dstGroups, ownPlace: dstPlace, peer: src, peerVpc: srcVpc, peerGroups: srcGroups, peerRanges: srcRanges },
    { kind: 'source-egress', own: src, ownVpc: srcVpc, ownGroups: srcGroups, ownPlace: srcPlace, peer: dst, peerVpc: dstVpc, peerGroups: dstGroups, peerRanges: dstRanges },
  ] as const;
  for (const g of groupSides) {
    const ingress = g.kind === 'destination-ingress';
    const check = checkGroups(index, g.kind, g.own, g.ownGroups, g.peerRanges, g.peerGroups, traffic, peeringAfter, lists);
    if (check.status === 'unknown') notes.push({ level: 'warning', message: check.message, ...(check.fix ? { fix: check.fix } : {}) });
    if (check.status !== 'fail') continue;
    const target = preferredGroup(g.ownGroups);
    if (!target) {
      notes.push({
        level: 'warning',
        message: `${labelVpc(index, g.own.vpcId)} has no security group in the scan: no ${ingress ? 'ingress' : 'egress'} rule can be planned.`,
        fix: `Rescan account ${g.ownVpc.accountId} in ${g.ownVpc.region}.`,
      });
      continue;
    }
    const peerGroup = useReference ? preferredGroup(g.peerGroups) : undefined;
    const perm = permission({ ...(peerGroup ? { group: peerGroup } : {}), ranges: g.peerRanges }, g.peerVpc);
    const other = peerGroup ? `${sameAccount ? '' : `${g.peerVpc.accountId}/`}${peerGroup.id}` : g.peerRanges.map((r) => r.cidr).join(', ');
    const id = `${ingress ? 'ingress' : 'egress'}:${target.id}:path`;
    steps.push(authorizeRuleStep(ingress ? 'ingress' : 'egress', g.ownPlace, g.own.vpcId, target.id, id, perm, `${what} ${ingress ? 'from' : 'to'} ${other}`, peerGroup ? referenceAfter : [], !!peerGroup && referenceNeedsActive));
  }

  // Network ACLs, both ways and both directions of each (they are stateless), as the explainer judged them.
  const fwdWords = trafficWords(traffic);
  const sides = {
    source: { vpcId: srcVpc.id, subnetIds: src.subnetIds, place: srcPlace },
    destination: { vpcId: dstVpc.id, subnetIds: dst.subnetIds, place: dstPlace },
  };
  steps.push(...aclEntrySteps(topology, explanation.checks, sides, fwdWords, notes, (id) => labelVpc(index, id)));

  if (steps.length === 0) {
    return ok({
      status: 'nothing-to-fix',
      explanation,
      message: `Nothing to change: the peering, routes, security groups and network ACLs between ${labelVpc(index, src.vpcId)} and ${labelVpc(index, dst.vpcId)} already let ${fwdWords} through.`,
    });
  }
  const count = steps.length;
  return ok({
    status: 'plan',
    explanation,
    proposesPeering: steps.some((s) => s.kind === 'create'),
    plan: {
      ...base.plan,
      purpose: 'fix-path',
      title: `Let ${endpointWords(index, src)} reach ${endpointWords(index, dst)} (${fwdWords}): ${count} change${count === 1 ? '' : 's'}`,
      steps,
      notes,
    },
  });
}

/** An endpoint as people know it: the VPC's name with its id, or the subnet or address given. */
function endpointWords(index: TopologyIndex, endpoint: ResolvedEndpoint): string {
  return endpoint.kind === 'vpc' ? labelVpc(index, endpoint.vpcId) : endpoint.input;
}

function joins(p: Peering, a: VpcId, b: VpcId): boolean {
  return (p.requester.vpcId === a && p.accepter.vpcId === b) || (p.requester.vpcId === b && p.accepter.vpcId === a);
}

function rangesOf(endpoint: ResolvedEndpoint): CidrRange[] {
  return endpoint.cidrs.flatMap((c) => {
    const r = parseCidrRange(c);
    return r.ok ? [r.value] : [];
  });
}

/** The tables serving `subnetIds` (each once), with the subnets each serves. */
function servingTables(index: TopologyIndex, subnetIds: readonly SubnetId[]): RouteTable[] {
  const out = new Map<RouteTableId, RouteTable>();
  for (const id of subnetIds) {
    const subnet = index.subnetById.get(id);
    const table = subnet ? findSubnetRouteTable(index, subnet) : undefined;
    if (table) out.set(table.id, table);
  }
  return [...out.values()];
}

/** The block of `vpc` holding `range` (routes go to whole blocks, as the peering guide does), else the range. */
function blockFor(topology: Topology, vpcId: VpcId, range: CidrRange): string {
  return (collectVpcBlocks(topology).byVpc.get(vpcId) ?? []).find((b) => isWithin(range, b))?.cidr ?? range.cidr;
}

function emptyPlan(planId: string | undefined, requester: PeeringPlan['requester'], accepter: PeeringPlan['accepter'], title: string): PeeringPlan {
  return { id: planId ?? `plan-fix-path-${requester.vpcId}-${accepter.vpcId}`, purpose: 'fix-path', title, requester, accepter, steps: [], notes: [] };
}

/** A peering standing for the one the plan creates, for judging group references across it. */
function syntheticPeering(a: Vpc, b: Vpc): Peering {
  const side = (v: Vpc) => ({ accountId: v.accountId, vpcId: v.id, region: v.region, cidrBlocks: [], ipv6CidrBlocks: [] });
  return { id: PEERING_ID_REF as PeeringId, status: 'active', requester: side(a), accepter: side(b), tags: {} } as unknown as Peering;
}

/** The two ends of the path: the endpoints, their addresses and the route tables serving their subnets. */
interface PathEnds {
  readonly src: ResolvedEndpoint;
  readonly dst: ResolvedEndpoint;
  readonly srcRanges: readonly CidrRange[];
  readonly dstRanges: readonly CidrRange[];
  readonly srcTables: readonly RouteTable[];
  readonly dstTables: readonly RouteTable[];
}

function fixExistingPeering(
  topology: Topology,
  index: TopologyIndex,
  peering: Peering,
  ends: PathEnds,
  profiles: ProfilesByAccount,
  notes: PlanNote[],
  planId: string | undefined,
) {
  const { src, dst, srcRanges, dstRanges, srcTables, dstTables } = ends;
  const roleOf = (vpcId: VpcId): PlanSideRole => (peering.requester.vpcId === vpcId ? 'requester' : 'accepter');
  const requester = peeringPlanSide('requester', peering, topology, profiles[peering.requester.accountId]?.[0]);
  const accepter = peeringPlanSide('accepter', peering, topology, profiles[peering.accepter.accountId]?.[0]);
  const plan: PeeringPlan = { ...emptyPlan(planId, requester, accepter, ''), peeringId: peering.id };
  const steps: PlanStep[] = [];
  const active = peering.status === 'active';
  if (!active) {
    const accepterProfile = profiles[peering.accepter.accountId]?.[0];
    steps.push(
      acceptStep(
        { side: 'accepter', accountId: peering.accepter.accountId, region: peering.accepter.region, ...(accepterProfile ? { profile: accepterProfile } : {}) },
        peering.accepter.vpcId,
        peering.id,
        [],
        peering.requester.accountId === peering.accepter.accountId,
      ),
    );
  }
  for (const [endpoint, tables, towards, towardsVpc] of [
    [src, srcTables, dstRanges, dst.vpcId],
    [dst, dstTables, srcRanges, src.vpcId],
  ] as const) {
    const role = roleOf(endpoint.vpcId);
    const vpc = index.vpcById.get(endpoint.vpcId)!;
    const profile = profiles[vpc.accountId]?.[0];
    const place: StepPlace = { side: role, accountId: vpc.accountId, region: vpc.region, ...(profile ? { profile } : {}) };
    if (tables.length === 0) notes.push({ level: 'warning', message: `No route table serving the subnets of ${labelVpc(index, vpc.id)} is in the scan: no route can be planned there.`, fix: `Rescan account ${vpc.accountId} in ${vpc.region}.` });
    for (const table of tables) {
      for (const range of towards) {
        const check = checkTableRoute(index, table, range, peering.id);
        // A route to a peering not yet active is a blackhole until the accept; it is in place.
        if (check.state === 'ok' || (check.state === 'blackhole' && !active) || check.state === 'unknown') continue;
        const block = blockFor(topology, towardsVpc, range);
        const warning = check.state === 'elsewhere' ? `${table.id} sends ${range.cidr} elsewhere: the run will ask whether to replace that route.` : undefined;
        const step = createRouteStep(place, vpc.id, table.id, block, peering.id, active ? [] : ['accept'], warning);
        if (!steps.some((s) => s.id === step.id)) steps.push(step);
      }
    }
  }
  return { plan, steps, peering: peering.id as PeeringRef, roleOf, afterPeering: active ? [] : ['accept'] };
}

function planNewPeering(
  topology: Topology,
  srcVpc: Vpc,
  dstVpc: Vpc,
  ends: PathEnds,
  profiles: ProfilesByAccount,
  planId: string | undefined,
): Result<{ plan: PeeringPlan; steps: PlanStep[]; peering: PeeringRef; roleOf: (vpcId: VpcId) => PlanSideRole; afterPeering: readonly string[] }> {
  const { src, dst, srcRanges, dstRanges, srcTables, dstTables } = ends;
  // Each side routes the other endpoint's blocks, through the tables of its own subnets only.
  const cidrs = [...new Set([...dstRanges.map((r) => blockFor(topology, dst.vpcId, r)), ...srcRanges.map((r) => blockFor(topology, src.vpcId, r))])];
  const routeTables = [...srcTables, ...dstTables].map((t) => t.id);
  const attempt = (requester: Vpc, accepter: Vpc) => planPeering(topology, { requesterVpcId: requester.id, accepterVpcId: accepter.id, routeTables, cidrs }, profiles, planId ? { planId } : {});
  let made = attempt(srcVpc, dstVpc);
  // Without a local profile for the source's account, the destination's account may request.
  if (!made.ok && made.error.code === 'unauthorized') {
    const reverse = attempt(dstVpc, srcVpc);
    if (reverse.ok) made = reverse;
  }
  if (!made.ok) {
    return fail(made.error.code, `The path from ${src.input} to ${dst.input} cannot be fixed: ${made.error.message}`, made.error.fix);
  }
  const plan = made.value;
  const roleOf = (vpcId: VpcId): PlanSideRole => (plan.requester.vpcId === vpcId ? 'requester' : 'accepter');
  return ok({ plan, steps: [...plan.steps], peering: PEERING_ID_REF, roleOf, afterPeering: ['accept'] });
}

/** The group a new rule goes to: the named one, else the VPC's `default` group, else the first. */
function preferredGroup(groups: readonly SecurityGroup[]): SecurityGroup | undefined {
  return groups.find((g) => g.name === 'default') ?? groups[0];
}

function trafficWords(traffic: Traffic): string {
  if (traffic.protocol === '-1') return 'all traffic';
  if (traffic.protocol === 'icmp') return 'ICMP';
  return traffic.port !== undefined ? `${traffic.protocol} ${traffic.port}` : `${traffic.protocol} (all ports)`;
}

function permissionPorts(traffic: Traffic): Pick<IpPermissionParam, 'IpProtocol' | 'FromPort' | 'ToPort'> {
  switch (traffic.protocol) {
    case '-1':
      return { IpProtocol: '-1' };
    case 'icmp':
      return { IpProtocol: 'icmp', FromPort: -1, ToPort: -1 };
    default:
      return { IpProtocol: traffic.protocol, FromPort: traffic.port ?? 0, ToPort: traffic.port ?? 65535 };
  }
}
