/** The calls a plan makes to AWS, as one list: what the confirmation shows before any button that
 * changes AWS, and what the executor checks every call against before it sends it.
 *
 * A step sends at most one call: its own action with its parameters (the peering's id filled in
 * once known), or ReplaceRoute in place of CreateRoute when the user chose to replace a route that
 * points elsewhere. Steps without a local profile, and an accept left to the accepter, are the other
 * account's owner's: they are listed apart and never sent. DryRun checks change nothing and are not
 * in the list.
 */
import type { AccountId, Region } from '../model/ids';
import type { ConflictDecision, StepRun } from './plan-run';
import { isStepFinished } from './plan-run';
import { portWords } from './plan-steps';
import type { PeeringPlan, PlanStep } from './plan-types';
import { ATTACHMENT_ID_REF, PEERING_ID_REF, resolveStepCall, withDisabledSteps } from './plan-types';
import type { Ec2ActionName, IpPermissionParam, StepCall, StepParams } from './step-params';

/** Tag of a created peering: the run that made it (added to every create, so a resume can find it). */
export const RUN_TAG = 'peerscape:run-id';
/** Tag of a created peering: the call that made it (matches the audit log's `callId`). */
export const CALL_TAG = 'peerscape:call-id';

/** One parameter that says what a call touches, in words. */
export interface CallKey {
  /** The EC2 parameter's name (`RouteTableId`, `DestinationCidrBlock`, `IpPermissions`…). */
  readonly name: string;
  readonly value: string;
}

/** One call Peerscape sends, with where it goes. */
export interface PlannedCall {
  readonly stepId: string;
  /** The step's title, in words. */
  readonly title: string;
  readonly profile: string;
  readonly accountId: AccountId;
  readonly region: Region;
  readonly action: Ec2ActionName;
  /** The parameters as sent (a new peering's id stays `PEERING_ID_REF` until it exists). */
  readonly params: StepParams;
  readonly keys: readonly CallKey[];
}

/** A step the other account's owner does: Peerscape never sends it. */
export type OtherSideCall = Omit<PlannedCall, 'profile'>;

/** What a button will do: the calls Peerscape sends, in order, and what is left to the other side. */
export interface PlanCalls {
  readonly calls: readonly PlannedCall[];
  readonly otherSide: readonly OtherSideCall[];
}

/** Options of `planCalls`. */
export interface PlanCallsOptions {
  /** The steps the user unticked, as sent with the run (`disabledStepIds`): when given, every other step is ticked, as the executor reads it. */
  readonly disabled?: readonly string[];
  /** Decisions about routes that point elsewhere, by step id. */
  readonly decisions?: Readonly<Record<string, ConflictDecision>>;
  /** A run being resumed: its finished steps send nothing more, and its peering id fills the parameters. */
  readonly run?: { readonly peeringId?: string; readonly attachmentId?: string; readonly steps: readonly Pick<StepRun, 'stepId' | 'status'>[] };
}

/**
 * The one call `step` sends (action and parameters, the peering's id filled in when known), or
 * undefined when it sends none: a route the user decided to keep.
 */
export function stepCall(step: PlanStep, peeringId: string | undefined, decision?: ConflictDecision, attachmentId?: string): StepCall | undefined {
  if (step.kind === 'create-route') {
    if (decision === 'skip') return undefined;
    if (decision === 'replace') return resolveStepCall({ action: 'ReplaceRoute', params: step.params }, peeringId, attachmentId);
  }
  return resolveStepCall({ action: step.action, params: step.params } as StepCall, peeringId, attachmentId) as StepCall;
}

