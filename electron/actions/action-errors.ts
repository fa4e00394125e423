/** Errors of mutating EC2 calls, explained: what failed, in which account and region, and what to do.
 *
 * Credential, network and throttling errors reuse the explanations of `electron/aws/`
 * (`explainFailure`, `explainCredentialFailure`); the codes only mutating calls meet are worded
 * here, one explanation per code.
 */
import type { ApiError } from '../../shared/core/result';
import type { PlanStep } from '../../shared/planning/plan-types';
import { errorCodeOf, explainFailure, isCredentialError, isPermissionError, isThrottlingError, isTransientError, messageOf } from '../aws/aws-errors';
import { CallFailedError } from '../aws/call-scheduler';

/** Where a call went. */
export interface ActionContext {
  readonly step: PlanStep;
  readonly profile: string;
  readonly accountId: string;
  readonly region: string;
  /** The action actually sent (may differ from the step's: ReplaceRoute, Describe…). */
  readonly action: string;
  readonly endpoint?: string;
  /** True for the DryRun before the run: nothing has changed yet. */
  readonly dryRun?: boolean;
}

/** The AWS error code of `e`, looking through the scheduler's wrapper. */
export function actionErrorCode(e: unknown): string {
  return e instanceof CallFailedError ? e.errorCode : errorCodeOf(e);
}

/** The error the scheduler wrapped, or `e` itself. */
export function unwrapCallError(e: unknown): unknown {
  return e instanceof CallFailedError ? e.cause : e;
}

/** True for AWS's "not found" of a peering id, in AWS's spelling and moto's (`…Id.NotFound`). */
export function isPeeringNotFound(code: string): boolean {
  return /^InvalidVpcPeeringConnectionI[dD]\.NotFound$/.test(code);
}

const GONE = /^Invalid(RouteTableID|RouteTableId|GroupId|Group|VpcID|VpcId|SubnetID|SubnetId)\.(NotFound|Malformed)$/;
const QUOTA = /LimitExceeded$/;

/** Explain a failed call for the user. */
export function explainActionFailure(e: unknown, ctx: ActionContext): ApiError {
  const code = actionErrorCode(e);
  const raw = unwrapCallError(e);
  const detail = messageOf(raw);
  const where = `account ${ctx.accountId}, ${ctx.region}`;
  const message = `${ctx.step.title}: ${ctx.action} failed in ${where} with profile "${ctx.profile}" (${code}${detail && detail !== code ? `: ${detail}` : ''}).`;
  let fix: string;
  if (isPermissionError(code)) {
    fix =
      `Give profile "${ctx.profile}" permission for ec2:${ctx.action} in account ${ctx.accountId} (an IAM policy allowing it on these resources), or rescan with another profile of that account.` +
      (/encoded/i.test(detail) ? ' `aws sts decode-authorization-message` shows which policy denied it.' : '');
  } else if (isCredentialError(code) || isThrottlingError(raw) || isTransientError(raw) || code === 'OptInRequired' || /^E[A-Z]+$/.test(code)) {
    // Discovery's sentences end in "then scan again"; here the user runs the plan again.
    fix = explainFailure(raw, { profile: ctx.profile, region: ctx.region, accountId: ctx.accountId, action: ctx.action, ...(ctx.endpoint ? { endpoint: ctx.endpoint } : {}) })
      .message.replace(/,? then scan again\.?/g, '.')
      .replace(/scan again/g, 'try again');
  } else if (code === 'OperationNotPermitted') {
    fix =
      ctx.step.kind === 'accept' || ctx.step.kind === 'reject'
        ? `Only the accepter's account may ${ctx.step.kind} a request, in the accepter VPC's region, while it is pending acceptance: check that profile "${ctx.profile}" acts in ${ctx.step.accountId} and the call goes to ${ctx.step.region}, then rescan to see the peering's status.`
        : "AWS does not allow this in the peering's current status or for this account: rescan and follow the peering's checklist.";
  } else if (code === 'InvalidStateTransition' || code === 'IncorrectState') {
    fix = "The peering changed status meanwhile: rescan and follow its checklist.";
  } else if (isPeeringNotFound(code)) {
    fix = `Account ${ctx.accountId} does not see that peering in ${ctx.region}: it may have been deleted, or it lives in the other VPC's region. Rescan, then plan again.`;
  } else if (GONE.test(code)) {
    fix = `A resource of this step no longer exists in ${where}: rescan and plan again, or untick this step.`;
  } else if (code === 'VpcPeeringConnectionAlreadyExists') {
    fix = 'A peering between these two VPCs already exists: rescan and use it (its checklist shows what it lacks), or delete it first.';
  } else if (QUOTA.test(code)) {
    fix = `A quota of account ${ctx.accountId} in ${ctx.region} is reached: remove something unused, or ask for an increase in Service Quotas (Amazon VPC).`;
  } else if (code === 'RouteAlreadyExists') {
    fix = 'Another route for that destination exists in the table: rescan, then replace or skip it when the run asks.';
  } else if (code === 'NetworkAclEntryAlreadyExists') {
    fix = 'Another entry of the network ACL has that rule number in that direction: rescan and plan again, so the new entry takes a free number.';
  } else if (code === 'InvalidParameterValue' || code === 'InvalidParameterCombination' || code === 'MissingParameter' || code === 'InvalidParameter') {
    fix = `AWS refused the step's inputs: ${detail || code}. Untick or change the step.`;
  } else {
    fix = `Check the message above and fix the cause in ${where}.`;
  }
  fix += ctx.dryRun ? ' Nothing was changed: the DryRun stopped the run before any step ran.' : ' The steps before this one are done; resume the run once fixed.';
  return { code: `aws:${code}`, message, fix };
}
