/** The transit gateway estate of `npm run bench:analysis`, built deterministically.
 *
 * 10,000 VPCs in 20 accounts and 4 regions (a /22 each, one in fifty re-using an earlier VPC's
 * block, one in four a secondary 100.64/10 block), two subnets each (zones a and b), a main table
 * and a private table serving subnet b. 50 gateways (one in ten with unread routing, 10 shared and
 * auto-accepting), peered in pairs across regions (one pair's peering pending), each with a
 * default table and, on every fifth gateway, an isolated second table. 5,000 VPC attachments
 * (about 100 per gateway, in the gateway's region): one in fifty pending acceptance, one in a hundred
 * associated with no table, one in ten with an attachment subnet in zone a only, one in fifty not
 * propagating. Default tables hold the propagated routes of their attachments (a re-used block
 * once only), static routes across the gateway peering for the peer's VPCs (one in twenty
 * missing, one in fifty a blackhole), and blackhole routes to 100 deleted attachments. Of the
 * attached VPCs, most send 10.0.0.0/8 to their gateway from both tables, one in fifty sends only
 * the first half (10.0.0.0/9), one in fifty only from the main table, one in fifty not at all; 3,000
 * VPC peerings (mostly between neighbours, some beside the gateway) have their more specific
 * routes on both sides, so the peering decides where both could carry.
 */
import type { PeeringId, RouteTableId, SubnetId, VpcId } from '../../shared/model/ids';
import type { Snapshot } from '../../shared/model/snapshot';
import type {
  Peering,
  Route,
  RouteTable,
  Subnet,
  TransitGateway,
  TransitGatewayAttachment,
  TransitGatewayPeering,
  TransitGatewayRoute,
  TransitGatewayRouteTable,
  Vpc,
} from '../../shared/model/topology';
import { attachmentRef, snapshot, topology, transitGateway, transitGatewayPeering, transitGatewayRouteTable, vpcAttachment } from '../support/fixtures/build-topology';

/** The estate's size: the benchmark's by default; tests build a smaller one of the same shape. */
export interface TgwEstateSize {
  readonly vpcs: number;
  readonly gateways: number;
  readonly attachments: number;
  readonly peerings: number;
}

export const TGW_BENCH_SIZE: TgwEstateSize = { vpcs: 10_000, gateways: 50, attachments: 5_000, peerings: 3_000 };
const REGIONS = ['eu-west-1', 'us-east-1', 'ap-southeast-2', 'sa-east-1'];

