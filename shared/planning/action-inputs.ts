/** Input schemas of the peering actions, ready for the API contract (`shared/api/contract.ts`).
 *
 * Each schema checks what the Node side needs before it touches AWS and says what to fix; the
 * ids are checked for shape only (the plan checks they exist in the topology).
 */
import { z } from 'zod';

import { AUDIT_OUTCOMES, type AuditOutcome } from './audit-entry';
import type { PeeringId, RouteTableId, SecurityGroupId, SubnetId, VpcId } from '../model/ids';
import type { TransitGatewayAttachmentId, TransitGatewayId, TransitGatewayRouteTableId } from '../model/kinds/transit-gateway';

const idOf = <T extends string>(prefix: string, what: string) =>
  z
    .string()
    .regex(new RegExp(`^${prefix}-[0-9a-zA-Z]{1,40}$`), `a ${what} id like ${prefix}-0123456789abcdef0`)
    .transform((s) => s as T);

/** `vpc-…`. */
export const vpcIdSchema = idOf<VpcId>('vpc', 'VPC');
/** `pcx-…`. */
export const peeringIdSchema = idOf<PeeringId>('pcx', 'peering');
/** `rtb-…`. */
export const routeTableIdSchema = idOf<RouteTableId>('rtb', 'route table');
/** `sg-…`. */
export const securityGroupIdSchema = idOf<SecurityGroupId>('sg', 'security group');

/** `subnet-…`. */
export const subnetIdSchema = idOf<SubnetId>('subnet', 'subnet');
/** `tgw-…`. */
export const transitGatewayIdSchema = idOf<TransitGatewayId>('tgw', 'transit gateway');
/** `tgw-attach-…`. */
export const transitGatewayAttachmentIdSchema = idOf<TransitGatewayAttachmentId>('tgw-attach', 'transit gateway attachment');
/** `tgw-rtb-…`. */
export const transitGatewayRouteTableIdSchema = idOf<TransitGatewayRouteTableId>('tgw-rtb', 'transit gateway route table');

const profileName = z.string().min(1).max(256);
const stepIds = z.array(z.string().min(1).max(300)).max(2000);
const ports = z.strictObject({ from: z.number().int(), to: z.number().int() });

/** One optional ingress rule of a plan. */
export const securityGroupRuleInput = z.strictObject({
  groupIds: z.array(securityGroupIdSchema).min(1, 'pick at least one security group').max(50),
  protocol: z.enum(['tcp', 'udp', 'icmp', 'icmpv6', '-1']),
  ports: ports.optional(),
  source: z.enum(['cidr', 'sg-reference']),
  peerGroupIds: z.array(securityGroupIdSchema).max(50).optional(),
});

/** `planPeering`: the drop, with the user's choices. */
export const planPeeringInput = z.strictObject({
  requesterVpcId: vpcIdSchema,
  accepterVpcId: vpcIdSchema,
  name: z.string().trim().min(1, 'the name cannot be blank').max(255, 'the Name tag holds at most 255 characters').optional(),
  routeTables: z.array(routeTableIdSchema).max(500).optional(),
  cidrs: z.array(z.string().min(1).max(64)).max(200).optional(),
  securityGroupRules: z.array(securityGroupRuleInput).max(20).optional(),
  dns: z.strictObject({ requester: z.boolean().optional(), accepter: z.boolean().optional() }).optional(),
  requesterProfile: profileName.optional(),
  accepterProfile: profileName.optional(),
});

/** `planAttachment`: a VPC dropped on a transit gateway, with the user's choices. */
export const planAttachmentInput = z.strictObject({
  vpcId: vpcIdSchema,
  transitGatewayId: transitGatewayIdSchema,
  name: z.string().trim().min(1, 'the name cannot be blank').max(255, 'the Name tag holds at most 255 characters').optional(),
  subnetIds: z.array(subnetIdSchema).min(1, 'pick at least one subnet').max(50).optional(),
  associationRouteTableId: transitGatewayRouteTableIdSchema.optional(),
  propagationRouteTableId: transitGatewayRouteTableIdSchema.optional(),
  routeTables: z.array(routeTableIdSchema).max(500).optional(),
  destinations: z.array(z.string().min(1).max(64)).max(200).optional(),
  ipv6Support: z.boolean().optional(),
  vpcProfile: profileName.optional(),
  ownerProfile: profileName.optional(),
});

