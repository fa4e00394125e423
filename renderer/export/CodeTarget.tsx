/** Which peerings Terraform and the AWS CLI script are written for: the selected ones, or a new
 * pair picked with two VPC pickers; and what the preview says until that choice is complete.
 */
import type { ExportRequest } from '../../shared/export/export-formats';
import { VpcPicker } from './VpcPicker';
import type { VpcChoice } from './VpcPicker';

/** The code formats' choice, as the dialog keeps it. */
export interface CodeTarget {
  readonly source: 'existing' | 'planned';
  readonly requester: string;
  readonly accepter: string;
  readonly dns: boolean;
}

/** What a code export needs before it can be made, in words; `undefined` when the choice is complete. */
export function missingCodeChoice(target: CodeTarget, selectedPeeringIds: readonly string[]): string | undefined {
  if (target.source === 'existing') {
    return selectedPeeringIds.length > 0 ? undefined : 'Select a peering on the canvas, or choose “A new peering” and pick its two VPCs.';
  }
  if (!target.requester && !target.accepter) return 'Pick the two VPCs of the new peering: the requester, then the accepter. Search by name, vpc-id or CIDR block.';
  if (!target.requester) return 'Now pick the requester VPC.';
  if (!target.accepter) return 'Now pick the accepter VPC.';
  return undefined;
}

/** The request fields of a complete code choice. */
export function codeRequestOf(target: CodeTarget, selectedPeeringIds: readonly string[]): Pick<ExportRequest, 'selection' | 'plan' | 'dnsResolution'> {
  return target.source === 'existing'
    ? { selection: { peeringIds: selectedPeeringIds }, dnsResolution: target.dns }
    : { plan: { requesterVpcId: target.requester, accepterVpcId: target.accepter }, dnsResolution: target.dns };
}

/** Props of `CodeTargetFields`. */
export interface CodeTargetFieldsProps {
  readonly target: CodeTarget;
  onChange(target: CodeTarget): void;
  readonly vpcs: readonly VpcChoice[];
  readonly selectedPeeringIds: readonly string[];
  /** Peering names by id, for the selected ones. */
  readonly peeringNames?: Readonly<Record<string, string>>;
}

/** The "Peerings" fieldset of the dialog. */
export function CodeTargetFields({ target, onChange, vpcs, selectedPeeringIds, peeringNames = {} }: CodeTargetFieldsProps) {
  const selected = selectedPeeringIds.map((id) => (peeringNames[id] ? `${peeringNames[id]} (${id})` : id)).join(', ');
  return (
    <fieldset className="export-fieldset">
      <legend className="small muted">Peerings</legend>
      <label>
        <input type="radio" name="code" disabled={selectedPeeringIds.length === 0} checked={target.source === 'existing'} onChange={() => onChange({ ...target, source: 'existing' })} /> Selected
        peerings
        <span className="small muted"> ({selected || 'none selected on the canvas'})</span>
      </label>
      <label>
        <input type="radio" name="code" checked={target.source === 'planned'} onChange={() => onChange({ ...target, source: 'planned' })} /> A new peering
      </label>
      {target.source === 'planned' && (
        <>
          <VpcPicker label="Requester VPC" vpcs={vpcs} value={target.requester} exclude={[target.accepter]} onChange={(requester) => onChange({ ...target, requester })} />
          <VpcPicker label="Accepter VPC" vpcs={vpcs} value={target.accepter} exclude={[target.requester]} onChange={(accepter) => onChange({ ...target, accepter })} />
        </>
      )}
      <label>
        <input type="checkbox" checked={target.dns} onChange={(e) => onChange({ ...target, dns: e.target.checked })} /> Allow DNS resolution across the peering
      </label>
    </fieldset>
  );
}