/** mulberry32: a small seeded PRNG so every run builds the same estate (the peering estate's too). */
export function createRandom(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const hex = (n: number, width = 5) => n.toString(16).padStart(width, '0');

const active = (destination: string, target: Route['target'], state: Route['state'] = 'active'): Route => ({ destination, target, state, origin: 'CreateRoute' });

/** The estate, as a snapshot. */
export function buildTgwEstate(size: TgwEstateSize = TGW_BENCH_SIZE): Snapshot {
  const { vpcs: TGW_VPC_COUNT, gateways: TGW_GATEWAY_COUNT, attachments: TGW_ATTACHMENT_COUNT, peerings: VPC_PEERING_COUNT } = size;
  const random = createRandom(21);
  const accounts = Array.from({ length: 20 }, (_, i) => String(200000000000 + i));
  const vpcs: Vpc[] = [];
  const primaries: string[] = [];
  const subnets: Subnet[] = [];
  for (let i = 0; i < TGW_VPC_COUNT; i++) {
    const reuse = i > 0 && random() < 0.02;
    const primary = reuse ? primaries[Math.floor(random() * primaries.length)]! : `10.${(i >> 6) & 255}.${(i & 63) << 2}.0/22`;
    primaries.push(primary);
    const v: Vpc = {
      id: `vpc-${hex(i, 17)}`,
      accountId: accounts[i % accounts.length]!,
      region: REGIONS[i % REGIONS.length]!,
      name: `vpc-${i}`,
      tags: {},
      isDefault: false,
      state: 'available',
      cidrBlocks: [
        { cidr: primary, family: 'ipv4', primary: true, state: 'associated' },
        ...(i % 4 === 1 ? [{ cidr: `100.${64 + (i >> 8)}.${i & 255}.0/24`, family: 'ipv4' as const, primary: false, state: 'associated' as const }] : []),
      ],
    };
    vpcs.push(v);
    const net = primary.slice(0, primary.lastIndexOf('.'));
    for (const zone of ['a', 'b']) {
      subnets.push({ id: `subnet-${hex(i, 17)}${zone}`, vpcId: v.id, accountId: v.accountId, region: v.region, cidr: zone === 'a' ? `${net}.0/24` : `${net}.128/25`, ipv6Cidrs: [], availabilityZone: `${v.region}${zone}` });
    }
  }

  // Gateways: gateway g in region g % 4; pairs (2m, 2m + 1) peered, so across regions.
  const gateways: TransitGateway[] = [];
  for (let g = 0; g < TGW_GATEWAY_COUNT; g++) {
    const base = transitGateway(`tgw-${hex(g, 17)}`, {
      accountId: accounts[g % accounts.length]!,
      region: REGIONS[g % REGIONS.length]!,
      defaultRouteTableId: `tgw-rtb-${hex(g, 17)}`,
      ...(g < 10 ? { sharedWith: [accounts[(g + 1) % accounts.length]!] } : {}),
      ...(g >= TGW_GATEWAY_COUNT - Math.ceil(TGW_GATEWAY_COUNT / 10) ? { routing: { state: 'unread', reason: 'owner-not-scanned' } as const } : {}),
    });
    gateways.push(g < 10 ? { ...base, options: { ...base.options, autoAcceptSharedAttachments: true } } : base);
  }
  const peeringViews = new Map<number, TransitGatewayAttachment>();
  const tgwPeerings: TransitGatewayPeering[] = [];
  const peeringAttachments: TransitGatewayAttachment[] = [];
  for (let g = 0; g + 1 < TGW_GATEWAY_COUNT; g += 2) {
    const made = transitGatewayPeering(`tgw-attach-p${hex(g, 16)}`, gateways[g]!, gateways[g + 1]!, { requester: `tgw-rtb-${hex(g, 17)}`, accepter: `tgw-rtb-${hex(g + 1, 17)}` });
    const pending = g === 2;
    tgwPeerings.push(pending ? { ...made.peering, state: 'pendingAcceptance' } : made.peering);
    for (const [k, view] of made.attachments.entries()) {
      const v = pending ? { ...view, state: 'pendingAcceptance' } : view;
      peeringAttachments.push(v);
      peeringViews.set(g + k, v);
    }
  }

  // Attachments: VPC i (i < 5,000) to a gateway of its region.
  const attachments: TransitGatewayAttachment[] = [];
  const attachedTo = new Map<number, number>();
  const byGateway = new Map<number, { a: TransitGatewayAttachment; i: number }[]>();
  for (let i = 0; i < TGW_ATTACHMENT_COUNT; i++) {
    const r = i % REGIONS.length;
    const slots = Math.max(1, Math.floor((TGW_GATEWAY_COUNT - r - 1) / REGIONS.length) + 1);
    const g = r + REGIONS.length * ((i >> 2) % slots);
    const gateway = gateways[g]!;
    const v = vpcs[i]!;
    const zoneA = subnets[2 * i]!;
    const zoneB = subnets[2 * i + 1]!;
    const table = g % 5 === 0 && i % 10 === 3 ? `tgw-rtb-${hex(g, 17)}i` : `tgw-rtb-${hex(g, 17)}`;
    const base = vpcAttachment(`tgw-attach-${hex(i, 17)}`, gateway, v, i % 10 === 7 ? [zoneA] : [zoneA, zoneB], i % 100 === 11 ? undefined : (table as TransitGatewayRouteTable['id']));
    const a: TransitGatewayAttachment = i % 50 === 13 ? { ...base, state: 'pendingAcceptance' } : base;
    attachments.push(a);
    attachedTo.set(i, g);
    const list = byGateway.get(g) ?? [];
    list.push({ a, i });
    byGateway.set(g, list);
  }
  const deleted: TransitGatewayAttachment[] = [];
  for (let d = 0; d < 100; d++) {
    const g = d % TGW_GATEWAY_COUNT;
    const ghost: Vpc = { ...vpcs[0]!, id: `vpc-d${hex(d, 16)}`, region: gateways[g]!.region };
    deleted.push({ ...vpcAttachment(`tgw-attach-d${hex(d, 16)}`, gateways[g]!, ghost, []), state: 'deleted' });
  }

  // Gateway route tables.
  const tables: TransitGatewayRouteTable[] = [];
  const propagated = (g: number): TransitGatewayRoute[] => {
    const routes: TransitGatewayRoute[] = [];
    const seen = new Set<string>();
    for (const { a, i } of byGateway.get(g) ?? []) {
      if (a.state !== 'available' || i % 50 === 17) continue;
      for (const b of vpcs[i]!.cidrBlocks) {
        // A block overlapping one already propagated is not propagated.
        if (seen.has(b.cidr)) continue;
        seen.add(b.cidr);
        routes.push({ destination: { kind: 'cidr', cidr: b.cidr }, type: 'propagated', state: 'active', targets: [attachmentRef(a)] });
      }
    }
    return routes;
  };
  for (let g = 0; g < TGW_GATEWAY_COUNT - Math.ceil(TGW_GATEWAY_COUNT / 10); g++) {
    const gateway = gateways[g]!;
    const mine = byGateway.get(g) ?? [];
    const routes = propagated(g);
    const peerView = peeringViews.get(g);
    const peer = g % 2 === 0 ? g + 1 : g - 1;
    if (peerView) {
      for (const { i } of byGateway.get(peer) ?? []) {
        const r = random();
        if (r < 0.05) continue;
        routes.push({ destination: { kind: 'cidr', cidr: vpcs[i]!.cidrBlocks[0]!.cidr }, type: 'static', state: r < 0.07 ? 'blackhole' : 'active', targets: r < 0.07 ? [] : [attachmentRef(peerView)] });
      }
    }
    deleted.filter((a) => a.transitGatewayId === gateway.id).forEach((a, k) => routes.push({ destination: { kind: 'cidr', cidr: `192.168.${k}.0/24` }, type: 'static', state: 'blackhole', targets: [attachmentRef(a)] }));
    const associatedWith = (id: string) => mine.filter(({ a }) => a.association?.routeTableId === id).map(({ a }) => a);
    const defaultId = `tgw-rtb-${hex(g, 17)}` as TransitGatewayRouteTable['id'];
    const mainAssociations = [...associatedWith(defaultId), ...(peerView ? [peerView] : [])];
    tables.push(transitGatewayRouteTable(defaultId, gateway, { associations: mainAssociations, propagations: mine.filter(({ i }) => i % 50 !== 17).map(({ a }) => a), routes }));
    if (g % 5 === 0) {
      // The isolated table: back to the shared-services VPCs (the first ten attached) only.
      const isolatedId = `${defaultId}i` as TransitGatewayRouteTable['id'];
      const shared = mine.slice(0, 10).filter(({ a }) => a.state === 'available');
      const isolatedRoutes: TransitGatewayRoute[] = shared.map(({ a, i }) => ({ destination: { kind: 'cidr', cidr: vpcs[i]!.cidrBlocks[0]!.cidr }, type: 'propagated', state: 'active', targets: [attachmentRef(a)] }));
      tables.push(transitGatewayRouteTable(isolatedId, gateway, { associations: associatedWith(isolatedId), propagations: shared.map(({ a }) => a), routes: isolatedRoutes, isDefault: false }));
    }
  }

  // VPC peerings: mostly neighbours (often on one gateway), some long links.
  const peerings: Peering[] = [];
  const pairs = new Set<string>();
  const side = (v: Vpc) => ({ accountId: v.accountId, vpcId: v.id, region: v.region, cidrBlocks: v.cidrBlocks.map((b) => b.cidr), ipv6CidrBlocks: [] });
  while (peerings.length < VPC_PEERING_COUNT) {
    const x = Math.floor(random() * TGW_VPC_COUNT);
    const y = random() < 0.7 ? (x + 4 * (1 + Math.floor(random() * 12))) % TGW_VPC_COUNT : Math.floor(random() * TGW_VPC_COUNT);
    if (x === y) continue;
    const key = x < y ? `${x}|${y}` : `${y}|${x}`;
    if (pairs.has(key)) continue;
    pairs.add(key);
    peerings.push({ id: `pcx-${hex(peerings.length, 17)}`, status: random() < 0.97 ? 'active' : 'pending-acceptance', requester: side(vpcs[x]!), accepter: side(vpcs[y]!), tags: {} });
  }
  const peerRoutes = new Map<VpcId, Route[]>();
  for (const p of peerings) {
    if (p.status !== 'active') continue;
    for (const [own, other] of [
      [p.requester, p.accepter],
      [p.accepter, p.requester],
    ] as const) {
      const list = peerRoutes.get(own.vpcId) ?? [];
      for (const cidr of other.cidrBlocks) if (random() > 0.05) list.push(active(cidr, { kind: 'peering', peeringId: p.id as PeeringId }));
      peerRoutes.set(own.vpcId, list);
    }
  }

  const routeTables: RouteTable[] = [];
  for (let i = 0; i < TGW_VPC_COUNT; i++) {
    const v = vpcs[i]!;
    const g = attachedTo.get(i);
    const local = v.cidrBlocks.map((b): Route => ({ destination: b.cidr, target: { kind: 'local' }, state: 'active', origin: 'CreateRouteTable' }));
    const toGateway = (cidr: string): Route[] => (g === undefined ? [] : [active(cidr, { kind: 'other', id: gateways[g]!.id })]);
    const shape = i % 50;
    const mainGateway = g === undefined || shape === 9 ? [] : toGateway(shape === 4 ? '10.0.0.0/9' : '10.0.0.0/8');
    const privateGateway = shape === 8 ? [] : mainGateway;
    const peered = peerRoutes.get(v.id) ?? [];
    const table = (id: RouteTableId, main: boolean, subnetIds: SubnetId[], routes: Route[]): RouteTable => ({ id, vpcId: v.id, accountId: v.accountId, region: v.region, main, subnetIds, routes });
    routeTables.push(
      table(`rtb-${hex(i, 17)}m`, true, [], [...local, active('0.0.0.0/0', { kind: 'other', id: `igw-${hex(i, 17)}` }), ...mainGateway, ...peered]),
      table(`rtb-${hex(i, 17)}p`, false, [`subnet-${hex(i, 17)}b`], [...local, active('0.0.0.0/0', { kind: 'other', id: `nat-${hex(i, 17)}` }), ...privateGateway, ...peered]),
    );
  }

  return snapshot(
    topology({
      accounts: accounts.map((id) => ({ id, profiles: [`p-${id}`] })),
      vpcs,
      subnets,
      routeTables,
      peerings,
      transitGateways: gateways,
      transitGatewayAttachments: [...attachments, ...peeringAttachments, ...deleted],
      transitGatewayRouteTables: tables,
      transitGatewayPeerings: tgwPeerings,
    }),
  );
}
