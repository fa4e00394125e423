/** The estate-wide reach of one kind of traffic: from a VPC (or an account), every VPC it can
 * reach and every connected one it cannot, with the first component that blocks it; and the
 * account × account roll-up of the whole estate. Semantics in docs/estate-reach.md.
 *
 * "Connected" is the component of live peerings (`estate-reach-index.ts`). A connected VPC
 * without a peering of its own to the source is blocked because peering is not transitive; one
 * whose direct peering is not active yet is blocked by that; a directly, actively peered one goes
 * through `PAIR_STAGES` (`estate-reach-stages.ts`) in order, each the hop the explainer checks for one pair (routes both
 * ways through the forwarding engine's compiled tables, network ACLs both ways, security groups
 * through `reachability-groups.ts`); the first stage that fails names the reason, and its words are the
 * explainer's own check. A row runs the stages on the source's few direct peers and a
 * breadth-first search for the rest; the roll-up runs them once per direction of each live
 * peering and counts every other connected pair per component, without visiting it.
 */
import type { Result } from '../core/result';
import { fail, ok } from '../core/result';
import type { AccountId, PeeringId, VpcId } from '../model/ids';
import type { Peering, Topology, TransitGatewayId } from '../model/topology';
import type { EstateIndex } from './estate-reach-index';
import { indexEstate } from './estate-reach-index';
import type { ReachPair, ReachReason, ReachStage, StageVerdict } from './estate-reach-stages';
import { judgePair, PAIR_STAGES, REACH_REASONS } from './estate-reach-stages';
import type { Traffic } from './reachability-groups';
import type { TrafficProtocol } from './reachability-types';
import { notActiveWords, notTransitiveWords, reachableWords } from './estate-reach-words';
import type { GatewayBlock } from './estate-reach-tgw';
import { activePeeringBetween, gatewayEntry, gatewayJoinedNodes, gatewayNeighbours, judgeGatewayPair } from './estate-reach-tgw';

export { indexEstate } from './estate-reach-index';
export type { GatewayBlock, GatewayComponent } from './estate-reach-tgw';
export type { EstateIndex } from './estate-reach-index';
export { judgePair, PAIR_STAGES, REACH_REASONS } from './estate-reach-stages';
export type { PairStage, PairVerdict, ReachPair, ReachReason, ReachStage, StageVerdict } from './estate-reach-stages';

/** The traffic asked about: a protocol and, for TCP and UDP, a destination port. */
export interface ReachTraffic {
  readonly protocol: TrafficProtocol;
  readonly port?: number;
}

/** One destination of a row. */
export interface ReachEntry {
  /** The source VPC that decided (for an account's row, the one that reaches it or comes nearest). */
  readonly from: VpcId;
  readonly to: VpcId;
  readonly toAccountId: AccountId;
  /** `undetermined`: nothing fails, but a check cannot be decided offline (a prefix list). */
  readonly verdict: 'reachable' | 'blocked' | 'undetermined';
  /** For `blocked`: the first component that blocks. */
  readonly reason?: ReachReason;
  /** The pair check that decided (blocked or undetermined), when it was one of `PAIR_STAGES`. */
  readonly stage?: ReachStage;
  /** One sentence: how it is reached, or what blocks it. */
  readonly message: string;
  readonly fix?: string;
  /** The peering joining `from` and `to`, when there is one. */
  readonly peeringId?: PeeringId;
  /** For `not-transitive`: the first VPC on a shortest chain of live peerings from `from`. */
  readonly through?: VpcId;
  /** For `not-transitive`: how many peerings that chain has. */
  readonly hops?: number;
  /** The transit gateways the source's routes cross to it, in order (a pair joined through gateways). */
  readonly transitGatewayIds?: readonly TransitGatewayId[];
  /** For a pair joined through gateways and blocked there: the first blocking gateway component. */
  readonly gateway?: GatewayBlock;
}

/** Where a row starts. */
export type ReachSource = { readonly kind: 'vpc'; readonly vpcId: VpcId } | { readonly kind: 'account'; readonly accountId: AccountId };

