/** Words for route anomalies: what is wrong with a route into a peering, and the fix. */
import { assertNever } from '../core/result';
import type { PeeringId } from '../model/ids';
import type { Peering, Route, RouteTable } from '../model/topology';
import { awsCommandText, ec2Command, routeDestination } from '../words/aws-cli';
import type { AnomalyFinding, RouteAnomalyKind } from './route-anomalies';
import type { TopologyIndex } from './topology-index';
import { labelVpc } from './topology-index';

/** The sentence and the fix of one finding about `route` in `table`, into `peeringId` (`peering` when the snapshot has it). */
export function anomalyWords(
  index: TopologyIndex,
  table: RouteTable,
  route: Route,
  peeringId: PeeringId,
  peering: Peering | undefined,
  finding: AnomalyFinding,
): { readonly message: string; readonly fix: string } {
  const where = `${table.id} (${labelVpc(index, table.vpcId)})`;
  const deleteFix = `Delete the route: ${awsCommandText(ec2Command('DeleteRoute', { RouteTableId: table.id, ...routeDestination(route.destination) }))}`;
  switch (finding.kind) {
    case 'stale-peering':
      return {
        message: `${where} routes ${route.destination} to ${peeringId}, which is ${peering ? finding.peeringStatus : 'not in the snapshot (gone, or in an unscanned account)'}: a blackhole left behind.`,
        fix: deleteFix,
      };
    case 'foreign-peering':
      return {
        message: `${where} routes ${route.destination} to ${peeringId}, which joins ${peering ? `${labelVpc(index, peering.requester.vpcId)} and ${labelVpc(index, peering.accepter.vpcId)}` : 'two other VPCs'}, not this VPC.`,
        fix: deleteFix,
      };
    case 'not-yet-active':
      return {
        message: `${where} routes ${route.destination} to ${peeringId}, which is ${finding.peeringStatus}: a blackhole until the peering is active.`,
        fix:
          finding.peeringStatus === 'pending-acceptance' && peering
            ? `Accept ${peeringId} as account ${peering.accepter.accountId} in ${peering.accepter.region}; the route then works.`
            : `Wait for ${peeringId} to become active and rescan.`,
      };
    case 'beyond-peer': {
      const { peerVpcId, intendedVpcIds } = finding;
      const vpc = (id: typeof peerVpcId) => labelVpc(index, id);
      const peer = vpc(peerVpcId);
      const peerText = finding.peerBlocks.join(', ');
      const why = finding.isDefaultRoute
        ? `a default route into a peering: traffic cannot leave through ${peer}'s internet or NAT gateway (no edge-to-edge routing)`
        : intendedVpcIds.length > 0
          ? `it covers ${intendedVpcIds
              .slice(0, 3)
              .map((id) => labelVpc(index, id))
              .join(', ')}${intendedVpcIds.length > 3 ? ` and ${intendedVpcIds.length - 3} more VPCs` : ''}, which ${peer} cannot pass traffic to (peering is not transitive)`
          : `addresses outside ${peer}'s blocks (${peerText}) are dropped there`;
      return {
        message: `${where} sends ${route.destination} into ${peeringId}, whose peer ${peer} holds only ${peerText}: ${why}.`,
        fix: finding.isDefaultRoute
          ? `Send ${route.destination} to this VPC's own internet or NAT gateway (or a transit gateway); peer ${peer} only for ${peerText}.`
          : intendedVpcIds.length > 0
            ? `Peer directly with ${intendedVpcIds.length > 3 ? `the VPCs it covers (${intendedVpcIds.slice(0, 3).map(vpc).join(', ')}, …)` : intendedVpcIds.map(vpc).join(', ')} (or use a transit gateway), and narrow this route to ${peerText}.`
            : `Narrow the route to ${peerText}.`,
      };
    }
    default:
      return assertNever(finding);
  }
}

/** A short label for an anomaly kind, for tables. */
export function describeAnomalyKind(kind: RouteAnomalyKind): string {
  switch (kind) {
    case 'stale-peering':
      return 'stale';
    case 'not-yet-active':
      return 'not active yet';
    case 'beyond-peer':
      return 'beyond peer';
    case 'foreign-peering':
      return 'foreign peering';
    default:
      return assertNever(kind);
  }
}