/** `planAttachmentDeletion`: the VPC routes to the gateway, then the attachment (or the attachment alone, `withoutRoutes`). */
export const planAttachmentDeletionInput = z.strictObject({ attachmentId: transitGatewayAttachmentIdSchema, withoutRoutes: z.boolean().optional() });

/** `planDeletion`: the delete with its cleanup, the delete alone (`withoutCleanup`), or only the stale routes of a peering that ended. */
export const planDeletionInput = z.strictObject({ peeringId: peeringIdSchema, withoutCleanup: z.boolean().optional(), staleRoutesOnly: z.boolean().optional() });
/** `planRejection`. */
export const planRejectionInput = z.strictObject({ peeringId: peeringIdSchema, profile: profileName.optional() });
/** `planCompletion`: accept a pending request (only when `accept`) and/or finish routes, rules and DNS of a peering. */
export const planCompletionInput = z.strictObject({
  peeringId: peeringIdSchema,
  accept: z.boolean().optional(),
  sides: z.array(z.enum(['requester', 'accepter'])).max(2).optional(),
  dns: z.strictObject({ requester: z.boolean().optional(), accepter: z.boolean().optional() }).optional(),
  withoutRoutes: z.boolean().optional(),
  accepterProfile: profileName.optional(),
  securityGroupRules: z.array(securityGroupRuleInput).max(20).optional(),
});
/** `planPathFix`: the changes that let `from` reach `to` (VPC ids, subnet ids or addresses) with the traffic given. */
export const planPathFixInput = z.strictObject({
  from: z.string().trim().min(1, 'name the source').max(100),
  to: z.string().trim().min(1, 'name the destination').max(100),
  protocol: z.enum(['tcp', 'udp', 'icmp', '-1']).optional(),
  port: z.number().int().min(0, 'ports run from 0').max(65535, 'ports run to 65535').optional(),
  sourceSecurityGroupIds: z.array(securityGroupIdSchema).max(50).optional(),
  destinationSecurityGroupIds: z.array(securityGroupIdSchema).max(50).optional(),
});
/** Parsed `planPathFix` input. */
export type PlanPathFixInput = z.output<typeof planPathFixInput>;
/** `getPeeringChecklist`. */
export const peeringChecklistInput = z.strictObject({ peeringId: peeringIdSchema });

/** `getStaleLeftovers`, `planStaleCleanup`: one VPC, or one peering (both of its VPCs). */
export const staleScopeInput = z
  .strictObject({ vpcId: vpcIdSchema.optional(), peeringId: peeringIdSchema.optional() })
  .refine((s) => (s.vpcId === undefined) !== (s.peeringId === undefined), 'give either vpcId (one VPC) or peeringId (both VPCs of a peering), not both or neither')
  .transform((s): { readonly vpcId: VpcId } | { readonly peeringId: PeeringId } => (s.vpcId ? { vpcId: s.vpcId } : { peeringId: s.peeringId! }));

/** Decisions on conflicting routes: step id → replace or skip. */
const decisions = z.record(z.string().min(1).max(300), z.enum(['replace', 'skip']));

/** `getPlanCli`, `dryRunPlan`, `runPlan`: a stored plan, with the steps the user unticked. */
export const planRunInput = z.strictObject({
  planId: z.string().min(1).max(200),
  disabledStepIds: stepIds.optional(),
  decisions: decisions.optional(),
});
/** `resumePlan`: a finished run, with decisions and (re)unticked steps. */
export const resumePlanInput = z.strictObject({
  runId: z.string().min(1).max(200),
  disabledStepIds: stepIds.optional(),
  decisions: decisions.optional(),
});
/** `cancelPlanRun`, `getPlanRun`, `discardRun`. */
export const runIdInput = z.strictObject({ runId: z.string().min(1).max(200) });

