/** What every exporter draws or lists: the chosen part of a snapshot plus the analysis of it.
 *
 * Exporters are pure functions of an `ExportDocument` (and a `DiagramLayout` where they draw),
 * so the app, the CLI and the tests produce byte-identical files from the same snapshot. The
 * analysis is computed here once, by the shared analysis functions, never re-derived by an exporter.
 */
import type { CidrConflict } from '../analysis/cidr-conflicts';
import { findCidrConflicts } from '../analysis/cidr-conflicts';
import type { PeeringRouteCompleteness } from '../analysis/route-completeness';
import { computeRouteCompleteness } from '../analysis/route-completeness';
import type { NonTransitivePair } from '../analysis/transitive-paths';
import { findNonTransitivePairs } from '../analysis/transitive-paths';
import type { TgwAttachmentRouting } from '../analysis/tgw-attachment-checklist';
import { tgwAttachmentRoutings } from '../analysis/tgw-attachment-checklist';
import type { Result } from '../core/result';
import { fail, ok } from '../core/result';
import type { AccountId, PeeringId, Region, VpcId } from '../model/ids';
import type { Snapshot } from '../model/snapshot';
import type { Account, Peering, Topology, Vpc } from '../model/topology';
import { PEERING_STATUSES, vpcKnownFromPeerings } from '../model/topology';

/** The analysis results the exporters show. */
export interface ExportAnalysis {
  /** Route completeness of every peering that has it (active ones), by pcx id. */
  readonly routeCompleteness: ReadonlyMap<PeeringId, PeeringRouteCompleteness>;
  /** VPC pairs of the document whose blocks overlap. */
  readonly cidrConflicts: readonly CidrConflict[];
  /** VPC pairs of the document two active peerings apart with no peering of their own. */
  readonly nonTransitivePairs: readonly NonTransitivePair[];
  /** All distance-two pairs in the whole snapshot (the list above may be cut by the analysis limit). */
  readonly totalNonTransitivePairs: number;
  /**
   * The routing of every VPC attachment in view (`<tgw id>/<attachment id>`), from its checklist
   * over the whole snapshot (the other attachments' tables decide the return path).
   */
  readonly tgwAttachmentRouting: ReadonlyMap<string, TgwAttachmentRouting>;
}

/** The part of a snapshot to export, with its analysis and title facts. */
export interface ExportDocument {
  /** Shown in title blocks: the workspace name, else the snapshot's source. */
  readonly title: string;
  /** `aws` or `sandbox:<scenario>` (from the snapshot). */
  readonly source: string;
  /** ISO 8601 time of the scan. */
  readonly takenAt: string;
  /**
   * The chosen VPCs and peerings. VPCs that a chosen peering reaches but the scan did not see
   * (another account's) are added from the peering's side, and listed in `externalVpcIds`.
   */
  readonly topology: Topology;
  readonly externalVpcIds: ReadonlySet<VpcId>;
  /** Accounts and regions that hold a chosen VPC, sorted. */
  readonly accountIds: readonly AccountId[];
  readonly regions: readonly Region[];
  readonly analysis: ExportAnalysis;
}

/** Which part of the snapshot to export; everything when both lists are absent. */
export interface ExportSelection {
  /** VPCs to show, with every peering among them (and to VPCs outside the scan). */
  readonly vpcIds?: readonly string[];
  /** Peerings to show, with their two VPCs. */
  readonly peeringIds?: readonly string[];
  /** Overrides the title (default: the snapshot's source). */
  readonly title?: string;
  /**
   * Also show `deleted` peerings (default false, as the canvas hides them): they carry nothing
   * and vanish from AWS within hours. A peering chosen by id is shown whatever its status.
   */
  readonly includeDeleted?: boolean;
}

/**
 * Cut a snapshot down to a selection and analyse it.
 *
 * Unknown ids are an error that names them, so a typo in `--peerings` does not export an empty
 * diagram silently. The analysis runs on the whole topology (a conflict with a VPC outside the
 * view is still a conflict) and is then filtered to pairs whose VPCs are both in the view.
 */
