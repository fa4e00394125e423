/** Region frames: one per region of an account that holds a shown VPC or hub. */
import type { AccountId, Region } from '../../../model/ids';
import { regionBoxId } from '../../layout';
import type { BoxScene, SceneBoxBase } from '../kind';
import { resolveBoxStyle } from '../kind';

/** A region frame inside an account. */
export interface SceneRegion extends SceneBoxBase {
  readonly kind: 'region';
  readonly region: Region;
}

/** Height of a region frame's title band. */
export const REGION_TITLE_HEIGHT = 26;

export const regionScene: BoxScene<SceneRegion> = {
  keepOff: { titleBand: REGION_TITLE_HEIGHT },
  boxes: ({ doc, theme, hue, shownFrames }) => {
    // Frame ids back to what they stand for (ids are made from names that may hold any character).
    const regionOf = new Map<string, { accountId: AccountId; region: Region }>(
      [...doc.topology.vpcs, ...doc.topology.transitGateways].map((v) => [regionBoxId(v.accountId, v.region), { accountId: v.accountId, region: v.region }]),
    );
    return (b, place) => {
      if (!shownFrames.has(b.id)) return undefined;
      const cell = regionOf.get(b.id);
      if (!cell) return undefined;
      const { accountId, region } = cell;
      const h = hue(accountId);
      return { kind: 'region', ...place, accountId, hue: h, style: resolveBoxStyle('region', theme, h), region };
    };
  },
};
