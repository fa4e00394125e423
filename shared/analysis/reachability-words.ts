/** Sentences and fixes of the route hops of a reachability explanation. */
import type { PeeringId, SubnetId, VpcId } from '../model/ids';
import type { RouteTable } from '../model/topology';
import type { RouteCheck } from './route-checks';
import { describeRouteCheck, describeTarget, needsReplace, peeringRouteCommand } from './route-words';
import type { TopologyIndex } from './topology-index';
import { labelRouteTable, labelVpc } from './topology-index';

type RouteHopKind = 'source-route' | 'return-route';

function direction(kind: RouteHopKind): string {
  return kind === 'source-route' ? 'to the destination' : 'back to the source';
}

/** Why a route hop was not checked. */
export function routesSkippedWords(kind: RouteHopKind): string {
  return `Routes ${direction(kind)} were not checked: there is no active peering to route to.`;
}

/** A route hop with no table to read: no subnets, or no table in the snapshot. */
export function noRouteTableWords(index: TopologyIndex, vpcId: VpcId, noSubnets: boolean): { readonly message: string; readonly fix: string } {
  return noSubnets
    ? { message: `${labelVpc(index, vpcId)} has no subnets, so nothing in it can send traffic.`, fix: 'Create a subnet.' }
    : { message: `No route table of ${labelVpc(index, vpcId)} is in the snapshot.`, fix: "Rescan the VPC's account and region." };
}

/** What one table's route hop found. */
export interface RouteHopFindings {
  readonly kind: RouteHopKind;
  readonly table: RouteTable;
  readonly subnets: readonly SubnetId[];
  readonly peeringId: PeeringId;
  /** The peering as people name it: `name (pcx-id)`. */
  readonly peeringLabel?: string;
  /** One check per destination range. */
  readonly results: readonly RouteCheck[];
  readonly bad: readonly RouteCheck[];
  readonly unsure: readonly RouteCheck[];
  /** The other VPC's block a fix routes (when some check is not ok). */
  readonly block?: string;
}

/** The sentence of one table's route hop, and its fix when it does not pass. */
export function routeHopWords(f: RouteHopFindings): { readonly message: string; readonly fix?: string } {
  const { table, subnets, peeringId } = f;
  const via = f.peeringLabel ?? peeringId;
  const where = `${labelRouteTable(table)}${table.main ? ' (main)' : ''}, serving ${subnets.length === 1 ? subnets[0] : `${subnets.length} subnets`}`;
  const checks = (list: readonly RouteCheck[]) => list.map((r) => describeRouteCheck(r, peeringId)).join('; ');
  const first = f.bad[0] ?? f.unsure[0];
  if (!first || f.block === undefined) return { message: `${where}, routes ${direction(f.kind)} via ${via}: ${checks(f.results)}.` };
  const block = f.block;
  const create = peeringRouteCommand('CreateRoute', table.id, block, peeringId);
  if (f.bad.length === 0) {
    const lists = [...new Set(f.unsure.map((r) => (r.state === 'unknown' ? r.route.destination : '')))].join(', ');
    return {
      message: `${where}, may route ${direction(f.kind)} via ${via}: ${checks(f.unsure)}.`,
      fix: `Check the entries of ${lists}, or route ${block} itself (it outranks the prefix list): ${create}`,
    };
  }
  return {
    message: `${where}, does not route ${direction(f.kind)} via ${via}: ${checks(f.bad)}.`,
    fix:
      first.state === 'elsewhere'
        ? `Route ${block} to ${peeringId} in ${table.id} (it now goes to ${describeTarget(first.route.target)}): ${needsReplace(first, block) ? peeringRouteCommand('ReplaceRoute', table.id, block, peeringId) : create}`
        : `Add a route ${block} → ${peeringId} in ${table.id}: ${create}`,
  };
}