/** How many destinations (or ordered pairs) have each verdict. */
export interface ReachCounts {
  readonly reachable: number;
  readonly blocked: number;
  readonly undetermined: number;
}

/** Every connected VPC of a source, reachable ones and blocked ones. */
export interface ReachRow extends ReachCounts {
  readonly source: ReachSource;
  readonly traffic: ReachTraffic;
  /** The source's VPCs (one for a VPC). */
  readonly fromVpcIds: readonly VpcId[];
  /** Reachable first, then undetermined, then blocked; each by account, then VPC id. */
  readonly entries: readonly ReachEntry[];
}

/** One cell of the roll-up: ordered pairs of VPCs from one account to another, connected by live peerings. */
export interface ReachCell extends ReachCounts {
  readonly fromAccountId: AccountId;
  readonly toAccountId: AccountId;
  /** Blocked pairs by reason, every reason present (0 when none). */
  readonly reasons: Readonly<Record<ReachReason, number>>;
  /** The reason most blocked pairs share (the earlier one on a tie); absent when none is blocked. */
  readonly commonestReason?: ReachReason;
}

/** The account × account roll-up of the whole estate. */
export interface ReachRollUp extends ReachCounts {
  readonly traffic: ReachTraffic;
  readonly accountIds: readonly AccountId[];
  /** Cells with at least one connected pair, by source account, then destination account. */
  readonly cells: readonly ReachCell[];
}

const PROTOCOL_WORDS: Readonly<Record<string, TrafficProtocol>> = { tcp: 'tcp', udp: 'udp', icmp: 'icmp', all: '-1', '-1': '-1' };

/** The traffic from what a user typed (`tcp`, `443`); without a protocol, TCP when a port is given, else all traffic. */
export function parseReachTraffic(protocol: string | undefined, port: string | number | undefined): Result<ReachTraffic> {
  const portText = port === undefined ? undefined : String(port).trim();
  let portNumber: number | undefined;
  if (portText !== undefined && portText !== '') {
    if (!/^\d+$/.test(portText) || Number(portText) > 65535) return fail('invalid-input', `The port must be a whole number from 0 to 65535, not "${portText.slice(0, 40)}".`, 'Give a port such as 443.');
    portNumber = Number(portText);
  }
  const name = (protocol ?? (portNumber !== undefined ? 'tcp' : 'all')).trim().toLowerCase();
  const p = PROTOCOL_WORDS[name];
  if (!p) return fail('invalid-input', `The protocol must be tcp, udp, icmp or all, not "${name.slice(0, 40)}".`, 'Give tcp, udp, icmp or all.');
  if (portNumber !== undefined && p !== 'tcp' && p !== 'udp') return fail('invalid-input', `A port applies to tcp and udp only, not ${name}.`, 'Leave the port out, or choose tcp or udp.');
  return ok(portNumber !== undefined ? { protocol: p, port: portNumber } : { protocol: p });
}

function toTraffic(t: ReachTraffic): Traffic {
  return t.port !== undefined ? { protocol: t.protocol, port: t.port } : { protocol: t.protocol };
}

/** The entry of a pair joined by a live peering (active or not). */
function directEntry(estate: EstateIndex, from: number, to: number, peering: Peering, traffic: ReachTraffic): ReachEntry {
  const fromId = estate.ids[from]!;
  const toId = estate.ids[to]!;
  const base = { from: fromId, to: toId, toAccountId: estate.accounts[estate.accountOf[to]!]!, peeringId: peering.id };
  if (peering.status !== 'active') {
    return { ...base, verdict: 'blocked', reason: 'peering-not-active', ...notActiveWords(estate.index, fromId, toId, peering) };
  }
  const pair: ReachPair = { estate, from: estate.vpc(from), to: estate.vpc(to), peering, traffic: toTraffic(traffic) };
  const v = judgePair(pair);
  if (v.verdict === 'reachable') return { ...base, verdict: 'reachable', message: reachableWords(estate.index, toId, peering, traffic) };
  const stage = PAIR_STAGES[v.stage]!;
  const check = stage.explain(pair);
  return {
    ...base,
    verdict: v.verdict,
    ...(v.reason ? { reason: v.reason } : {}),
    // The ACL stage's check is the hop that decided, one of four.
    stage: check.kind as ReachStage,
    message: check.message,
    ...(check.fix ? { fix: check.fix } : {}),
  };
}

