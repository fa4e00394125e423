/** The step handlers, one per kind of step: adding a kind adds its handler and one line here. */
import type { PlanStepKind } from '../../../shared/planning/plan-types';
import { acceptPeering } from './accept-peering';
import { createPeering } from './create-peering';
import { createRoute } from './create-route';
import { deleteRoute } from './delete-route';
import { modifyDnsOptions } from './dns-options';
import { deletePeering, rejectPeering } from './end-peering';
import { authorizeEgress, authorizeIngress, revokeEgress, revokeIngress } from './ingress';
import { createNetworkAclEntry } from './network-acl-entry';
import type { StepHandler } from './step-handler';
import { acceptTgwVpcAttachment, associateTgwRouteTable, createTgwVpcAttachment, deleteTgwVpcAttachment, enableTgwPropagation } from './tgw-attachment';

const HANDLERS = {
  create: createPeering,
  accept: acceptPeering,
  'create-route': createRoute,
  'authorize-ingress': authorizeIngress,
  'modify-options': modifyDnsOptions,
  delete: deletePeering,
  'delete-route': deleteRoute,
  'revoke-ingress': revokeIngress,
  'revoke-egress': revokeEgress,
  reject: rejectPeering,
  'authorize-egress': authorizeEgress,
  'create-network-acl-entry': createNetworkAclEntry,
  'create-tgw-vpc-attachment': createTgwVpcAttachment,
  'accept-tgw-vpc-attachment': acceptTgwVpcAttachment,
  'associate-tgw-route-table': associateTgwRouteTable,
  'enable-tgw-propagation': enableTgwPropagation,
  'delete-tgw-vpc-attachment': deleteTgwVpcAttachment,
} satisfies { readonly [K in PlanStepKind]: StepHandler<K> };

/** The handler of each kind of step. */
export const STEP_HANDLERS: { readonly [K in PlanStepKind]: StepHandler<K> } = HANDLERS;

export type { StepHandler } from './step-handler';
