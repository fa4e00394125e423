/** The routing summary of every VPC attachment (`complete`, `one-way`, `not-routed`, …) without the
 * checklists' words: the same decisions as `tgwAttachmentChecklist(…).routing`, made from lookups
 * shared by the attachments of one gateway and of one gateway route table, and stopping at the
 * first failure a summary needs. A VPC table's IPv4 routes are checked against a gateway table's
 * destinations by counting (a few binary searches per route), not by a lookup per destination.
 *
 * - out: associated with a table, and every table serving the VPC's subnets routes each
 *   destination that table offers (its active routes not to this attachment, the VPC's own blocks
 *   aside) by an active route that is not the local one;
 * - back: the other available attachments are all associated, and each table they are associated
 *   with routes every block of the VPC to this attachment by an active route.
 */
import type { VpcId } from '../model/ids';
import type { TransitGatewayAttachmentId } from '../model/kinds/transit-gateway';
import type { Route, RouteTable, Topology, TransitGatewayAttachment, TransitGatewayRouteTable } from '../model/topology';
import type { TgwAttachmentRouting } from './tgw-attachment-checklist';
import type { ChecklistIndex, Destination } from './tgw-checklist-lookups';
import { associatedTable, backTablesOf, checklistIndexOf, deepestRoute, destinationsOf, NONE, tgwRouteFor, v4RoutesOf, vpcBlocks, vpcRouteFor } from './tgw-checklist-lookups';
import type { TopologyIndex } from './topology-index';
import { indexTopology, servingTablesOf } from './topology-index';

/** The destinations a gateway table offers, once per CIDR, read once per table for all its attachments. */
interface Offers {
  readonly items: readonly Destination[];
  /** Each item's IPv4 bounds (NaN for others), for a tight scan. */
  readonly lows: Float64Array;
  readonly highs: Float64Array;
  readonly byCidr: ReadonlyMap<string, number>;
  /** The items every route to which targets the attachment: not offered to it. */
  readonly skipFor: ReadonlyMap<TransitGatewayAttachmentId, readonly number[]>;
  /** Scratch: an item marked with an attachment's turn is not offered to that attachment. */
  readonly mark: Int32Array;
  /** The IPv4 items' bounds sorted by first address, then widest first (to count the items inside a block). */
  readonly sortedLows: Float64Array;
  readonly sortedHighs: Float64Array;
  /** The other items (IPv6, unreadable): checked one by one. */
  readonly others: readonly number[];
}

/** One gateway in one region, as the return paths of its attachments read it. */
interface GatewayView {
  readonly tables: readonly TransitGatewayRouteTable[];
  readonly available: readonly TransitGatewayAttachment[];
  /** Available attachments by id: how many are listed. */
  readonly availableById: ReadonlyMap<TransitGatewayAttachmentId, number>;
  /** The tables the available attachments are associated with (`undefined`: none), each with how many attachments of each id. */
  readonly byTable: ReadonlyMap<TransitGatewayRouteTable | undefined, { readonly total: number; readonly ids: ReadonlyMap<TransitGatewayAttachmentId, number> }>;
}

type StepState = 'ok' | 'failing' | 'not-applicable' | 'unknown';

/** The routing of every VPC attachment of the topology, by gateway and attachment id (`tgw-…/tgw-attach-…`). */
export function tgwAttachmentRoutings(topology: Topology): ReadonlyMap<string, TgwAttachmentRouting> {
  const c = checklistIndexOf(topology);
  const index = indexTopology(topology);
  const views = new Map<string, GatewayView>();
  const offers = new Map<TransitGatewayRouteTable, Offers>();
  const turn = { n: 0 };
  const out = new Map<string, TgwAttachmentRouting>();
  for (const listed of topology.transitGatewayAttachments) {
    if (listed.resourceType !== 'vpc') continue;
    const key = `${listed.transitGatewayId}/${listed.id}`;
    if (out.has(key)) continue;
    // As the checklist does: the first attachment listed under the gateway and id is the one read.
    const a = c.attachment.get(`${listed.transitGatewayId}|${listed.id}`)!;
    if (a.resourceType !== 'vpc') continue;
    out.set(key, routingOf(c, index, views, offers, turn, a));
  }
  return out;
}

function viewOf(c: ChecklistIndex, views: Map<string, GatewayView>, gatewayKey: string): GatewayView {
  let view = views.get(gatewayKey);
  if (view) return view;
  const tables = c.tables.get(gatewayKey) ?? NONE;
  const available = c.available.get(gatewayKey) ?? NONE;
  const availableById = new Map<TransitGatewayAttachmentId, number>();
  const byTable = new Map<TransitGatewayRouteTable | undefined, { total: number; ids: Map<TransitGatewayAttachmentId, number> }>();
  for (const { attachment, table } of backTablesOf(c, tables, available)) {
    availableById.set(attachment.id, (availableById.get(attachment.id) ?? 0) + 1);
    let group = byTable.get(table);
    if (!group) byTable.set(table, (group = { total: 0, ids: new Map() }));
    group.total++;
    group.ids.set(attachment.id, (group.ids.get(attachment.id) ?? 0) + 1);
  }
  views.set(gatewayKey, (view = { tables, available, availableById, byTable }));
  return view;
}