export function buildExportDocument(snapshot: Snapshot, selection: ExportSelection = {}): Result<ExportDocument> {
  const full = snapshot.topology;
  const vpcById = new Map(full.vpcs.map((v) => [v.id, v]));
  const peeringById = new Map(full.peerings.map((p) => [p.id, p]));

  const unknownPeerings = (selection.peeringIds ?? []).filter((id) => !peeringById.has(id as PeeringId));
  if (unknownPeerings.length > 0) {
    return fail(
      'not-found',
      `The snapshot has no peering ${unknownPeerings.join(', ')}.`,
      `Use pcx ids from the snapshot (it has ${full.peerings.length}: ${sample(full.peerings.map((p) => p.id))}).`,
    );
  }
  const knownVpcIds = new Set<string>([...vpcById.keys(), ...full.peerings.flatMap((p) => [p.requester.vpcId, p.accepter.vpcId])]);
  const unknownVpcs = (selection.vpcIds ?? []).filter((id) => !knownVpcIds.has(id));
  if (unknownVpcs.length > 0) {
    return fail(
      'not-found',
      `The snapshot has no VPC ${unknownVpcs.join(', ')}.`,
      `Use VPC ids from the snapshot (it has ${full.vpcs.length}: ${sample(full.vpcs.map((v) => v.id))}).`,
    );
  }

  const all = selection.vpcIds === undefined && selection.peeringIds === undefined;
  const chosenVpcs = new Set<VpcId>(all ? full.vpcs.map((v) => v.id) : ((selection.vpcIds ?? []) as VpcId[]));
  const peerings: Peering[] = [];
  const shown = (p: Peering): boolean => p.status !== 'deleted' || selection.includeDeleted === true;
  if (all) {
    peerings.push(...full.peerings.filter(shown));
  } else {
    const chosenPeerings = new Set(selection.peeringIds ?? []);
    for (const p of full.peerings) {
      const byId = chosenPeerings.has(p.id);
      if (!byId && !shown(p)) continue;
      const byVpcs = selection.vpcIds !== undefined && chosenVpcs.has(p.requester.vpcId) && chosenVpcs.has(p.accepter.vpcId);
      // A chosen VPC's peering to a VPC the scan never saw has no other place to be drawn.
      const toOutside =
        selection.vpcIds !== undefined &&
        ((chosenVpcs.has(p.requester.vpcId) && !vpcById.has(p.accepter.vpcId)) ||
          (chosenVpcs.has(p.accepter.vpcId) && !vpcById.has(p.requester.vpcId)));
      if (byId || byVpcs || toOutside) peerings.push(p);
    }
  }
  for (const p of peerings) {
    chosenVpcs.add(p.requester.vpcId);
    chosenVpcs.add(p.accepter.vpcId);
  }

  const vpcs: Vpc[] = [];
  const externalVpcIds = new Set<VpcId>();
  for (const id of [...chosenVpcs].sort(cmp)) {
    const v = vpcById.get(id);
    if (v) {
      vpcs.push(v);
      continue;
    }
    // Its blocks from its best side in the whole snapshot, as the analysis reads them.
    const outside = vpcKnownFromPeerings(full.peerings, id);
    if (outside) {
      vpcs.push(outside);
      externalVpcIds.add(id);
    }
  }
  vpcs.sort((a, b) => cmp(a.accountId, b.accountId) || cmp(a.region, b.region) || cmp(a.name ?? '~', b.name ?? '~') || cmp(a.id, b.id));
  peerings.sort((a, b) => cmp(a.id, b.id));

  const inView = new Set(vpcs.map((v) => v.id));
  const setsInUse = new Set(vpcs.flatMap((v) => (v.dhcpOptionsId ? [`${v.region}/${v.dhcpOptionsId}`] : [])));
  const gatewaysInView = new Set(
    full.transitGatewayAttachments.filter((a) => a.resourceType === 'vpc' && inView.has(a.resourceId as VpcId)).map((a) => a.transitGatewayId),
  );
  const accountIds = [...new Set(vpcs.map((v) => v.accountId))].sort(cmp);
  const accountById = new Map(full.accounts.map((a) => [a.id, a]));
  const accounts: Account[] = accountIds.map((id) => accountById.get(id) ?? { id, profiles: [] });
  const topology: Topology = {
    accounts,
    vpcs,
    subnets: full.subnets.filter((s) => inView.has(s.vpcId)),
    routeTables: full.routeTables.filter((t) => inView.has(t.vpcId)),
    securityGroups: full.securityGroups.filter((g) => inView.has(g.vpcId)),
    peerings,
    networkAcls: full.networkAcls.filter((a) => inView.has(a.vpcId)),
    internetGateways: full.internetGateways.filter((g) => g.attachments.some((a) => inView.has(a.vpcId))),
    egressOnlyInternetGateways: full.egressOnlyInternetGateways.filter((g) => g.attachments.some((a) => inView.has(a.vpcId))),
    natGateways: full.natGateways.filter((g) => inView.has(g.vpcId)),
    vpnGateways: full.vpnGateways.filter((g) => g.attachments.some((a) => inView.has(a.vpcId))),
    vpcEndpoints: full.vpcEndpoints.filter((e) => inView.has(e.vpcId)),
    prefixLists: full.prefixLists.filter((l) => accountIds.includes(l.accountId)),
    networkInterfaces: full.networkInterfaces.filter((n) => inView.has(n.vpcId)),
    instances: full.instances.filter((i) => inView.has(i.vpcId)),
    // The DHCP options sets the VPCs in view use.
    dhcpOptions: full.dhcpOptions.filter((d) => setsInUse.has(`${d.region}/${d.id}`)),
    // The transit gateways a VPC in view is attached to, with their other attachments (VPCs out
    // of view left out), peerings and route tables.
    transitGateways: full.transitGateways.filter((g) => gatewaysInView.has(g.id)),
    transitGatewayAttachments: full.transitGatewayAttachments.filter(
      (a) => gatewaysInView.has(a.transitGatewayId) && (a.resourceType !== 'vpc' || inView.has(a.resourceId as VpcId)),
    ),
    transitGatewayPeerings: full.transitGatewayPeerings.filter(
      (p) => gatewaysInView.has(p.requester.transitGatewayId) || gatewaysInView.has(p.accepter.transitGatewayId),
    ),
    transitGatewayRouteTables: full.transitGatewayRouteTables.filter((t) => gatewaysInView.has(t.transitGatewayId)),
  };

  // Route completeness for every status that routes could exist for: only active carries
  // traffic, but a provisioning peering's routes are worth seeing too.
  const completeness = computeRouteCompleteness(full, { statuses: ['active', 'provisioning'] });
  const shownPeerings = new Set(peerings.map((p) => p.id));
  const conflicts = findCidrConflicts(full).conflicts.filter((c) => inView.has(c.vpcA) && inView.has(c.vpcB));
  const nonTransitive = findNonTransitivePairs(full);
  const attachmentsInView = new Set(topology.transitGatewayAttachments.map((a) => `${a.transitGatewayId}/${a.id}`));
  const tgwRouting = [...tgwAttachmentRoutings(full)].filter(([key]) => attachmentsInView.has(key));
  return ok({
    title: selection.title?.trim() || snapshot.source,
    source: snapshot.source,
    takenAt: snapshot.takenAt,
    topology,
    externalVpcIds,
    accountIds,
    regions: [...new Set(vpcs.map((v) => v.region))].sort(cmp),
    analysis: {
      routeCompleteness: new Map(completeness.filter((c) => shownPeerings.has(c.peeringId)).map((c) => [c.peeringId, c])),
      cidrConflicts: conflicts,
      nonTransitivePairs: nonTransitive.pairs.filter((p) => inView.has(p.a) && inView.has(p.b)),
      totalNonTransitivePairs: nonTransitive.totalDistanceTwoPairs,
      tgwAttachmentRouting: new Map(tgwRouting),
    },
  });
}

/** The statuses in AWS's lifecycle order, for stable sorting and legends. */
export const STATUS_ORDER: ReadonlyMap<string, number> = new Map(PEERING_STATUSES.map((s, i) => [s, i]));

function sample(ids: readonly string[]): string {
  if (ids.length === 0) return 'none';
  return ids.length > 5 ? `${ids.slice(0, 5).join(', ')}, …` : ids.join(', ');
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
