/** Turn "peer these two VPCs" into a plan: create, accept, routes on both sides, rules, DNS.
 *
 * Defaults follow the VPC Peering Guide ("Update your route tables for a VPC peering
 * connection"): every route table the VPC's subnets use (the main table too when a subnet has no
 * explicit association) gets a route for every peer block, secondary and IPv6 included. The
 * accept runs as the accepter's account in the accepter VPC's region; security-group references
 * across a peering work only within one region.
 */
import { routePriority } from '../forwarding/vpc-table';
import { findServingTables, indexTopology } from '../analysis/topology-index';
import { isWithin } from '../cidr/overlap';
import { parseCidrRange, type CidrRange } from '../cidr/parse-cidr';
import { fail, ok, type Result } from '../core/result';
import type { AccountId, RouteTableId, VpcId } from '../model/ids';
import type { RouteTable, Topology, Vpc } from '../model/topology';
import { ruleSteps, type SecurityGroupRuleRequest } from './plan-rules';
import type { StepPlace } from './plan-steps';
import type { CreatePeeringParams } from './step-params';
import { acceptStep, createRouteStep, dnsStep, isIpv6Cidr, planSide, targetWords, vpcCidrs, vpcLabel } from './plan-steps';
import type { PeeringPlan, PlanNote, PlanSideRole, PlanStep, ProfilesByAccount } from './plan-types';
import { PEERING_ID_REF, profilesFromTopology } from './plan-types';
import { validatePeering } from '../analysis/validate-peering';

/** What the user asked for when they dropped one VPC on another. */
export interface PeeringRequest {
  readonly requesterVpcId: VpcId;
  readonly accepterVpcId: VpcId;
  /** The Name tag (default: `<requester>-to-<accepter>`). */
  readonly name?: string;
  /** Route tables (of either VPC) to route the peer through; default: every table the subnets use. */
  readonly routeTables?: readonly RouteTableId[];
  /** Peer blocks to route (each inside a block of one of the VPCs); default: every block of each. */
  readonly cidrs?: readonly string[];
  readonly securityGroupRules?: readonly SecurityGroupRuleRequest[];
  /** Allow DNS resolution of the peer's private names, per side. */
  readonly dns?: { readonly requester?: boolean; readonly accepter?: boolean };
  /** Profiles to use instead of the first profile of each account. */
  readonly requesterProfile?: string;
  readonly accepterProfile?: string;
}

/** Options of `planPeering`. */
export interface PlanPeeringOptions {
  /** The plan's id (callers that store plans pass a unique one). */
  readonly planId?: string;
}

/** The Name tag a new peering gets when the user names none. */
export function defaultPeeringName(requester: Vpc, accepter: Vpc): string {
  return `${requester.name ?? requester.id}-to-${accepter.name ?? accepter.id}`;
}

type Picked = Result<string | undefined>;

/** The profile to act for `accountId`: the one asked for (if it acts there), else the first known. */
function pickProfile(accountId: AccountId, asked: string | undefined, profiles: ProfilesByAccount, role: PlanSideRole): Picked {
  const known = profiles[accountId] ?? [];
  if (asked === undefined) return ok(known[0]);
  if (known.includes(asked)) return ok(asked);
  return fail(
    'invalid-input',
    `Profile "${asked}" is not known to act in account ${accountId}, which owns the ${role} VPC.`,
    known.length > 0 ? `Use one of: ${known.join(', ')}; or rescan with "${asked}" so Peerscape learns its account.` : `Rescan with "${asked}" so Peerscape learns its account, or leave the ${role} profile empty.`,
  );
}

interface Selection {
  readonly tablesBySide: Record<PlanSideRole, readonly RouteTable[]>;
  /** Peer blocks each side routes: requester routes the accepter's blocks and vice versa. */
  readonly destinationsBySide: Record<PlanSideRole, readonly string[]>;
}

