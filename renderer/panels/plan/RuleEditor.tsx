/** One security-group rule being written: which groups of the two VPCs, what traffic, from the
 * peer's CIDR blocks or its groups. Used when planning a new peering and when finishing one.
 */
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

/** The request of a complete draft; `undefined` while groups or ports are missing (the plan checks the rest). */
export function ruleRequestOf(rule: RuleDraft | undefined): RuleRequest | undefined {
  if (!rule || rule.groupIds.length === 0 || (rule.protocol !== '-1' && (rule.from.trim() === '' || rule.to.trim() === ''))) return undefined;
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

/** The fields of one rule (the caller adds its own buttons). */
export function RuleEditor({ rule, onChange, requester, accepter, groups }: RuleEditorProps) {
  const sameRegion = requester.region === accepter.region;
  return (
    <>
      <span>Allow</span>
      <select aria-label="Protocol" value={rule.protocol} onChange={(e) => onChange({ ...rule, protocol: e.currentTarget.value as Protocol })}>
        <option value="tcp">TCP</option>
        <option value="udp">UDP</option>
        <option value="icmp">ICMP</option>
        <option value="-1">All traffic</option>
      </select>
      {rule.protocol !== '-1' && (
        <>
          <input aria-label="From port" inputMode="numeric" size={6} value={rule.from} onChange={(e) => onChange({ ...rule, from: e.currentTarget.value, to: rule.to === rule.from ? e.currentTarget.value : rule.to })} />
          <input aria-label="To port" inputMode="numeric" size={6} value={rule.to} onChange={(e) => onChange({ ...rule, to: e.currentTarget.value })} />
        </>
      )}
      <select aria-label="Source" value={rule.source} onChange={(e) => onChange({ ...rule, source: e.currentTarget.value as RuleDraft['source'] })}>
        <option value="cidr">from the peer's CIDR blocks</option>
        <option value="sg-reference" disabled={!sameRegion}>
          from the peer's security groups{sameRegion ? '' : ' (same region only)'}
        </option>
      </select>
      <select
        aria-label="Security groups"
        multiple
        value={[...rule.groupIds]}
        onChange={(e) => onChange({ ...rule, groupIds: [...e.currentTarget.selectedOptions].map((o) => o.value as SecurityGroupId) })}
      >
        {groups.map((g) => (
          <option key={g.id} value={g.id}>
            {g.name} ({g.id}, {g.vpcId === requester.id ? requester.name ?? 'requester' : accepter.name ?? 'accepter'})
          </option>
        ))}
      </select>
    </>
  );
}
