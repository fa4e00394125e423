/** The one typed API between the UI and the Node side.
 *
 * Each method has a zod schema for its input (checked on the Node side before the
 * implementation runs) and a TypeScript result type. Electron binds it to IPC, the browser
 * harness and tests bind the same implementation to a loopback transport.
 */
import { z } from 'zod';

import { LAID_OUT_KINDS } from '../diagram/layout';
import { EXPORT_FORMAT_NAMES } from '../export/export-formats';
import type { ExportSelection } from '../export/export-document';
import type { ExportedFile, ExportFormat, ExportRequest } from '../export/export-formats';
import { INVENTORY_TABLES } from '../export/inventory';
import type { Organization } from '../model/organization';
import { organizationScanRequestSchema, type OrganizationScanRequest } from '../model/organization-request';
import type { Snapshot } from '../model/snapshot';
import {
  acceptPeeringInput,
  deletePeeringInput,
  exportAuditInput,
  listAuditInput,
  peeringChecklistInput,
  planCompletionInput,
  planPathFixInput,
  planAttachmentDeletionInput,
  planAttachmentInput,
  planDeletionInput,
  planPeeringInput,
  planRejectionInput,
  planRunInput,
  rejectPeeringInput,
  resumePlanInput,
  runIdInput,
  staleScopeInput,
} from '../planning/action-inputs';
import type { StaleLeftovers } from '../analysis/stale-rules';
import type { AuditExport, AuditPage } from '../planning/audit-filter';
import type { PeeringChecklist } from '../planning/peering-checklist';
import type { PlanCli } from '../planning/plan-cli';
import type { PlanAndRun, PlanRun, SavedRun } from '../planning/plan-run';
import type { PathFixAnswer } from '../planning/plan-path-fix';
import type { PeeringPlan } from '../planning/plan-types';
import type {
  AppInfo,
  DiscoveryStarted,
  ProfilesReport,
  SandboxStatus,
  SnapshotFile,
  WorkspaceState,
} from './dto';
import type { PeerscapeEvents } from './events';
import type { ApiEventName, ApiMethodName } from './method-names';
import type { Result } from '../core/result';

/** A method's input schema and (type-only) result. */
export interface MethodSpec<I extends z.ZodType, O> {
  readonly input: I;
  /** Phantom field carrying the result type; never read at run time. */
  readonly output?: O;
}

function method<I extends z.ZodType>(input: I) {
  return { returns: <O>(): MethodSpec<I, O> => ({ input }) };
}

const noInput = z.strictObject({});
const names = z.array(z.string().min(1).max(256)).max(500);
const regionNames = z.array(z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d+$/, 'a region name like eu-west-1')).max(64);
const position = z.strictObject({ x: z.number().finite(), y: z.number().finite() });

