/** Plan deleting a transit gateway VPC attachment with its route cleanup (see `plan-attachment.ts`). */
import { indexTopology } from '../analysis/topology-index';
import { indexTransitGateways, isGoneAttachmentState } from '../analysis/tgw-index';
import { liveAttachmentOf } from '../analysis/validate-attachment';
import { fail, ok, type Result } from '../core/result';
import type { VpcId } from '../model/ids';
import type { Topology, TransitGatewayAttachmentId } from '../model/topology';
import { placed } from './attachment-choices';
import { planSide, routeDestinationParams, routeStepId } from './plan-steps';
import type { PeeringPlan, PlanNote, PlanSide, PlanStep, ProfilesByAccount } from './plan-types';
import { profilesFromTopology } from './plan-types';
import type { PlanAttachmentOptions } from './plan-attachment';

/**
 * Plan deleting a VPC attachment with its route cleanup: every route in the attached VPC's tables
 * that targets the gateway (a VPC has at most one attachment to a gateway, so they all go through
 * this one), then DeleteTransitGatewayVpcAttachment, as the VPC's account when a profile acts
 * there (either account may delete it), else as the gateway owner's.
 */
export function planAttachmentDeletion(
  topology: Topology,
  attachmentId: TransitGatewayAttachmentId,
  profilesByAccount: ProfilesByAccount = profilesFromTopology(topology.accounts),
  opts: PlanAttachmentOptions & { readonly withoutRoutes?: boolean } = {},
): Result<PeeringPlan> {
  const a = topology.transitGatewayAttachments.find((x) => x.id === attachmentId && x.resourceType === 'vpc');
  if (!a) return fail('not-found', `VPC attachment ${attachmentId} is not in the scanned topology.`, 'Rescan the accounts of the VPC and of its transit gateway, then try again.');
  if (isGoneAttachmentState(a.state)) return fail('conflict', `${attachmentId} is ${a.state}: there is nothing to delete.`, 'Rescan to see it gone; remove any routes left to its gateway from the findings.');
  const index = indexTopology(topology);
  const vpcId = (a.vpc?.vpcId ?? a.resourceId) as VpcId;
  const vpc = index.vpcById.get(vpcId);
  const g = indexTransitGateways(topology).gatewayById.get(a.transitGatewayId);
  const vpcProfile = profilesByAccount[a.resourceOwnerId]?.[0];
  const ownerProfile = profilesByAccount[a.transitGatewayOwnerId]?.[0];
  const notes: PlanNote[] = [];
  const steps: PlanStep[] = [];
  if (!opts.withoutRoutes) {
    if (!vpc) {
      notes.push({ level: 'warning', message: `${vpcId} (account ${a.resourceOwnerId}) is not in the scan, so its routes to ${a.transitGatewayId} are not planned.`, fix: `Ask its owner to remove them, or add a profile for ${a.resourceOwnerId} and rescan.` });
    } else if (liveAttachmentOf(indexTransitGateways(topology), vpc.id, a.transitGatewayId)?.id === a.id) {
      for (const t of index.routeTablesByVpc.get(vpc.id) ?? []) {
        for (const r of t.routes) {
          if (r.target.kind !== 'other' || r.target.id !== a.transitGatewayId) continue;
          const dest = routeDestinationParams(t.id, r.destination);
          steps.push({
            id: routeStepId('delete-route', t.id, r.destination),
            kind: 'delete-route',
            ...placed(vpc.accountId, vpc.region, vpcProfile, 'requester'),
            title: `Delete the route ${r.destination} → ${a.transitGatewayId} from ${t.id} (${vpc.id}, account ${vpc.accountId}, ${vpc.region})`,
            action: 'DeleteRoute',
            params: dest,
            cleanup: { action: 'CreateRoute', params: { ...dest, TransitGatewayId: a.transitGatewayId }, title: `Route ${r.destination} → ${a.transitGatewayId} in ${t.id} again` },
            enabled: true,
            dependsOn: [],
            needsActive: false,
            target: { vpcId: vpc.id, routeTableId: t.id, destination: r.destination },
            needsConfirmation: true,
          });
        }
      }
    }
  }
  const byVpcAccount = !!vpcProfile || !ownerProfile;
  const deleter = byVpcAccount ? placed(a.resourceOwnerId, a.region, vpcProfile, 'requester') : placed(a.transitGatewayOwnerId, a.region, ownerProfile, 'accepter');
  steps.push({
    id: 'delete',
    kind: 'delete-tgw-vpc-attachment',
    ...deleter,
    title: `Delete ${attachmentId} (${vpcId} to ${a.transitGatewayId}, ${a.state}) as account ${deleter.accountId} in ${a.region}`,
    action: 'DeleteTransitGatewayVpcAttachment',
    params: { TransitGatewayAttachmentId: attachmentId },
    enabled: true,
    dependsOn: [],
    needsActive: false,
    target: { vpcId },
  });
  const side: PlanSide = vpc
    ? planSide('requester', vpc, vpcProfile)
    : { role: 'requester', vpcId, accountId: a.resourceOwnerId, region: a.region, ...(vpcProfile ? { profile: vpcProfile } : {}), cidrs: [] };
  const gw = g ?? { id: a.transitGatewayId, accountId: a.transitGatewayOwnerId, region: a.region };
  return ok({
    id: opts.planId ?? `plan-detach-${attachmentId}`,
    purpose: 'delete',
    title: `Delete ${a.name ? `"${a.name}" (${attachmentId})` : attachmentId} and the routes to ${a.transitGatewayId} in ${vpcId}`,
    requester: side,
    accepter: { role: 'accepter', vpcId, accountId: gw.accountId, region: gw.region, ...(ownerProfile ? { profile: ownerProfile } : {}), cidrs: [] },
    ...(a.name ? { name: a.name } : {}),
    steps,
    notes,
    transitGateway: { transitGatewayId: a.transitGatewayId, ...(g?.name ? { name: g.name } : {}), ownerAccountId: a.transitGatewayOwnerId, region: a.region, attachmentId },
  });
}
