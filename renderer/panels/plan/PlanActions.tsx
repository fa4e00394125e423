/** The plan panel's actions for a dropped pair: options (name, security-group rules, DNS), the
 * steps, and the buttons, wired to the API through a plan store.
 *
 * Mount it in the graph's plan slot:
 * `<PlanActionsProvider render={(ctx) => <PlanActions context={ctx} client={planClient} />}>`.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { useStore } from 'zustand';

import type { Topology, Vpc } from '../../../shared/model/topology';
import type { PlanRun } from '../../../shared/planning/plan-run';
import type { PlanActionsClient, PlanPeeringRequest } from './plan-client';
import { createPlanStore, planStepControls, type PlanStore } from './plan-store';
import { PlanSteps } from './PlanSteps';
import { NEW_RULE, RuleEditor, ruleRequestOf, type RuleDraft } from './RuleEditor';
import './plan.css';
import { ErrorBox } from './ErrorBox';

/** What PlanActions needs of the dropped pair (the slot's `PlanContext` fits). */
export interface PlanActionsContext {
  readonly requester: Vpc;
  readonly accepter: Vpc;
  readonly topology: Topology;
  readonly close?: () => void;
  /** Select a peering on the canvas and bring it into view (called once a run has made the new one). */
  readonly showPeering?: (peeringId: string) => void;
}

/** Props of `PlanActions`. */
export interface PlanActionsProps {
  readonly context: PlanActionsContext;
  readonly client: PlanActionsClient;
  /** Clipboard writer (default: `navigator.clipboard.writeText`). */
  copyText?(text: string): void | Promise<void>;
}

function defaultCopy(text: string): Promise<void> {
  return navigator.clipboard?.writeText(text) ?? Promise.reject(new Error('no clipboard'));
}

/** The options form and the plan it produces. */
export function PlanActions({ context, client, copyText = defaultCopy }: PlanActionsProps) {
  const [store] = useState<PlanStore>(() => createPlanStore(client));
  useEffect(() => () => store.dispose(), [store]);
  const state = useStore(store);
  const { requester, accepter, topology } = context;
  const [name, setName] = useState('');
  const [dns, setDns] = useState({ requester: false, accepter: false });
  const [rule, setRule] = useState<RuleDraft | undefined>();
  const [copied, setCopied] = useState<string | undefined>();
  const groups = useMemo(() => topology.securityGroups.filter((g) => g.vpcId === requester.id || g.vpcId === accepter.id), [topology, requester.id, accepter.id]);

  const request = useMemo((): PlanPeeringRequest => {
    const ruleRequest = ruleRequestOf(rule);
    return {
      requesterVpcId: requester.id,
      accepterVpcId: accepter.id,
      ...(name.trim() ? { name: name.trim() } : {}),
      ...(dns.requester || dns.accepter ? { dns } : {}),
      ...(ruleRequest ? { securityGroupRules: [ruleRequest] } : {}),
    };
  }, [requester.id, accepter.id, name, dns, rule]);

  // Plan again whenever the options change (debounced so typing a name is not a request per key).
  useEffect(() => {
    const t = setTimeout(() => void store.getState().makePlan(request), 150);
    return () => clearTimeout(t);
  }, [store, request]);

  const locked = !!state.run && state.run.phase !== 'finished';

  // Status texts say what the last action did; the next action clears them at once. Until its
  // first news arrives, the outcome line says what was started instead of the outdated outcome.
  const [starting, setStarting] = useState<{ from: PlanRun | undefined; text: string } | undefined>();
  const begin = (text: string, action: () => Promise<void>) => {
    setCopied(undefined);
    setStarting({ from: state.run, text });
    void action();
  };
  const startingText = starting && state.busy && state.busy !== 'cli' && state.run === starting.from ? starting.text : undefined;
  useEffect(() => setCopied(undefined), [request]);

  // Once a run has made the peering (done, or waiting for the other account), show it on the canvas.
  const shownRun = useRef<string | undefined>(undefined);
  const { showPeering } = context;
  const run = state.run;
  useEffect(() => {
    if (!run?.peeringId || !showPeering || shownRun.current === run.runId) return;
    const made = run.outcome === 'completed' || run.outcome === 'completed-with-handoff' || run.phase === 'waiting-for-accepter' || run.outcome === 'waiting-for-accepter';
    if (!made) return;
    shownRun.current = run.runId;
    showPeering(run.peeringId);
  }, [run, showPeering]);

  async function copy(text: string, what: string) {
    try {
      await copyText(text);
      setCopied(what);
    } catch {
      setCopied(undefined);
    }
  }

  return (
    <div className="plan-actions-body" data-testid="plan-actions-body">
      <fieldset className="plan-options" disabled={locked || (!!state.run && state.run.outcome !== 'dry-run-passed' && state.run.outcome !== 'dry-run-failed')}>
        <legend className="visually-hidden">Options</legend>
        <label className="plan-option">
          <span>Name</span>
          <input value={name} placeholder={`${requester.name ?? requester.id}-to-${accepter.name ?? accepter.id}`} onChange={(e) => setName(e.currentTarget.value)} aria-label="Peering name" />
        </label>
        <div className="plan-option">
          <span>DNS</span>
          <label>
            <input type="checkbox" checked={dns.requester} onChange={(e) => setDns({ ...dns, requester: e.currentTarget.checked })} /> {requester.name ?? requester.id} resolves the peer's private names
          </label>
          <label>
            <input type="checkbox" checked={dns.accepter} onChange={(e) => setDns({ ...dns, accepter: e.currentTarget.checked })} /> {accepter.name ?? accepter.id} resolves the peer's private names
          </label>
        </div>
        {rule ? (
          <div className="plan-option plan-rule" role="group" aria-label="Security-group rule">
            <RuleEditor rule={rule} onChange={setRule} requester={requester} accepter={accepter} groups={groups} />
            <button type="button" className="ghost" onClick={() => setRule(undefined)}>
              Remove rule
            </button>
          </div>
        ) : (
          <button type="button" className="ghost" onClick={() => setRule(NEW_RULE)}>
            Add a security-group rule
          </button>
        )}
      </fieldset>
      {state.status === 'planning' && !state.plan && <p className="muted">Planning…</p>}
      {state.status === 'error' && state.error && (
        <ErrorBox error={state.error} testId="plan-error" />
      )}
      {state.plan && (
        <PlanSteps
          plan={state.plan}
          {...(state.run ? { run: state.run } : {})}
          disabled={state.disabled}
          decisions={state.decisions}
          {...(state.busy ? { busy: state.busy } : {})}
          {...(state.status !== 'error' && state.error ? { error: state.error } : {})}
          onCopyCli={async () => {
            setCopied(undefined);
            const cli = await store.getState().loadCli();
            if (cli) await copy(cli.script, 'cli');
          }}
          {...(startingText ? { startingText } : {})}
          {...planStepControls(store, begin)}
          onCopyText={(text) => void copy(text, 'handoff')}
        />
      )}
      {copied && (
        <p className="muted small" role="status">
          {copied === 'cli' ? 'AWS CLI commands copied.' : 'Instructions copied.'}
        </p>
      )}
    </div>
  );
}
