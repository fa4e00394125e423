/** The diagram's kinds, listed once: box kinds by the layout kind they draw, then edge kinds.
 * Adding a kind is its file in this folder and one line here. */
import type { LaidOutBox, LaidOutKind } from '../layout';
import { accountFrames } from './account';
import type { BoxKind, BoxPlace, EdgeKind, SceneBoxBase, SceneContext } from './kind';
import { peeringEdges } from './peering';
import { regionFrames } from './region';
import { vpcCards } from './vpc';

/** How each laid-out box kind becomes a scene box. */
export const BOX_KINDS = {
  account: accountFrames,
  region: regionFrames,
  vpc: vpcCards,
} as const satisfies Record<LaidOutKind, BoxKind<SceneBoxBase>>;

/** The edge kinds, in the order the scene lists their edges. */
export const EDGE_KINDS = {
  peering: peeringEdges,
} as const satisfies Record<string, EdgeKind<unknown>>;

/** Every scene box, of whichever kind. */
export type SceneBox = { [K in LaidOutKind]: (typeof BOX_KINDS)[K] extends BoxKind<infer B> ? B : never }[LaidOutKind];

/** Each box kind's builder for one scene. */
export function boxMakers(ctx: SceneContext): { readonly [K in LaidOutKind]: (b: LaidOutBox, place: BoxPlace) => SceneBox | undefined } {
  return Object.fromEntries(Object.entries(BOX_KINDS).map(([kind, k]) => [kind, k.boxes(ctx)])) as { [K in LaidOutKind]: (b: LaidOutBox, place: BoxPlace) => SceneBox | undefined };
}
