/** A peering plan as data: ordered EC2 calls, each with where it runs, its inputs and its undo.
 *
 * A plan is data: ordered steps, each an EC2 call with its inputs and its cleanup. Plans are
 * structuredClone-safe, so they cross IPC unchanged, and the same plan feeds
 * the step list, the AWS CLI export and `electron/actions/execute-plan.ts`.
 */
import type { AccountId, PeeringId, Region, RouteTableId, SecurityGroupId, VpcId } from '../model/ids';
import type { TransitGatewayAttachmentId, TransitGatewayId } from '../model/kinds/transit-gateway';
import { ATTACHMENT_ID_REF, PEERING_ID_REF, STEP_ACTIONS, type Ec2ActionName, type ParamValue, type PlanStepKind, type StepAction, type StepCall, type StepCallOf, type StepParams, type StepParamsOf } from './step-params';

export { ATTACHMENT_ID_REF, PEERING_ID_REF } from './step-params';
export type { Ec2ActionName, ParamValue, PlanStepKind, StepCall, StepParams } from './step-params';

/** Every step kind, in a stable order (for exhaustive tables and tests). */
export const PLAN_STEP_KINDS = Object.keys(STEP_ACTIONS) as readonly PlanStepKind[];

/** How to undo a step. */
export type StepCleanup = StepCall & {
  /** What the undo does, in words. */
  readonly title: string;
};

/** Which side of the peering a step acts on. */
export type PlanSideRole = 'requester' | 'accepter';

/** What every step has, whatever its kind. */
interface StepBase {
  /** Stable within the plan: `create`, `accept`, `route:<rtb>:<cidr>`, `ingress:<sg>:<n>`, `dns:<side>`, … */
  readonly id: string;
  readonly side: PlanSideRole;
  /** What the step does, in words, with ids. */
  readonly title: string;
  /** The local profile that runs it; absent when no profile acts in `accountId` (the other side must). */
  readonly profile?: string;
  readonly accountId: AccountId;
  /** Where the call is sent: the accept of a cross-region peering goes to the accepter's region. */
  readonly region: Region;
  readonly cleanup?: StepCleanup;
  /** Unticked steps are skipped (and left out of the CLI export). */
  readonly enabled: boolean;
  /** Ids of steps that must be done first. */
  readonly dependsOn: readonly string[];
  /** True when AWS allows the call only on an active peering (DNS options, SG references across it). */
  readonly needsActive: boolean;
  /** What the step touches, for display and for idempotency checks. */
  readonly target?: StepTarget;
  /** Something seen while planning that may stop the step (a conflicting route, a missing DNS attribute). */
  readonly warning?: string;
  /** Deletion plans: cleanup steps the user confirms before they run. */
  readonly needsConfirmation?: boolean;
}

/** A step of kind `K`: its action and inputs follow from the kind. */
export type PlanStepOf<K extends PlanStepKind> = StepBase & {
  readonly kind: K;
  readonly action: StepAction<K>;
  /** Inputs; may contain `PEERING_ID_REF` until the peering exists. */
  readonly params: StepParamsOf<K>;
};

/** One step of a plan: a union by kind, so `action` and `params` narrow with `kind`. */
export type PlanStep<K extends PlanStepKind = PlanStepKind> = { [P in K]: PlanStepOf<P> }[K];

/** The resource a step touches. */
export interface StepTarget {
  readonly vpcId?: VpcId;
  readonly routeTableId?: RouteTableId;
  readonly destination?: string;
  readonly groupId?: SecurityGroupId;
}

/** One side of a planned peering. */
export interface PlanSide {
  readonly role: PlanSideRole;
  readonly vpcId: VpcId;
  readonly vpcName?: string;
  readonly accountId: AccountId;
  readonly region: Region;
  /** The local profile that acts for this side, when one is known. */
  readonly profile?: string;
  /** The blocks of this VPC (IPv4 and IPv6) as discovered. */
  readonly cidrs: readonly string[];
}

/** A remark on a plan as a whole. */
export interface PlanNote {
  readonly level: 'info' | 'warning';
  readonly message: string;
  readonly fix?: string;
}

/** Why a plan exists. */
export type PlanPurpose = 'create' | 'accept' | 'complete' | 'delete' | 'reject' | 'fix-path';

/**
 * The transit gateway of an attachment plan. For such a plan, `requester` is the VPC's side (its
 * account creates the attachment and its routes) and `accepter` the gateway owner's (accepts,
 * associates, propagates), whose `vpcId` is the same VPC and whose `cidrs` are empty.
 */
export interface PlanTransitGateway {
  readonly transitGatewayId: TransitGatewayId;
  readonly name?: string;
  readonly ownerAccountId: AccountId;
  readonly region: Region;
  /** Set when the plan acts on an existing attachment (deletion). */
  readonly attachmentId?: TransitGatewayAttachmentId;
}

