/** What a diagram kind is: how its boxes or edges come from the export document, and how each
 * diagram writer draws them.
 *
 * Each kind is a folder here (`<kind>/scene.ts` builds its part of the scene, `<kind>/svg.ts`,
 * `drawio.ts`, `mermaid.ts` and `dot.ts` draw it, `<kind>/index.ts` puts them together) listed
 * once in `index.ts`. The scene (scene.ts), the routing (scene-routes.ts) and every writer loop
 * over that registry; a kind without a drawing for some writer does not compile.
 */
import type { DotBox, DotEdge } from '../../export/dot-markup';
import type { DrawioBox, DrawioEdge } from '../../export/drawio-markup';
import type { ExportDocument } from '../../export/export-document';
import type { MermaidBox, MermaidEdge } from '../../export/mermaid-markup';
import type { SvgBox, SvgEdge } from '../../export/svg-markup';
import type { AccountId, VpcId } from '../../model/ids';
import type { Vpc } from '../../model/topology';
import type { KeepOff } from '../edge-router';
import type { LaidOutBox, LaidOutKind } from '../layout';
import type { BoxStyle, BoxStyleName, DiagramTheme } from '../style';
import { ACCOUNT_HUES, BOX_STYLES, PALETTES } from '../style';

/** A box style with its colours resolved for the theme and the box's account. */
export interface ResolvedBoxStyle {
  readonly name: BoxStyleName;
  readonly fill: string;
  readonly stroke: string;
  readonly strokeWidth: number;
  readonly dash: string;
  readonly radius: number;
  readonly stripe: string;
  readonly text: string;
}

/** What every scene box has, whatever its kind. */
export interface SceneBoxBase {
  /** The layout's id: `account:<id>`, `region:<account>/<region>` or the VPC id. */
  readonly id: string;
  readonly parentId?: string;
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  readonly accountId: AccountId;
  /** The account's hue index (`ACCOUNT_HUES`). */
  readonly hue: number;
  readonly style: ResolvedBoxStyle;
}

/** What every scene edge has, whatever its kind. */
export interface SceneEdgeBase {
  /** Its kind's key in the registry (`EDGE_KINDS`). */
  readonly kind: string;
  /** Unique among the scene's edges. */
  readonly id: string;
  /** The ids of the boxes it joins, from one to the other. */
  readonly from: string;
  readonly to: string;
}

/** A laid-out box's id and place, as every scene box carries them. */
export type BoxPlace = Pick<SceneBoxBase, 'id' | 'parentId' | 'x' | 'y' | 'width' | 'height'>;

/** What every kind reads while the scene is built. */
export interface SceneContext {
  readonly doc: ExportDocument;
  readonly theme: DiagramTheme;
  readonly vpcById: ReadonlyMap<VpcId, Vpc>;
  /** An account's hue index. */
  readonly hue: (accountId: AccountId) => number;
  /** Frames that hold a shown VPC. */
  readonly shownFrames: ReadonlySet<string>;
}

/** What routed edges keep off a box (the router's `KeepOff`). */
export type { KeepOff } from '../edge-router';

/** A box kind: how the scene gets its boxes, what routing keeps off them, and how each writer draws one. */
export interface BoxKind<B extends SceneBoxBase> {
  /** Given the scene's context once, turns each laid-out box of its kind into a scene box, or leaves it out (undefined). */
  readonly boxes: (ctx: SceneContext) => (b: LaidOutBox, place: BoxPlace) => B | undefined;
  readonly keepOff: KeepOff;
  readonly svg: SvgBox<B>;
  readonly drawio: DrawioBox<B>;
  readonly mermaid: MermaidBox<B>;
  readonly dot: DotBox<B>;
}

/** An edge kind: its edges between the shown boxes, the size of its label for routing, and how each writer draws one. */
export interface EdgeKind<E extends SceneEdgeBase> {
  /** Its edges between the shown boxes (by id, with their kind), in the document's order. */
  readonly edges: (ctx: SceneContext, shownBoxes: ReadonlyMap<string, LaidOutKind>) => readonly E[];
  /** The size of the label box routing places beside the edge (the SVG drawing fills it). */
  labelSize(edge: E): { readonly width: number; readonly height: number };
  readonly svg: SvgEdge<E>;
  readonly drawio: DrawioEdge<E>;
  readonly mermaid: MermaidEdge<E>;
  readonly dot: DotEdge<E>;
}

/** A box kind's part in building the scene (its folder's `scene.ts`). */
export type BoxScene<B extends SceneBoxBase> = Pick<BoxKind<B>, 'boxes' | 'keepOff'>;

/** An edge kind's part in building the scene (its folder's `scene.ts`). */
export type EdgeScene<E extends SceneEdgeBase> = Pick<EdgeKind<E>, 'edges' | 'labelSize'>;

/** A box style resolved for `theme`, `hue` standing for the account's colour. */
export function resolveBoxStyle(name: BoxStyleName, theme: DiagramTheme, hue: number): ResolvedBoxStyle {
  const palette = PALETTES[theme];
  const style: BoxStyle = BOX_STYLES[name];
  const colour = (c: BoxStyle['stroke']) => (c === 'hue' ? ACCOUNT_HUES[theme][hue]! : palette[c]);
  return { name, fill: palette[style.fill], stroke: colour(style.stroke), strokeWidth: style.strokeWidth, dash: style.dash, radius: style.radius, stripe: colour(style.stripe), text: palette[style.text] };
}
