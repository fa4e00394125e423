/** The topology as Graphviz DOT: clusters for accounts and regions, styled peering edges.
 *
 * A writer of the diagram's scene (shared/diagram/scene.ts): its boxes as clusters and nodes in
 * the scene's order, with the scene's colours; Graphviz places them itself. Cluster subgraph
 * names start with `cluster` (Graphviz draws only those as boxes). Every id, label and attribute
 * value goes through the DOT encoders (syntax/dot.ts): a double-quoted string with `\` and `"`
 * escaped, so any name is safe; label lines are joined with DOT's `\n`. Checked with `dot`
 * itself in the tests.
 */
import { layoutGrid } from '../diagram/grid-layout';
import type { DiagramLayout } from '../diagram/layout';
import type { ResolvedBoxStyle, Scene, SceneBox } from '../diagram/scene';
import { accountFrameLabel, buildScene, childrenOf, vpcLabelLines } from '../diagram/scene';
import type { DiagramTheme, LinePattern } from '../diagram/style';
import type { ExportDocument } from './export-document';
import { formatTakenAt } from './labels';
import type { Encoded } from './syntax/encoded';
import { dot, dotId, dotJoin, dotLabel } from './syntax/dot';

type Dot = Encoded<'dot'>;

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

const LINE: Readonly<Record<LinePattern, Dot>> = { solid: dot`solid`, dashed: dot`dashed`, dotted: dot`dotted` };

/** A cluster's or node's `style` list: rounded, filled, dashed when its border is. */
function boxStyle(style: ResolvedBoxStyle): Dot {
  return style.dash ? dot`"rounded,dashed,filled"` : dot`"rounded,filled"`;
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
    const s = box.style;
    if (box.kind === 'vpc') {
      // No stripe in DOT: the border carries the card's colour (its account's, or its mark's).
      out.push(dot`${indent}${dotId(box.id)} [label=${dotLabel(vpcLabelLines(box))}, style=${boxStyle(s)}, fillcolor=${dotId(s.fill)}, color=${dotId(s.stripe)}, fontcolor=${dotId(s.text)}, penwidth=${s.strokeWidth}];`);
      return;
    }
    const label = box.kind === 'account' ? accountFrameLabel(box) : box.region;
    const size = box.kind === 'account' ? 13 : 11;
    out.push(dot`${indent}subgraph ${dotId(`cluster_${box.kind}_${box.kind === 'account' ? box.accountId : `${box.accountId}_${box.region}`}`)} {`);
    out.push(dot`${indent}  label=${dotLabel([label])}; style=${boxStyle(s)}; fillcolor=${dotId(s.fill)}; color=${dotId(s.stroke)}; fontcolor=${dotId(s.text)}; fontsize=${size};`);
    for (const child of childrenOf(scene, box.id)) walk(child, dot`${indent}  `);
    out.push(dot`${indent}}`);
  };
  for (const box of childrenOf(scene, undefined)) walk(box, dot`  `);
  for (const e of scene.edges) {
    const colour = dotId(e.colour);
    out.push(
      dot`  ${dotId(e.from)} -> ${dotId(e.to)} [id=${dotId(e.id)}, label=${dotLabel([e.label.id, e.label.detail])}, color=${colour}, fontcolor=${colour}, style=${LINE[e.look.line]}, penwidth=${e.look.width}];`,
    );
  }
  out.push(dot`}`);
  return dotJoin(out, dot`\n`) + '\n';
}
