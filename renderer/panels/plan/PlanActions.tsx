/** The plan panel's actions for a dropped pair: options (name, security-group rules, DNS), the
 * steps, and the buttons, wired to the API through a plan store.
 *
 * Mount it in the graph helper's plan slot:
 * `<PlanActionsProvider render={(ctx) => <PlanActions context={ctx} client={planClient} />}>`.
 */
import { useEffect, useMemo, useState } from 'react';
import { useStore } from 'zustand';

import type { SecurityGroupId } from '../../../shared/model/ids';
import type { Topology, Vpc } from '../../../shared/model/topology';
import type { PlanActionsClient, PlanPeeringRequest } from './plan-client';
import { createPlanStore, type PlanStore } from './plan-store';
import { PlanSteps } from './PlanSteps';
import './plan.css';

/** What PlanActions needs of the dropped pair (the slot's `PlanContext` fits). */
export interface PlanActionsContext {
  readonly requester: Vpc;
  readonly accepter: Vpc;
  readonly topology: Topology;
  readonly close?: () => void;
}

/** Props of `PlanActions`. */
export interface PlanActionsProps {
  readonly context: PlanActionsContext;
  readonly client: PlanActionsClient;
  /** Clipboard writer (default: `navigator.clipboard.writeText`). */
  copyText?(text: string): void | Promise<void>;
}

type Protocol = 'tcp' | 'udp' | 'icmp' | '-1';

interface RuleDraft {
  groupIds: SecurityGroupId[];
  protocol: Protocol;
  from: string;
  to: string;
  source: 'cidr' | 'sg-reference';
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
  const sameRegion = requester.region === accepter.region;
  const groups = useMemo(() => topology.securityGroups.filter((g) => g.vpcId === requester.id || g.vpcId === accepter.id), [topology, requester.id, accepter.id]);

  const request = useMemo((): PlanPeeringRequest => {
    const ruleOk = rule && rule.groupIds.length > 0 && (rule.protocol === '-1' || (rule.from !== '' && rule.to !== ''));
    return {
      requesterVpcId: requester.id,
      accepterVpcId: accepter.id,
      ...(name.trim() ? { name: name.trim() } : {}),
      ...(dns.requester || dns.accepter ? { dns } : {}),
      ...(ruleOk
        ? {
            securityGroupRules: [
              {
                groupIds: rule.groupIds,
                protocol: rule.protocol,
                source: rule.source,
                ...(rule.protocol === '-1' ? {} : { ports: { from: Number(rule.from), to: Number(rule.to) } }),
              },
            ],
          }
        : {}),
    };
  }, [requester.id, accepter.id, name, dns, rule]);

  // Plan again whenever the options change (debounced so typing a name is not a request per key).
  useEffect(() => {
    const t = setTimeout(() => void store.getState().makePlan(request), 150);
    return () => clearTimeout(t);
  }, [store, request]);

  const locked = !!state.run && state.run.phase !== 'finished';

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
            <span>Allow</span>
            <select aria-label="Protocol" value={rule.protocol} onChange={(e) => setRule({ ...rule, protocol: e.currentTarget.value as Protocol })}>
              <option value="tcp">TCP</option>
              <option value="udp">UDP</option>
              <option value="icmp">ICMP</option>
              <option value="-1">All traffic</option>
            </select>
            {rule.protocol !== '-1' && (
              <>
                <input aria-label="From port" inputMode="numeric" size={6} value={rule.from} onChange={(e) => setRule({ ...rule, from: e.currentTarget.value, to: rule.to === rule.from ? e.currentTarget.value : rule.to })} />
                <input aria-label="To port" inputMode="numeric" size={6} value={rule.to} onChange={(e) => setRule({ ...rule, to: e.currentTarget.value })} />
              </>
            )}
            <select aria-label="Source" value={rule.source} onChange={(e) => setRule({ ...rule, source: e.currentTarget.value as RuleDraft['source'] })}>
              <option value="cidr">from the peer's CIDR blocks</option>
              <option value="sg-reference" disabled={!sameRegion}>
                from the peer's security groups{sameRegion ? '' : ' (same region only)'}
              </option>
            </select>
            <select
              aria-label="Security groups"
              multiple
              value={rule.groupIds}
              onChange={(e) => setRule({ ...rule, groupIds: [...e.currentTarget.selectedOptions].map((o) => o.value as SecurityGroupId) })}
            >
              {groups.map((g) => (
                <option key={g.id} value={g.id}>
                  {g.name} ({g.id}, {g.vpcId === requester.id ? requester.name ?? 'requester' : accepter.name ?? 'accepter'})
                </option>
              ))}
            </select>
            <button type="button" className="ghost" onClick={() => setRule(undefined)}>
              Remove rule
            </button>
          </div>
        ) : (
          <button type="button" className="ghost" onClick={() => setRule({ groupIds: [], protocol: 'tcp', from: '443', to: '443', source: 'cidr' })}>
            Add a security-group rule
          </button>
        )}
      </fieldset>
      {state.status === 'planning' && !state.plan && <p className="muted">Planning…</p>}
      {state.status === 'error' && state.error && (
        <div className="plan-error" role="alert" data-testid="plan-error">
          <strong>{state.error.message}</strong>
          <span>{state.error.fix}</span>
        </div>
      )}
      {state.plan && (
        <PlanSteps
          plan={state.plan}
          {...(state.run ? { run: state.run } : {})}
          disabled={state.disabled}
          decisions={state.decisions}
          {...(state.busy ? { busy: state.busy } : {})}
          {...(state.status !== 'error' && state.error ? { error: state.error } : {})}
          onToggle={(id, on) => store.getState().toggleStep(id, on)}
          onDecide={(id, d) => store.getState().decide(id, d)}
          onCopyCli={async () => {
            const cli = await store.getState().loadCli();
            if (cli) await copy(cli.script, 'cli');
          }}
          onDryRun={() => void store.getState().dryRun()}
          onRun={() => void store.getState().startRun()}
          onResume={() => void store.getState().resume()}
          onCancel={() => void store.getState().cancel()}
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
