/** The fix of a blocked pair ("Fix this path"), floating over the canvas like the peering plan:
 * what it changes, then the plan's steps with Copy as AWS CLI, DryRun, Run (after the list of
 * calls is confirmed) and Resume, as any plan. The plan is made on the Node side from the latest
 * scan (`planPathFix`); a run there rescans, and the inspector's verdict follows the new scan.
 */
import { useEffect, useRef, useState } from 'react';
import { useStore } from 'zustand';

import type { ApiError } from '../../shared/core/result';
import type { Topology } from '../../shared/model/topology';
import type { PathFixAnswer } from '../../shared/planning/plan-path-fix';
import type { PlanRun } from '../../shared/planning/plan-run';
import { labelVpc, indexTopology } from '../../shared/analysis/topology-index';
import { trafficWords } from '../../shared/analysis/estate-reach';
import { changesWords, pathFixKey, pathFixRequest } from '../graph/path-fix';
import type { PathFixPair } from '../store/app-state';
import { useAppStore } from '../store/store-context';
import { ErrorBox } from './plan/ErrorBox';
import type { PlanActionsClient } from './plan/plan-client';
import { createPlanStore, planStepControls, type PlanStore } from './plan/plan-store';
import { PlanSteps } from './plan/PlanSteps';
import './plan/plan.css';

/** Props of `PathFixPanel`. */
export interface PathFixPanelProps {
  readonly topology: Topology;
  readonly pair: PathFixPair;
  readonly onClose: () => void;
}

/** The fix panel. */
export function PathFixPanel({ topology, pair, onClose }: PathFixPanelProps) {
  const client = useAppStore((s) => s.client);
  const [store] = useState<PlanStore>(() => {
    const planClient: PlanActionsClient = {
      planPeering: (i) => client.planPeering(i),
      getPlanCli: (i) => client.getPlanCli(i),
      dryRunPlan: (i) => client.dryRunPlan(i),
      runPlan: (i) => client.runPlan(i),
      resumePlan: (i) => client.resumePlan(i),
      cancelPlanRun: (i) => client.cancelPlanRun(i),
      onPlanProgressed: (listener: (run: PlanRun) => void) => client.on('planProgressed', listener),
    };
    return createPlanStore(planClient);
  });
  useEffect(() => () => store.dispose(), [store]);
  const state = useStore(store);
  const [answer, setAnswer] = useState<PathFixAnswer | undefined>();
  const [error, setError] = useState<ApiError | undefined>();
  const [starting, setStarting] = useState<string | undefined>();
  const asked = useRef<string | undefined>(undefined);

  // Plan once per pair: the plan stays while it runs, though each finished step rescans.
  useEffect(() => {
    const key = pathFixKey(pair);
    if (asked.current === key) return;
    asked.current = key;
    setAnswer(undefined);
    setError(undefined);
    void client.planPathFix(pathFixRequest(pair)).then((r) => {
      if (asked.current !== key) return;
      if (!r.ok) return setError(r.error);
      setAnswer(r.value);
      if (r.value.status === 'plan') store.getState().usePlan(r.value.plan);
    });
  }, [client, pair, store]);

  const index = indexTopology(topology);
  const begin = (text: string, action: () => Promise<void>) => {
    setStarting(text);
    void action().finally(() => setStarting(undefined));
  };
  const plan = answer?.status === 'plan' ? answer.plan : undefined;
  return (
    <section className="plan-panel floating-panel" role="dialog" aria-label="Fix this path" data-testid="path-fix-panel">
      <header className="floating-head">
        <h2>Fix this path</h2>
        <button type="button" className="ghost icon" onClick={onClose} aria-label="Close the fix">
          ×
        </button>
      </header>
      <p className="small">
        {labelVpc(index, pair.from)} → {labelVpc(index, pair.to)}, <span data-testid="path-fix-traffic">{pair.traffic ? trafficWords(pair.traffic) : 'all traffic'}</span>
      </p>
      {!answer && !error && <p className="muted">Planning…</p>}
      {error && <ErrorBox error={error} testId="path-fix-error" />}
      {answer?.status === 'nothing-to-fix' && (
        <p data-testid="path-fix-nothing">
          {answer.message}
        </p>
      )}
      {plan && answer?.status === 'plan' && (
        <>
          <p data-testid="path-fix-summary">
            <strong>{changesWords(plan.steps.length)}</strong>
            {answer.proposesPeering ? ', with a new direct peering (dashed on the canvas)' : ''}, from the latest scan. Each change below is one EC2 call.
          </p>
          {plan.notes.length > 0 && (
            <ul className="plan-warnings" aria-label="Notes">
              {plan.notes.map((n) => (
                <li key={n.message}>
                  <strong>{n.message}</strong> {n.fix}
                </li>
              ))}
            </ul>
          )}
          {state.plan && (
            <PlanSteps
              plan={state.plan}
              {...(state.run ? { run: state.run } : {})}
              disabled={state.disabled}
              decisions={state.decisions}
              {...(state.busy ? { busy: state.busy } : {})}
              {...(state.error ? { error: state.error } : {})}
              {...(starting && state.busy && state.busy !== 'cli' ? { startingText: starting } : {})}
              onCopyCli={() => void store.getState().loadCli().then((cli) => cli && navigator.clipboard?.writeText(cli.script))}
              {...planStepControls(store, begin)}
              onCopyText={(text) => void navigator.clipboard?.writeText(text)}
            />
          )}
        </>
      )}
    </section>
  );
}
