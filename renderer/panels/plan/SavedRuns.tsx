/** Runs that did not finish, as saved in the data folder: interrupted by a quit or a crash, stopped
 * at a failure or a route conflict, waiting for the other account, or cancelled.
 *
 * Each can be opened (its steps, as the plan panel shows them) and resumed, which first asks AWS
 * what its interrupted calls did, or discarded. Props-driven: `client` is the API (`listRuns`,
 * `discardRun`, `resumePlan`, `cancelPlanRun`, and the `planProgressed` subscription). Shows
 * nothing when every run finished.
 */
import { useCallback, useEffect, useState } from 'react';
import { useStore } from 'zustand';

import type { ApiError, Result } from '../../../shared/core/result';
import { fail } from '../../../shared/core/result';
import type { SavedRun } from '../../../shared/planning/plan-run';
import type { PlanActionsClient, SavedRunsClient } from './plan-client';
import { createPlanStore, type PlanStore } from './plan-store';
import { PlanSteps } from './PlanSteps';
import './plan.css';
import { ErrorBox } from './ErrorBox';
import { shownTime, timeAgo } from '../../util/time-ago';

/** Props of `SavedRuns`. */
export interface SavedRunsProps {
  readonly client: SavedRunsClient;
  /** Subscribe to `auditAppended` (resolutions change the counts of unchecked calls). */
  subscribe?(listener: () => void): () => void;
  /** Told how many listed runs are stopped (not going now) after each refresh, e.g. for a badge. */
  onCount?(stopped: number): void;
}

/** Runs that are not going now: what a badge counts. */
export function stoppedRuns(runs: readonly SavedRun[]): number {
  return runs.filter((r) => r.run.phase === 'finished').length;
}

/** What state a saved run is in, in words. */
export function savedRunState(r: SavedRun): { tone: 'bad' | 'warn' | 'info' | 'ok'; text: string } {
  if (r.active) return { tone: 'info', text: r.run.phase === 'waiting-for-accepter' ? 'Waiting for the other account to accept' : 'Running now' };
  const unchecked = r.unresolvedCalls > 0 ? `; ${r.unresolvedCalls} call${r.unresolvedCalls === 1 ? '' : 's'} with an unknown outcome` : '';
  switch (r.run.outcome) {
    case 'interrupted':
      return { tone: 'bad', text: `Interrupted: Peerscape stopped during the run${unchecked}` };
    case 'failed':
      return { tone: 'bad', text: `Stopped at a failure${unchecked}` };
    case 'conflict':
      return { tone: 'warn', text: `Stopped: a route needs your decision${unchecked}` };
    case 'waiting-for-accepter':
      return { tone: 'warn', text: `Waiting for the other account to accept${unchecked}` };
    case 'cancelled':
      return { tone: 'warn', text: `Cancelled${unchecked}` };
    case 'dry-run-failed':
      return { tone: 'bad', text: `Stopped at the checks before going on (nothing more was changed)${unchecked}` };
    case 'completed':
    case 'completed-with-handoff':
      return { tone: 'ok', text: r.run.outcome === 'completed' ? 'Finished: every step is in place' : 'Finished on this side; the other account has steps left' };
    default:
      return { tone: 'info', text: `${r.run.outcome ?? r.run.phase}${unchecked}` };
  }
}

const notHere = (): Promise<Result<never>> =>
  Promise.resolve(fail('unavailable', 'A saved run can be resumed or discarded here.', 'Make a new plan from the diagram to run it again.'));

/** The plan store of one saved run, over a client that can only resume and cancel. */
function storeFor(client: SavedRunsClient, saved: SavedRun): PlanStore {
  const planClient: PlanActionsClient = {
    resumePlan: (i) => client.resumePlan(i),
    cancelPlanRun: (i) => client.cancelPlanRun(i),
    onPlanProgressed: (l) => client.onPlanProgressed(l),
    planPeering: notHere,
    getPlanCli: notHere,
    dryRunPlan: notHere,
    runPlan: notHere,
  };
  const store = createPlanStore(planClient);
  store.getState().adopt(saved.plan, saved.run);
  return store;
}

function OpenRun({ store }: { store: PlanStore }) {
  const s = useStore(store);
  if (!s.plan) return null;
  return (
    <PlanSteps
      plan={s.plan}
      {...(s.run ? { run: s.run } : {})}
      disabled={s.disabled}
      decisions={s.decisions}
      {...(s.busy ? { busy: s.busy } : {})}
      {...(s.error ? { error: s.error } : {})}
      onToggle={(id, on) => store.getState().toggleStep(id, on)}
      onDecide={(id, d) => store.getState().decide(id, d)}
      onResume={() => void store.getState().resume()}
      onCancel={() => void store.getState().cancel()}
    />
  );
}

interface RunCardProps {
  readonly client: SavedRunsClient;
  readonly saved: SavedRun;
  readonly onDiscarded: () => void;
  /** Opened or closed: an open card stays while its run finishes, until it is closed. */
  readonly onOpen: (open: boolean) => void;
}