function selectTables(topology: Topology, requester: Vpc, accepter: Vpc, asked: readonly RouteTableId[] | undefined, notes: PlanNote[]): Result<Record<PlanSideRole, readonly RouteTable[]>> {
  const index = indexTopology(topology);
  if (asked) {
    const bySide: Record<PlanSideRole, RouteTable[]> = { requester: [], accepter: [] };
    for (const id of asked) {
      const t = index.routeTableById.get(id);
      if (!t) return fail('invalid-input', `Route table ${id} is not in the scanned topology.`, 'Pick route tables from the list, or rescan if the table is new.');
      if (t.vpcId === requester.id) bySide.requester.push(t);
      else if (t.vpcId === accepter.id) bySide.accepter.push(t);
      else return fail('invalid-input', `Route table ${id} belongs to ${t.vpcId}, not to ${requester.id} or ${accepter.id}.`, 'Pick route tables of the two VPCs being peered.');
    }
    return ok(bySide);
  }
  const bySide = { requester: [] as RouteTable[], accepter: [] as RouteTable[] };
  for (const [role, vpc] of [
    ['requester', requester],
    ['accepter', accepter],
  ] as const) {
    const tables = index.routeTablesByVpc.get(vpc.id) ?? [];
    if (tables.length === 0) {
      notes.push({
        level: 'warning',
        message: `No route tables of ${vpcLabel(vpc)} are in the scan, so no routes are planned on the ${role} side.`,
        fix: `Rescan account ${vpc.accountId} in ${vpc.region}, or have its owner add routes to the peering.`,
      });
      continue;
    }
    const serving = findServingTables(index, vpc.id).map((s) => s.table);
    if (serving.length === 0) {
      notes.push({
        level: 'warning',
        message: `${vpcLabel(vpc)} has no subnets, so no route table carries its traffic and no routes are planned on the ${role} side.`,
        fix: 'Pick route tables explicitly if the VPC will get subnets.',
      });
    }
    bySide[role] = serving;
  }
  return ok(bySide);
}

function blockRanges(vpc: Vpc): readonly CidrRange[] {
  return vpcCidrs(vpc).flatMap((c) => {
    const r = parseCidrRange(c);
    return r.ok ? [r.value] : [];
  });
}

function selectDestinations(requester: Vpc, accepter: Vpc, asked: readonly string[] | undefined, notes: PlanNote[]): Result<Record<PlanSideRole, readonly string[]>> {
  // A side routes the *other* VPC's blocks.
  const peerBlocks: Record<PlanSideRole, string[]> = { requester: [], accepter: [] };
  if (asked) {
    const reqRanges = blockRanges(requester);
    const accRanges = blockRanges(accepter);
    for (const text of asked) {
      const parsed = parseCidrRange(text, { strict: true });
      if (!parsed.ok) return fail('invalid-input', `CIDR "${text}": ${parsed.error.message}`, parsed.error.fix);
      const r = parsed.value;
      if (accRanges.some((b) => isWithin(r, b))) peerBlocks.requester.push(r.cidr);
      else if (reqRanges.some((b) => isWithin(r, b))) peerBlocks.accepter.push(r.cidr);
      else {
        return fail(
          'invalid-input',
          `${r.cidr} is not inside any block of ${vpcLabel(requester)} (${vpcCidrs(requester).join(', ')}) or ${vpcLabel(accepter)} (${vpcCidrs(accepter).join(', ')}).`,
          'Route only addresses of the peered VPCs: pick one of their blocks or a part of one.',
        );
      }
    }
  } else {
    peerBlocks.requester.push(...vpcCidrs(accepter));
    peerBlocks.accepter.push(...vpcCidrs(requester));
  }
  const out: Record<PlanSideRole, string[]> = { requester: [], accepter: [] };
  for (const [role, own] of [
    ['requester', requester],
    ['accepter', accepter],
  ] as const) {
    const ownHasIpv6 = vpcCidrs(own).some(isIpv6Cidr);
    for (const c of peerBlocks[role]) {
      if (isIpv6Cidr(c) && !ownHasIpv6) {
        notes.push({
          level: 'info',
          message: `IPv6 block ${c} is not routed from ${vpcLabel(own)}: that VPC has no IPv6 block, so nothing in it can reach the peer over IPv6.`,
          fix: `Associate an IPv6 block with ${own.id} first if it should reach ${c}.`,
        });
        continue;
      }
      out[role].push(c);
    }
  }
  return ok(out);
}