/** A table's destinations, one per CIDR, each with the attachments it is not offered to. */
function offersOf(index: TopologyIndex, offers: Map<TransitGatewayRouteTable, Offers>, table: TransitGatewayRouteTable): Offers {
  let hit = offers.get(table);
  if (hit) return hit;
  const byCidr = new Map<string, number>();
  const items: Destination[] = [];
  const targetsAll: Set<TransitGatewayAttachmentId>[] = [];
  for (const d of destinationsOf(index, table).items) {
    const targets = new Set(d.route.targets.map((x) => x.attachmentId));
    const k = byCidr.get(d.cidr);
    if (k === undefined) {
      byCidr.set(d.cidr, items.length);
      items.push(d);
      targetsAll.push(targets);
    } else for (const id of targetsAll[k]!) if (!targets.has(id)) targetsAll[k]!.delete(id);
  }
  const skipFor = new Map<TransitGatewayAttachmentId, number[]>();
  targetsAll.forEach((ids, k) => {
    for (const id of ids) {
      const list = skipFor.get(id);
      if (list) list.push(k);
      else skipFor.set(id, [k]);
    }
  });
  const lows = Float64Array.from(items, (d) => d.low);
  const highs = Float64Array.from(items, (d) => d.high);
  const v4 = items.map((_, k) => k).filter((k) => lows[k] === lows[k]);
  v4.sort((x, y) => lows[x]! - lows[y]! || highs[y]! - highs[x]!);
  const others = items.map((_, k) => k).filter((k) => lows[k] !== lows[k]);
  offers.set(
    table,
    (hit = {
      items,
      lows,
      highs,
      byCidr,
      skipFor,
      mark: new Int32Array(items.length),
      sortedLows: Float64Array.from(v4, (k) => lows[k]!),
      sortedHighs: Float64Array.from(v4, (k) => highs[k]!),
      others,
    }),
  );
  return hit;
}

function routingOf(c: ChecklistIndex, index: TopologyIndex, views: Map<string, GatewayView>, offers: Map<TransitGatewayRouteTable, Offers>, turn: { n: number }, a: TransitGatewayAttachment): TgwAttachmentRouting {
  if (a.state !== 'available') return 'not-applicable';
  const gatewayKey = `${a.transitGatewayId}|${a.region}`;
  const gateway = c.gateway.get(gatewayKey);
  if (!gateway || gateway.routing.state === 'unread') return 'unknown';
  const view = viewOf(c, views, gatewayKey);
  const vpcId = (a.vpc?.vpcId ?? a.resourceId) as VpcId;
  const myBlocks = vpcBlocks(index, vpcId, a.vpc?.options.ipv6Support === true);
  const table = associatedTable(c, view.tables, a);
  const returnPath = returnPathOf(index, view, a, myBlocks);

  // VPC routes: the summary needs ok against failing only when the attachment is associated.
  let vpcRoutes: StepState;
  const serving = index.vpcById.has(vpcId) ? servingTablesOf(index.routeTablesByVpc.get(vpcId) ?? NONE, index.subnetsByVpc.get(vpcId) ?? NONE).tables : undefined;
  if (!serving) vpcRoutes = 'unknown';
  else if (serving.length === 0) vpcRoutes = 'not-applicable';
  else if (table) vpcRoutes = vpcRoutesOf(index, serving, offersOf(index, offers, table), ++turn.n, a.id, myBlocks);
  else vpcRoutes = offersAnyOther(index, view, a, myBlocks) ? 'failing' : 'not-applicable';

  if (vpcRoutes === 'not-applicable' && returnPath === 'not-applicable') return 'nothing-to-route';
  const there = table !== undefined && (vpcRoutes === 'ok' || vpcRoutes === 'not-applicable');
  const back = returnPath === 'ok' || returnPath === 'not-applicable';
  if (vpcRoutes === 'unknown') return back ? 'unknown' : 'not-routed';
  return there && back ? 'complete' : there || back ? 'one-way' : 'not-routed';
}

/**
 * The VPC routes step: `not-applicable` when the table offers the attachment nothing (its own
 * blocks and the routes to it aside), `failing` when a serving table does not route some offered
 * destination by an active route other than the local one (its longest prefix covering it), else
 * `ok`.
 */