/** Every method: name → input schema and result type. */
export const apiContract = {
  getAppInfo: method(noInput).returns<AppInfo>(),
  listProfiles: method(noInput).returns<ProfilesReport>(),
  getWorkspace: method(noInput).returns<WorkspaceState>(),
  /** Scan the chosen profiles and regions (all when omitted); progress arrives as events. */
  startDiscovery: method(
    z.strictObject({
      source: z.enum(['aws', 'sandbox']),
      profiles: names.optional(),
      regions: regionNames.optional(),
      /** Scan an AWS Organization from one sign-in instead of profiles (then leave `profiles` and `regions` out). */
      organization: organizationScanRequestSchema.optional(),
    }),
  ).returns<DiscoveryStarted>(),
  /** Remember an organisation request for `source` in the workspace settings (a scan remembers its own; this carries one over from elsewhere). */
  rememberOrganization: method(z.strictObject({ source: z.enum(['aws', 'sandbox']), organization: organizationScanRequestSchema })).returns<{ remembered: OrganizationScanRequest }>(),
  cancelDiscovery: method(z.strictObject({ runId: z.string().min(1) })).returns<{ cancelled: boolean }>(),
  /** The organisation (OU tree and accounts) a profile may list, or its Identity Center accounts: for the Add-organization dialog. */
  readOrganization: method(z.strictObject({ source: z.enum(['aws', 'sandbox']).default('aws'), profile: z.string().min(1).max(256) })).returns<Organization>(),
  /** Start (or reuse) the in-process sandbox cloud with the demo organisation. */
  startSandbox: method(z.strictObject({ scenario: z.enum(['demo']).default('demo') })).returns<SandboxStatus>(),
  /** Throw away the sandbox's changes and reload its scenario. */
  resetSandbox: method(noInput).returns<SandboxStatus>(),
  importSnapshot: method(z.strictObject({ json: z.string().max(200_000_000) })).returns<Snapshot>(),
  exportSnapshot: method(noInput).returns<SnapshotFile>(),
  savePositions: method(z.strictObject({ positions: z.record(z.string().min(1).max(300), position) })).returns<{ saved: number }>(),
  resetPositions: method(noInput).returns<{ cleared: number }>(),
  /** Export the saved snapshot (or a selection of it) as an image, diagram, inventory or code. */
  exportDiagram: method(
    z.strictObject({
      format: z.enum(EXPORT_FORMAT_NAMES as [ExportFormat, ...ExportFormat[]]),
      selection: z
        .strictObject({ vpcIds: names.readonly().optional(), peeringIds: names.readonly().optional(), title: z.string().max(200).optional(), includeDeleted: z.boolean().optional() })
        .optional(),
      theme: z.enum(['dark', 'light']).optional(),
      csvTable: z.enum(INVENTORY_TABLES).optional(),
      plan: z.strictObject({ requesterVpcId: z.string().min(1), accepterVpcId: z.string().min(1) }).optional(),
      dnsResolution: z.boolean().optional(),
      layout: z
        .strictObject({
          width: z.number().finite(),
          height: z.number().finite(),
          boxes: z
            .array(
              z.strictObject({
                id: z.string(),
                kind: z.enum(LAID_OUT_KINDS),
                parentId: z.string().optional(),
                x: z.number().finite(),
                y: z.number().finite(),
                width: z.number().finite(),
                height: z.number().finite(),
              }),
            )
            .max(50_000),
        })
        .optional(),
    }),
  ).returns<ExportedFile>(),

  // Peering actions: plans are made from the latest snapshot and kept by id until the app quits;
  // runs are saved in the data folder after every step and survive a restart.
  /** Plan a new peering from a drop: create, accept, routes, optional rules and DNS. */
  planPeering: method(planPeeringInput).returns<PeeringPlan>(),
  /** Plan deleting a peering and (unless told not to) the routes and rules that point to it. */
  planDeletion: method(planDeletionInput).returns<PeeringPlan>(),
  /** Plan attaching a VPC to a transit gateway from a drop: create, the owner's acceptance, association, propagation, VPC routes. */
  planAttachment: method(planAttachmentInput).returns<PeeringPlan>(),
  /** Plan deleting a VPC attachment and (unless told not to) the attached VPC's routes to its gateway. */
  planAttachmentDeletion: method(planAttachmentDeletionInput).returns<PeeringPlan>(),
  /** Plan rejecting a pending request, from the accepter's side. */
  planRejection: method(planRejectionInput).returns<PeeringPlan>(),
  /** Plan what an existing peering still lacks: acceptance, routes, DNS. */
  planCompletion: method(planCompletionInput).returns<PeeringPlan>(),
  /** Plan the changes that let a blocked pair talk (peering, routes, group rules, ACL entries), or say nothing is missing. */
  planPathFix: method(planPathFixInput).returns<PathFixAnswer>(),
  /** requested → accepted → routes → security groups → DNS, from the latest snapshot. */
  getPeeringChecklist: method(peeringChecklistInput).returns<PeeringChecklist>(),
  /** The rules (DescribeStaleSecurityGroups, live, per VPC with its account's profile) and routes (snapshot) left pointing at deleted peerings, from a VPC or a peering's two VPCs. */
  getStaleLeftovers: method(staleScopeInput).returns<StaleLeftovers>(),
  /** Plan removing all of them: revoke each stale rule, delete each stale route. */
  planStaleCleanup: method(staleScopeInput).returns<PeeringPlan>(),
  /** A stored plan as AWS CLI commands, before anything runs. */
  getPlanCli: method(planRunInput).returns<PlanCli>(),
  /** DryRun every step with its profile; changes nothing. */
  dryRunPlan: method(planRunInput).returns<PlanRun>(),
  /** DryRun, then the steps in order; returns when finished or waiting for the accepter. */
  runPlan: method(planRunInput).returns<PlanRun>(),
  /** Go on from where a run stopped; steps already done are recognised. */
  resumePlan: method(resumePlanInput).returns<PlanRun>(),
  cancelPlanRun: method(runIdInput).returns<{ cancelled: boolean }>(),
  getPlanRun: method(runIdInput).returns<PlanRun>(),
  /** Runs saved in the data folder that can still be resumed (interrupted by a crash, stopped, waiting), newest first. */
  listRuns: method(noInput).returns<readonly SavedRun[]>(),
  /** Forget an unfinished run (the audit log keeps its calls). */
  discardRun: method(runIdInput).returns<{ discarded: boolean }>(),
  /** Accept a pending request with a profile of the accepter account, and nothing else (routes are their own plan). */
  acceptPeering: method(acceptPeeringInput).returns<PlanAndRun>(),
  rejectPeering: method(rejectPeeringInput).returns<PlanAndRun>(),
  /** Delete a peering; with `cleanup`, the routes and rules that point to it too. */
  deletePeering: method(deletePeeringInput).returns<PlanAndRun>(),
  /** Audit log entries, newest first. */
  listAudit: method(listAuditInput).returns<AuditPage>(),
  /** Audit log entries as JSON lines or CSV. */
  exportAudit: method(exportAuditInput).returns<AuditExport>(),
} as const satisfies Record<ApiMethodName, MethodSpec<z.ZodType, unknown>>;