function existingRouteWarning(table: RouteTable, destination: string): string | undefined {
  // CreateRoute collides only with a static route of the destination; it outranks a propagated one.
  const same = table.routes.filter((x) => x.destination === destination);
  const r = same.find((x) => routePriority(x) === 'static') ?? same[0];
  if (!r) return undefined;
  if (routePriority(r) === 'propagated') return `${table.id} has ${destination} propagated from ${targetWords(r.target)}: the new route takes priority over it.`;
  if (r.target.kind === 'local') return `${table.id} already has the local route for ${destination}: AWS will refuse this route.`;
  return `${table.id} already routes ${destination} to ${targetWords(r.target)}${r.state === 'blackhole' ? ' (blackhole)' : ''}: the run will ask whether to replace it or skip it.`;
}

/**
 * The VPCs of a pair that keep DNS resolution across their peering from being allowed: AWS
 * refuses the option (DnsHostnamesDisabled) unless both VPCs have DNS hostnames and DNS support on.
 */
export function vpcsBlockingPeeringDns<V extends Pick<Vpc, 'enableDnsSupport' | 'enableDnsHostnames'>>(vpcs: readonly V[]): V[] {
  return vpcs.filter((v) => v.enableDnsSupport === false || v.enableDnsHostnames === false);
}

function dnsWarning(requester: Vpc, accepter: Vpc): string | undefined {
  const off = vpcsBlockingPeeringDns([requester, accepter]);
  if (off.length === 0) return undefined;
  return `DNS resolution across a peering needs DNS hostnames and DNS support on both VPCs; ${off.map((v) => v.id).join(' and ')} ${off.length > 1 ? 'have' : 'has'} one off (ModifyVpcAttribute EnableDnsHostnames / EnableDnsSupport).`;
}

/**
 * Plan a new peering between two VPCs of `topology`: every step with the profile, account and
 * region it runs in. Refuses, with the reason and a fix, what `validatePeering` refuses, and any
 * route table, CIDR, group or profile that does not fit the two VPCs.
 */
