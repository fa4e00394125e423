/** The topology as a Mermaid flowchart that GitHub renders in Markdown.
 *
 * A writer of the diagram's scene (shared/diagram/scene.ts): accounts and regions are nested
 * subgraphs in the scene's order; each peering is a link labelled with its pcx id and status,
 * drawn dotted unless active and styled with the scene's colour, dash and width (`linkStyle`);
 * cards take the scene's colours through one class per look. Node and subgraph ids are letters,
 * digits and `_` with a prefix (`vpc_0a1b`, `reg_111111111111_eu_west_1`), so no id is a keyword
 * such as `end`; any other text in them becomes a hash. Labels and the title go through the
 * mermaid encoders (syntax/mermaid.ts). Checked with mermaid's own parser in the tests.
 */
import { layoutGrid } from '../diagram/grid-layout';
import type { DiagramLayout } from '../diagram/layout';
import type { ResolvedBoxStyle, Scene, SceneBox, SceneVpc } from '../diagram/scene';
import { accountFrameLabel, buildScene, childrenOf, vpcLabelLines } from '../diagram/scene';
import type { DiagramTheme } from '../diagram/style';
import type { ExportDocument } from './export-document';
import { formatTakenAt, stableHash } from './labels';
import type { Encoded } from './syntax/encoded';
import { mermaidId, mermaidLabel, mermaidStyle, mermaidYamlString, mmd, mmdJoin } from './syntax/mermaid';

type Mmd = Encoded<'mermaid'>;

/** Options of `exportMermaid`. */
export interface MermaidExportOptions {
  /** Palette for link and node colours (default `light`: GitHub shows most pages light). */
  readonly theme?: DiagramTheme;
  /** Flow direction (default `LR`). */
  readonly direction?: 'LR' | 'TB';
  /** The layout whose boxes (not positions) to draw; default the grid layout of the document. */
  readonly layout?: DiagramLayout;
}

/**
 * Part of an id from any text: `eu-west-1` → `eu_west_1`; text that is not letters, digits and
 * inner `-` becomes `_` and a hash (a plain part never starts with `_`, so the two never meet).
 */
function idPart(raw: string): string {
  return /^[A-Za-z0-9][A-Za-z0-9-]*$/.test(raw) ? raw.replace(/-/g, '_') : `_${stableHash(raw)}`;
}

/** A VPC's node id: `vpc-0a1b` → `vpc_0a1b`. */
export function mermaidVpcId(vpcId: string): Mmd {
  return mermaidId(`vpc_${idPart(vpcId.startsWith('vpc-') ? vpcId.slice(4) : `-${vpcId}`)}`);
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
  const cards: SceneVpc[] = [];
  const walk = (box: SceneBox, indent: Mmd): void => {
    if (box.kind === 'vpc') {
      cards.push(box);
      lines.push(mmd`${indent}${mermaidVpcId(box.id)}[${mermaidLabel(vpcLabelLines(box))}]`);
      return;
    }
    if (box.kind === 'account') {
      lines.push(mmd`${indent}subgraph ${mermaidId(`acct_${idPart(box.accountId)}`)}[${mermaidLabel([accountFrameLabel(box)])}]`);
      lines.push(mmd`${indent}  direction TB`);
    } else {
      lines.push(mmd`${indent}subgraph ${mermaidId(`reg_${idPart(box.accountId)}_${idPart(box.region)}`)}[${mermaidLabel([box.region])}]`);
    }
    for (const child of childrenOf(scene, box.id)) walk(child, mmd`${indent}  `);
    lines.push(mmd`${indent}end`);
  };
  for (const box of childrenOf(scene, undefined)) walk(box, mmd`  `);
  const styles: Mmd[] = [];
  scene.edges.forEach((e, index) => {
    const arrow = e.peering.status === 'active' ? mmd`-->` : mmd`-.->`;
    lines.push(mmd`  ${mermaidVpcId(e.from)} ${arrow}|${mermaidLabel([`${e.label.id} · ${e.label.detail}`])}| ${mermaidVpcId(e.to)}`);
    const dash = e.look.dash ? mmd`,stroke-dasharray:${mermaidStyle(e.look.dash)}` : mmd``;
    styles.push(mmd`  linkStyle ${index} stroke:${mermaidStyle(e.colour)},stroke-width:${e.look.width}px${dash}`);
  });
  lines.push(...styles);
  // One class per card look (a look with the account's colour is one per account hue).
  const classes = new Map<string, { style: ResolvedBoxStyle; ids: Mmd[] }>();
  for (const card of cards) {
    const name = card.style.name === 'vpc' ? `vpc${card.hue}` : card.style.name === 'vpc-conflict' ? 'conflict' : 'external';
    const entry = classes.get(name) ?? { style: card.style, ids: [] };
    entry.ids.push(mermaidVpcId(card.id));
    classes.set(name, entry);
  }
  for (const [name, { style }] of classes) lines.push(mmd`  classDef ${mermaidId(name)} ${classStyle(style)}`);
  for (const [name, { ids }] of classes) lines.push(mmd`  class ${mmdJoin(ids, mmd`,`)} ${mermaidId(name)}`);
  return mmd`${mmdJoin(lines, mmd`\n`)}\n`;
}
