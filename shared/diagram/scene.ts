/** One scene per diagram: every box and edge with its position, its words and its resolved look.
 *
 * Built once from the export document, a layout and a theme; every diagram writer (SVG and the
 * PNG made from it, draw.io, Mermaid, DOT) writes this scene and nothing else, so a box or an
 * edge looks the same in every file, and as on the canvas, which draws the same layout with
 * the same style (style.ts). Writers that place nothing themselves (SVG, draw.io) add the edges'
 * routes and label places from `routeScene` (scene-routes.ts).
 */
import type { ExportDocument } from '../export/export-document';
import { accountLabel, findAccount, routeStateWords, vpcCidrs, vpcTitle } from '../export/labels';
import type { AccountId, PeeringId, Region, VpcId } from '../model/ids';
import type { Account, Peering, Vpc } from '../model/topology';
import type { DiagramLayout, LaidOutBox } from './layout';
import { accountBoxId, regionBoxId } from './layout';
import type { BoxStyle, BoxStyleName, DiagramPalette, DiagramTheme, EdgeStyle, PeeringRouteState } from './style';
import { ACCOUNT_HUES, BOX_STYLES, PALETTES, accountHue, peeringEdgeStyle, peeringRouteState } from './style';

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

interface SceneBoxBase {
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

/** An account frame. */
export interface SceneAccount extends SceneBoxBase {
  readonly kind: 'account';
  /** The snapshot's record of the account, when it has one. */
  readonly account?: Account;
  /** False when every VPC of the account is known only from a peering. */
  readonly scanned: boolean;
}

/** A region frame inside an account. */
export interface SceneRegion extends SceneBoxBase {
  readonly kind: 'region';
  readonly region: Region;
}

/** A VPC card. */
export interface SceneVpc extends SceneBoxBase {
  readonly kind: 'vpc';
  readonly vpc: Vpc;
  /** Known only from a peering: its account was not scanned. */
  readonly external: boolean;
  /** Its blocks overlap another VPC of the document. */
  readonly conflicted: boolean;
}

export type SceneBox = SceneAccount | SceneRegion | SceneVpc;

/** A peering edge, requester to accepter. */
export interface SceneEdge {
  readonly id: PeeringId;
  readonly peering: Peering;
  readonly from: VpcId;
  readonly to: VpcId;
  readonly look: EdgeStyle;
  /** `look.colour` in the theme's palette. */
  readonly colour: string;
  readonly routeState: PeeringRouteState;
  /** The label's two lines: the pcx id, then its status (and route state when active). */
  readonly label: { readonly id: string; readonly detail: string };
}

/** The whole picture. */
export interface Scene {
  readonly doc: ExportDocument;
  readonly theme: DiagramTheme;
  readonly palette: DiagramPalette;
  /** Boxes in the layout's order, every parent before its children. */
  readonly boxes: readonly SceneBox[];
  /** Edges in the document's order (by pcx id). */
  readonly edges: readonly SceneEdge[];
}

/** A box style resolved for `theme`, `hue` standing for the account's colour. */
export function resolveBoxStyle(name: BoxStyleName, theme: DiagramTheme, hue: number): ResolvedBoxStyle {
  const palette = PALETTES[theme];
  const style: BoxStyle = BOX_STYLES[name];
  const colour = (c: BoxStyle['stroke']) => (c === 'hue' ? ACCOUNT_HUES[theme][hue]! : palette[c]);
  return { name, fill: palette[style.fill], stroke: colour(style.stroke), strokeWidth: style.strokeWidth, dash: style.dash, radius: style.radius, stripe: colour(style.stripe), text: palette[style.text] };
}

/** The scene of `doc` laid out by `layout`, in `theme`. */
export function buildScene(doc: ExportDocument, layout: DiagramLayout, theme: DiagramTheme): Scene {
  const vpcById = new Map(doc.topology.vpcs.map((v) => [v.id, v]));
  const layoutById = new Map(layout.boxes.map((b) => [b.id, b]));
  const conflicted = new Set<VpcId>(doc.analysis.cidrConflicts.flatMap((c) => [c.vpcA, c.vpcB]));
  const hues = new Map(doc.accountIds.map((id, i) => [id, accountHue(i)]));
  // Frame ids back to what they stand for (ids are made from names that may hold any character).
  const accountOf = new Map(doc.accountIds.map((id) => [accountBoxId(id), id]));
  const regionOf = new Map(doc.topology.vpcs.map((v) => [regionBoxId(v.accountId, v.region), { accountId: v.accountId, region: v.region }]));
  // Frames that hold a shown VPC.
  const shownFrames = new Set<string>();
  for (const b of layout.boxes) {
    if (b.kind !== 'vpc' || !vpcById.has(b.id as VpcId)) continue;
    for (let parent = b.parentId; parent; parent = layoutById.get(parent)?.parentId) shownFrames.add(parent);
  }
  const boxes: SceneBox[] = [];
  for (const b of layout.boxes) {
    const box = sceneBox(b);
    if (box) boxes.push(box);
  }
  const shownVpcs = new Set(boxes.filter((b) => b.kind === 'vpc').map((b) => b.id));
  const edges = doc.topology.peerings
    .filter((pc) => shownVpcs.has(pc.requester.vpcId) && shownVpcs.has(pc.accepter.vpcId) && pc.requester.vpcId !== pc.accepter.vpcId)
    .map((pc): SceneEdge => {
      const completeness = doc.analysis.routeCompleteness.get(pc.id);
      const look = peeringEdgeStyle(pc, completeness);
      const routeState = peeringRouteState(completeness);
      const detail = pc.status === 'active' ? `active · routes ${routeStateWords(routeState)}` : pc.status;
      return { id: pc.id, peering: pc, from: pc.requester.vpcId, to: pc.accepter.vpcId, look, colour: PALETTES[theme][look.colour], routeState, label: { id: pc.id, detail } };
    });
  return { doc, theme, palette: PALETTES[theme], boxes, edges };

  function sceneBox(b: LaidOutBox): SceneBox | undefined {
    const place = { id: b.id, ...(b.parentId ? { parentId: b.parentId } : {}), x: b.x, y: b.y, width: b.width, height: b.height };
    if (b.kind === 'vpc') {
      const vpc = vpcById.get(b.id as VpcId);
      if (!vpc) return undefined;
      const external = doc.externalVpcIds.has(vpc.id);
      const hue = hues.get(vpc.accountId) ?? 0;
      const name: BoxStyleName = conflicted.has(vpc.id) ? 'vpc-conflict' : external ? 'vpc-external' : 'vpc';
      return { kind: 'vpc', ...place, accountId: vpc.accountId, hue, style: resolveBoxStyle(name, theme, hue), vpc, external, conflicted: conflicted.has(vpc.id) };
    }
    if (!shownFrames.has(b.id)) return undefined;
    if (b.kind === 'account') {
      const accountId = accountOf.get(b.id);
      if (!accountId) return undefined;
      const hue = hues.get(accountId) ?? 0;
      const account = findAccount(doc, accountId);
      const scanned = doc.topology.vpcs.some((v) => v.accountId === accountId && !doc.externalVpcIds.has(v.id));
      return { kind: 'account', ...place, accountId, hue, style: resolveBoxStyle('account', theme, hue), ...(account ? { account } : {}), scanned };
    }
    const cell = regionOf.get(b.id);
    if (!cell) return undefined;
    const { accountId, region } = cell;
    const hue = hues.get(accountId) ?? 0;
    return { kind: 'region', ...place, accountId, hue, style: resolveBoxStyle('region', theme, hue), region };
  }
}

/** The boxes directly inside `parentId` (top-level boxes when it is undefined), in scene order. */
export function childrenOf(scene: Scene, parentId: string | undefined): readonly SceneBox[] {
  if (parentId !== undefined) return scene.boxes.filter((b) => b.parentId === parentId);
  const ids = new Set(scene.boxes.map((b) => b.id));
  return scene.boxes.filter((b) => b.parentId === undefined || !ids.has(b.parentId));
}

/** An account frame's title in file formats that have one label per box: `Account alias (id)`. */
export function accountFrameLabel(box: SceneAccount): string {
  return `Account ${accountLabel(box.account, box.accountId)}`;
}

/** A VPC card's lines in file formats that have one label per box: title, id when named, blocks. */
export function vpcLabelLines(box: SceneVpc): readonly string[] {
  const v = box.vpc;
  return [box.external ? `${v.id} (not scanned)` : vpcTitle(v), ...(v.name && !box.external ? [v.id] : []), ...vpcCidrs(v)];
}

/** The laid-out box of `id` in the scene. */
export function sceneBoxById(scene: Scene): ReadonlyMap<string, SceneBox> {
  return new Map(scene.boxes.map((b) => [b.id, b]));
}
