/** "Left pointing at deleted peerings": the security-group rules AWS reports stale
 * (DescribeStaleSecurityGroups, asked live per VPC with its account's profile) and the routes to
 * ended or forgotten peerings, from one VPC or from both VPCs of one peering, with one button that
 * plans removing them all. Like every action, the plan's calls are listed first and only Confirm
 * runs it (DryRun first); the Node side rescans afterwards, and the new snapshot asks again.
 */
import { useEffect, useState } from 'react';

import type { StaleLeftovers as Leftovers } from '../../shared/analysis/stale-rules';
import { staleCount, staleRuleWords } from '../../shared/analysis/stale-rules';
import { staleRouteWords } from '../../shared/analysis/peering-leftovers';
import type { Result } from '../../shared/core/result';
import type { Topology } from '../../shared/model/topology';
import type { StaleScope } from '../../shared/planning/plan-stale-cleanup';
import type { PeeringPlan } from '../../shared/planning/plan-types';
import { useAppStore } from '../store/store-context';
import { CallsConfirm } from './plan/CallsConfirm';
import { describeRun, fromError, type Notice } from './PeeringActions';

/** The section, for `scope`; `ask` false waits for a click before calling AWS (nothing in the snapshot hints at leftovers). */
export function StaleLeftovers({ topology, scope, ask }: { topology: Topology; scope: StaleScope; ask: boolean }) {
  const client = useAppStore((s) => s.client);
  const [asked, setAsked] = useState(ask);
  const [found, setFound] = useState<Result<Leftovers> | undefined>();
  const [plan, setPlan] = useState<PeeringPlan | undefined>();
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<Notice | undefined>();
  const key = 'vpcId' in scope ? scope.vpcId : scope.peeringId;

  // Asked again for each new snapshot: a rescan after the cleanup shows what is left.
  useEffect(() => {
    if (!asked) return;
    let live = true;
    setFound(undefined);
    void client.getStaleLeftovers('vpcId' in scope ? { vpcId: scope.vpcId } : { peeringId: scope.peeringId }).then((r) => {
      if (live) setFound(r);
    });
    return () => {
      live = false;
    };
  }, [client, key, topology, asked]);

  async function planAll(): Promise<void> {
    setBusy(true);
    setNotice(undefined);
    try {
      const p = await client.planStaleCleanup('vpcId' in scope ? { vpcId: scope.vpcId } : { peeringId: scope.peeringId });
      if (!p.ok) return setNotice(fromError(p.error));
      setPlan(p.value);
    } finally {
      setBusy(false);
    }
  }

  async function runAll(confirmed: PeeringPlan): Promise<void> {
    setBusy(true);
    try {
      const r = await client.runPlan({ planId: confirmed.id });
      setPlan(undefined);
      setNotice(r.ok ? describeRun(r.value, 'Stale rules and routes') : fromError(r.error));
    } finally {
      setBusy(false);
    }
  }

  const leftovers = found?.ok ? found.value : undefined;
  const n = leftovers ? staleCount(leftovers) : 0;
  const rules = leftovers?.vpcs.flatMap((v) => v.rules) ?? [];
  const errors = leftovers?.vpcs.flatMap((v) => (v.error ? [{ vpcId: v.vpcId, error: v.error }] : [])) ?? [];
  return (
    <section className="stale-leftovers" aria-label="Left pointing at deleted peerings" data-testid="stale-leftovers">
      <h4>Left pointing at deleted peerings</h4>
      {!asked ? (
        <p className="muted small">
          Nothing in the scan points at a deleted peering.{' '}
          <button type="button" className="link" onClick={() => setAsked(true)}>
            Ask AWS for stale security-group rules
          </button>
        </p>
      ) : !found ? (
        <p className="muted small">Asking AWS for stale security-group rules (DescribeStaleSecurityGroups)…</p>
      ) : !found.ok ? (
        <p className="bad-text small" role="alert">
          {found.error.message} {found.error.fix}
        </p>
      ) : (
        <>
          {n === 0 && errors.length === 0 && <p className="muted small">Nothing: no stale security-group rule, no route to a deleted peering.</p>}
          {rules.length > 0 && (
            <ul className="plain" aria-label="Stale security-group rules">
              {rules.map((r, i) => (
                <li key={`${r.groupId}:${r.direction}:${i}`} className="small" data-testid="stale-rule">
                  {staleRuleWords(r)}
                </li>
              ))}
            </ul>
          )}
          {leftovers!.routes.length > 0 && (
            <ul className="plain" aria-label="Stale routes">
              {leftovers!.routes.map((r) => (
                <li key={`${r.routeTableId}:${r.destination}`} className="small blackhole" data-testid="stale-route">
                  {staleRouteWords(r)}
                </li>
              ))}
            </ul>
          )}
          {errors.length > 0 && (
            <ul className="plain findings-list">
              {errors.map((e) => (
                <li key={e.vpcId} className="finding bad small" role="alert" data-testid="stale-error">
                  {e.error.message} <span className="finding-fix">{e.error.fix}</span>
                </li>
              ))}
            </ul>
          )}
          {n > 0 && !plan && (
            <button type="button" className="danger" disabled={busy} onClick={() => void planAll()}>
              {busy ? 'Planning…' : `Remove all ${n}`}
            </button>
          )}
        </>
      )}
      {notice && (
        <div className={`action-notice tone-${notice.tone}`} role={notice.tone === 'bad' ? 'alert' : 'status'} data-testid="stale-notice">
          <strong>{notice.text}</strong> {notice.fix}
        </div>
      )}
      {plan && (
        <CallsConfirm
          key={plan.id}
          plan={plan}
          disabled={[]}
          title={`${plan.title}?`}
          confirmLabel={`Remove all ${plan.steps.length}`}
          danger
          busy={busy}
          onConfirm={() => void runAll(plan)}
          onCancel={() => setPlan(undefined)}
        >
          {plan.notes.length > 0 && (
            <ul className="plan-notes">
              {plan.notes.map((note) => (
                <li key={note.message} className={`note-${note.level}`}>
                  {note.message}
                  {note.fix ? ` ${note.fix}` : ''}
                </li>
              ))}
            </ul>
          )}
        </CallsConfirm>
      )}
    </section>
  );
}
