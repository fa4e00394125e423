/** The inventory tables (VPCs, peerings, route gaps, CIDR conflicts, non-transitive pairs) as plain rows.
 *
 * Markdown and CSV print the same rows, so the two never disagree.
 */
import { describeRouteCheck, suggestRouteFix } from '../analysis/route-words';
import type { VpcId } from '../model/ids';
import type { PeeringSide } from '../model/topology';
import { peeringRouteState } from '../diagram/style';
import type { ExportDocument } from './export-document';
import { accountLabel, dnsWords, findAccount, routeStateWords, routeSummaryWords, vpcCidrs, vpcTitle } from './labels';

/** A table's column keys and header words, in order. */
export interface InventoryTable<K extends string> {
  readonly columns: readonly { readonly key: K; readonly title: string }[];
  readonly rows: readonly Readonly<Record<K, string>>[];
}

/** Every inventory table. */
export interface Inventory {
  readonly vpcs: InventoryTable<'account' | 'accountAlias' | 'region' | 'name' | 'vpcId' | 'primaryCidr' | 'secondaryCidrs' | 'ipv6Cidrs' | 'scanned'>;
  readonly peerings: InventoryTable<
    | 'peeringId'
    | 'name'
    | 'status'
    | 'requesterVpc'
    | 'requesterAccount'
    | 'requesterRegion'
    | 'accepterVpc'
    | 'accepterAccount'
    | 'accepterRegion'
    | 'routes'
    | 'requesterRoutes'
    | 'accepterRoutes'
    | 'requesterDns'
    | 'accepterDns'
    | 'statusMessage'
  >;
  readonly routeGaps: InventoryTable<'peeringId' | 'side' | 'vpcId' | 'routeTableId' | 'peerCidr' | 'state' | 'detail' | 'fix'>;
  readonly cidrConflicts: InventoryTable<'vpcA' | 'vpcB' | 'blocks' | 'sameAccount' | 'sameRegion' | 'peerings'>;
  readonly nonTransitivePairs: InventoryTable<'vpcA' | 'vpcB' | 'path' | 'peerings' | 'viaCount' | 'directPeering'>;
}

/** Names of the inventory tables, in report order. */
export const INVENTORY_TABLES = ['vpcs', 'peerings', 'routeGaps', 'cidrConflicts', 'nonTransitivePairs'] as const;
/** One inventory table's name. */
export type InventoryTableName = (typeof INVENTORY_TABLES)[number];

