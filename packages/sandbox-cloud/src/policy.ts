/** Policy denies: which kind of policy refuses an action, and the refusal in each service's words.
 *
 * A deny comes from the scenario (`denyActions`, kept in the world) or from the fault options.
 * A service control policy's deny is explicit; a missing permission is an implicit deny. AWS
 * names the difference in the message, and the error code stays the service's own:
 * `UnauthorizedOperation` for EC2, `AccessDenied` for STS, `AccessDeniedException` for RAM.
 */
import { AwsError } from './errors';
import { matchDeny, type DenyKind, type FaultInjector } from './faults';
import type { World } from './state/world';

/** The kind of policy that refuses `qualifiedAction` (`ec2:DescribeVpcs`) for this account in this region, if one does. */
export function policyDenial(world: World, faults: FaultInjector, accountId: string, region: string, qualifiedAction: string): DenyKind | undefined {
  const fromScenario = matchDeny(world.policyDenies, accountId, region, qualifiedAction);
  if (fromScenario === 'scp') return fromScenario;
  return faults.actionDenied(accountId, region, qualifiedAction) ?? fromScenario;
}

/** Why the action is refused, as AWS ends its access-denied messages. */
function reason(kind: DenyKind, qualifiedAction: string): string {
  return kind === 'scp' ? 'with an explicit deny in a service control policy' : `because no identity-based policy allows the ${qualifiedAction} action`;
}

/** The refusal of `qualifiedAction` by a policy, in the words of the action's service. */
export function deniedError(kind: DenyKind, callerArn: string, qualifiedAction: string, resource?: string): AwsError {
  const [service] = qualifiedAction.split(':') as [string];
  const on = resource ? ` on resource: ${resource}` : '';
  const what = `User: ${callerArn} is not authorized to perform: ${qualifiedAction}${on} ${reason(kind, qualifiedAction)}`;
  if (service === 'ec2') return new AwsError('UnauthorizedOperation', `You are not authorized to perform this operation. ${what}`, 403);
  if (service === 'ram') return new AwsError('AccessDeniedException', what, 403);
  return new AwsError('AccessDenied', what, 403);
}
