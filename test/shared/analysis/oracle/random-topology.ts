/** Random topologies for the property tests: small address space, so blocks nest, touch and repeat.
 *
 * VPCs with primary, secondary and IPv6 blocks in every association state, some known only from
 * peering sides; subnets inside their blocks; main and explicit route tables with local, static,
 * propagated, prefix-list, default and blackhole routes whose destinations are other VPCs' blocks
 * made wider, narrower or shifted; peerings in every status with full, partial and empty sides.
 * Generated as plain numbers and picks, then built, so fast-check can shrink a failure.
 */
import fc from 'fast-check';

import type { PeeringId, RouteTableId, SubnetId } from '../../../../shared/model/ids';
import type { Peering, PeeringSide, PeeringStatus, Route, RouteTable, SecurityGroup, Subnet, Topology, TransitGatewayAttachment, TransitGatewayRoute, Vpc, VpcCidrBlock } from '../../../../shared/model/topology';
import { PEERING_STATUSES } from '../../../../shared/model/topology';
import { networkAcl, tgwRoute, topology, transitGateway, transitGatewayRouteTable, vpcAttachment } from '../../../support/fixtures/build-topology';

/** A block as numbers: IPv4 within 10.0.0.0/12, IPv6 within 2600:1f18::/40. */
interface BlockPick {
  readonly v6: boolean;
  readonly prefix: number;
  readonly index: number;
}

const V4_PREFIXES = [13, 16, 16, 16, 18, 20, 24];
const V6_PREFIXES = [40, 44, 48, 48, 52, 56];
const BLOCK_STATES = ['associated', 'associated', 'associated', 'associating', 'disassociating', 'disassociated', 'failed'];

function v4Text(start: bigint, prefix: number): string {
  const n = Number(start);
  return `${(n >>> 24) & 255}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}/${prefix}`;
}

/** Full, uncompressed IPv6 text: the code under test normalises it, the oracle parses it. */
function v6Text(start: bigint, prefix: number): string {
  const groups: string[] = [];
  for (let i = 7; i >= 0; i--) groups.push(((start >> BigInt(16 * i)) & 0xffffn).toString(16));
  return `${groups.join(':')}/${prefix}`;
}

const V4_BASE = 0x0a000000n;
const V6_BASE = 0x26001f18n << 96n;

/** The block of a pick, as text and bounds. */
function blockOf(pick: BlockPick): { text: string; start: bigint; prefix: number; v6: boolean } {
  const width = pick.v6 ? 128 : 32;
  const room = pick.prefix - (pick.v6 ? 40 : 12);
  const start = (pick.v6 ? V6_BASE : V4_BASE) + (BigInt(pick.index % 2 ** room) << BigInt(width - pick.prefix));
  return { text: pick.v6 ? v6Text(start, pick.prefix) : v4Text(start, pick.prefix), start, prefix: pick.prefix, v6: pick.v6 };
}

/** A block `delta` bits narrower (positive, at `offset` inside) or wider (negative) than `base`. */
function reshape(base: { start: bigint; prefix: number; v6: boolean }, delta: number, offset: number): string {
  const width = base.v6 ? 128 : 32;
  const prefix = Math.max(0, Math.min(width, base.prefix + delta));
  const size = 1n << BigInt(width - prefix);
  let start = (base.start / size) * size;
  if (prefix > base.prefix) start = base.start + BigInt(offset % 2 ** (prefix - base.prefix)) * size;
  return base.v6 ? v6Text(start, prefix) : v4Text(start, prefix);
}

const arbBlock = (v6: boolean): fc.Arbitrary<BlockPick> =>
  fc.record({ v6: fc.constant(v6), prefix: fc.constantFrom(...(v6 ? V6_PREFIXES : V4_PREFIXES)), index: fc.nat(15) });

