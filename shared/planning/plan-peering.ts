/** Turn "peer these two VPCs" into a plan: create, accept, routes on both sides, rules, DNS.
 *
 * Defaults follow the VPC Peering Guide ("Update your route tables for a VPC peering
 * connection"): every route table the VPC's subnets use (the main table too when a subnet has no
 * explicit association) gets a route for every peer block, secondary and IPv6 included. The
 * accept runs as the accepter's account in the accepter VPC's region; security-group references
 * across a peering work only within one region (docs/ec2-peering-semantics.md).
 */
import { routePriority } from '../forwarding/vpc-table';
import { findServingTables, indexTopology } from '../analysis/topology-index';
import { isWithin } from '../cidr/overlap';
import { parseCidrRange, type CidrRange } from '../cidr/parse-cidr';
import { fail, ok, type Result } from '../core/result';
import type { AccountId, RouteTableId, SecurityGroupId, VpcId } from '../model/ids';
import type { RouteTable, Topology, Vpc } from '../model/topology';
import type { StepPlace } from './plan-steps';
import type { CreatePeeringParams, IpPermissionParam, PeeringRef } from './step-params';
import {
  acceptStep,
  authorizeIngressStep,
  createRouteStep,
  dnsStep,
  isIpv6Cidr,
  planSide,
  portWords,
  ruleDescription,
  targetWords,
  vpcCidrs,
  vpcLabel,
} from './plan-steps';
import type { PeeringPlan, PlanNote, PlanSideRole, PlanStep, ProfilesByAccount } from './plan-types';
import { PEERING_ID_REF, profilesFromTopology } from './plan-types';
import { validatePeering } from '../analysis/validate-peering';

/** Protocols a rule request may name (`-1` is all traffic). */
export type RuleProtocol = 'tcp' | 'udp' | 'icmp' | 'icmpv6' | '-1';

/** Optional ingress rules to add for the peering. */
export interface SecurityGroupRuleRequest {
  /** Groups (in either VPC) that get the rule; each allows traffic from the other VPC. */
  readonly groupIds: readonly SecurityGroupId[];
  readonly protocol: RuleProtocol;
  /** Inclusive port range (ICMP: type and code); required for tcp and udp, ignored for `-1`. */
  readonly ports?: { readonly from: number; readonly to: number };
  /** Allow the peer's CIDR blocks, or reference the peer's security groups (same region only). */
  readonly source: 'cidr' | 'sg-reference';
  /** For `sg-reference`: the peer groups to allow (default: the groups of `groupIds` on the other side). */
  readonly peerGroupIds?: readonly SecurityGroupId[];
}

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

function checkRuleRequest(rule: SecurityGroupRuleRequest, i: number): Result<{ fromPort?: number; toPort?: number }> {
  const label = `Security-group rule ${i + 1}`;
  if (rule.groupIds.length === 0) return fail('invalid-input', `${label} names no security group.`, 'Pick at least one group to add the rule to.');
  if (rule.protocol === '-1') return ok({});
  const ports = rule.ports;
  if (!ports) {
    return fail('invalid-input', `${label} (${rule.protocol}) has no ports.`, rule.protocol.startsWith('icmp') ? 'Give the ICMP type and code as the port range, e.g. from 8 to -1 for echo request, or -1/-1 for all.' : 'Give a port or range, e.g. 443 to 443.');
  }
  const min = rule.protocol.startsWith('icmp') ? -1 : 0;
  const max = rule.protocol.startsWith('icmp') ? 255 : 65535;
  for (const p of [ports.from, ports.to]) {
    if (!Number.isInteger(p) || p < min || p > max) return fail('invalid-input', `${label}: port ${p} is outside ${min}–${max}.`, `Use whole numbers from ${min} to ${max}.`);
  }
  if (!rule.protocol.startsWith('icmp') && ports.from > ports.to) {
    return fail('invalid-input', `${label}: the range ${ports.from}–${ports.to} runs backwards.`, `Write it as ${ports.to} to ${ports.from}.`);
  }
  return ok({ fromPort: ports.from, toPort: ports.to });
}

/** How rule steps name the peering and which steps they wait for. */
export interface RuleLink {
  /** `PEERING_ID_REF` for a peering the plan creates, else its id (rule descriptions name it). */
  readonly peering: PeeringRef;
  /** What a rule allowing the peer's CIDR blocks waits for, per side of the group. */
  readonly after: Readonly<Record<PlanSideRole, readonly string[]>>;
  /** What a rule referencing the peer's groups waits for (AWS takes it once the peering is active). */
  readonly referenceAfter: readonly string[];
}

/**
 * The ingress steps of `rules` for a peering between `vpcs`: a rule allowing the peer's CIDR
 * blocks (`destinations`, per side of the group) or referencing the peer's groups (one region
 * only). Refuses, with what to fix, groups outside the two VPCs and ports that do not fit.
 */