/** True when `a` and `b` are the same call: same action, same parameters (key order aside). */
export function isSameCall(a: { readonly action: string; readonly params: unknown }, b: { readonly action: string; readonly params: unknown }): boolean {
  return a.action === b.action && canonical(a.params) === canonical(b.params);
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    return `{${entries
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

/** True when Peerscape sends `step` itself (ticked, with a local profile). An unticked accept is the accepter's. */
function sentByUs(step: PlanStep): boolean {
  return step.enabled && !!step.profile;
}

/** True when the other side must do `step`: ticked without a profile, or an accept left to them. */
function leftToThem(step: PlanStep): boolean {
  return (step.enabled && !step.profile) || (step.kind === 'accept' && !step.enabled);
}

/** The calls `plan` makes, in order: the same list the executor holds every call to. */
export function planCalls(given: PeeringPlan, opts: PlanCallsOptions = {}): PlanCalls {
  const plan = opts.disabled ? withDisabledSteps(given, opts.disabled).plan : given;
  const finished = new Set((opts.run?.steps ?? []).filter((s) => isStepFinished(s.status)).map((s) => s.stepId));
  const peeringId = opts.run?.peeringId ?? plan.peeringId;
  const attachmentId = opts.run?.attachmentId ?? plan.transitGateway?.attachmentId;
  const calls: PlannedCall[] = [];
  const otherSide: OtherSideCall[] = [];
  for (const step of plan.steps) {
    if (finished.has(step.id)) continue;
    const call = stepCall(step, peeringId, opts.decisions?.[step.id], attachmentId);
    if (!call) continue;
    const base = { stepId: step.id, title: step.title, accountId: step.accountId, region: step.region, action: call.action, params: call.params, keys: callKeys(call) };
    if (sentByUs(step)) calls.push({ ...base, profile: step.profile! });
    else if (leftToThem(step)) otherSide.push(base);
  }
  return { calls, otherSide };
}

/** Words for one permission: `tcp 443 from 10.1.0.0/16, sg-1`. */
function permissionWords(p: IpPermissionParam): string {
  const sources = [
    ...(p.IpRanges ?? []).map((r) => r.CidrIp),
    ...(p.Ipv6Ranges ?? []).map((r) => r.CidrIpv6),
    ...(p.UserIdGroupPairs ?? []).map((g) => (g.UserId ? `${g.UserId}/${g.GroupId}` : g.GroupId)),
  ];
  return `${portWords(p.IpProtocol, p.FromPort, p.ToPort)} from ${sources.join(', ') || 'nothing'}`;
}

function idWords(value: string): string {
  return value.split(PEERING_ID_REF).join('the new peering').split(ATTACHMENT_ID_REF).join('the new attachment');
}

/**
 * The parameters that say what `call` touches, in words, in the EC2 API's names. A create's tags
 * name the Name tag and the run's own tags (`RUN_TAG`, `CALL_TAG`), which every create carries.
 */
export function callKeys(call: { readonly action: string; readonly params: unknown }): CallKey[] {
  const keys: CallKey[] = [];
  const params = (call.params ?? {}) as Record<string, unknown>;
  for (const [name, value] of Object.entries(params)) {
    if (value === undefined || name === 'DryRun') continue;
    if (typeof value === 'string') keys.push({ name, value: idWords(value) });
    else if (typeof value === 'number' || typeof value === 'boolean') keys.push({ name, value: String(value) });
    else if (name === 'IpPermissions' && Array.isArray(value)) keys.push({ name, value: (value as IpPermissionParam[]).map(permissionWords).join('; ') });
    else if (name === 'TagSpecifications') continue;
    else if (value && typeof value === 'object' && !Array.isArray(value)) {
      for (const [k, v] of Object.entries(value as Record<string, unknown>)) keys.push({ name: `${name}.${k}`, value: String(v) });
    } else keys.push({ name, value: JSON.stringify(value) });
  }
  if (call.action === 'CreateVpcPeeringConnection') {
    const specs = (params.TagSpecifications ?? []) as readonly { readonly Tags?: readonly { readonly Key: string; readonly Value: string }[] }[];
    const own = specs.flatMap((s) => s.Tags ?? []).filter((t) => t.Key !== RUN_TAG && t.Key !== CALL_TAG);
    keys.push({ name: 'Tags', value: [...own.map((t) => `${t.Key}=${t.Value}`), `${RUN_TAG} and ${CALL_TAG} (this run's ids)`].join(', ') });
  }
  return keys;
}

/** The calls in one line each, for notices and logs: `CreateRoute (profile p, 111…, us-east-1): RouteTableId=rtb-1 …`. */
export function callLine(call: PlannedCall | OtherSideCall): string {
  const who = 'profile' in call ? `profile ${call.profile}, ` : '';
  return `${call.action} (${who}account ${call.accountId}, ${call.region}): ${call.keys.map((k) => `${k.name}=${k.value}`).join(' ')}`;
}
