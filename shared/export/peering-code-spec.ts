/** What infrastructure code for a peering must say: both sides, who acts where, and every route.
 *
 * Terraform and the AWS CLI script are two spellings of the same spec, so they create the same
 * routes. Routes: every route table that serves a subnet of a side ("Route tables for your
 * VPC"; `findServingTables`) gets one route per block of the other side, IPv4 primary and
 * secondary, and IPv6 when both VPCs have IPv6 (the rule `computeRouteCompleteness` checks).
 * Whether a route is already there is judged by the analysis's own `checkTableRoute`.
 */
import { checkTableRoute } from '../analysis/route-completeness';
import { routePriority } from '../forwarding/vpc-table';
import { findServingTables, indexTopology } from '../analysis/topology-index';
import type { Result } from '../core/result';
import { fail, ok } from '../core/result';
import { collectVpcBlocks } from '../cidr/vpc-blocks';
import { accountAwsNames } from '../diagram/names';
import type { AccountId, PeeringId, Region, RouteTableId, VpcId } from '../model/ids';
import type { PeeringStatus, Topology } from '../model/topology';
import { isLivePeeringStatus } from '../model/topology';
import { vpcsBlockingPeeringDns } from '../planning/plan-peering';
import { validatePeering } from '../analysis/validate-peering';

/** Which peerings to write code for. */
export type PeeringCodeTarget =
  /** Peerings that exist (any live status): code that adopts them and completes their routes. */
  | { readonly kind: 'existing'; readonly peeringIds: readonly string[] }
  /** A peering to create between two VPCs of the snapshot. */
  | { readonly kind: 'planned'; readonly requesterVpcId: string; readonly accepterVpcId: string };

/** Options of `buildPeeringCodeSpecs`. */
export interface PeeringCodeOptions {
  /**
   * Also turn on DNS resolution of the other side's private hostnames, on both sides, for each
   * peering whose two VPCs allow it (the planner's rule, `vpcsBlockingPeeringDns`); a warning
   * names the VPC to change for the others. See `PeeringCodeSpec.dns`.
   */
  readonly dnsResolution?: boolean;
}

/** One side of the peering, with the profile that acts for it. */
export interface PeeringCodeSide {
  readonly vpcId: VpcId;
  readonly vpcName?: string;
  readonly accountId: AccountId;
  /** The account's Organizations name, else its IAM alias, when known. */
  readonly accountName?: string;
  readonly region: Region;
  /** A local profile of the account; a placeholder (`account-<id>`) when none is known. */
  readonly profile: string;
  readonly profileKnown: boolean;
  /** False when the side's account was not scanned: its route tables are unknown. */
  readonly scanned: boolean;
}

/** One route a side needs. */
export interface PeeringCodeRoute {
  readonly side: 'requester' | 'accepter';
  readonly routeTableId: RouteTableId;
  readonly destination: string;
  readonly family: 'ipv4' | 'ipv6';
  /** Already in the table, pointing at this peering and active: adopt, don't create. */
  readonly exists: boolean;
  /** Something else owns this destination (another target, or a blackhole): say so. */
  readonly conflict?: string;
}

/** Everything the code for one peering says. */
export interface PeeringCodeSpec {
  /** A name unique within the export, `[a-z0-9_]`, for Terraform resources and shell variables. */
  readonly key: string;
  /** Set for an existing peering. */
  readonly peeringId?: PeeringId;
  readonly status?: PeeringStatus;
  readonly requester: PeeringCodeSide;
  readonly accepter: PeeringCodeSide;
  readonly routes: readonly PeeringCodeRoute[];
  /** The peering's Name tag: `<requester> to <accepter>`, cut to the 256 characters AWS allows. */
  readonly name: string;
  /**
   * DNS resolution across the peering, on both sides: `none` (not asked for); `set` (both VPCs
   * have DNS hostnames and DNS support on in the snapshot); `if-allowed` (the snapshot does not
   * hold all four, so the code asks AWS first and sets it only when they are on, else names the
   * VPC to change); `blocked` (a VPC has one off: not set, and `warnings` names the VPC).
   */
  readonly dns: PeeringCodeDns;
  /** Things a reviewer must know (missing profiles, unscanned sides, routes taken elsewhere). */
  readonly warnings: readonly string[];
}

/** What the code does about DNS resolution (see `PeeringCodeSpec.dns`). */
export type PeeringCodeDns = 'none' | 'set' | 'if-allowed' | 'blocked';