/** `acceptPeering`: the accept alone, with a profile of the accepter's account. */
export const acceptPeeringInput = z.strictObject({ peeringId: peeringIdSchema, profile: profileName.optional() });
/** `rejectPeering`. */
export const rejectPeeringInput = z.strictObject({ peeringId: peeringIdSchema, profile: profileName.optional() });
/** `deletePeering`: `cleanup` is the user's confirmation to remove routes and rules too. */
export const deletePeeringInput = z.strictObject({ peeringId: peeringIdSchema, cleanup: z.boolean(), disabledStepIds: stepIds.optional() });

const isoTime = z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'an ISO 8601 time like 2026-11-23T12:00:00Z');

/** The audit filter. */
export const auditFilterInput = z.strictObject({
  actions: z.array(z.string().min(1).max(100)).max(50).optional(),
  accountIds: z.array(z.string().regex(/^\d{12}$/, 'a 12-digit account id')).max(500).optional(),
  regions: z.array(z.string().min(1).max(40)).max(64).optional(),
  outcomes: z.array(z.enum(AUDIT_OUTCOMES as [AuditOutcome, ...AuditOutcome[]])).max(AUDIT_OUTCOMES.length).optional(),
  from: isoTime.optional(),
  to: isoTime.optional(),
  text: z.string().max(500).optional(),
});
/** `listAudit`. */
export const listAuditInput = z.strictObject({ filter: auditFilterInput.default({}), limit: z.number().int().min(1).max(10_000).default(500) });
/** `exportAudit`. */
export const exportAuditInput = z.strictObject({ filter: auditFilterInput.default({}), format: z.enum(['jsonl', 'csv']).default('jsonl') });

/** Parsed inputs, for the service's signatures. */
export type PlanPeeringInput = z.output<typeof planPeeringInput>;
/** Parsed `planDeletion` input. */
export type PlanDeletionInput = z.output<typeof planDeletionInput>;
/** Parsed `planAttachment` input. */
export type PlanAttachmentInput = z.output<typeof planAttachmentInput>;
/** Parsed `planAttachmentDeletion` input. */
export type PlanAttachmentDeletionInput = z.output<typeof planAttachmentDeletionInput>;
/** Parsed `planRejection` input. */
export type PlanRejectionInput = z.output<typeof planRejectionInput>;
/** Parsed `planCompletion` input. */
export type PlanCompletionInput = z.output<typeof planCompletionInput>;
/** Parsed `getPeeringChecklist` input. */
export type PeeringChecklistInput = z.output<typeof peeringChecklistInput>;
/** Parsed `getPlanCli` / `dryRunPlan` / `runPlan` input. */
export type PlanRunInput = z.output<typeof planRunInput>;
/** Parsed `resumePlan` input. */
export type ResumePlanInput = z.output<typeof resumePlanInput>;
/** Parsed `cancelPlanRun` / `getPlanRun` / `discardRun` input. */
export type RunIdInput = z.output<typeof runIdInput>;
/** Parsed `acceptPeering` input. */
export type AcceptPeeringInput = z.output<typeof acceptPeeringInput>;
/** Parsed `rejectPeering` input. */
export type RejectPeeringInput = z.output<typeof rejectPeeringInput>;
/** Parsed `deletePeering` input. */
export type DeletePeeringInput = z.output<typeof deletePeeringInput>;
/** Parsed `getStaleLeftovers` / `planStaleCleanup` input. */
export type StaleScopeInput = z.output<typeof staleScopeInput>;
/** Parsed `listAudit` input. */
export type ListAuditInput = z.output<typeof listAuditInput>;
/** Parsed `exportAudit` input. */
export type ExportAuditInput = z.output<typeof exportAuditInput>;
