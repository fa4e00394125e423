/** The peering's status as AWS shows it to one account, and waiting out AWS's own transitions:
 * `initiating-request` after a create, `provisioning` after an accept.
 */
import type { PlanStep } from '../../../shared/planning/plan-types';
import { describePeering, type PeeringView } from '../ec2-reads';
import type { Clock } from '../wait-for-acceptance';
import { DEFAULT_SETTLE, type ExecuteDeps, type StepResult } from './run-context';
import type { RunCalls } from './run-calls';
import type { RunState } from './run-state';

/** Reads and waits on the run's peering. */
export class PeeringWatch {
  constructor(
    private readonly calls: RunCalls,
    private readonly state: RunState,
    private readonly deps: Pick<ExecuteDeps, 'settle' | 'signal'>,
    private readonly clock: Clock,
  ) {}

  /** The peering `id` as `profile` sees it in `region`; undefined when it does not. */
  view(profile: string, region: string, id: string): Promise<PeeringView | undefined> {
    return this.calls.read(profile, region, 'DescribeVpcPeeringConnections', (c, s) => describePeering(c, id, s));
  }

  /** Poll until `done(view)` or the settle time runs out; returns the last view, whose status the run keeps. */
  async settle(profile: string, region: string, id: string, done: (v: PeeringView | undefined) => boolean): Promise<PeeringView | undefined> {
    const intervalMs = this.deps.settle?.intervalMs ?? DEFAULT_SETTLE.intervalMs;
    const deadline = this.clock.now() + (this.deps.settle?.timeoutMs ?? DEFAULT_SETTLE.timeoutMs);
    let v = await this.view(profile, region, id);
    while (!done(v) && this.clock.now() < deadline) {
      await this.clock.sleep(intervalMs, this.deps.signal);
      v = await this.view(profile, region, id);
    }
    if (v) this.state.peeringStatus = v.status;
    return v;
  }

  /** Undefined once the peering is active (waiting out `provisioning`); otherwise the step's failure. */
  async ensureActive(step: PlanStep, accepterAccountId: string): Promise<StepResult | undefined> {
    if (this.state.peeringStatus === 'active') return undefined;
    const v = await this.settle(step.profile!, step.region, this.state.peeringId!, (x) => x?.status === 'active' || (!!x && x.status !== 'provisioning'));
    if (v?.status === 'active') return undefined;
    return {
      status: 'failed',
      stop: true,
      error: {
        code: 'conflict',
        message: `${step.title}: AWS allows this only on an active peering, and ${this.state.peeringId} is ${v?.status ?? 'not visible'} in account ${step.accountId}, ${step.region}.`,
        fix: v?.status === 'pending-acceptance' ? `Have ${accepterAccountId} accept it first, then resume.` : "Rescan and follow the peering's checklist.",
      },
    };
  }
}
