/** One security-group rule being written: which groups of the two VPCs, what traffic, from the
 * peer's CIDR blocks or its groups. Used when planning a new peering and when finishing one.
 */
import { useId } from 'react';

import type { SecurityGroupId } from '../../../shared/model/ids';
import type { SecurityGroup, Vpc } from '../../../shared/model/topology';
import type { MethodInput } from '../../../shared/api/contract';

type Protocol = 'tcp' | 'udp' | 'icmp' | '-1';

/** A rule as typed: ports as text until it is sent. */
export interface RuleDraft {
  readonly groupIds: readonly SecurityGroupId[];
  readonly protocol: Protocol;
  readonly from: string;
  readonly to: string;
  readonly source: 'cidr' | 'sg-reference';
}

/** What a new rule starts as: HTTPS from the peer's blocks, no group chosen yet. */
export const NEW_RULE: RuleDraft = { groupIds: [], protocol: 'tcp', from: '443', to: '443', source: 'cidr' };

/** A rule as the API takes it (`planPeering`, `planCompletion`). */
export type RuleRequest = NonNullable<MethodInput<'planCompletion'>['securityGroupRules']>[number];

/** Why a draft is not a rule yet, in words; `undefined` once it is complete (the plan checks the rest). */
export function ruleProblem(rule: RuleDraft): string | undefined {
  if (rule.groupIds.length === 0) return 'Choose at least one security group: until you do, this rule is not part of the plan.';
  if (rule.protocol !== '-1' && (rule.from.trim() === '' || rule.to.trim() === '')) return 'Give the port range (from and to): until you do, this rule is not part of the plan.';
  return undefined;
}

/** The request of a complete draft; `undefined` while groups or ports are missing (`ruleProblem` says which). */
export function ruleRequestOf(rule: RuleDraft | undefined): RuleRequest | undefined {
  if (!rule || ruleProblem(rule) !== undefined) return undefined;
  return {
    groupIds: [...rule.groupIds],
    protocol: rule.protocol,
    source: rule.source,
    ...(rule.protocol === '-1' ? {} : { ports: { from: Number(rule.from), to: Number(rule.to) } }),
  };
}

/** Props of `RuleEditor`. */
export interface RuleEditorProps {
  readonly rule: RuleDraft;
  readonly onChange: (rule: RuleDraft) => void;
  readonly requester: Pick<Vpc, 'id' | 'name' | 'region'>;
  readonly accepter: Pick<Vpc, 'id' | 'name' | 'region'>;
  /** The groups of both VPCs. */
  readonly groups: readonly SecurityGroup[];
}

/** The fields of one rule, each with its label, and what is still missing (the caller adds its own buttons). */
export function RuleEditor({ rule, onChange, requester, accepter, groups }: RuleEditorProps) {
  const id = useId();
  const sameRegion = requester.region === accepter.region;
  const problem = ruleProblem(rule);
  return (
    <>
      <div className="rule-field">
        <label htmlFor={`${id}-protocol`}>Protocol</label>
        <select id={`${id}-protocol`} value={rule.protocol} onChange={(e) => onChange({ ...rule, protocol: e.currentTarget.value as Protocol })}>
          <option value="tcp">TCP</option>
          <option value="udp">UDP</option>
          <option value="icmp">ICMP</option>
          <option value="-1">All traffic</option>
        </select>
      </div>
      {rule.protocol !== '-1' && (
        <>
          <div className="rule-field">
            <label htmlFor={`${id}-from`}>From port</label>
            <input id={`${id}-from`} inputMode="numeric" size={6} value={rule.from} onChange={(e) => onChange({ ...rule, from: e.currentTarget.value, to: rule.to === rule.from ? e.currentTarget.value : rule.to })} />
          </div>
          <div className="rule-field">
            <label htmlFor={`${id}-to`}>To port</label>
            <input id={`${id}-to`} inputMode="numeric" size={6} value={rule.to} onChange={(e) => onChange({ ...rule, to: e.currentTarget.value })} />
          </div>
        </>
      )}
      <div className="rule-field">
        <label htmlFor={`${id}-source`}>Source</label>
        <select id={`${id}-source`} value={rule.source} onChange={(e) => onChange({ ...rule, source: e.currentTarget.value as RuleDraft['source'] })}>
          <option value="cidr">the peer's CIDR blocks</option>
          <option value="sg-reference" disabled={!sameRegion}>
            the peer's security groups{sameRegion ? '' : ' (same region only)'}
          </option>
        </select>
      </div>
      <div className="rule-field rule-groups">
        <label htmlFor={`${id}-groups`}>Security groups</label>
        <select
          id={`${id}-groups`}
          multiple
          aria-invalid={rule.groupIds.length === 0}
          aria-describedby={problem ? `${id}-problem` : undefined}
          value={[...rule.groupIds]}
          onChange={(e) => onChange({ ...rule, groupIds: [...e.currentTarget.selectedOptions].map((o) => o.value as SecurityGroupId) })}
        >
          {groups.map((g) => (
            <option key={g.id} value={g.id}>
              {g.name} ({g.id}, {g.vpcId === requester.id ? requester.name ?? 'requester' : accepter.name ?? 'accepter'})
            </option>
          ))}
        </select>
      </div>
      {problem && (
        <p id={`${id}-problem`} className="rule-problem" role="status" data-testid="rule-problem">
          {problem}
        </p>
      )}
    </>
  );
}
