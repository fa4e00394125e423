/** The lookups behind the attachment checklists (`tgw-attachment-checklist.ts`), made once per
 * topology, table or routes array so a checklist of every attachment reads each gateway, table
 * and route a few times, not once per attachment. */
import { isWithin } from '../cidr/overlap';
import type { CidrRange } from '../cidr/parse-cidr';
import type { VpcId } from '../model/ids';
import type { TransitGatewayAttachmentId } from '../model/kinds/transit-gateway';
import type { Route, Topology, TransitGateway, TransitGatewayAttachment, TransitGatewayRoute, TransitGatewayRouteTable } from '../model/topology';
import type { TopologyIndex } from './topology-index';

/** A destination a gateway table offers: a route's CIDR (or one entry of its prefix list), parsed. */
export interface Destination {
  readonly cidr: string;
  readonly range: CidrRange | null;
  /** An IPv4 range's bounds as numbers (NaN else). */
  readonly low: number;
  readonly high: number;
  readonly route?: TransitGatewayRoute;
}

const tableDestinations = new WeakMap<TransitGatewayRouteTable, { readonly items: readonly (Destination & { readonly route: TransitGatewayRoute })[]; readonly repeats: boolean }>();

/** The destinations of a gateway table's active routes, in order, read once per table; `repeats` when a CIDR comes twice. */
export function destinationsOf(index: TopologyIndex, table: TransitGatewayRouteTable) {
  const hit = tableDestinations.get(table);
  if (hit) return hit;
  const items: (Destination & { readonly route: TransitGatewayRoute })[] = [];
  for (const route of table.routes) {
    if (route.state !== 'active') continue;
    const cidrs = route.destination.kind === 'cidr' ? [route.destination.cidr] : (index.prefixListEntries(route.destination.prefixListId) ?? []).map((e) => e.cidr);
    for (const cidr of cidrs) items.push({ ...destination(index, cidr), route });
  }
  const made = { items, repeats: new Set(items.map((d) => d.cidr)).size < items.length };
  tableDestinations.set(table, made);
  return made;
}

/** A VPC table's IPv4 route ranges as numbers (start, end, prefix length, route number), read once per routes array. */
const v4Routes = new WeakMap<readonly Route[], Float64Array>();

export function v4RoutesOf(index: TopologyIndex, routes: readonly Route[]): Float64Array {
  let rows = v4Routes.get(routes);
  if (rows) return rows;
  const list: number[] = [];
  routes.forEach((route, k) => {
    const ranges = route.destination.startsWith('pl-') ? (index.prefixListEntries(route.destination) ?? []) : [index.rangeOf(route.destination)];
    for (const range of ranges) if (range && range.family === 'ipv4') list.push(Number(range.start), Number(range.end), range.prefixLength, k);
  });
  v4Routes.set(routes, (rows = Float64Array.from(list)));
  return rows;
}

/** A destination parsed, with its IPv4 bounds as numbers. */
export function destination(index: TopologyIndex, cidr: string): Destination {
  const range = index.rangeOf(cidr);
  const v4 = range !== null && range.family === 'ipv4';
  return { cidr, range, low: v4 ? Number(range.start) : NaN, high: v4 ? Number(range.end) : NaN };
}

/** The route (its index) of a VPC table's IPv4 rows (`v4RoutesOf`) for the range low–high: the longest prefix covering it, the first listed of equals; -1 for none. */
export function deepestRoute(rows: Float64Array, low: number, high: number): number {
  let best = -1;
  let length = -1;
  for (let r = 0; r < rows.length; r += 4) {
    if (rows[r]! <= low && high <= rows[r + 1]! && rows[r + 2]! > length) {
      length = rows[r + 2]!;
      best = rows[r + 3]!;
    }
  }
  return best;
}

/** A VPC table's route for a destination: the longest prefix covering it (the first listed of equals). */
export function vpcRouteFor(index: TopologyIndex, routes: readonly Route[], d: Destination, v4Rows?: Float64Array): Route | undefined {
  const block = d.range;
  if (!block) return undefined;
  if (block.family === 'ipv4') {
    const best = deepestRoute(v4Rows ?? v4RoutesOf(index, routes), d.low, d.high);
    return best < 0 ? undefined : routes[best];
  }
  let best: { route: Route; length: number } | undefined;
  for (const route of routes) {
    const ranges = route.destination.startsWith('pl-') ? (index.prefixListEntries(route.destination) ?? []) : [index.rangeOf(route.destination)];
    for (const range of ranges) {
      if (!range || range.family !== block.family || !isWithin(block, range)) continue;
      if (!best || range.prefixLength > best.length) best = { route, length: range.prefixLength };
    }
  }
  return best?.route;
}

/** The IPv4 blocks (and IPv6 ones when the attachment has IPv6 support) a VPC holds. */
export function vpcBlocks(index: TopologyIndex, vpcId: VpcId, ipv6: boolean): readonly string[] {
  const v = index.vpcById.get(vpcId);
  if (!v) return [];
  return v.cidrBlocks.filter((b) => (b.family === 'ipv4' || ipv6) && (b.state === 'associated' || b.state === 'associating')).map((b) => b.cidr);
}

/** The table `attachmentId` is associated with on the gateway (from the tables' associations, else the attachment's own). */
export function associatedTable(c: ChecklistIndex, tables: readonly TransitGatewayRouteTable[], a: TransitGatewayAttachment): TransitGatewayRouteTable | undefined {
  let byAttachment = c.associations.get(tables);
  if (!byAttachment) {
    byAttachment = new Map();
    for (const t of tables) for (const l of t.associations) if (l.state === 'associated' && !byAttachment.has(l.attachmentId)) byAttachment.set(l.attachmentId, t);
    c.associations.set(tables, byAttachment);
  }
  return byAttachment.get(a.id) ?? tables.find((t) => t.id === a.association?.routeTableId && a.association.state === 'associated');
}

