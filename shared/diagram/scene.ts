/** One scene per diagram: every box and edge with its position, its words and its resolved look.
 *
 * Built once from the export document, a layout and a theme; every diagram writer (SVG and the
 * PNG made from it, draw.io, Mermaid, DOT) writes this scene and nothing else, so a box or an
 * edge looks the same in every file, and as on the canvas, which draws the same layout with
 * the same style (style.ts). Each kind of box or edge builds its part and draws itself in every
 * format (kinds/); writers that place nothing themselves (SVG, draw.io) add the edges' routes
 * and label places from `routeScene` (scene-routes.ts).
 */
import type { ExportDocument } from '../export/export-document';
import type { AccountId, VpcId } from '../model/ids';
import type { SceneBox, SceneEdge, SceneEdgeKind } from './kinds';
import { boxMakers, EDGE_KINDS } from './kinds';
import type { SceneContext } from './kinds/kind';
import type { DiagramLayout, LaidOutKind } from './layout';
import type { DiagramPalette, DiagramTheme } from './style';
import { PALETTES, accountHue } from './style';

export { accountFrameLabel } from './kinds/account/scene';
export type { SceneAccount } from './kinds/account/scene';
export { resolveBoxStyle } from './kinds/kind';
export type { ResolvedBoxStyle } from './kinds/kind';
export type { ScenePeering } from './kinds/peering/scene';
export type { SceneRegion } from './kinds/region/scene';
export { vpcLabelLines } from './kinds/vpc/scene';
export type { SceneVpc } from './kinds/vpc/scene';
export type { SceneTgw } from './kinds/tgw/scene';
export type { SceneTgwAttachment } from './kinds/tgw-attachment/scene';
export type { SceneTgwPeering } from './kinds/tgw-peering/scene';
export { boxKindOf, edgeKindOf } from './kinds';
export type { SceneBox, SceneEdge } from './kinds';

/** The whole picture. */
export interface Scene {
  readonly doc: ExportDocument;
  readonly theme: DiagramTheme;
  readonly palette: DiagramPalette;
  /** Boxes in the layout's order, every parent before its children. */
  readonly boxes: readonly SceneBox[];
  /** Edges kind by kind (`EDGE_KINDS`' order), each kind's in the document's order. */
  readonly edges: readonly SceneEdge[];
}

/** The scene of `doc` laid out by `layout`, in `theme`. */
export function buildScene(doc: ExportDocument, layout: DiagramLayout, theme: DiagramTheme): Scene {
  const vpcById = new Map(doc.topology.vpcs.map((v) => [v.id, v]));
  const layoutById = new Map(layout.boxes.map((b) => [b.id, b]));
  // Hues by the sorted accounts of the diagram: those holding a VPC, and the owners of its gateways.
  const hues = new Map(diagramAccountIds(doc).map((id, i) => [id, accountHue(i)]));
  // Frames that hold a shown VPC or hub.
  const gatewayIds = new Set<string>(doc.topology.transitGateways.map((g) => g.id));
  const shownFrames = new Set<string>();
  for (const b of layout.boxes) {
    const shownBox = (b.kind === 'vpc' && vpcById.has(b.id as VpcId)) || (b.kind === 'tgw' && gatewayIds.has(b.id));
    if (!shownBox) continue;
    for (let parent = b.parentId; parent; parent = layoutById.get(parent)?.parentId) shownFrames.add(parent);
  }
  const ctx: SceneContext = { doc, theme, vpcById, hue: (id) => hues.get(id) ?? 0, shownFrames };
  const makers = boxMakers(ctx);
  const boxes: SceneBox[] = [];
  for (const b of layout.boxes) {
    const place = { id: b.id, ...(b.parentId ? { parentId: b.parentId } : {}), x: b.x, y: b.y, width: b.width, height: b.height };
    const box = makers[b.kind](b, place);
    if (box) boxes.push(box);
  }
  const shown = new Map<string, LaidOutKind>(boxes.map((b) => [b.id, b.kind]));
  const edges = Object.values(EDGE_KINDS).flatMap((k): readonly SceneEdge[] => k.edges(ctx, shown));
  return { doc, theme, palette: PALETTES[theme], boxes, edges };
}

/** The accounts the diagram draws a frame for, sorted: those holding a VPC of the document and the owners of its transit gateways. */
export function diagramAccountIds(doc: ExportDocument): readonly AccountId[] {
  return [...new Set([...doc.accountIds, ...doc.topology.transitGateways.map((g) => g.accountId)])].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** The boxes directly inside `parentId` (top-level boxes when it is undefined), in scene order. */
export function childrenOf(scene: Scene, parentId: string | undefined): readonly SceneBox[] {
  if (parentId !== undefined) return scene.boxes.filter((b) => b.parentId === parentId);
  const ids = new Set(scene.boxes.map((b) => b.id));
  return scene.boxes.filter((b) => b.parentId === undefined || !ids.has(b.parentId));
}

/** The laid-out box of `id` in the scene. */
export function sceneBoxById(scene: Scene): ReadonlyMap<string, SceneBox> {
  return new Map(scene.boxes.map((b) => [b.id, b]));
}

/** The scene's boxes of one kind, in scene order. */
export function boxesOf<K extends LaidOutKind>(scene: Scene, kind: K): readonly Extract<SceneBox, { kind: K }>[] {
  return scene.boxes.filter((b): b is Extract<SceneBox, { kind: K }> => b.kind === kind);
}

/** The scene's edges of one kind, in scene order. */
export function edgesOf<K extends SceneEdgeKind>(scene: Scene, kind: K): readonly Extract<SceneEdge, { kind: K }>[] {
  return scene.edges.filter((e): e is Extract<SceneEdge, { kind: K }> => e.kind === kind);
}
