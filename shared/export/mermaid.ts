/** The topology as a Mermaid flowchart that GitHub renders in Markdown.
 *
 * A writer of the diagram's scene (shared/diagram/scene.ts), each kind drawing its own subgraphs,
 * nodes or links (shared/diagram/kinds/<kind>/mermaid.ts): accounts and regions are nested
 * subgraphs in the scene's order; each peering is a link labelled with its title (Name tag,
 * else pcx id) and status, drawn dotted unless active and styled with the scene's colour, dash
 * and width (`linkStyle`); cards take the scene's colours through one class per look. Node and subgraph ids are letters,
 * digits and `_` with a prefix (`vpc_0a1b`, `reg_111111111111_eu_west_1`), so no id is a keyword
 * such as `end`; any other text in them becomes a hash. Labels and the title go through the
 * mermaid encoders (syntax/mermaid.ts). Checked with mermaid's own parser in the tests.
 */
import { layoutGrid } from '../diagram/grid-layout';
import type { DiagramLayout } from '../diagram/layout';
import type { ResolvedBoxStyle, Scene, SceneBox } from '../diagram/scene';
import { boxKindOf, buildScene, childrenOf, edgeKindOf } from '../diagram/scene';
import type { DiagramTheme } from '../diagram/style';
import type { ExportDocument } from './export-document';
import { formatTakenAt } from './labels';
import type { MermaidLook, Mmd } from './mermaid-markup';
import { mermaidId, mermaidStyle, mermaidYamlString, mmd, mmdJoin } from './syntax/mermaid';

/** Options of `exportMermaid`. */
export interface MermaidExportOptions {
  /** Palette for link and node colours (default `light`: GitHub shows most pages light). */
  readonly theme?: DiagramTheme;
  /** Flow direction (default `LR`). */
  readonly direction?: 'LR' | 'TB';
  /** The layout whose boxes (not positions) to draw; default the grid layout of the document. */
  readonly layout?: DiagramLayout;
}

/** The document as Mermaid flowchart source (no Markdown fence). */
export function exportMermaid(doc: ExportDocument, opts: MermaidExportOptions = {}): Mmd {
  return writeMermaid(buildScene(doc, opts.layout ?? layoutGrid(doc.topology), opts.theme ?? 'light'), opts.direction ?? 'LR');
}

/** A card class's style: its fill, its border in the card's colour (Mermaid draws no stripe), dashes and text colour. */
function classStyle(s: ResolvedBoxStyle): Mmd {
  const dash = s.dash ? mmd`,stroke-dasharray:${mermaidStyle(s.dash)}` : mmd``;
  return mmd`fill:${mermaidStyle(s.fill)},stroke:${mermaidStyle(s.stripe)},stroke-width:${s.strokeWidth}px${dash},color:${mermaidStyle(s.text)}`;
}

/** The scene as Mermaid flowchart source. */
export function writeMermaid(scene: Scene, direction: 'LR' | 'TB'): Mmd {
  const { doc } = scene;
  const lines: Mmd[] = [
    mmd`---`,
    mmd`title: ${mermaidYamlString(`VPC peering: ${doc.title} (snapshot ${formatTakenAt(doc.takenAt)})`)}`,
    mmd`---`,
    direction === 'TB' ? mmd`flowchart TB` : mmd`flowchart LR`,
  ];
  // Node and subgraph ids by box id, for the edges; looks in the order their first node appears.
  const nodeIds = new Map<string, Mmd>();
  const classes = new Map<string, { style: ResolvedBoxStyle; ids: Mmd[] }>();
  const addLook = (look: MermaidLook | undefined, id: Mmd) => {
    if (!look) return;
    const entry = classes.get(look.name) ?? { style: look.style, ids: [] };
    entry.ids.push(id);
    classes.set(look.name, entry);
  };
  const walk = (box: SceneBox, indent: Mmd): void => {
    const k = boxKindOf(box).mermaid;
    if (k.shape === 'node') {
      const id = k.id(box);
      nodeIds.set(box.id, id);
      addLook(k.look(box), id);
      lines.push(mmd`${indent}${id}${k.node(box)}`);
      return;
    }
    const { id, title, body } = k.subgraph(box);
    nodeIds.set(box.id, id);
    lines.push(mmd`${indent}subgraph ${id}[${title}]`);
    for (const line of body) lines.push(mmd`${indent}  ${line}`);
    for (const child of childrenOf(scene, box.id)) walk(child, mmd`${indent}  `);
    lines.push(mmd`${indent}end`);
  };
  for (const box of childrenOf(scene, undefined)) walk(box, mmd`  `);
  const node = (boxId: string): Mmd => {
    const id = nodeIds.get(boxId);
    if (id === undefined) throw new Error(`an edge joins ${boxId}, which the scene does not show`);
    return id;
  };
  const styles: Mmd[] = [];
  scene.edges.forEach((e, index) => {
    const k = edgeKindOf(e).mermaid;
    lines.push(mmd`  ${node(e.from)} ${k.arrow(e)}|${k.label(e)}| ${node(e.to)}`);
    styles.push(mmd`  linkStyle ${index} ${k.linkStyle(e)}`);
  });
  lines.push(...styles);
  for (const [name, { style }] of classes) lines.push(mmd`  classDef ${mermaidId(name)} ${classStyle(style)}`);
  for (const [name, { ids }] of classes) lines.push(mmd`  class ${mmdJoin(ids, mmd`,`)} ${mermaidId(name)}`);
  return mmd`${mmdJoin(lines, mmd`\n`)}\n`;
}
