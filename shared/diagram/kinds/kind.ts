/** What a diagram kind is: how the boxes or edges of one kind come from the export document.
 *
 * Each kind lives in its own file in this folder and is listed once in `index.ts`; the scene
 * (scene.ts) loops over that registry.
 */
import type { ExportDocument } from '../../export/export-document';
import type { AccountId, VpcId } from '../../model/ids';
import type { Vpc } from '../../model/topology';
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

/** A box kind: given the scene's context once, it turns each laid-out box of its kind into a
 * scene box, or leaves it out (undefined). */
export interface BoxKind<B extends SceneBoxBase> {
  readonly boxes: (ctx: SceneContext) => (b: LaidOutBox, place: BoxPlace) => B | undefined;
}

/** An edge kind: its edges between the shown boxes (by id, with their kind), in the document's order. */
export interface EdgeKind<E> {
  readonly edges: (ctx: SceneContext, shownBoxes: ReadonlyMap<string, LaidOutKind>) => readonly E[];
}

/** A box style resolved for `theme`, `hue` standing for the account's colour. */
export function resolveBoxStyle(name: BoxStyleName, theme: DiagramTheme, hue: number): ResolvedBoxStyle {
  const palette = PALETTES[theme];
  const style: BoxStyle = BOX_STYLES[name];
  const colour = (c: BoxStyle['stroke']) => (c === 'hue' ? ACCOUNT_HUES[theme][hue]! : palette[c]);
  return { name, fill: palette[style.fill], stroke: colour(style.stroke), strokeWidth: style.strokeWidth, dash: style.dash, radius: style.radius, stripe: colour(style.stripe), text: palette[style.text] };
}
