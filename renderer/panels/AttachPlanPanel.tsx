/** The attachment plan a VPC dropped on a transit gateway hub opens: the attachment's subnets (one
 * per Availability Zone, editable), the association and propagation tables where the gateway has
 * no defaults, the destinations to route through the gateway, and the steps with Dry run / Run,
 * as a peering plan's. The plan itself comes from `planAttachment` (shared/planning/plan-attachment.ts).
 */
import { createContext, useContext, useEffect, useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import { useStore } from 'zustand';

import { defaultAttachmentSubnets } from '../../shared/planning/attachment-choices';
import { isIpv6Cidr, vpcCidrs } from '../../shared/planning/plan-steps';
import type { ApiError, Result } from '../../shared/core/result';
import type { SubnetId } from '../../shared/model/ids';
import type { Topology, TransitGatewayRouteTableId } from '../../shared/model/topology';
import type { PlanRun } from '../../shared/planning/plan-run';
import type { PeeringPlan } from '../../shared/planning/plan-types';
import type { MethodInput } from '../../shared/api/contract';
import { indexTopology } from '../../shared/analysis/topology-index';
import { attachValidatorOf } from '../graph/derive';
import type { AttachPair } from '../store/app-state';
import type { PlanActionsClient } from './plan/plan-client';
import { createPlanStore, planStepControls, type PlanStore } from './plan/plan-store';
import { PlanSteps } from './plan/PlanSteps';
import { ErrorBox } from './plan/ErrorBox';
import './plan/plan.css';

/** The plan methods, with the attachment's. */
export type AttachActionsClient = PlanActionsClient & {
  planAttachment(input: MethodInput<'planAttachment'>): Promise<Result<PeeringPlan>>;
};

const AttachClientContext = createContext<AttachActionsClient | undefined>(undefined);

/** Provide the client every attachment plan panel below uses. */
export function AttachClientProvider({ client, children }: { client: AttachActionsClient; children: ReactNode }) {
  return <AttachClientContext.Provider value={client}>{children}</AttachClientContext.Provider>;
}

/** Props of `AttachPlanPanel`. */
export interface AttachPlanPanelProps {
  readonly topology: Topology;
  readonly pair: AttachPair;
  readonly onClose: () => void;
}

/** The panel, floating over the canvas's right side like the peering plan. */
export function AttachPlanPanel({ topology, pair, onClose }: AttachPlanPanelProps) {
  const client = useContext(AttachClientContext);
  const index = indexTopology(topology);
  const vpc = index.vpcById.get(pair.vpcId);
  const gateway = topology.transitGateways.find((g) => g.id === pair.transitGatewayId);
  const verdict = useMemo(() => attachValidatorOf(topology)(pair.vpcId, pair.transitGatewayId), [topology, pair]);
  if (!vpc || !gateway) return null;
  const zones = [...new Set((index.subnetsByVpc.get(vpc.id) ?? []).map((s) => s.availabilityZone))].sort();
  return (
    <section className="plan-panel floating-panel" role="dialog" aria-label="Attachment plan" data-testid="attach-plan-panel">
      <header className="floating-head">
        <h2>Attachment plan</h2>
        <button type="button" className="ghost icon" onClick={onClose} aria-label="Close the plan">
          ×
        </button>
      </header>
      <ul className="plan-kind" aria-label="What this attachment takes">
        <li className="same" data-testid="attach-what">
          {vpc.name ? (
            <>
              {vpc.name} <span className="mono muted small">{vpc.id}</span>
            </>
          ) : (
            <span className="mono">{vpc.id}</span>
          )}{' '}
          → {gateway.name ?? gateway.id} {gateway.name && <span className="mono muted small">{gateway.id}</span>}
        </li>
        <li className={vpc.accountId === gateway.accountId ? 'same' : 'cross'} data-testid="attach-account">
          {vpc.accountId === gateway.accountId
            ? `Same account (${vpc.accountId})`
            : `Cross-account: ${vpc.accountId} attaches to ${gateway.accountId}'s gateway${gateway.options.autoAcceptSharedAttachments ? ', which accepts it by itself' : ', which must accept it'}`}
        </li>
        <li className="who">
          {gateway.options.defaultRouteTableAssociation ? `Associated with ${gateway.options.associationDefaultRouteTableId ?? 'the default table'} by the gateway` : 'No default association: choose a table'}
          {'; '}
          {gateway.options.defaultRouteTablePropagation ? `propagates to ${gateway.options.propagationDefaultRouteTableId ?? 'the default table'}` : 'no default propagation: choose a table'}
        </li>
      </ul>
      {verdict.unknown && (
        <ul className="plan-warnings" aria-label="Warnings">
          <li>
            <strong>{verdict.unknown.message}</strong> {verdict.unknown.fix}
          </li>
        </ul>
      )}
      <div className="plan-actions" data-testid="plan-actions">
        {client ? (
          <AttachActions key={`${pair.vpcId}|${pair.transitGatewayId}`} topology={topology} pair={pair} zones={zones} client={client} />
        ) : (
          <p className="muted small">Planning is not available here.</p>
        )}
      </div>
    </section>
  );
}

function AttachActions({ topology, pair, zones, client }: { topology: Topology; pair: AttachPair; zones: readonly string[]; client: AttachActionsClient }) {
  const [store] = useState<PlanStore>(() => createPlanStore(client));
  useEffect(() => () => store.dispose(), [store]);
  const state = useStore(store);
  const index = indexTopology(topology);
  const subnets = index.subnetsByVpc.get(pair.vpcId) ?? [];
  const gateway = topology.transitGateways.find((g) => g.id === pair.transitGatewayId)!;
  const tables = topology.transitGatewayRouteTables.filter((t) => t.transitGatewayId === gateway.id);
  const vpc = index.vpcById.get(pair.vpcId);
  const dualStack = !!vpc && vpcCidrs(vpc).some(isIpv6Cidr);
  const [picked, setPicked] = useState<Readonly<Record<string, SubnetId | ''>>>(() =>
    Object.fromEntries(defaultAttachmentSubnets(index, pair.vpcId, dualStack).map((s) => [s.availabilityZone, s.id])),
  );
  const [ipv6, setIpv6] = useState<'' | 'on' | 'off'>('');
  const [association, setAssociation] = useState<TransitGatewayRouteTableId | ''>('');
  const [propagation, setPropagation] = useState<TransitGatewayRouteTableId | ''>('');
  const [destinations, setDestinations] = useState('');
  const [planError, setPlanError] = useState<ApiError | undefined>();
  const [starting, setStarting] = useState<{ from: PlanRun | undefined; text: string } | undefined>();

  const request = useMemo((): MethodInput<'planAttachment'> => {
    const subnetIds = Object.values(picked).filter((s): s is SubnetId => !!s);
    const dests = destinations
      .split(/[\s,]+/)
      .map((d) => d.trim())
      .filter(Boolean);
    return {
      vpcId: pair.vpcId,
      transitGatewayId: pair.transitGatewayId,
      ...(subnetIds.length > 0 ? { subnetIds } : {}),
      ...(association ? { associationRouteTableId: association } : {}),
      ...(propagation ? { propagationRouteTableId: propagation } : {}),
      ...(dests.length > 0 ? { destinations: dests } : {}),
      ...(ipv6 ? { ipv6Support: ipv6 === 'on' } : {}),
    };
  }, [pair, picked, association, propagation, destinations, ipv6]);

  // Plan again whenever the choices change (debounced so typing destinations is not a request per key).
  useEffect(() => {
    let live = true;
    const t = setTimeout(() => {
      void client.planAttachment(request).then((r) => {
        if (!live) return;
        if (r.ok) {
          setPlanError(undefined);
          store.getState().usePlan(r.value);
        } else setPlanError(r.error);
      });
    }, 150);
    return () => {
      live = false;
      clearTimeout(t);
    };
  }, [client, store, request]);

  const locked = !!state.run && state.run.phase !== 'finished';
  const begin = (text: string, action: () => Promise<void>) => {
    setStarting({ from: state.run, text });
    void action();
  };
  const startingText = starting && state.busy && state.busy !== 'cli' && state.run === starting.from ? starting.text : undefined;

  return (
    <div className="plan-actions-body" data-testid="plan-actions-body">
      <fieldset className="plan-options" disabled={locked || (!!state.run && state.run.outcome !== 'dry-run-passed' && state.run.outcome !== 'dry-run-failed')}>
        <legend className="visually-hidden">Options</legend>
        <div className="plan-option" role="group" aria-label="Attachment subnets">
          <span>Subnets</span>
          {zones.map((zone) => (
            <label key={zone}>
              {zone}{' '}
              <select aria-label={`Subnet in ${zone}`} value={picked[zone] ?? ''} onChange={(e) => setPicked({ ...picked, [zone]: e.currentTarget.value as SubnetId | '' })}>
                <option value="">none (the zone does not reach the gateway)</option>
                {subnets
                  .filter((s) => s.availabilityZone === zone)
                  .map((s) => (
                    <option key={s.id} value={s.id}>
                      {s.name ? `${s.name} ` : ''}
                      {s.id} ({s.cidr}
                      {s.ipv6Cidrs.length > 0 ? `, ${s.ipv6Cidrs.join(', ')}` : ''})
                    </option>
                  ))}
              </select>
            </label>
          ))}
        </div>
        {!gateway.options.defaultRouteTableAssociation && tables.length > 0 && (
          <label className="plan-option">
            <span>Associate with</span>
            <select aria-label="Association route table" value={association} onChange={(e) => setAssociation(e.currentTarget.value as TransitGatewayRouteTableId | '')}>
              <option value="">{tables.length === 1 ? `${tables[0]!.id} (the only table)` : 'choose a table'}</option>
              {tables.map((t) => (
                <option key={t.id} value={t.id}>
                  {t.name ? `${t.name} ` : ''}
                  {t.id}
                </option>
              ))}
            </select>
          </label>
        )}
        {tables.length > 0 && (
          <label className="plan-option">
            <span>Propagate to</span>
            <select aria-label="Propagation route table" value={propagation} onChange={(e) => setPropagation(e.currentTarget.value as TransitGatewayRouteTableId | '')}>
              <option value="">{gateway.options.defaultRouteTablePropagation ? `the default (${gateway.options.propagationDefaultRouteTableId ?? ''})` : 'choose a table'}</option>
              {tables.map((t) => (
                <option key={t.id} value={t.id}>
                  {t.name ? `${t.name} ` : ''}
                  {t.id}
                </option>
              ))}
            </select>
          </label>
        )}
        {dualStack && (
          <label className="plan-option">
            <span>IPv6 support</span>
            <select aria-label="IPv6 support" value={ipv6} onChange={(e) => setIpv6(e.currentTarget.value as '' | 'on' | 'off')}>
              <option value="">on when every subnet has an IPv6 block (default)</option>
              <option value="on">on</option>
              <option value="off">off</option>
            </select>
          </label>
        )}
        <label className="plan-option">
          <span>Destinations</span>
          <input value={destinations} placeholder="what the gateway routes (default)" onChange={(e) => setDestinations(e.currentTarget.value)} aria-label="Destinations to route to the gateway" />
        </label>
      </fieldset>
      {planError && <ErrorBox error={planError} testId="plan-error" />}
      {!planError && !state.plan && <p className="muted">Planning…</p>}
      {state.plan && !planError && (
        <PlanSteps
          plan={state.plan}
          {...(state.run ? { run: state.run } : {})}
          disabled={state.disabled}
          decisions={state.decisions}
          {...(state.busy ? { busy: state.busy } : {})}
          {...(state.error ? { error: state.error } : {})}
          onCopyCli={async () => {
            const cli = await store.getState().loadCli();
            if (cli) await navigator.clipboard?.writeText(cli.script).catch(() => undefined);
          }}
          {...(startingText ? { startingText } : {})}
          {...planStepControls(store, begin)}
          onCopyText={(text) => void navigator.clipboard?.writeText(text).catch(() => undefined)}
        />
      )}
    </div>
  );
}
