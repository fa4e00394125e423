/** The diagram's kinds, listed once: box kinds by the layout kind they draw, then edge kinds.
 * Adding a kind is its folder here and one line in this file. */
import type { LaidOutBox, LaidOutKind } from '../layout';
import { accountKind } from './account';
import type { BoxKind, BoxPlace, EdgeKind, SceneBoxBase, SceneContext, SceneEdgeBase } from './kind';
import { peeringKind } from './peering';
import { regionKind } from './region';
import { tgwKind } from './tgw';
import { tgwAttachmentKind } from './tgw-attachment';
import { tgwPeeringKind } from './tgw-peering';
import { vpcKind } from './vpc';

/** How each laid-out box kind becomes a scene box and is drawn, in the order writers draw their layers. */
export const BOX_KINDS = {
  account: accountKind,
  region: regionKind,
  vpc: vpcKind,
  tgw: tgwKind,
} as const satisfies { readonly [K in LaidOutKind]: BoxKind<SceneBoxBase & { readonly kind: K }> };

/** The edge kinds, in the order the scene lists their edges. */
export const EDGE_KINDS = {
  peering: peeringKind,
  'tgw-attachment': tgwAttachmentKind,
  'tgw-peering': tgwPeeringKind,
} as const satisfies Record<string, EdgeKind<SceneEdgeBase>>;

/** The kind of a scene edge: a key of `EDGE_KINDS`. */
export type SceneEdgeKind = keyof typeof EDGE_KINDS;

/** The scene boxes of kind `K`. */
export type BoxOf<K extends LaidOutKind> = (typeof BOX_KINDS)[K] extends BoxKind<infer B> ? B : never;
/** The scene edges of kind `K`. */
export type EdgeOf<K extends SceneEdgeKind> = (typeof EDGE_KINDS)[K] extends EdgeKind<infer E> ? E : never;

/** Every scene box, of whichever kind. */
export type SceneBox = { [K in LaidOutKind]: BoxOf<K> }[LaidOutKind];
/** Every scene edge, of whichever kind (its `kind` is its key in `EDGE_KINDS`: `edgeKindOf` does not compile otherwise). */
export type SceneEdge = { [K in SceneEdgeKind]: EdgeOf<K> }[SceneEdgeKind];

/** Each box kind's builder for one scene. */
export function boxMakers(ctx: SceneContext): { readonly [K in LaidOutKind]: (b: LaidOutBox, place: BoxPlace) => SceneBox | undefined } {
  return Object.fromEntries(Object.entries(BOX_KINDS).map(([kind, k]) => [kind, k.boxes(ctx)])) as { [K in LaidOutKind]: (b: LaidOutBox, place: BoxPlace) => SceneBox | undefined };
}

// TypeScript cannot relate `BOX_KINDS[box.kind]` to `box` itself (a union of entries indexed by a
// union of keys), so these two say it once, for every writer.

/** The registry entry of `box`'s kind, typed for that box. */
export function boxKindOf<B extends SceneBox>(box: B): BoxKind<B> {
  return BOX_KINDS[box.kind] as unknown as BoxKind<B>;
}

/** The registry entry of `edge`'s kind, typed for that edge. */
export function edgeKindOf<E extends SceneEdge>(edge: E): EdgeKind<E> {
  return EDGE_KINDS[edge.kind] as unknown as EdgeKind<E>;
}