export function planPeering(
  topology: Topology,
  request: PeeringRequest,
  profilesByAccount: ProfilesByAccount = profilesFromTopology(topology.accounts),
  opts: PlanPeeringOptions = {},
): Result<PeeringPlan> {
  const verdict = validatePeering(topology, request.requesterVpcId, request.accepterVpcId);
  if (!verdict.ok) {
    const first = verdict.reasons[0];
    return fail(first?.code === 'already-peered' ? 'conflict' : 'invalid-input', verdict.summary, first?.fix ?? 'Pick two other VPCs.');
  }
  const index = indexTopology(topology);
  const requester = index.vpcById.get(request.requesterVpcId)!;
  const accepter = index.vpcById.get(request.accepterVpcId)!;
  const sameAccount = requester.accountId === accepter.accountId;
  const sameRegion = requester.region === accepter.region;

  const reqProfile = pickProfile(requester.accountId, request.requesterProfile, profilesByAccount, 'requester');
  if (!reqProfile.ok) return reqProfile;
  if (!reqProfile.value) {
    return fail(
      'unauthorized',
      `No local profile acts in account ${requester.accountId}, which owns the requester VPC ${vpcLabel(requester)}: Peerscape cannot send the request.`,
      `Add a profile for account ${requester.accountId} and rescan, or drag the other way so that ${accepter.accountId} requests.`,
    );
  }
  const accProfile: Picked = sameAccount && request.accepterProfile === undefined ? ok(reqProfile.value) : pickProfile(accepter.accountId, request.accepterProfile, profilesByAccount, 'accepter');
  if (!accProfile.ok) return accProfile;

  const notes: PlanNote[] = verdict.warnings.filter((w) => w.code !== 'no-accepter-profile').map((w) => ({ level: 'warning' as const, message: w.message, fix: w.fix }));
  const name = (request.name ?? defaultPeeringName(requester, accepter)).trim();
  if (name.length === 0 || name.length > 255) {
    return fail('invalid-input', `The peering name must be 1 to 255 characters (it is ${name.length}).`, 'Enter a shorter name, or leave it empty for the default.');
  }
  if (!accProfile.value) {
    notes.push({
      level: 'info',
      message: `No local profile acts in account ${accepter.accountId}: its owner must accept the request in ${accepter.region} within 7 days and add the routes on their side.`,
      fix: `Peerscape shows them the console steps and CLI commands and keeps checking; or add a profile for ${accepter.accountId} and rescan to do it here.`,
    });
  }

  const tables = selectTables(topology, requester, accepter, request.routeTables, notes);
  if (!tables.ok) return tables;
  const destinations = selectDestinations(requester, accepter, request.cidrs, notes);
  if (!destinations.ok) return destinations;
  const selection: Selection = { tablesBySide: tables.value, destinationsBySide: destinations.value };

  const places: Record<PlanSideRole, StepPlace> = {
    requester: { side: 'requester', accountId: requester.accountId, region: requester.region, profile: reqProfile.value },
    accepter: { side: 'accepter', accountId: accepter.accountId, region: accepter.region, ...(accProfile.value ? { profile: accProfile.value } : {}) },
  };
  const vpcs: Record<PlanSideRole, Vpc> = { requester, accepter };

  const createParams: CreatePeeringParams = {
    VpcId: requester.id,
    PeerVpcId: accepter.id,
    ...(sameAccount ? {} : { PeerOwnerId: accepter.accountId }),
    ...(sameRegion ? {} : { PeerRegion: accepter.region }),
    TagSpecifications: [{ ResourceType: 'vpc-peering-connection', Tags: [{ Key: 'Name', Value: name }] }],
  };
  const create: PlanStep = {
    id: 'create',
    kind: 'create',
    side: 'requester',
    title:
      `Request peering "${name}" from ${vpcLabel(requester)} to ${vpcLabel(accepter)} (account ${requester.accountId}, ${requester.region}` +
      `${sameAccount ? '' : `; peer owner ${accepter.accountId}`}${sameRegion ? '' : `; peer region ${accepter.region}`})`,
    profile: reqProfile.value,
    accountId: requester.accountId,
    region: requester.region,
    action: 'CreateVpcPeeringConnection',
    params: createParams,
    cleanup: { action: 'DeleteVpcPeeringConnection', params: { VpcPeeringConnectionId: PEERING_ID_REF }, title: 'Delete the peering request' },
    enabled: true,
    dependsOn: [],
    needsActive: false,
    target: { vpcId: requester.id },
  };

  const routeStepsOf = (role: PlanSideRole, dependsOn: readonly string[]): PlanStep[] =>
    selection.tablesBySide[role].flatMap((t) =>
      selection.destinationsBySide[role].map((d) => createRouteStep(places[role], vpcs[role].id, t.id, d, PEERING_ID_REF, dependsOn, existingRouteWarning(t, d))),
    );

  const rules = ruleSteps(topology, request.securityGroupRules ?? [], vpcs, places, selection.destinationsBySide, {
    peering: PEERING_ID_REF,
    after: { requester: ['create'], accepter: ['accept'] },
    referenceAfter: ['accept'],
  });
  if (!rules.ok) return rules;

  const dnsSteps: PlanStep[] = [];
  const warnDns = dnsWarning(requester, accepter);
  for (const role of ['requester', 'accepter'] as const) {
    if (request.dns?.[role]) dnsSteps.push(dnsStep(places[role], vpcs[role].id, PEERING_ID_REF, true, ['accept'], warnDns));
  }

  const steps: PlanStep[] = [
    create,
    ...routeStepsOf('requester', ['create']),
    ...rules.value.cidrSteps.requester,
    acceptStep(places.accepter, accepter.id, PEERING_ID_REF, ['create'], sameAccount),
    ...routeStepsOf('accepter', ['accept']),
    ...rules.value.cidrSteps.accepter,
    ...rules.value.refSteps,
    ...dnsSteps,
  ];

  return ok({
    id: opts.planId ?? `plan-create-${requester.id}-${accepter.id}`,
    purpose: 'create',
    title: `Peer ${vpcLabel(requester)} with ${vpcLabel(accepter)}`,
    requester: planSide('requester', requester, reqProfile.value),
    accepter: planSide('accepter', accepter, accProfile.value),
    name,
    steps,
    notes,
  });
}
