/** What other kinds ask of VPCs: the caller's VPC by id, and the error of one still in use. */
import { AwsError, assertWellFormedId, missingParameter, notFound } from '../../errors';
import type { CallContext } from '../../ec2/context';
import { VPC_IDS, type VpcRec } from './records';

/** The caller's VPC `id`, or the AWS error for a malformed or unknown id. */
export function requireVpc(ctx: CallContext, id: string | undefined, param = 'VpcId'): VpcRec {
  if (!id) throw missingParameter(param);
  assertWellFormedId(VPC_IDS, id);
  const v = ctx.cell.table('vpc').get(id);
  if (!v) throw notFound(VPC_IDS, id);
  return v;
}

/** The `DependencyViolation` of a VPC that still holds resources its deletion does not take along. */
export function vpcHasDependencies(v: VpcRec): AwsError {
  return new AwsError('DependencyViolation', `The vpc '${v.id}' has dependencies and cannot be deleted.`);
}