const VERDICT_ORDER = { reachable: 0, undetermined: 1, blocked: 2 } as const;

/** A better entry for an account's row: reachable over undetermined over blocked; among blocked, a direct peering's over a chain's. */
function better(x: ReachEntry, y: ReachEntry): boolean {
  if (VERDICT_ORDER[x.verdict] !== VERDICT_ORDER[y.verdict]) return VERDICT_ORDER[x.verdict] < VERDICT_ORDER[y.verdict];
  return x.reason !== 'not-transitive' && y.reason === 'not-transitive';
}

/**
 * The row of `source` for `traffic`: every VPC connected to it by live peerings (directly or
 * through others), reachable or not, with why. An account's row lists the VPCs outside the
 * account, each with the best any of the account's VPCs does; a source the snapshot does not
 * have is an `invalid-input` failure.
 */
export function computeReachRow(topology: Topology, source: ReachSource, traffic: ReachTraffic): Result<ReachRow> {
  const estate = indexEstate(topology);
  const sources: number[] = [];
  if (source.kind === 'vpc') {
    const node = estate.nodeOf.get(source.vpcId);
    if (node === undefined) return fail('invalid-input', `The VPC ${source.vpcId.slice(0, 60)} is not in the snapshot.`, 'Check the id, or scan the account and region that own it.');
    sources.push(node);
  } else {
    const a = estate.accounts.indexOf(source.accountId);
    if (a === -1) return fail('invalid-input', `The account ${source.accountId.slice(0, 40)} has no VPC in the snapshot.`, `Give one of: ${estate.accounts.slice(0, 8).join(', ')}${estate.accounts.length > 8 ? ' …' : ''}.`);
    for (let i = 0; i < estate.ids.length; i++) if (estate.accountOf[i] === a) sources.push(i);
  }
  const n = estate.ids.length;
  const isSource = new Uint8Array(n);
  for (const s of sources) isSource[s] = 1;
  const decided = new Map<number, ReachEntry>();
  const hasGateways = topology.transitGateways.length > 0;
  // Direct peers first: the stages run on these few pairs only.
  for (const s of sources) {
    for (let k = estate.offsets[s]!, end = estate.offsets[s + 1]!; k < end; k++) {
      const t = estate.neighbours[k]!;
      if (isSource[t]) continue;
      // A pair transit gateways join too is checked through them, below.
      if (hasGateways && gatewayJoinedNodes(estate, s, t)) continue;
      const entry = directEntry(estate, s, t, estate.edgePeering[k]!, traffic);
      const current = decided.get(t);
      if (!current || better(entry, current)) decided.set(t, entry);
    }
    // VPCs joined through transit gateways (with or without a peering), as explain checks them.
    if (!hasGateways) continue;
    for (const other of gatewayNeighbours(estate, estate.ids[s]!)) {
      const t = estate.nodeOf.get(other)!;
      if (isSource[t]) continue;
      const entry = gatewayEntry(estate, s, t, traffic, toTraffic(traffic));
      const current = decided.get(t);
      if (!current || better(entry, current)) decided.set(t, entry);
    }
  }
  // Everyone else in the sources' components: a breadth-first search from all of them at once
  // gives each its nearest source, the first VPC on the way and the number of peerings between.
  const parent = new Int32Array(n).fill(-1);
  const root = new Int32Array(n);
  const first = new Int32Array(n);
  const hops = new Int32Array(n);
  const queue = new Int32Array(n);
  let head = 0;
  let tail = 0;
  for (const s of sources) {
    parent[s] = s;
    root[s] = s;
    queue[tail++] = s;
  }
  // Nearly every entry of a large row is "only through X", and a source has few neighbours X: one sentence per X.
  const throughWords = new Map<number, { readonly message: string; readonly fix: string }>();
  const byNode = new Array<ReachEntry | undefined>(n);
  const order: number[] = [];
  for (const [t, entry] of decided) {
    byNode[t] = entry;
    order.push(t);
  }
  while (head < tail) {
    const v = queue[head++]!;
    for (let k = estate.offsets[v]!, end = estate.offsets[v + 1]!; k < end; k++) {
      const w = estate.neighbours[k]!;
      if (parent[w] !== -1) continue;
      parent[w] = v;
      root[w] = root[v]!;
      first[w] = parent[v] === v ? w : first[v]!;
      hops[w] = hops[v]! + 1;
      queue[tail++] = w;
      if (byNode[w]) continue;
      const x = first[w]!;
      let words = throughWords.get(x);
      if (!words) throughWords.set(x, (words = notTransitiveWords(estate.index, estate.ids[x]!)));
      byNode[w] = {
        from: estate.ids[root[w]!]!,
        to: estate.ids[w]!,
        toAccountId: estate.accounts[estate.accountOf[w]!]!,
        verdict: 'blocked',
        reason: 'not-transitive',
        through: estate.ids[x]!,
        hops: hops[w]!,
        message: words.message,
        fix: words.fix,
      };
      order.push(w);
    }
  }
  // Sorted on one number per entry: verdict, then account, then node (nodes are in id order).
  const A = estate.accounts.length;
  const keys = new Float64Array(order.length);
  for (let i = 0; i < order.length; i++) {
    const t = order[i]!;
    keys[i] = (VERDICT_ORDER[byNode[t]!.verdict] * A + estate.accountOf[t]!) * n + t;
  }
  keys.sort();
  const entries = new Array<ReachEntry>(keys.length);
  for (let i = 0; i < keys.length; i++) entries[i] = byNode[keys[i]! % n]!;
  let reachable = 0;
  let blocked = 0;
  for (const e of entries) {
    if (e.verdict === 'reachable') reachable++;
    else if (e.verdict === 'blocked') blocked++;
  }
  return ok({
    source,
    traffic,
    fromVpcIds: sources.map((s) => estate.ids[s]!),
    entries,
    reachable,
    blocked,
    undetermined: entries.length - reachable - blocked,
  });
}

