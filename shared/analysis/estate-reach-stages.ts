/** The checks of one directly, actively peered pair in the reach view, in the order a packet meets them.
 *
 * Each stage is a hop the explainer checks for one pair: routes both ways through the forwarding
 * engine's compiled tables (`route-checks.ts`), network ACLs both ways through
 * `reachability-acls.ts`, security groups through `reachability-groups.ts`. A stage decides fast for the roll-up (`judge`) and words its verdict
 * with the explainer's own check for a row (`explain`).
 */
import type { Peering } from '../model/topology';
import type { EstateIndex, ReachVpc } from './estate-reach-index';
import { aclHopStatus, aclsApply, checkAcls, judgeAcls } from './reachability-acls';
import type { Traffic } from './reachability-groups';
import { checkGroups } from './reachability-groups';
import { prefixListLookup } from './prefix-lists';
import { checkRoutes } from './reachability-routes';
import type { ReachabilityCheck } from './reachability-types';
import type { RouteCheck } from './route-checks';
import { CODE_OK, CODE_SELECTED, checkOfCode, classifyBlock, decodeCheck } from './route-checks';

/** Why a connected VPC cannot be reached, by the first component that blocks it, in the order the stages meet them. */
export type ReachReason = 'not-transitive' | 'peering-not-active' | 'no-route' | 'wrong-target' | 'blackhole' | 'transit-gateway' | 'network-acl' | 'security-group';

/** Every reason, in the order the checks meet them (the roll-up counts them in this order). */
export const REACH_REASONS: readonly ReachReason[] = ['not-transitive', 'peering-not-active', 'no-route', 'wrong-target', 'blackhole', 'transit-gateway', 'network-acl', 'security-group'];

/** The hops a directly, actively peered pair is checked on, as the explainer names them. */
export type ReachStage =
  | 'source-route'
  | 'return-route'
  | 'source-acl-outbound'
  | 'destination-acl-inbound'
  | 'destination-acl-return'
  | 'source-acl-return'
  | 'source-egress'
  | 'destination-ingress';

/** One directly, actively peered pair, as the stages see it. */
export interface ReachPair {
  readonly estate: EstateIndex;
  readonly from: ReachVpc;
  readonly to: ReachVpc;
  readonly peering: Peering;
  readonly traffic: Traffic;
  /**
   * Route verdicts already reached, by `from node × node count + to node`: the roll-up checks each
   * peering both ways, and one direction's return route is the other's outbound route.
   */
  readonly routeMemo?: Map<number, StageVerdict>;
}

/** A stage's verdict: pass, a failure with its reason, or unknown offline. */
export type StageVerdict = { readonly status: 'pass' } | { readonly status: 'unknown' } | { readonly status: 'fail'; readonly reason: ReachReason };

const PASS: StageVerdict = { status: 'pass' };
const UNKNOWN: StageVerdict = { status: 'unknown' };
const FAILS = Object.fromEntries(REACH_REASONS.map((r) => [r, { status: 'fail', reason: r }])) as Readonly<Record<ReachReason, StageVerdict>>;

/**
 * One per-pair check. `judge` decides fast, for the roll-up (one call per direction of every
 * live peering); `explain` gives the explainer's check with its sentence and fix, for a row's
 * entry, and is called only on the stage that decided.
 */
export interface PairStage {
  readonly stage: ReachStage;
  judge(pair: ReachPair): StageVerdict;
  explain(pair: ReachPair): ReachabilityCheck;
}

function routeVerdict(check: RouteCheck): StageVerdict {
  switch (check.state) {
    case 'ok':
      return PASS;
    case 'unknown':
      return UNKNOWN;
    case 'missing':
      return FAILS['no-route'];
    case 'elsewhere':
      return FAILS['wrong-target'];
    case 'blackhole':
      return FAILS.blackhole;
    case 'partial':
      return check.notToPeering.length > 0 ? FAILS['wrong-target'] : FAILS['no-route'];
  }
}

/** The tables serving `from`'s subnets, for every IPv4 block of `to`: all of it to the peering? */
function judgeRoutes(estate: EstateIndex, from: ReachVpc, to: ReachVpc, peering: Peering): StageVerdict {
  if (!from.hasSubnets || to.ranges.length === 0) return FAILS['no-route'];
  if (from.tables.length === 0) return UNKNOWN;
  let unsure = false;
  for (let t = 0; t < from.tables.length; t++) {
    const compiled = from.compiled[t]!;
    for (let b = 0; b < to.ranges.length; b++) {
      const code = classifyBlock(compiled, null, to.lows[b]!, to.highs[b]!, peering.id);
      if ((code & 7) === CODE_OK) continue;
      const table = from.tables[t]!;
      const range = to.ranges[b]!;
      const check = (code & 7) === CODE_SELECTED ? checkOfCode(estate.index, table.id, compiled, range, peering.id, code) : decodeCheck(table.id, compiled.routes, range.cidr, code);
      const verdict = routeVerdict(check);
      if (verdict.status === 'fail') return verdict;
      if (verdict.status === 'unknown') unsure = true;
    }
  }
  return unsure ? UNKNOWN : PASS;
}

