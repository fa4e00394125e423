/** Every VPC attachment's routing (from its checklist), computed once per topology for the edges, the labels and the legend. */
import type { TgwAttachmentRouting } from '../../../../shared/analysis/tgw-attachment-checklist';
import { tgwAttachmentRoutings } from '../../../../shared/analysis/tgw-attachment-checklist';
import type { Topology } from '../../../../shared/model/topology';

const cache = new WeakMap<Topology, ReadonlyMap<string, TgwAttachmentRouting>>();

/** The routing of the VPC attachment `attachmentId` of gateway `transitGatewayId`. */
export function attachmentRoutingOf(topology: Topology, transitGatewayId: string, attachmentId: string): TgwAttachmentRouting {
  let all = cache.get(topology);
  if (!all) cache.set(topology, (all = tgwAttachmentRoutings(topology)));
  return all.get(`${transitGatewayId}/${attachmentId}`) ?? 'not-applicable';
}