/** A plan: everything a run will do, in order. */
export interface PeeringPlan {
  readonly id: string;
  readonly purpose: PlanPurpose;
  /** One line for headings ("Peer app (vpc-1) with db (vpc-2)"). */
  readonly title: string;
  readonly requester: PlanSide;
  readonly accepter: PlanSide;
  /** Set when the plan acts on an existing peering. */
  readonly peeringId?: PeeringId;
  /** The Name tag of a new peering. */
  readonly name?: string;
  readonly steps: readonly PlanStep[];
  readonly notes: readonly PlanNote[];
  /** Set for a plan that attaches a VPC to a transit gateway, or deletes such an attachment. */
  readonly transitGateway?: PlanTransitGateway;
}

/** Local profiles per account, first one preferred (from `Account.profiles` of the topology). */
export type ProfilesByAccount = Readonly<Record<AccountId, readonly string[]>>;

/** Profiles per account as the topology records them. */
export function profilesFromTopology(accounts: readonly { readonly id: AccountId; readonly profiles: readonly string[] }[]): ProfilesByAccount {
  const out: Record<AccountId, readonly string[]> = {};
  for (const a of accounts) out[a.id] = a.profiles;
  return out;
}

/** Replace `PEERING_ID_REF` in every string of `params` (deeply); the shape stays the same. */
export function resolvePeeringRef<P extends StepParams>(params: P, peeringId: string): P {
  return substitute(params, peeringId) as P;
}

/** Replace `ATTACHMENT_ID_REF` in every string of `params` (deeply); the shape stays the same. */
export function resolveAttachmentRef<P extends StepParams>(params: P, attachmentId: string): P {
  return substitute(params, attachmentId, ATTACHMENT_ID_REF) as P;
}

/**
 * The call alone (a step is one too), with `PEERING_ID_REF` replaced when `peeringId` is given and
 * `ATTACHMENT_ID_REF` when `attachmentId` is.
 */
export function resolveStepCall<A extends Ec2ActionName>(call: StepCallOf<A>, peeringId: string | undefined, attachmentId?: string): StepCallOf<A> {
  let params = call.params;
  if (peeringId) params = resolvePeeringRef(params, peeringId);
  if (attachmentId) params = resolveAttachmentRef(params, attachmentId);
  return { action: call.action, params };
}

function substitute(value: ParamValue, id: string, ref: string = PEERING_ID_REF): ParamValue {
  if (typeof value === 'string') return value.split(ref).join(id);
  if (Array.isArray(value)) return value.map((v: ParamValue) => substitute(v, id, ref));
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, ParamValue> = {};
    for (const [k, v] of Object.entries(value as Record<string, ParamValue>)) out[k] = substitute(v, id, ref);
    return out;
  }
  return value;
}

/** True when some string of `params` still contains `PEERING_ID_REF`. */
export function needsPeeringId(params: StepParams): boolean {
  return JSON.stringify(params).includes(PEERING_ID_REF);
}

/** True when some string of `params` still contains `ATTACHMENT_ID_REF`. */
export function needsAttachmentId(params: StepParams): boolean {
  return JSON.stringify(params).includes(ATTACHMENT_ID_REF);
}

/** The plan with `enabled` set from `disabledStepIds` (the user's unticked steps); unknown ids are reported. */
export function withDisabledSteps(plan: PeeringPlan, disabledStepIds: readonly string[]): { plan: PeeringPlan; unknown: readonly string[] } {
  const ids = new Set(plan.steps.map((s) => s.id));
  const unknown = disabledStepIds.filter((id) => !ids.has(id));
  const off = new Set(disabledStepIds);
  return { plan: { ...plan, steps: plan.steps.map((s) => ({ ...s, enabled: !off.has(s.id) })) }, unknown };
}

/**
 * Enabled steps whose dependencies are unticked: running them would fail, so the UI and the
 * executor refuse and say which step to tick again. A `create` dependency is satisfied when the
 * plan already knows its peering id.
 */
export function findBrokenDependencies(plan: PeeringPlan): readonly { readonly stepId: string; readonly missing: string }[] {
  const byId = new Map(plan.steps.map((s) => [s.id, s]));
  const broken: { stepId: string; missing: string }[] = [];
  for (const s of plan.steps) {
    if (!s.enabled) continue;
    for (const d of s.dependsOn) {
      const dep = byId.get(d);
      if (dep?.enabled) continue;
      if (dep?.kind === 'create' && plan.peeringId) continue;
      if (dep?.kind === 'accept' || dep?.kind === 'accept-tgw-vpc-attachment') continue; // someone else may accept; the run waits for it
      broken.push({ stepId: s.id, missing: d });
    }
  }
  return broken;
}