function memoRoutes(pair: ReachPair, from: ReachVpc, to: ReachVpc): StageVerdict {
  const memo = pair.routeMemo;
  if (!memo) return judgeRoutes(pair.estate, from, to, pair.peering);
  const key = from.node * pair.estate.ids.length + to.node;
  let verdict = memo.get(key);
  if (!verdict) memo.set(key, (verdict = judgeRoutes(pair.estate, from, to, pair.peering)));
  return verdict;
}

function explainRoutes(pair: ReachPair, kind: 'source-route' | 'return-route'): ReachabilityCheck {
  const [from, to] = kind === 'source-route' ? [pair.from, pair.to] : [pair.to, pair.from];
  const checks = checkRoutes(pair.estate.topology, pair.estate.index, kind, from.endpoint, to.ranges, to.ranges, pair.peering);
  return checks.find((c) => c.status === 'fail') ?? checks.find((c) => c.status !== 'pass') ?? checks[0]!;
}

/**
 * The four ACL hops as the explainer judges them for two whole VPCs: some pair of a source
 * subnet's ACL and a destination subnet's ACL lets the request and the reply through; unknown
 * when either VPC's ACLs are not in the snapshot.
 */
function judgeAclHops(pair: ReachPair): StageVerdict {
  const { from, to } = pair;
  if (!aclsApply(from.endpoint, to.endpoint)) return PASS;
  if (!from.aclGroups || !to.aclGroups) return UNKNOWN;
  const { verdicts } = judgeAcls(from.aclGroups, from.ranges, to.aclGroups, to.ranges, pair.traffic, pair.estate.index.rangeOf);
  let unsure = false;
  for (const v of verdicts) {
    const status = aclHopStatus(v.decision);
    if (status === 'fail') return FAILS['network-acl'];
    if (status === 'unknown') unsure = true;
  }
  return unsure ? UNKNOWN : PASS;
}

/** The explainer's ACL hops for the pair: the first that fails, else the first undecided, else the first. */
function explainAcls(pair: ReachPair): ReachabilityCheck {
  const { from, to } = pair;
  const checks = checkAcls(pair.estate.topology, pair.estate.index.rangeOf, from.endpoint, from.ranges, to.endpoint, to.ranges, pair.traffic);
  return checks.find((c) => c.status === 'fail') ?? checks.find((c) => c.status !== 'pass') ?? checks[0]!;
}

function groupCheck(pair: ReachPair, kind: 'source-egress' | 'destination-ingress'): ReachabilityCheck {
  const [own, other] = kind === 'source-egress' ? [pair.from, pair.to] : [pair.to, pair.from];
  return checkGroups(pair.estate.index, kind, own.endpoint, own.groups, other.ranges, other.groups, pair.traffic, pair.peering, prefixListLookup(pair.estate.topology));
}

function groupVerdict(check: ReachabilityCheck): StageVerdict {
  return check.status === 'pass' ? PASS : check.status === 'fail' ? FAILS['security-group'] : UNKNOWN;
}

/**
 * The checks of a directly, actively peered pair; the first that fails decides. The network ACL
 * stage is the explainer's four hops (out of the source subnet, into the destination subnet, and
 * the reply's ephemeral ports both ways); its entry names the hop that decided.
 */
export const PAIR_STAGES: readonly PairStage[] = [
  {
    stage: 'source-route',
    judge: (p) => memoRoutes(p, p.from, p.to),
    explain: (p) => explainRoutes(p, 'source-route'),
  },
  {
    stage: 'return-route',
    judge: (p) => memoRoutes(p, p.to, p.from),
    explain: (p) => explainRoutes(p, 'return-route'),
  },
  {
    stage: 'source-acl-outbound',
    judge: judgeAclHops,
    explain: explainAcls,
  },
  {
    stage: 'source-egress',
    judge: (p) => groupVerdict(groupCheck(p, 'source-egress')),
    explain: (p) => groupCheck(p, 'source-egress'),
  },
  {
    stage: 'destination-ingress',
    judge: (p) => groupVerdict(groupCheck(p, 'destination-ingress')),
    explain: (p) => groupCheck(p, 'destination-ingress'),
  },
];

/** A pair's verdict: the first failing stage, else the first unknown one, else reachable. */
export interface PairVerdict {
  readonly verdict: 'reachable' | 'blocked' | 'undetermined';
  readonly stage: number;
  readonly reason?: ReachReason;
}

const REACHABLE: PairVerdict = { verdict: 'reachable', stage: -1 };

export function judgePair(pair: ReachPair): PairVerdict {
  let unknownStage = -1;
  for (let s = 0; s < PAIR_STAGES.length; s++) {
    const v = PAIR_STAGES[s]!.judge(pair);
    if (v.status === 'fail') return { verdict: 'blocked', stage: s, reason: v.reason };
    if (v.status === 'unknown' && unknownStage === -1) unknownStage = s;
  }
  return unknownStage === -1 ? REACHABLE : { verdict: 'undetermined', stage: unknownStage };
}