export function ruleSteps(
  topology: Topology,
  rules: readonly SecurityGroupRuleRequest[],
  vpcs: Record<PlanSideRole, Vpc>,
  places: Record<PlanSideRole, StepPlace>,
  destinations: Record<PlanSideRole, readonly string[]>,
  link: RuleLink,
): Result<{ cidrSteps: Record<PlanSideRole, PlanStep[]>; refSteps: PlanStep[] }> {
  const index = indexTopology(topology);
  const cidrSteps: Record<PlanSideRole, PlanStep[]> = { requester: [], accepter: [] };
  const refSteps: PlanStep[] = [];
  const sameRegion = vpcs.requester.region === vpcs.accepter.region;
  const sameAccount = vpcs.requester.accountId === vpcs.accepter.accountId;
  let n = 0;
  for (const [i, rule] of rules.entries()) {
    const checked = checkRuleRequest(rule, i);
    if (!checked.ok) return checked;
    const { fromPort, toPort } = checked.value;
    const base = { IpProtocol: rule.protocol, ...(fromPort !== undefined ? { FromPort: fromPort, ToPort: toPort ?? fromPort } : {}) };
    const what = portWords(rule.protocol, fromPort, toPort);
    const groups = rule.groupIds.map((id) => ({ id, group: index.securityGroupById.get(id) }));
    for (const { id, group } of groups) {
      if (!group) return fail('invalid-input', `Security group ${id} is not in the scanned topology.`, 'Pick groups from the list, or rescan if the group is new.');
      if (group.vpcId !== vpcs.requester.id && group.vpcId !== vpcs.accepter.id) {
        return fail('invalid-input', `Security group ${id} belongs to ${group.vpcId}, not to either peered VPC.`, 'Pick groups of the two VPCs being peered.');
      }
    }
    if (rule.source === 'sg-reference' && !sameRegion) {
      return fail(
        'invalid-input',
        `Security-group rule ${i + 1} references the peer's security groups, but ${vpcs.requester.region} and ${vpcs.accepter.region} differ: AWS allows security-group references across a peering only within one region.`,
        "Use source 'cidr' to allow the peer's CIDR blocks instead.",
      );
    }
    for (const { id, group } of groups) {
      const role: PlanSideRole = group!.vpcId === vpcs.requester.id ? 'requester' : 'accepter';
      const other: PlanSideRole = role === 'requester' ? 'accepter' : 'requester';
      const place = places[role];
      const peerVpc = vpcs[other];
      const dependsOn = link.after[role];
      n += 1;
      if (rule.source === 'cidr') {
        const peerCidrs = destinations[role];
        if (peerCidrs.length === 0) continue;
        const desc = ruleDescription(link.peering, peerVpc.id);
        const v4 = peerCidrs.filter((c) => !isIpv6Cidr(c)).map((c) => ({ CidrIp: c, Description: desc }));
        const v6 = peerCidrs.filter(isIpv6Cidr).map((c) => ({ CidrIpv6: c, Description: desc }));
        const permission: IpPermissionParam = { ...base, ...(v4.length ? { IpRanges: v4 } : {}), ...(v6.length ? { Ipv6Ranges: v6 } : {}) };
        cidrSteps[role].push(
          authorizeIngressStep(place, group!.vpcId, id, `ingress:${id}:${n}`, permission, `${what} from ${peerCidrs.join(', ')}`, dependsOn, false),
        );
      } else {
        const peerGroups = rule.peerGroupIds ?? rule.groupIds.filter((g) => index.securityGroupById.get(g)?.vpcId === peerVpc.id);
        if (peerGroups.length === 0) {
          return fail(
            'invalid-input',
            `Security-group rule ${i + 1} references the peer's groups, but names no group of ${vpcLabel(peerVpc)} to reference.`,
            `Add a group of ${peerVpc.id} to the rule (or to peerGroupIds), or use source 'cidr'.`,
          );
        }
        for (const pg of peerGroups) {
          const g = index.securityGroupById.get(pg);
          if (g && g.vpcId !== peerVpc.id) {
            return fail('invalid-input', `Peer group ${pg} belongs to ${g.vpcId}, not to the peer VPC ${peerVpc.id}.`, `Reference groups of ${peerVpc.id}.`);
          }
        }
        // Across accounts the reference is account-qualified (UserId); it works once the peering is active.
        const pairs = peerGroups.map((pg) => ({
          GroupId: pg,
          ...(sameAccount ? {} : { UserId: peerVpc.accountId }),
          Description: ruleDescription(link.peering, peerVpc.id),
        }));
        const permission: IpPermissionParam = { ...base, UserIdGroupPairs: pairs };
        refSteps.push(
          authorizeIngressStep(
            place,
            group!.vpcId,
            id,
            `ingress:${id}:${n}`,
            permission,
            `${what} from ${sameAccount ? '' : `${peerVpc.accountId}/`}${peerGroups.join(', ')}`,
            link.referenceAfter,
            true,
          ),
        );
      }
    }
  }
  return ok({ cidrSteps, refSteps });
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