/** Stand-in id while judging routes of a peering that does not exist yet. */
const PLANNED_ID = 'pcx-planned' as PeeringId;

/** Build the code specs for the chosen or planned peerings, or say why it cannot be done. */
export function buildPeeringCodeSpecs(topology: Topology, target: PeeringCodeTarget, opts: PeeringCodeOptions = {}): Result<readonly PeeringCodeSpec[]> {
  const index = indexTopology(topology);
  const dns = opts.dnsResolution ?? false;
  const used = new Set<string>();
  if (target.kind === 'planned') {
    const req = target.requesterVpcId as VpcId;
    const acc = target.accepterVpcId as VpcId;
    const verdict = validatePeering(topology, req, acc);
    if (!verdict.ok || !verdict.kind) {
      const fix = verdict.reasons.map((r) => r.fix).join(' ') || 'Pick two VPCs of the snapshot that can be peered.';
      return fail('invalid-input', verdict.summary, fix);
    }
    const spec = makeSpec(topology, req, acc, undefined, undefined, dns, used);
    const warnings = [...spec.warnings, ...verdict.warnings.map((w) => w.message)];
    return ok([{ ...spec, warnings }]);
  }
  if (target.peeringIds.length === 0) {
    return fail('invalid-input', 'No peerings were chosen.', 'Name one or more pcx ids (--peerings pcx-…), or plan a new one (--plan vpc-a:vpc-b).');
  }
  const specs: PeeringCodeSpec[] = [];
  for (const id of target.peeringIds) {
    const p = index.peeringById.get(id as PeeringId);
    if (!p) {
      return fail('not-found', `The snapshot has no peering ${id}.`, `Use a pcx id from the snapshot (${[...index.peeringById.keys()].slice(0, 5).join(', ') || 'it has none'}).`);
    }
    if (!isLivePeeringStatus(p.status)) {
      return fail(
        'invalid-input',
        `${p.id} is ${p.status}: there is nothing to manage.`,
        `Plan a new peering between ${p.requester.vpcId} and ${p.accepter.vpcId} instead (--plan ${p.requester.vpcId}:${p.accepter.vpcId}).`,
      );
    }
    specs.push(makeSpec(topology, p.requester.vpcId, p.accepter.vpcId, p.id, p.status, dns, used, p.requester, p.accepter));
  }
  return ok(specs);
}

interface KnownSide {
  readonly vpcId: VpcId;
  readonly accountId: AccountId;
  readonly region: Region;
}