/** The lookups the checklists read, made once per topology: attachments, gateways and tables by gateway and region. */
export interface ChecklistIndex {
  /** The first attachment listed, by `gateway|attachment`. */
  readonly attachment: ReadonlyMap<string, TransitGatewayAttachment>;
  /** The first gateway listed, by `gateway|region`. */
  readonly gateway: ReadonlyMap<string, TransitGateway>;
  /** By `gateway|region`, in the topology's order. */
  readonly tables: ReadonlyMap<string, readonly TransitGatewayRouteTable[]>;
  readonly available: ReadonlyMap<string, readonly TransitGatewayAttachment[]>;
  readonly associations: WeakMap<readonly TransitGatewayRouteTable[], Map<TransitGatewayAttachmentId, TransitGatewayRouteTable>>;
  /** Per list of available attachments: each with the table it is associated with. */
  readonly backTables: WeakMap<readonly TransitGatewayAttachment[], readonly { readonly attachment: TransitGatewayAttachment; readonly table: TransitGatewayRouteTable | undefined }[]>;
}

/** A gateway's available attachments in a region, each with the table it is associated with (worked out once per list). */
export function backTablesOf(c: ChecklistIndex, tables: readonly TransitGatewayRouteTable[], available: readonly TransitGatewayAttachment[]) {
  let hit = c.backTables.get(available);
  if (!hit) c.backTables.set(available, (hit = available.map((attachment) => ({ attachment, table: associatedTable(c, tables, attachment) }))));
  return hit;
}

export const NONE: readonly never[] = [];
const checklistIndexes = new WeakMap<Topology, ChecklistIndex>();

export function checklistIndexOf(topology: Topology): ChecklistIndex {
  const hit = checklistIndexes.get(topology);
  if (hit) return hit;
  const attachment = new Map<string, TransitGatewayAttachment>();
  const available = new Map<string, TransitGatewayAttachment[]>();
  for (const a of topology.transitGatewayAttachments) {
    const key = `${a.transitGatewayId}|${a.id}`;
    if (!attachment.has(key)) attachment.set(key, a);
    if (a.state !== 'available') continue;
    const list = available.get(`${a.transitGatewayId}|${a.region}`);
    if (list) list.push(a);
    else available.set(`${a.transitGatewayId}|${a.region}`, [a]);
  }
  const gateway = new Map<string, TransitGateway>();
  for (const g of topology.transitGateways) if (!gateway.has(`${g.id}|${g.region}`)) gateway.set(`${g.id}|${g.region}`, g);
  const tables = new Map<string, TransitGatewayRouteTable[]>();
  for (const t of topology.transitGatewayRouteTables) {
    const list = tables.get(`${t.transitGatewayId}|${t.region}`);
    if (list) list.push(t);
    else tables.set(`${t.transitGatewayId}|${t.region}`, [t]);
  }
  const index: ChecklistIndex = { attachment, gateway, tables, available, associations: new WeakMap(), backTables: new WeakMap() };
  checklistIndexes.set(topology, index);
  return index;
}


/** A gateway table's IPv4 route ranges as numbers (start, end, prefix length, route number, static, propagated), read once per routes array. */
const tgwV4Routes = new WeakMap<readonly TransitGatewayRoute[], Float64Array>();

function tgwV4RoutesOf(index: TopologyIndex, routes: readonly TransitGatewayRoute[]): Float64Array {
  let rows = tgwV4Routes.get(routes);
  if (rows) return rows;
  const list: number[] = [];
  routes.forEach((route, k) => {
    const ranges = route.destination.kind === 'cidr' ? [index.rangeOf(route.destination.cidr)] : (index.prefixListEntries(route.destination.prefixListId) ?? []);
    for (const range of ranges) if (range && range.family === 'ipv4') list.push(Number(range.start), Number(range.end), range.prefixLength, k, route.type === 'static' ? 1 : 0, route.type === 'propagated' ? 1 : 0);
  });
  tgwV4Routes.set(routes, (rows = Float64Array.from(list)));
  return rows;
}

/** A gateway table's route for `block`: the longest prefix covering it, static before propagated. */
export function tgwRouteFor(index: TopologyIndex, table: TransitGatewayRouteTable, block: CidrRange): TransitGatewayRoute | undefined {
  if (block.family === 'ipv4') {
    const rows = tgwV4RoutesOf(index, table.routes);
    const low = Number(block.start);
    const high = Number(block.end);
    let best = -1;
    for (let r = 0; r < rows.length; r += 6) {
      if (!(rows[r]! <= low && high <= rows[r + 1]!)) continue;
      const better = best < 0 || rows[r + 2]! > rows[best + 2]! || (rows[r + 2]! === rows[best + 2]! && rows[r + 4] === 1 && rows[best + 5] === 1);
      if (better) best = r;
    }
    return best < 0 ? undefined : table.routes[rows[best + 3]!];
  }
  let best: { route: TransitGatewayRoute; length: number } | undefined;
  for (const route of table.routes) {
    const ranges = route.destination.kind === 'cidr' ? [index.rangeOf(route.destination.cidr)] : (index.prefixListEntries(route.destination.prefixListId) ?? []);
    for (const range of ranges) {
      if (!range || range.family !== block.family || !isWithin(block, range)) continue;
      const better = !best || range.prefixLength > best.length || (range.prefixLength === best.length && route.type === 'static' && best.route.type === 'propagated');
      if (better) best = { route, length: range.prefixLength };
    }
  }
  return best?.route;
}
