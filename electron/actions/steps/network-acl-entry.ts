/** `create-network-acl-entry`: add a numbered entry to a network ACL. The same entry already there
 * counts as done; another entry holding the number stops the step (the plan was made on an older scan).
 */
import { findNetworkAclEntry } from '../ec2-reads';
import { requestIdOf, type StepHandler } from './step-handler';

export const createNetworkAclEntry: StepHandler<'create-network-acl-entry'> = {
  async run(step, ctx) {
    const p = step.params;
    const what = `${p.Egress ? 'outbound' : 'inbound'} rule ${p.RuleNumber} of ${p.NetworkAclId}`;
    const current = await ctx.calls.read(step.profile, step.region, 'DescribeNetworkAcls', (c, s) => findNetworkAclEntry(c, p.NetworkAclId, p.RuleNumber, p.Egress, s));
    if (current) {
      const cidr = current.CidrBlock ?? current.Ipv6CidrBlock;
      const same = current.RuleAction === p.RuleAction && current.Protocol === p.Protocol && cidr === (p.CidrBlock ?? p.Ipv6CidrBlock);
      if (same) return { status: 'already-done', message: `${p.NetworkAclId} already has ${what}.` };
      return {
        status: 'failed',
        stop: true,
        message: `${what} is already taken by another entry (${current.RuleAction} ${current.Protocol} ${cidr ?? ''}).`,
        error: {
          code: 'conflict',
          message: `${what} is already taken by another entry (${current.RuleAction} protocol ${current.Protocol} ${cidr ?? ''}): the plan was made on an older scan.`,
          fix: 'Rescan and plan again, so the new entry takes a free number.',
        },
      };
    }
    const answer = await ctx.calls.mutate(step, { action: step.action, params: p }, false);
    return { status: 'done', message: `Added ${what}: ${p.RuleAction} ${p.CidrBlock ?? p.Ipv6CidrBlock ?? ''}.`, ...requestIdOf(answer) };
  },
};
