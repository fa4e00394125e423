/** The topology as a Mermaid flowchart that GitHub renders in Markdown.
 *
 * Accounts and regions are nested subgraphs; each peering is a link labelled with its pcx id
 * and status, drawn dotted unless active and coloured like the canvas with `linkStyle`. Node and
 * subgraph ids are letters, digits and `_` with a prefix (`vpc_0a1b`, `reg_111111111111_eu_west_1`),
 * so no id is a keyword such as `end`; any other text in them becomes a hash. Labels and the title go through the mermaid encoders (syntax/mermaid.ts). Checked
 * with mermaid's own parser in the tests.
 */
import type { Vpc } from '../model/topology';
import { PALETTES, peeringEdgeStyle, peeringRouteState } from '../diagram/style';
import type { DiagramTheme } from '../diagram/style';
import type { ExportDocument } from './export-document';
import { accountLabel, findAccount, formatTakenAt, routeStateWords, stableHash, vpcCidrs, vpcTitle } from './labels';
import type { Encoded } from './syntax/encoded';
import { mermaidId, mermaidLabel, mermaidStyle, mermaidYamlString, mmd, mmdJoin } from './syntax/mermaid';

type Mmd = Encoded<'mermaid'>;

/** Options of `exportMermaid`. */
export interface MermaidExportOptions {
  /** Palette for link and node colours (default `light`: GitHub shows most pages light). */
  readonly theme?: DiagramTheme;
  /** Flow direction (default `LR`). */
  readonly direction?: 'LR' | 'TB';
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
  const palette = PALETTES[opts.theme ?? 'light'];
  const p = (key: keyof typeof palette) => mermaidStyle(palette[key]);
  const lines: Mmd[] = [
    mmd`---`,
    mmd`title: ${mermaidYamlString(`VPC peering: ${doc.title} (snapshot ${formatTakenAt(doc.takenAt)})`)}`,
    mmd`---`,
    opts.direction === 'TB' ? mmd`flowchart TB` : mmd`flowchart LR`,
  ];
  const conflicted = new Set(doc.analysis.cidrConflicts.flatMap((c) => [c.vpcA, c.vpcB]));
  const nodeLabel = (v: Vpc) => {
    const parts = [doc.externalVpcIds.has(v.id) ? `${v.id} (not scanned)` : vpcTitle(v)];
    if (v.name && !doc.externalVpcIds.has(v.id)) parts.push(v.id);
    parts.push(...vpcCidrs(v));
    return mermaidLabel(parts);
  };
  for (const accountId of doc.accountIds) {
    const account = findAccount(doc, accountId);
    const accountVpcs = doc.topology.vpcs.filter((v) => v.accountId === accountId);
    lines.push(mmd`  subgraph ${mermaidId(`acct_${idPart(accountId)}`)}[${mermaidLabel([`Account ${accountLabel(account, accountId)}`])}]`);
    lines.push(mmd`    direction TB`);
    for (const region of [...new Set(accountVpcs.map((v) => v.region))].sort()) {
      lines.push(mmd`    subgraph ${mermaidId(`reg_${idPart(accountId)}_${idPart(region)}`)}[${mermaidLabel([region])}]`);
      for (const v of accountVpcs.filter((x) => x.region === region)) {
        lines.push(mmd`      ${mermaidVpcId(v.id)}[${nodeLabel(v)}]`);
      }
      lines.push(mmd`    end`);
    }
    lines.push(mmd`  end`);
  }
  const styles: Mmd[] = [];
  let index = 0;
  for (const pc of doc.topology.peerings) {
    if (pc.requester.vpcId === pc.accepter.vpcId) continue;
    const completeness = doc.analysis.routeCompleteness.get(pc.id);
    const style = peeringEdgeStyle(pc, completeness);
    const label = pc.status === 'active' ? `${pc.id} · active · routes ${routeStateWords(peeringRouteState(completeness))}` : `${pc.id} · ${pc.status}`;
    const arrow = pc.status === 'active' ? mmd`-->` : mmd`-.->`;
    lines.push(mmd`  ${mermaidVpcId(pc.requester.vpcId)} ${arrow}|${mermaidLabel([label])}| ${mermaidVpcId(pc.accepter.vpcId)}`);
    const dash = style.dash ? mmd`,stroke-dasharray:${mermaidStyle(style.dash)}` : mmd``;
    styles.push(mmd`  linkStyle ${index} stroke:${p(style.colour)},stroke-width:${style.width}px${dash}`);
    index++;
  }
  lines.push(...styles);
  lines.push(mmd`  classDef vpc fill:${p('panel')},stroke:${p('accent')},color:${p('text')}`);
  lines.push(mmd`  classDef conflict fill:${p('panel')},stroke:${p('bad')},stroke-width:2px,color:${p('text')}`);
  lines.push(mmd`  classDef external fill:${p('panel2')},stroke:${p('muted')},stroke-dasharray:4 3,color:${p('muted')}`);
  const byClass = (cls: Mmd, vpcs: readonly Vpc[]) => {
    if (vpcs.length > 0) lines.push(mmd`  class ${mmdJoin(vpcs.map((v) => mermaidVpcId(v.id)), mmd`,`)} ${cls}`);
  };
  const vpcs = doc.topology.vpcs;
  byClass(mmd`vpc`, vpcs.filter((v) => !conflicted.has(v.id) && !doc.externalVpcIds.has(v.id)));
  byClass(mmd`conflict`, vpcs.filter((v) => conflicted.has(v.id)));
  byClass(mmd`external`, vpcs.filter((v) => !conflicted.has(v.id) && doc.externalVpcIds.has(v.id)));
  return mmd`${mmdJoin(lines, mmd`\n`)}\n`;
}