const arbRoute = fc.record({
  /** Which of the owner's peerings (else any) a `via` destination or target means. */
  via: fc.nat(),
  dest: fc.oneof(
    // Every block of the peer across `via`, exactly: what a finished peering has.
    { weight: 4, arbitrary: fc.record({ kind: fc.constant('peer-all' as const) }) },
    { weight: 8, arbitrary: fc.record({ kind: fc.constant('peer' as const), block: fc.nat(), delta: fc.constantFrom(0, 0, 0, 0, 0, 1, 2, -1, -6), offset: fc.nat(7) }) },
    { weight: 3, arbitrary: fc.record({ kind: fc.constant('block' as const), vpc: fc.nat(), block: fc.nat(), delta: fc.constantFrom(-2, -1, 0, 0, 1, 2, 3), offset: fc.nat(7) }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('default' as const), v6: fc.boolean() }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('list' as const), list: fc.nat(1) }) },
  ),
  target: fc.oneof(
    { weight: 6, arbitrary: fc.record({ kind: fc.constant('via' as const) }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('peering' as const), pick: fc.nat() }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('other' as const), id: fc.constantFrom('tgw-1', 'igw-1', 'eni-1', 'vpce-1', 'pcx-gone') }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('propagated' as const) }) },
  ),
  blackhole: fc.oneof({ weight: 1, arbitrary: fc.constant(true) }, { weight: 4, arbitrary: fc.constant(false) }),
});

