/** VPC cards: one per VPC of the document the layout placed. */
import { vpcCidrs, vpcTitle } from '../../../export/labels';
import type { VpcId } from '../../../model/ids';
import type { Vpc } from '../../../model/topology';
import type { BoxStyleName } from '../../style';
import type { BoxScene, SceneBoxBase } from '../kind';
import { resolveBoxStyle } from '../kind';

/** A VPC card. */
export interface SceneVpc extends SceneBoxBase {
  readonly kind: 'vpc';
  readonly vpc: Vpc;
  /** Known only from a peering: its account was not scanned. */
  readonly external: boolean;
  /** Its blocks overlap another VPC of the document. */
  readonly conflicted: boolean;
}

export const vpcScene: BoxScene<SceneVpc> = {
  keepOff: 'whole',
  boxes: ({ doc, theme, vpcById, hue }) => {
    const conflicted = new Set<VpcId>(doc.analysis.cidrConflicts.flatMap((c) => [c.vpcA, c.vpcB]));
    return (b, place) => {
      const vpc = vpcById.get(b.id as VpcId);
      if (!vpc) return undefined;
      const external = doc.externalVpcIds.has(vpc.id);
      const h = hue(vpc.accountId);
      const name: BoxStyleName = conflicted.has(vpc.id) ? 'vpc-conflict' : external ? 'vpc-external' : 'vpc';
      return { kind: 'vpc', ...place, accountId: vpc.accountId, hue: h, style: resolveBoxStyle(name, theme, h), vpc, external, conflicted: conflicted.has(vpc.id) };
    };
  },
};

/** A VPC card's lines in file formats that have one label per box: title, id when named, blocks. */
export function vpcLabelLines(box: SceneVpc): readonly string[] {
  const v = box.vpc;
  return [box.external ? `${v.id} (not scanned)` : vpcTitle(v), ...(v.name && !box.external ? [v.id] : []), ...vpcCidrs(v)];
}