function RunCard({ client, saved, onDiscarded, onOpen }: RunCardProps) {
  const [open, setOpen] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<ApiError | undefined>();
  // The card's own copy of the run follows its progress, so the heading agrees with the steps.
  const [store] = useState(() => storeFor(client, saved));
  useEffect(() => () => store.dispose(), [store]);
  const live = useStore(store, (s) => s.run) ?? saved.run;
  const active = live.phase !== 'finished';
  const state = savedRunState({ ...saved, run: live, active });
  const started = timeAgo(saved.run.startedAt) ?? saved.run.startedAt;
  async function discard() {
    const r = await client.discardRun({ runId: saved.run.runId });
    if (r.ok) onDiscarded();
    else setError(r.error);
    setConfirming(false);
  }
  return (
    <li className={`saved-run tone-${state.tone}`} data-testid={`saved-run-${saved.run.runId}`}>
      <div className="saved-run-head">
        <strong className="saved-run-title">{saved.plan.title}</strong>
        <span className={`saved-run-state tone-${state.tone}`}>{state.text}</span>
        <span className="muted small" title={shownTime(saved.run.startedAt, { seconds: true })}>
          started {started}
        </span>
      </div>
      <div className="button-row">
        <button
          type="button"
          aria-expanded={open}
          onClick={() => {
            setOpen(!open);
            onOpen(!open);
          }}
        >
          {open ? 'Hide steps' : 'Open to resume'}
        </button>
        {!active &&
          (confirming ? (
            <>
              <span className="small">Forget this run? Its calls stay in the audit log.</span>
              <button type="button" className="danger" onClick={() => void discard()}>
                Discard
              </button>
              <button type="button" className="ghost" onClick={() => setConfirming(false)}>
                Keep
              </button>
            </>
          ) : (
            <button type="button" className="ghost" onClick={() => setConfirming(true)}>
              Discard…
            </button>
          ))}
      </div>
      {error && (
        <ErrorBox error={error} />
      )}
      {open && <OpenRun store={store} />}
    </li>
  );
}

/** The list of unfinished runs, refreshed as runs move and calls are resolved. */
export function SavedRuns({ client, subscribe, onCount }: SavedRunsProps) {
  const [listed, setListed] = useState<readonly SavedRun[]>([]);
  /** Runs whose card is open: shown after they finish too, until closed. */
  const [pinned, setPinned] = useState<ReadonlyMap<string, SavedRun>>(new Map());
  const [error, setError] = useState<ApiError | undefined>();
  const load = useCallback(async () => {
    const r = await client.listRuns({});
    if (r.ok) {
      setListed(r.value);
      setError(undefined);
      onCount?.(stoppedRuns(r.value));
    } else setError(r.error);
  }, [client, onCount]);
  const runs = [...listed, ...[...pinned.values()].filter((p) => !listed.some((l) => l.run.runId === p.run.runId))];
  const pin = (saved: SavedRun, open: boolean) =>
    setPinned((m) => {
      const next = new Map(m);
      if (open) next.set(saved.run.runId, saved);
      else next.delete(saved.run.runId);
      return next;
    });

  useEffect(() => {
    void load();
    let timer: ReturnType<typeof setTimeout> | undefined;
    // A finished (or newly stopped) run changes the list; many steps in a row refresh it once.
    const later = () => {
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => void load(), 200);
    };
    const offProgress = client.onPlanProgressed((run) => {
      if (run.phase === 'finished' || run.phase === 'waiting-for-accepter') later();
    });
    const offAudit = subscribe?.(later);
    return () => {
      if (timer) clearTimeout(timer);
      offProgress();
      offAudit?.();
    };
  }, [client, load, subscribe]);

  if (runs.length === 0 && !error) return null;
  return (
    <section className="saved-runs" aria-label="Unfinished runs" data-testid="saved-runs">
      <h3>Unfinished runs</h3>
      {error && (
        <ErrorBox error={error} />
      )}
      <ul className="saved-run-list">
        {runs.map((r) => (
          <RunCard
            key={r.run.runId}
            client={client}
            saved={r}
            onOpen={(open) => pin(r, open)}
            onDiscarded={() => {
              pin(r, false);
              void load();
            }}
          />
        ))}
      </ul>
    </section>
  );
}

/** How many runs did not finish (for a badge), kept up to date as runs move. */
export function useUnfinishedRunCount(client: SavedRunsClient): [number, (count: number) => void] {
  const [count, setCount] = useState(0);
  useEffect(() => {
    let alive = true;
    const load = () =>
      void client.listRuns({}).then((r) => {
        if (alive && r.ok) setCount(stoppedRuns(r.value));
      });
    load();
    const off = client.onPlanProgressed((run) => {
      if (run.phase === 'finished') load();
    });
    return () => {
      alive = false;
      off();
    };
  }, [client]);
  return [count, setCount];
}