/**
 * The account × account roll-up of `traffic` over every ordered pair of connected VPCs. The
 * stages run once per direction of each live peering; every other connected pair is blocked as
 * not transitive, counted from each component's VPCs per account.
 */
export function computeReachRollUp(topology: Topology, traffic: ReachTraffic): ReachRollUp {
  const estate = indexEstate(topology);
  const A = estate.accounts.length;
  const R = REACH_REASONS.length;
  const reachable = new Float64Array(A * A);
  const undetermined = new Float64Array(A * A);
  const reasons = new Float64Array(A * A * R);
  const direct = new Float64Array(A * A);
  const trafficOf = toTraffic(traffic);
  const notActive = REACH_REASONS.indexOf('peering-not-active');
  const reasonIndex = new Map(REACH_REASONS.map((r, i) => [r, i]));
  const n = estate.ids.length;
  const routeMemo = new Map<number, StageVerdict>();
  const hasGateways = topology.transitGateways.length > 0;
  const connectedExtra = new Float64Array(A * A);
  const countVerdict = (cell: number, v: { verdict: 'reachable' | 'blocked' | 'undetermined'; reason?: ReachReason }) => {
    if (v.verdict === 'reachable') reachable[cell]!++;
    else if (v.verdict === 'undetermined') undetermined[cell]!++;
    else reasons[cell * R + reasonIndex.get(v.reason!)!]!++;
  };
  // Pairs transit gateways join are checked through them (each ordered pair once), peered or not.
  if (hasGateways) {
    for (let x = 0; x < n; x++) {
      for (const other of gatewayNeighbours(estate, estate.ids[x]!)) {
        const y = estate.nodeOf.get(other)!;
        const cell = estate.accountOf[x]! * A + estate.accountOf[y]!;
        direct[cell]!++;
        // Pairs outside each other's component of peerings are connected by the gateways alone.
        if (estate.componentOf[x] !== estate.componentOf[y]) connectedExtra[cell]!++;
        const v = judgeGatewayPair(estate, estate.vpc(x), estate.vpc(y), activePeeringBetween(estate, x, y), trafficOf, { quick: true });
        countVerdict(cell, v);
      }
    }
  }
  for (let x = 0; x < n; x++) {
    for (let k = estate.offsets[x]!, end = estate.offsets[x + 1]!; k < end; k++) {
      const y = estate.neighbours[k]!;
      if (hasGateways && gatewayJoinedNodes(estate, x, y)) continue;
      const cell = estate.accountOf[x]! * A + estate.accountOf[y]!;
      direct[cell]!++;
      const peering = estate.edgePeering[k]!;
      if (peering.status !== 'active') {
        reasons[cell * R + notActive]!++;
        continue;
      }
      const v = judgePair({ estate, from: estate.vpc(x), to: estate.vpc(y), peering, traffic: trafficOf, routeMemo });
      if (v.verdict === 'reachable') reachable[cell]!++;
      else if (v.verdict === 'undetermined') undetermined[cell]!++;
      else reasons[cell * R + reasonIndex.get(v.reason!)!]!++;
    }
  }
  // Connected ordered pairs per account pair, from each component's VPC count per account.
  const perComponent = new Map<number, Map<number, number>>();
  for (let i = 0; i < n; i++) {
    const c = estate.componentOf[i]!;
    let counts = perComponent.get(c);
    if (!counts) perComponent.set(c, (counts = new Map()));
    counts.set(estate.accountOf[i]!, (counts.get(estate.accountOf[i]!) ?? 0) + 1);
  }
  const connected = new Float64Array(A * A);
  for (const counts of perComponent.values()) {
    let size = 0;
    for (const m of counts.values()) size += m;
    if (size < 2) continue;
    for (const [a, ma] of counts) for (const [b, mb] of counts) connected[a * A + b]! += a === b ? ma * (ma - 1) : ma * mb;
  }
  for (let c = 0; c < A * A; c++) connected[c]! += connectedExtra[c]!;
  const notTransitive = REACH_REASONS.indexOf('not-transitive');
  const cells: ReachCell[] = [];
  let total = { reachable: 0, blocked: 0, undetermined: 0 };
  for (let a = 0; a < A; a++) {
    for (let b = 0; b < A; b++) {
      const cell = a * A + b;
      if (connected[cell] === 0) continue;
      reasons[cell * R + notTransitive] = connected[cell]! - direct[cell]!;
      const byReason = {} as Record<ReachReason, number>;
      let blocked = 0;
      let commonest: ReachReason | undefined;
      for (let r = 0; r < R; r++) {
        const count = reasons[cell * R + r]!;
        byReason[REACH_REASONS[r]!] = count;
        blocked += count;
        if (count > 0 && (commonest === undefined || count > byReason[commonest])) commonest = REACH_REASONS[r]!;
      }
      cells.push({
        fromAccountId: estate.accounts[a]!,
        toAccountId: estate.accounts[b]!,
        reachable: reachable[cell]!,
        blocked,
        undetermined: undetermined[cell]!,
        reasons: byReason,
        ...(commonest ? { commonestReason: commonest } : {}),
      });
      total = { reachable: total.reachable + reachable[cell]!, blocked: total.blocked + blocked, undetermined: total.undetermined + undetermined[cell]! };
    }
  }
  return { traffic, accountIds: estate.accounts, cells, ...total };
}

export { entryReasonWords, GATEWAY_COMPONENT_LABELS, REASON_LABELS, trafficWords } from './estate-reach-words';
