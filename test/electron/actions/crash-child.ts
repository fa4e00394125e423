/** The Node side of Peerscape in a child process, for the crash tests: the real actions service on
 * a data folder, against the test's sandbox cloud, killed (SIGKILL) by the test at set points.
 *
 * Run with `node --import tsx crash-child.ts '<json>'` (see `ChildOrder`). Every audit line the
 * service writes is reported on stdout as it is written (synchronously, so nothing is lost to the
 * kill). With `pauseAt`, the child stops dead right after the matching line is on disk: no call is
 * sent and no timer runs until the test creates `goFile` (or kills the child). The line that says
 * it paused is the test's cue, so each kill point is exact, with no sleep that could race.
 */
import { existsSync, readFileSync, writeSync } from 'node:fs';

import { createActionsService } from '../../../electron/actions/actions-service';
import type { AuditEntry } from '../../../shared/planning/audit-entry';
import type { Topology } from '../../../shared/model/topology';
import { planAttachmentInput, planPeeringInput } from '../../../shared/planning/action-inputs';
import type { AuditRecord } from '../../../shared/planning/audit-filter';

/** What the test asks of the child. */
export interface ChildOrder {
  readonly dataDir: string;
  readonly env: Readonly<Record<string, string>>;
  readonly home: string;
  readonly topologyFile: string;
  /** `run`: plan `request` (a peering, or an attachment when it names a transit gateway) and run it; `resume`: list the unfinished runs and resume each. */
  readonly mode: 'run' | 'resume';
  readonly request?: unknown;
  /** Stop after the `nth` (1-based) line with this action and outcome is written. */
  readonly pauseAt?: { readonly action: string; readonly outcome: 'intent' | 'ok'; readonly nth: number; readonly goFile: string };
}

/** One line the child prints. */
export type ChildMessage =
  | { readonly type: 'audit'; readonly entry: AuditRecord }
  | { readonly type: 'paused'; readonly entry: AuditRecord }
  | { readonly type: 'runs'; readonly runIds: readonly string[]; readonly outcomes: readonly string[] }
  | { readonly type: 'finished'; readonly outcome: string; readonly peeringId?: string; readonly attachmentId?: string; readonly statuses: Readonly<Record<string, string>> }
  | { readonly type: 'error'; readonly message: string };

function say(m: ChildMessage): void {
  writeSync(1, JSON.stringify(m) + '\n');
}

const order = JSON.parse(process.argv[2] ?? '{}') as ChildOrder;
const gate = new Int32Array(new SharedArrayBuffer(4));
let seen = 0;

function onAudit(entry: AuditEntry): void {
  const e = entry as AuditRecord;
  say({ type: 'audit', entry: e });
  const p = order.pauseAt;
  if (!p || e.action !== p.action || e.outcome !== p.outcome || ++seen !== p.nth) return;
  say({ type: 'paused', entry: e });
  // Block the whole process (no I/O, no timers) until the test lets it go or kills it.
  while (!existsSync(p.goFile)) Atomics.wait(gate, 0, 0, 10);
}

async function main(): Promise<void> {
  const topology = JSON.parse(readFileSync(order.topologyFile, 'utf8')) as Topology;
  const service = createActionsService({
    env: order.env,
    homeDir: order.home,
    dataDir: order.dataDir,
    loadTopology: async () => topology,
    planProgressed: () => undefined,
    auditAppended: onAudit,
    now: () => new Date(),
    settle: { intervalMs: 20, timeoutMs: 10_000 },
    acceptance: { wait: true, pollIntervalMs: 50, timeoutMs: 20_000 },
  });
  const report = (run: { outcome?: string; peeringId?: string; attachmentId?: string; steps: readonly { stepId: string; status: string }[] }) =>
    say({
      type: 'finished',
      outcome: run.outcome ?? '?',
      ...(run.peeringId ? { peeringId: run.peeringId } : {}),
      ...(run.attachmentId ? { attachmentId: run.attachmentId } : {}),
      statuses: Object.fromEntries(run.steps.map((s) => [s.stepId, s.status])) });
  if (order.mode === 'run') {
    const asked = order.request as Record<string, unknown>;
    const plan = 'transitGatewayId' in asked ? await service.planAttachment(planAttachmentInput.parse(asked)) : await service.planPeering(planPeeringInput.parse(asked));
    if (!plan.ok) throw new Error(plan.error.message);
    const run = await service.runPlan({ planId: plan.value.id });
    if (!run.ok) throw new Error(run.error.message);
    report(run.value);
  } else {
    const runs = await service.listRuns();
    if (!runs.ok) throw new Error(runs.error.message);
    say({ type: 'runs', runIds: runs.value.map((r) => r.run.runId), outcomes: runs.value.map((r) => r.run.outcome ?? r.run.phase) });
    for (const r of runs.value) {
      const resumed = await service.resumePlan({ runId: r.run.runId });
      if (!resumed.ok) throw new Error(resumed.error.message);
      report(resumed.value);
    }
  }
  service.dispose();
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    say({ type: 'error', message: (e as Error)?.stack ?? String(e) });
    process.exit(1);
  },
);