function vpcRoutesOf(index: TopologyIndex, serving: readonly RouteTable[], offers: Offers, turn: number, id: TransitGatewayAttachmentId, myBlocks: readonly string[]): StepState {
  const { items, lows, highs, mark } = offers;
  let offered = items.length;
  // Not offered: the destinations every route to which targets the attachment, and its own blocks.
  const skipped: number[] = [];
  for (const k of offers.skipFor.get(id) ?? NONE) {
    mark[k] = turn;
    skipped.push(k);
  }
  for (const b of myBlocks) {
    const k = offers.byCidr.get(b);
    if (k === undefined || mark[k] === turn) continue;
    mark[k] = turn;
    skipped.push(k);
  }
  offered -= skipped.length;
  if (offered === 0) return 'not-applicable';
  for (const rt of serving) {
    const routes = rt.routes;
    const rows = v4RoutesOf(index, routes);
    // IPv4: the destinations whose route is not good, counted over all items, less the skipped ones.
    let failing = offers.sortedLows.length - goodCount(rows, offers, routes);
    for (const k of skipped) if (lows[k] === lows[k] && !isGood(routes, deepestRoute(rows, lows[k]!, highs[k]!))) failing--;
    if (failing > 0) return 'failing';
    for (const k of offers.others) {
      if (mark[k] === turn || !items[k]!.range) continue;
      const route = vpcRouteFor(index, routes, items[k]!, rows);
      if (!route || route.state !== 'active' || route.target.kind === 'local') return 'failing';
    }
  }
  return 'ok';
}

/** A VPC route (by index) that carries traffic to the gateway's destinations: active, not the local route. */
function isGood(routes: readonly Route[], best: number): boolean {
  const route = best < 0 ? undefined : routes[best];
  return route !== undefined && route.state === 'active' && route.target.kind !== 'local';
}


/**
 * How many of the IPv4 items have a good route (`isGood`) in a VPC table, by
 * counting instead of looking each up: blocks nest or are apart, so the items whose longest
 * covering row is row r are those inside r less those inside r's child rows (the longest rows
 * strictly inside it), and the items inside a row are one run of the sorted items.
 */
function goodCount(rows: Float64Array, offers: Offers, routes: readonly Route[]): number {
  // Rows of distinct blocks, the first listed of equals (it is the one chosen).
  const kept: number[] = [];
  for (let r = 0; r < rows.length; r += 4) if (!kept.some((q) => rows[q] === rows[r] && rows[q + 1] === rows[r + 1])) kept.push(r);
  let count = 0;
  for (const r of kept) {
    if (!isGood(routes, rows[r + 3]!)) continue;
    let own = inside(offers, rows[r]!, rows[r + 1]!);
    for (const c of kept) {
      if (c === r || !(rows[r]! <= rows[c]! && rows[c + 1]! <= rows[r + 1]!)) continue;
      // c is a child of r when no other kept row lies strictly between them.
      const between = kept.some((m) => m !== r && m !== c && rows[r]! <= rows[m]! && rows[m + 1]! <= rows[r + 1]! && rows[m]! <= rows[c]! && rows[c + 1]! <= rows[m + 1]!);
      if (!between) own -= inside(offers, rows[c]!, rows[c + 1]!);
    }
    count += own;
  }
  return count;
}

/** How many IPv4 items lie inside [low, high]: from the first that starts there no wider than it to the first that starts after it. */
function inside(offers: Offers, low: number, high: number): number {
  const { sortedLows: lows, sortedHighs: highs } = offers;
  let a = 0;
  let b = lows.length;
  while (a < b) {
    const m = (a + b) >> 1;
    if (lows[m]! < low || (lows[m] === low && highs[m]! > high)) a = m + 1;
    else b = m;
  }
  const first = a;
  b = lows.length;
  while (a < b) {
    const m = (a + b) >> 1;
    if (lows[m]! <= high) a = m + 1;
    else b = m;
  }
  return a - first;
}

/** Unassociated, the gateway offers the other attachments' VPC blocks: is there any besides the VPC's own? */
function offersAnyOther(index: TopologyIndex, view: GatewayView, a: TransitGatewayAttachment, myBlocks: readonly string[]): boolean {
  for (const o of view.available) {
    if (o.id === a.id || o.resourceType !== 'vpc') continue;
    if (vpcBlocks(index, (o.vpc?.vpcId ?? o.resourceId) as VpcId, true).some((b) => !myBlocks.includes(b))) return true;
  }
  return false;
}

/** The return path: not applicable with no other attachment; ok when every other one is associated and its table routes the VPC's blocks to this attachment. */
function returnPathOf(index: TopologyIndex, view: GatewayView, a: TransitGatewayAttachment, myBlocks: readonly string[]): StepState {
  if (view.available.length - (view.availableById.get(a.id) ?? 0) === 0) return 'not-applicable';
  for (const [t, group] of view.byTable) {
    // Only tables some other attachment is associated with bring traffic back.
    if (group.total - (group.ids.get(a.id) ?? 0) === 0) continue;
    if (!t) return 'failing';
    for (const cidr of myBlocks) {
      const range = index.rangeOf(cidr);
      const route = range ? tgwRouteFor(index, t, range) : undefined;
      if (!route || route.state !== 'active' || !route.targets.some((x) => x.attachmentId === a.id)) return 'failing';
    }
  }
  return 'ok';
}