function makeSpec(
  topology: Topology,
  requesterVpcId: VpcId,
  accepterVpcId: VpcId,
  peeringId: PeeringId | undefined,
  status: PeeringStatus | undefined,
  dnsResolution: boolean,
  used: Set<string>,
  requesterSide?: KnownSide,
  accepterSide?: KnownSide,
): PeeringCodeSpec {
  const index = indexTopology(topology);
  const warnings: string[] = [];
  const side = (vpcId: VpcId, known: KnownSide | undefined): PeeringCodeSide => {
    const vpc = index.vpcById.get(vpcId);
    const accountId = vpc?.accountId ?? known?.accountId ?? '000000000000';
    const account = index.accountById.get(accountId);
    const profile = account?.profiles[0];
    if (!profile) warnings.push(`No local profile acts in account ${accountId}: set the profile for it before running (placeholder account-${accountId}).`);
    if (!vpc) warnings.push(`${vpcId} (account ${accountId}) was not scanned: its routes are not generated; its owner must add routes to the other side's blocks.`);
    const [accountName] = accountAwsNames(account);
    return {
      vpcId,
      ...(vpc?.name ? { vpcName: vpc.name } : {}),
      accountId,
      ...(accountName ? { accountName } : {}),
      region: vpc?.region ?? known?.region ?? 'us-east-1',
      profile: profile ?? `account-${accountId}`,
      profileKnown: profile !== undefined,
      scanned: vpc !== undefined,
    };
  };
  const requester = side(requesterVpcId, requesterSide);
  const accepter = side(accepterVpcId, accepterSide);
  const dns = dnsResolution ? dnsPlan(index, [requesterVpcId, accepterVpcId]) : { dns: 'none' as const };
  if (dns.warning) warnings.push(dns.warning);

  const blocks = collectVpcBlocks(topology).byVpc;
  const routes: PeeringCodeRoute[] = [];
  for (const [role, own, other] of [
    ['requester', requester, accepter],
    ['accepter', accepter, requester],
  ] as const) {
    if (!own.scanned) continue;
    const ownHasIpv6 = (blocks.get(own.vpcId) ?? []).some((b) => b.family === 'ipv6');
    const peerBlocks = (blocks.get(other.vpcId) ?? []).filter((b) => b.family === 'ipv4' || ownHasIpv6);
    const tables = findServingTables(index, own.vpcId);
    if (tables.length === 0) warnings.push(`${own.vpcId} has no route table serving a subnet, so no routes are generated for it.`);
    for (const { table } of tables) {
      for (const block of peerBlocks) {
        const check = checkTableRoute(index, table, block, peeringId ?? PLANNED_ID);
        const exists = check.state === 'ok';
        let conflict: string | undefined;
        // A propagated route for the same block does not refuse CreateRoute: the static route is added and outranks it.
        if (check.state === 'elsewhere' && check.route.destination === block.cidr && routePriority(check.route) !== 'propagated') {
          conflict = `${table.id} already routes ${block.cidr} to ${targetWords(check.route.target)}: creating the route will fail with RouteAlreadyExists; replace it if the peering should carry it.`;
        } else if (check.state === 'blackhole') {
          conflict = `${table.id} has a blackhole route for ${block.cidr} to ${peeringId ?? 'a peering'}: it becomes active once the peering is.`;
        }
        if (conflict) warnings.push(conflict);
        routes.push({ side: role, routeTableId: table.id, destination: block.cidr, family: block.family, exists: exists || check.state === 'blackhole', ...(conflict ? { conflict } : {}) });
      }
    }
  }
  const base = slug(`${requester.vpcName ?? requester.vpcId}_to_${accepter.vpcName ?? accepter.vpcId}`);
  let key = base;
  for (let i = 2; used.has(key); i++) key = `${base}_${i}`;
  used.add(key);
  return {
    key,
    ...(peeringId ? { peeringId } : {}),
    ...(status ? { status } : {}),
    requester,
    accepter,
    routes,
    name: tagValue(`${requester.vpcName ?? requester.vpcId} to ${accepter.vpcName ?? accepter.vpcId}`),
    dns: dns.dns,
    warnings: [...new Set(warnings)],
  };
}

/** Whether DNS resolution can be set across a peering of these VPCs, by the planner's rule; when it cannot, a warning naming what to change. */
function dnsPlan(index: ReturnType<typeof indexTopology>, vpcIds: readonly VpcId[]): { dns: PeeringCodeDns; warning?: string } {
  const vpcs = vpcIds.flatMap((id) => index.vpcById.get(id) ?? []);
  const blockers = vpcsBlockingPeeringDns(vpcs);
  if (blockers.length === 0) {
    const known = vpcs.length === vpcIds.length && vpcs.every((v) => v.enableDnsHostnames !== undefined && v.enableDnsSupport !== undefined);
    return { dns: known ? 'set' : 'if-allowed' };
  }
  const what = blockers.map((v) => {
    const off = [v.enableDnsHostnames === false ? 'DNS hostnames' : '', v.enableDnsSupport === false ? 'DNS support' : ''].filter(Boolean).join(' and ');
    return `${v.id}${v.name ? ` (${v.name})` : ''} has ${off} off`;
  });
  const ids = blockers.map((v) => v.id).join(' and ');
  return {
    dns: 'blocked',
    warning:
      `DNS resolution is not set up: AWS allows it only when both VPCs have DNS hostnames and DNS support on, and ${what.join('; ')}. ` +
      `Turn both on for ${ids} (ModifyVpcAttribute EnableDnsHostnames / EnableDnsSupport), then export again with DNS resolution.`,
  };
}

/** AWS's tag value limit: 256 characters (cut whole code points, so no surrogate is split). */
function tagValue(text: string): string {
  if (text.length <= 256) return text;
  let out = '';
  for (const ch of text) {
    if (out.length + ch.length > 255) break;
    out += ch;
  }
  return `${out}…`;
}

function targetWords(target: { kind: string; peeringId?: string; id?: string }): string {
  return target.kind === 'local' ? 'local' : (target.peeringId ?? target.id ?? target.kind);
}

/** `[a-z0-9_]`, starting with a letter: a valid Terraform name and shell variable part. */
export function slug(raw: string, maxLength = 60): string {
  const s = raw
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, maxLength);
  return /^[a-z]/.test(s) ? s : `p_${s}`;
}