const arbVpc = fc.record({
  scanned: fc.oneof({ weight: 3, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
  /** Mostly a block in the VPC's own part of the space (so peers can route), sometimes anywhere (so VPCs overlap). */
  ownSpace: fc.oneof({ weight: 3, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
  primary: arbBlock(false),
  secondary: fc.array(fc.record({ block: arbBlock(false), state: fc.constantFrom(...BLOCK_STATES) }), { maxLength: 2 }),
  ipv6: fc.option(fc.record({ block: arbBlock(true), state: fc.constantFrom(...BLOCK_STATES) }), { nil: undefined, freq: 3 }),
  subnets: fc.array(fc.record({ block: fc.nat(), narrower: fc.nat(3), offset: fc.nat(7), v6: fc.boolean() }), { minLength: 1, maxLength: 3 }),
  tables: fc.array(
    fc.record({
      main: fc.oneof({ weight: 3, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
      subnets: fc.array(fc.nat(), { maxLength: 2 }),
      routes: fc.array(arbRoute, { maxLength: 6 }),
    }),
    { minLength: 1, maxLength: 2 },
  ),
});

const arbPlan = fc.record({
  vpcs: fc.array(arbVpc, { minLength: 2, maxLength: 5 }),
  peerings: fc.array(
    fc.record({
      a: fc.nat(),
      b: fc.nat(),
      status: fc.oneof({ weight: 6, arbitrary: fc.constant<PeeringStatus>('active') }, { weight: 5, arbitrary: fc.constantFrom(...PEERING_STATUSES) }),
      requester: fc.constantFrom('full', 'full', 'first', 'empty'),
      accepter: fc.constantFrom('full', 'full', 'first', 'empty'),
      expires: fc.option(fc.nat(5), { nil: undefined }),
    }),
    { maxLength: 6 },
  ),
});

/** The plan fast-check generates; `buildTopology` turns it into a topology. */
export type TopologyPlan = typeof arbPlan extends fc.Arbitrary<infer T> ? T : never;

const HELD = new Set(['associated', 'associating', 'disassociating']);
const ACCOUNT = '111111111111';
const REGION = 'eu-west-1';

/** Build the topology of a plan. Every scanned VPC has a security group allowing all traffic in and out. */
export function buildTopology(plan: TopologyPlan): Topology {
  const vpcs: Vpc[] = [];
  const all: Vpc[] = [];
  plan.vpcs.forEach((v, i) => {
    const seen = new Set<string>();
    const blocks: VpcCidrBlock[] = [];
    const add = (pick: BlockPick, state: string, primary: boolean): void => {
      const { text } = blockOf(pick);
      if (seen.has(text)) return;
      seen.add(text);
      blocks.push({ cidr: text, family: pick.v6 ? 'ipv6' : 'ipv4', primary, state });
    };
    // The own space of VPC i: the i-th /15 of IPv4 (a /16 to /20 at its start), the i-th /44 of IPv6.
    const own = (pick: BlockPick): BlockPick =>
      v.ownSpace ? { v6: pick.v6, prefix: Math.max(pick.prefix, pick.v6 ? 44 : 16), index: i * 2 ** (Math.max(pick.prefix, pick.v6 ? 44 : 16) - (pick.v6 ? 44 : 15)) } : pick;
    add(own(v.primary), 'associated', true);
    for (const s of v.secondary) add(s.block, s.state, false);
    if (v.ipv6) add(own(v.ipv6.block), v.ipv6.state, false);
    const vpc: Vpc = { id: `vpc-${i}`, accountId: v.scanned ? ACCOUNT : '999999999999', region: REGION, tags: {}, isDefault: false, state: 'available', cidrBlocks: blocks };
    all.push(vpc);
    if (v.scanned) vpcs.push(vpc);
  });
  const held = (v: Vpc) => v.cidrBlocks.filter((b) => HELD.has(b.state));

  const subnets: Subnet[] = [];
  plan.vpcs.forEach((v, i) => {
    const owner = all[i]!;
    const v4 = held(owner).filter((b) => b.family === 'ipv4');
    const v6 = held(owner).filter((b) => b.family === 'ipv6');
    if (!v.scanned || v4.length === 0) return;
    v.subnets.forEach((s, j) => {
      const base = parseBlock(v4[s.block % v4.length]!.cidr);
      const ipv6Cidrs = s.v6 && v6.length > 0 ? [reshape(parseBlock(v6[0]!.cidr), 8, s.offset)] : [];
      subnets.push({ id: `subnet-${i}${j}`, vpcId: owner.id, accountId: ACCOUNT, region: REGION, cidr: reshape(base, Math.min(s.narrower, 28 - base.prefix), s.offset), ipv6Cidrs, availabilityZone: `${REGION}a` });
    });
  });

  const peerings: Peering[] = [];
  const activePairs = new Set<string>();
  plan.peerings.forEach((p, i) => {
    const a = all[p.a % all.length]!;
    const b = all[p.b % all.length]!;
    if (a.id === b.id) return;
    const pair = [a.id, b.id].sort().join('|');
    // AWS allows one active peering per pair of VPCs.
    const status: PeeringStatus = p.status === 'active' && activePairs.has(pair) ? 'deleted' : p.status;
    if (status === 'active') activePairs.add(pair);
    const side = (v: Vpc, how: string): PeeringSide => {
      const blocks = held(v).slice(0, how === 'full' ? undefined : how === 'first' ? 1 : 0);
      return { accountId: v.accountId, vpcId: v.id, region: REGION, cidrBlocks: blocks.filter((x) => x.family === 'ipv4').map((x) => x.cidr), ipv6CidrBlocks: blocks.filter((x) => x.family === 'ipv6').map((x) => x.cidr) };
    };
    peerings.push({
      id: `pcx-${i}` as PeeringId,
      status,
      requester: side(a, p.requester),
      accepter: side(b, p.accepter),
      ...(p.expires !== undefined ? { expirationTime: `2026-0${p.expires + 1}-01T00:00:00.000Z` } : {}),
      tags: {},
    });
  });

  const routeTables: RouteTable[] = [];
  const associated = new Set<SubnetId>();
  plan.vpcs.forEach((v, i) => {
    const owner = all[i]!;
    if (!v.scanned) return;
    const own = subnets.filter((s) => s.vpcId === owner.id);
    const ownPeerings = peerings.filter((p) => p.requester.vpcId === owner.id || p.accepter.vpcId === owner.id);
    let hasMain = false;
    v.tables.forEach((t, j) => {
      const subnetIds: SubnetId[] = [];
      for (const pick of t.subnets) {
        const s = own[pick % Math.max(1, own.length)];
        // A subnet is explicitly associated with one table at most.
        if (s && !associated.has(s.id)) {
          associated.add(s.id);
          subnetIds.push(s.id);
        }
      }
      const main = t.main && !hasMain;
      hasMain ||= main;
      const routes: Route[] = held(owner).map((b) => ({ destination: b.cidr, target: { kind: 'local' }, state: 'active', origin: 'CreateRouteTable' }));
      const staticAt = new Set(routes.map((r) => blockKey(r.destination)));
      const propagatedAt = new Set<string>();
      for (const r of t.routes) {
        const choices = ownPeerings.length > 0 ? ownPeerings : peerings;
        const via = choices.length > 0 ? choices[r.via % choices.length] : undefined;
        const peerId = via ? (via.requester.vpcId === owner.id ? via.accepter.vpcId : via.requester.vpcId) : owner.id;
        const peer = all.find((x) => x.id === peerId)!;
        const destinations: string[] = [];
        if (r.dest.kind === 'default') destinations.push(r.dest.v6 ? '::/0' : '0.0.0.0/0');
        else if (r.dest.kind === 'list') destinations.push(`pl-${r.dest.list}`);
        else if (r.dest.kind === 'peer-all') destinations.push(...held(peer).map((b) => b.cidr));
        else {
          const v2 = r.dest.kind === 'peer' ? peer : all[r.dest.vpc % all.length]!;
          const base = v2.cidrBlocks[r.dest.block % v2.cidrBlocks.length]!;
          destinations.push(reshape(parseBlock(base.cidr), r.dest.delta, r.dest.offset));
        }
        const propagated = r.target.kind === 'propagated' && r.dest.kind !== 'list';
        const target: Route['target'] =
          r.target.kind === 'via'
            ? { kind: 'peering', peeringId: via?.id ?? ('pcx-gone' as PeeringId) }
            : r.target.kind === 'peering'
              ? { kind: 'peering', peeringId: peerings.length > 0 ? peerings[r.target.pick % peerings.length]!.id : ('pcx-gone' as PeeringId) }
              : r.target.kind === 'other' && r.target.id === 'pcx-gone'
                ? { kind: 'peering', peeringId: 'pcx-gone' as PeeringId }
                : { kind: 'other', id: r.target.kind === 'other' ? r.target.id : 'vgw-1' };
        // A route to a peering that is not active is a blackhole.
        const dead = target.kind === 'peering' && peerings.find((p) => p.id === target.peeringId)?.status !== 'active';
        for (const destination of destinations) {
          // AWS keeps one static route per destination (and propagates one per destination).
          const at = propagated ? propagatedAt : staticAt;
          const key = blockKey(destination);
          if (at.has(key)) continue;
          at.add(key);
          routes.push({ destination, target, state: r.blackhole || dead ? 'blackhole' : 'active', origin: propagated ? 'EnableVgwRoutePropagation' : 'CreateRoute' });
        }
      }
      routeTables.push({ id: `rtb-${i}${j}` as RouteTableId, vpcId: owner.id, accountId: ACCOUNT, region: REGION, main, subnetIds, routes });
    });
  });

  const openRules = [
    { protocol: '-1', peer: { kind: 'cidr' as const, cidr: '0.0.0.0/0' } },
    { protocol: '-1', peer: { kind: 'cidr' as const, cidr: '::/0' } },
  ];
  const securityGroups: SecurityGroup[] = vpcs.map((v) => ({ id: `sg-${v.id.slice(4)}`, vpcId: v.id, accountId: ACCOUNT, region: REGION, name: 'open', description: 'all traffic', ingress: openRules, egress: openRules }));
  // Each VPC's default ACL allows everything, as AWS makes it: the oracle walks routes only.
  const networkAcls = vpcs.map((v) => networkAcl(`acl-${v.id.slice(4)}`, v));
  return topology({ accounts: [{ id: ACCOUNT, profiles: ['p'] }], vpcs, subnets, routeTables, securityGroups, peerings, networkAcls });
}

/** Random topologies. */
export const arbTopology: fc.Arbitrary<Topology> = arbPlan.map(buildTopology);

/** A block's first address and prefix from the texts this generator writes (dotted IPv4, full IPv6, `::/0`). */
export function parseBlock(text: string): { start: bigint; prefix: number; v6: boolean } {
  const [address, prefix] = text.split('/') as [string, string];
  if (!address.includes(':')) return { start: address.split('.').reduce((n, part) => n * 256n + BigInt(part), 0n), prefix: Number(prefix), v6: false };
  if (address === '::') return { start: 0n, prefix: Number(prefix), v6: true };
  return { start: address.split(':').reduce((n, part) => n * 65536n + BigInt(`0x${part}`), 0n), prefix: Number(prefix), v6: true };
}

function blockKey(text: string): string {
  if (text.startsWith('pl-')) return text;
  const b = parseBlock(text);
  return `${b.v6 ? 6 : 4}|${b.start}|${b.prefix}`;
}

/** A transit gateway for a random topology: which VPCs attach (associated or not, available or pending) and the routes of its one table. */
const arbGatewayPlan = fc.record({
  attach: fc.array(fc.record({ vpc: fc.nat(), associated: fc.oneof({ weight: 4, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }), pending: fc.oneof({ weight: 6, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }) }), { minLength: 1, maxLength: 5 }),
  routes: fc.array(
    fc.record({
      vpc: fc.nat(),
      block: fc.nat(),
      delta: fc.constantFrom(0, 0, 0, 1, 2, -1, -4),
      offset: fc.nat(7),
      propagated: fc.boolean(),
      blackhole: fc.oneof({ weight: 1, arbitrary: fc.constant(true) }, { weight: 5, arbitrary: fc.constant(false) }),
      attachment: fc.nat(),
    }),
    { maxLength: 7 },
  ),
});

/** `t` with gateway tgw-1 (its routing read): attachments of the VPCs the plan picks (by their first subnet), and table tgw-rtb-1. */
function withGateway(t: Topology, g: typeof arbGatewayPlan extends fc.Arbitrary<infer T> ? T : never): Topology {
  const gw = transitGateway('tgw-1', { accountId: ACCOUNT, region: REGION, defaultRouteTableId: 'tgw-rtb-1' });
  const attachable = t.vpcs.filter((v) => t.subnets.some((s) => s.vpcId === v.id));
  const attachments: TransitGatewayAttachment[] = [];
  for (const a of g.attach) {
    const owner = attachable[a.vpc % Math.max(1, attachable.length)];
    if (!owner || attachments.some((x) => x.resourceId === owner.id)) continue;
    const made = vpcAttachment(`tgw-attach-${owner.id.slice(4)}`, gw, owner, [t.subnets.find((s) => s.vpcId === owner.id)!], a.associated ? 'tgw-rtb-1' : undefined);
    attachments.push(a.pending ? { ...made, state: 'pendingAcceptance' } : made);
  }
  const routes: TransitGatewayRoute[] = [];
  const seen = new Set<string>();
  for (const r of g.routes) {
    const v = t.vpcs[r.vpc % Math.max(1, t.vpcs.length)];
    if (!v || v.cidrBlocks.length === 0) continue;
    const destination = reshape(parseBlock(v.cidrBlocks[r.block % v.cidrBlocks.length]!.cidr), r.delta, r.offset);
    const key = `${blockKey(destination)}|${r.propagated}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const target = attachments[r.attachment % Math.max(1, attachments.length)];
    routes.push(tgwRoute(destination, r.blackhole || !target ? 'blackhole' : [target], r.propagated && target && !r.blackhole ? 'propagated' : 'static'));
  }
  const table = transitGatewayRouteTable('tgw-rtb-1', gw, { associations: attachments.filter((a) => a.association), routes });
  // Attached VPCs send the whole IPv4 space of the generator to the gateway (their more specific routes still win).
  const attached = new Set(attachments.map((a) => a.resourceId));
  const toGateway: Route = { destination: '10.0.0.0/12', target: { kind: 'other', id: 'tgw-1' }, state: 'active', origin: 'CreateRoute' };
  const routeTables = t.routeTables.map((rt) =>
    attached.has(rt.vpcId) && !rt.routes.some((r) => r.destination === toGateway.destination) ? { ...rt, routes: [...rt.routes, toGateway] } : rt,
  );
  return { ...t, routeTables, transitGateways: [gw], transitGatewayAttachments: attachments, transitGatewayRouteTables: [table] };
}

/** Random topologies with a transit gateway some VPCs attach to (their routes to `tgw-1` then go through it). */
export const arbTopologyWithGateway: fc.Arbitrary<Topology> = fc.tuple(arbPlan, arbGatewayPlan).map(([p, g]) => withGateway(buildTopology(p), g));