type Contract = typeof apiContract;
type Equals<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
// Fails to compile when method-names.ts and the contract list different methods.
true satisfies Equals<keyof Contract, ApiMethodName>;
true satisfies Equals<keyof PeerscapeEvents, ApiEventName>;
// Fails to compile when the export request or its selection gains a field this schema would refuse.
type ExportInput = z.input<Contract['exportDiagram']['input']>;
true satisfies Equals<Exclude<keyof ExportRequest, keyof ExportInput>, never>;
true satisfies Equals<keyof NonNullable<ExportInput['selection']>, keyof ExportSelection>;

/** The input a caller passes to method `M`. */
export type MethodInput<M extends ApiMethodName> = z.input<Contract[M]['input']>;
/** The parsed input the implementation receives. */
export type ParsedInput<M extends ApiMethodName> = z.output<Contract[M]['input']>;
/** The value a successful call of `M` returns. */
export type MethodOutput<M extends ApiMethodName> = NonNullable<Contract[M]['output']>;

/** What the implementation on the Node side provides: one function per method. */
export type PeerscapeApi = {
  readonly [M in ApiMethodName]: (input: ParsedInput<M>) => Promise<Result<MethodOutput<M>>>;
};

/** What the UI holds: the same methods, plus a typed subscription to pushed events. */
export type PeerscapeClient = {
  readonly [M in ApiMethodName]: (input: MethodInput<M>) => Promise<Result<MethodOutput<M>>>;
} & {
  on<E extends ApiEventName>(event: E, listener: (payload: PeerscapeEvents[E]) => void): () => void;
};

/** How the Node side pushes an event to whichever UI is bound. */
export type EmitEvent = <E extends ApiEventName>(event: E, payload: PeerscapeEvents[E]) => void;

/** The untyped shape exposed on `window.peerscape` by the preload (one function per method). */
export type PeerscapeBridge = {
  readonly [M in ApiMethodName]: (input: unknown) => Promise<unknown>;
} & {
  on(event: string, listener: (payload: unknown) => void): () => void;
};
