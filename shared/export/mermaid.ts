/** The topology as a Mermaid flowchart that GitHub renders in Markdown.
 *
 * Accounts and regions are nested subgraphs; each peering is a link labelled with its pcx id
 * and status, drawn dotted unless active and coloured like the canvas with `linkStyle`. Node
 * and subgraph ids are sanitised to `[A-Za-z0-9_]` with a prefix (so no id is a keyword such as
 * `end`), and labels are quoted with Mermaid's `#code;` entities for characters that would end
 * or break the quoted string. Checked with mermaid's own parser in the tests.
 */
import type { Vpc } from '../model/topology';
import { PALETTES, peeringEdgeStyle, peeringRouteState } from './diagram-style';
import type { DiagramTheme } from './diagram-style';
import type { ExportDocument } from './export-document';
import { accountLabel, findAccount, formatTakenAt, routeStateWords, vpcCidrs, vpcTitle } from './labels';

/** Options of `exportMermaid`. */
export interface MermaidExportOptions {
  /** Palette for link and node colours (default `light`: GitHub shows most pages light). */
  readonly theme?: DiagramTheme;
  /** Flow direction (default `LR`). */
  readonly direction?: 'LR' | 'TB';
}

/** A Mermaid node or subgraph id from any text. */
export function mermaidId(prefix: string, raw: string): string {
  return `${prefix}_${raw.replace(/[^A-Za-z0-9]/g, '_')}`;
}

/** A VPC's node id: `vpc-0a1b` → `vpc_0a1b` (VPC ids are `vpc-` + alphanumerics, never a keyword). */
export function mermaidVpcId(vpcId: string): string {
  return vpcId.replace(/[^A-Za-z0-9]/g, '_');
}

/** Text for inside a quoted Mermaid label: quotes, angle brackets, `#`, `&` and pipes as entity codes. */
export function mermaidText(raw: string): string {
  return raw
    .replace(/[\r\n]+/g, ' ')
    .replace(/#/g, '#35;')
    .replace(/&/g, '#38;')
    .replace(/"/g, '#quot;')
    .replace(/</g, '#lt;')
    .replace(/>/g, '#gt;')
    .replace(/\|/g, '#124;')
    .replace(/`/g, '#96;');
}

/** The document as Mermaid flowchart source (no Markdown fence). */
export function exportMermaid(doc: ExportDocument, opts: MermaidExportOptions = {}): string {
  const p = PALETTES[opts.theme ?? 'light'];
  const lines: string[] = [
    `---`,
    // A JSON string is a valid YAML double-quoted scalar, whatever the title holds.
    `title: ${JSON.stringify(`VPC peering: ${doc.title} (snapshot ${formatTakenAt(doc.takenAt)})`)}`,
    `---`,
    `flowchart ${opts.direction ?? 'LR'}`,
  ];
  const conflicted = new Set(doc.analysis.cidrConflicts.flatMap((c) => [c.vpcA, c.vpcB]));
  const nodeLabel = (v: Vpc) => {
    const parts = [doc.externalVpcIds.has(v.id) ? `${v.id} (not scanned)` : vpcTitle(v)];
    if (v.name && !doc.externalVpcIds.has(v.id)) parts.push(v.id);
    parts.push(...vpcCidrs(v));
    return parts.map(mermaidText).join('<br/>');
  };
  for (const accountId of doc.accountIds) {
    const account = findAccount(doc, accountId);
    const accountVpcs = doc.topology.vpcs.filter((v) => v.accountId === accountId);
    lines.push(`  subgraph ${mermaidId('acct', accountId)}["${mermaidText(`Account ${accountLabel(account, accountId)}`)}"]`);
    lines.push(`    direction TB`);
    for (const region of [...new Set(accountVpcs.map((v) => v.region))].sort()) {
      lines.push(`    subgraph ${mermaidId('reg', `${accountId}_${region}`)}["${mermaidText(region)}"]`);
      for (const v of accountVpcs.filter((x) => x.region === region)) {
        lines.push(`      ${mermaidVpcId(v.id)}["${nodeLabel(v)}"]`);
      }
      lines.push(`    end`);
    }
    lines.push(`  end`);
  }
  const styles: string[] = [];
  let index = 0;
  for (const pc of doc.topology.peerings) {
    if (pc.requester.vpcId === pc.accepter.vpcId) continue;
    const completeness = doc.analysis.routeCompleteness.get(pc.id);
    const style = peeringEdgeStyle(pc, completeness);
    const label = pc.status === 'active' ? `${pc.id} · active · routes ${routeStateWords(peeringRouteState(completeness))}` : `${pc.id} · ${pc.status}`;
    const arrow = pc.status === 'active' ? '-->' : '-.->';
    lines.push(`  ${mermaidVpcId(pc.requester.vpcId)} ${arrow}|"${mermaidText(label)}"| ${mermaidVpcId(pc.accepter.vpcId)}`);
    styles.push(`  linkStyle ${index} stroke:${p[style.colour]},stroke-width:${style.width}px${style.dash ? `,stroke-dasharray:${style.dash}` : ''}`);
    index++;
  }
  lines.push(...styles);
  lines.push(`  classDef vpc fill:${p.panel},stroke:${p.accent},color:${p.text}`);
  lines.push(`  classDef conflict fill:${p.panel},stroke:${p.bad},stroke-width:2px,color:${p.text}`);
  lines.push(`  classDef external fill:${p.panel2},stroke:${p.muted},stroke-dasharray:4 3,color:${p.muted}`);
  const byClass = (cls: string, ids: readonly string[]) => {
    if (ids.length > 0) lines.push(`  class ${ids.map((id) => mermaidVpcId(id)).join(',')} ${cls}`);
  };
  const vpcs = doc.topology.vpcs;
  byClass('vpc', vpcs.filter((v) => !conflicted.has(v.id) && !doc.externalVpcIds.has(v.id)).map((v) => v.id));
  byClass('conflict', vpcs.filter((v) => conflicted.has(v.id)).map((v) => v.id));
  byClass('external', vpcs.filter((v) => !conflicted.has(v.id) && doc.externalVpcIds.has(v.id)).map((v) => v.id));
  return lines.join('\n') + '\n';
}
