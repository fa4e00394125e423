/** The topology as Graphviz DOT: clusters for accounts and regions, styled peering edges.
 *
 * A writer of the diagram's scene (shared/diagram/scene.ts), each kind giving the attributes of
 * its clusters, nodes or edges (shared/diagram/kinds/<kind>/dot.ts): its boxes as clusters and nodes in
 * the scene's order, with the scene's colours; Graphviz places them itself. Cluster subgraph
 * names start with `cluster` (Graphviz draws only those as boxes). Every id, label and attribute
 * value goes through the DOT encoders (syntax/dot.ts): a double-quoted string with `\` and `"`
 * escaped, so any name is safe; label lines are joined with DOT's `\n`. Checked with `dot`
 * itself in the tests.
 */
import { layoutGrid } from '../diagram/grid-layout';
import type { DiagramLayout } from '../diagram/layout';
import type { Scene, SceneBox } from '../diagram/scene';
import { boxKindOf, buildScene, childrenOf, edgeKindOf } from '../diagram/scene';
import type { DiagramTheme } from '../diagram/style';
import type { Dot } from './dot-markup';
import type { ExportDocument } from './export-document';
import { formatTakenAt } from './labels';
import { dot, dotId, dotJoin, dotLabel } from './syntax/dot';

/** Options of `exportDot`. */
export interface DotExportOptions {
  /** Palette (default `light`, for printing and documents). */
  readonly theme?: DiagramTheme;
  /** The layout whose boxes (not positions) to draw; default the grid layout of the document. */
  readonly layout?: DiagramLayout;
}

/** The document as a DOT digraph (edges point from requester to accepter). */
export function exportDot(doc: ExportDocument, opts: DotExportOptions = {}): string {
  return writeDot(buildScene(doc, opts.layout ?? layoutGrid(doc.topology), opts.theme ?? 'light'));
}

/** The scene as a DOT digraph. */
export function writeDot(scene: Scene): string {
  const { doc, palette } = scene;
  const p = (key: keyof typeof palette) => dotId(palette[key]);
  // PostScript core names: every Graphviz build maps them to an installed font (fontconfig on Linux).
  const font = dotId('Helvetica');
  const title = dotLabel([`VPC peering: ${doc.title}`, `snapshot ${formatTakenAt(doc.takenAt)}, ${doc.accountIds.length} accounts, ${doc.regions.length} regions`]);
  const out: Dot[] = [
    dot`digraph peerscape {`,
    dot`  graph [rankdir=LR, compound=true, newrank=true, fontname=${font}, fontsize=12, bgcolor=${p('bg')}, fontcolor=${p('text')}, labelloc=t, labeljust=l, nodesep=0.5, ranksep=1.1, label=${title}];`,
    dot`  node [shape=box, fontname=${dotId('Courier')}, fontsize=10];`,
    dot`  edge [fontname=${font}, fontsize=9, penwidth=2, arrowsize=0.8];`,
  ];
  const walk = (box: SceneBox, indent: Dot): void => {
    const k = boxKindOf(box).dot;
    if (k.shape === 'node') {
      out.push(dot`${indent}${dotId(box.id)} [${k.attributes(box)}];`);
      return;
    }
    out.push(dot`${indent}subgraph ${dotId(`cluster_${box.kind}_${k.key(box)}`)} {`);
    out.push(dot`${indent}  ${k.attributes(box)}`);
    for (const child of childrenOf(scene, box.id)) walk(child, dot`${indent}  `);
    out.push(dot`${indent}}`);
  };
  for (const box of childrenOf(scene, undefined)) walk(box, dot`  `);
  for (const e of scene.edges) out.push(dot`  ${dotId(e.from)} -> ${dotId(e.to)} [${edgeKindOf(e).dot.attributes(e)}];`);
  out.push(dot`}`);
  return dotJoin(out, dot`\n`) + '\n';
}