/** Build every inventory table of the document. */
export function buildInventory(doc: ExportDocument): Inventory {
  const vpcById = new Map(doc.topology.vpcs.map((v) => [v.id, v]));
  const vpcLabel = (id: VpcId) => {
    const v = vpcById.get(id);
    return v?.name ? `${v.name} (${id})` : id;
  };
  const sideAccount = (s: PeeringSide) => accountLabel(findAccount(doc, s.accountId), s.accountId);

  const vpcs = doc.topology.vpcs.map((v) => {
    const cidrs = vpcCidrs(v);
    const primary = v.cidrBlocks.find((b) => b.family === 'ipv4' && b.primary)?.cidr ?? cidrs[0] ?? '';
    return {
      account: v.accountId,
      accountAlias: findAccount(doc, v.accountId)?.alias ?? '',
      region: v.region,
      name: doc.externalVpcIds.has(v.id) ? '' : vpcTitle(v) === v.id ? '' : vpcTitle(v),
      vpcId: v.id,
      primaryCidr: primary,
      secondaryCidrs: cidrs.filter((c) => c !== primary && !c.includes(':')).join(' '),
      ipv6Cidrs: cidrs.filter((c) => c.includes(':')).join(' '),
      scanned: doc.externalVpcIds.has(v.id) ? 'no' : 'yes',
    };
  });

  const peerings = doc.topology.peerings.map((p) => {
    const c = doc.analysis.routeCompleteness.get(p.id);
    return {
      peeringId: p.id,
      name: p.name ?? '',
      status: p.status,
      requesterVpc: vpcLabel(p.requester.vpcId),
      requesterAccount: sideAccount(p.requester),
      requesterRegion: p.requester.region,
      accepterVpc: vpcLabel(p.accepter.vpcId),
      accepterAccount: sideAccount(p.accepter),
      accepterRegion: p.accepter.region,
      routes: routeStateWords(peeringRouteState(c)),
      requesterRoutes: routeSummaryWords(c?.requester.summary),
      accepterRoutes: routeSummaryWords(c?.accepter.summary),
      requesterDns: dnsWords(p.requester),
      accepterDns: dnsWords(p.accepter),
      statusMessage: p.statusMessage ?? '',
    };
  });

  const routeGaps: Inventory['routeGaps']['rows'][number][] = [];
  for (const p of doc.topology.peerings) {
    const c = doc.analysis.routeCompleteness.get(p.id);
    if (!c) continue;
    for (const side of [c.requester, c.accepter]) {
      if (side.summary === 'unknown' || (side.tables.length === 0 && side.note)) {
        routeGaps.push({ peeringId: p.id, side: side.role, vpcId: side.vpcId, routeTableId: '', peerCidr: '', state: side.summary, detail: side.note ?? '', fix: '' });
        continue;
      }
      for (const t of side.tables) {
        for (const check of t.checks) {
          if (check.state === 'ok') continue;
          routeGaps.push({
            peeringId: p.id,
            side: side.role,
            vpcId: side.vpcId,
            routeTableId: t.routeTableId,
            peerCidr: check.peerCidr,
            state: check.state,
            detail: describeRouteCheck(check, p.id),
            fix: suggestRouteFix(check, t.routeTableId, p.id) ?? '',
          });
        }
      }
    }
  }

  const cidrConflicts = doc.analysis.cidrConflicts.map((c) => ({
    vpcA: vpcLabel(c.vpcA),
    vpcB: vpcLabel(c.vpcB),
    blocks: c.overlaps.map((o) => `${o.blockA} ∩ ${o.blockB}`).join('; '),
    sameAccount: c.sameAccount ? 'yes' : 'no',
    sameRegion: c.sameRegion ? 'yes' : 'no',
    peerings: c.peeringIds.join(' '),
  }));

  const nonTransitivePairs = doc.analysis.nonTransitivePairs.map((n) => ({
    vpcA: vpcLabel(n.a),
    vpcB: vpcLabel(n.b),
    path: n.path.join(' → '),
    peerings: n.peeringIds.join(' '),
    viaCount: String(n.viaCount),
    directPeering: n.directPeering ? `${n.directPeering.id} (${n.directPeering.status})` : '',
  }));

  return {
    vpcs: {
      columns: [
        { key: 'account', title: 'Account' },
        { key: 'accountAlias', title: 'Account alias' },
        { key: 'region', title: 'Region' },
        { key: 'name', title: 'Name' },
        { key: 'vpcId', title: 'VPC id' },
        { key: 'primaryCidr', title: 'Primary CIDR' },
        { key: 'secondaryCidrs', title: 'Secondary CIDRs' },
        { key: 'ipv6Cidrs', title: 'IPv6 CIDRs' },
        { key: 'scanned', title: 'Scanned' },
      ],
      rows: vpcs,
    },
    peerings: {
      columns: [
        { key: 'peeringId', title: 'Peering' },
        { key: 'name', title: 'Name' },
        { key: 'status', title: 'Status' },
        { key: 'requesterVpc', title: 'Requester VPC' },
        { key: 'requesterAccount', title: 'Requester account' },
        { key: 'requesterRegion', title: 'Requester region' },
        { key: 'accepterVpc', title: 'Accepter VPC' },
        { key: 'accepterAccount', title: 'Accepter account' },
        { key: 'accepterRegion', title: 'Accepter region' },
        { key: 'routes', title: 'Routes' },
        { key: 'requesterRoutes', title: 'Requester routes' },
        { key: 'accepterRoutes', title: 'Accepter routes' },
        { key: 'requesterDns', title: 'Requester DNS option' },
        { key: 'accepterDns', title: 'Accepter DNS option' },
        { key: 'statusMessage', title: 'Status message' },
      ],
      rows: peerings,
    },
    routeGaps: {
      columns: [
        { key: 'peeringId', title: 'Peering' },
        { key: 'side', title: 'Side' },
        { key: 'vpcId', title: 'VPC' },
        { key: 'routeTableId', title: 'Route table' },
        { key: 'peerCidr', title: 'Peer CIDR' },
        { key: 'state', title: 'State' },
        { key: 'detail', title: 'Detail' },
        { key: 'fix', title: 'Fix' },
      ],
      rows: routeGaps,
    },
    cidrConflicts: {
      columns: [
        { key: 'vpcA', title: 'VPC A' },
        { key: 'vpcB', title: 'VPC B' },
        { key: 'blocks', title: 'Overlapping blocks' },
        { key: 'sameAccount', title: 'Same account' },
        { key: 'sameRegion', title: 'Same region' },
        { key: 'peerings', title: 'Live peerings' },
      ],
      rows: cidrConflicts,
    },
    nonTransitivePairs: {
      columns: [
        { key: 'vpcA', title: 'VPC A' },
        { key: 'vpcB', title: 'VPC B' },
        { key: 'path', title: 'Only path' },
        { key: 'peerings', title: 'Through peerings' },
        { key: 'viaCount', title: 'VPCs in between' },
        { key: 'directPeering', title: 'Direct peering (not active)' },
      ],
      rows: nonTransitivePairs,
    },
  };
}
