/** The topology as Graphviz DOT: clusters for accounts and regions, styled peering edges.
 *
 * Cluster subgraph names start with `cluster` (Graphviz draws only those as boxes). Every id
 * and label is a double-quoted string with `\` and `"` escaped, so any name is safe; line
 * breaks use DOT's `\n` escape. Checked with `dot` itself in the tests.
 */
import { PALETTES, peeringEdgeStyle, peeringRouteState } from './diagram-style';
import type { DiagramTheme } from './diagram-style';
import type { ExportDocument } from './export-document';
import { accountLabel, findAccount, formatTakenAt, routeStateWords, vpcCidrs, vpcTitle } from './labels';

/** Options of `exportDot`. */
export interface DotExportOptions {
  /** Palette (default `light`, for printing and documents). */
  readonly theme?: DiagramTheme;
}

/** A DOT double-quoted string. */
export function dotString(raw: string): string {
  return `"${raw.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\r?\n/g, '\\n')}"`;
}

/** The document as a DOT digraph (edges point from requester to accepter). */
export function exportDot(doc: ExportDocument, opts: DotExportOptions = {}): string {
  const p = PALETTES[opts.theme ?? 'light'];
  // PostScript core names: every Graphviz build maps them to an installed font (fontconfig on Linux).
  const font = dotString('Helvetica');
  const conflicted = new Set(doc.analysis.cidrConflicts.flatMap((c) => [c.vpcA, c.vpcB]));
  const out: string[] = [
    `digraph peerscape {`,
    `  graph [rankdir=LR, compound=true, newrank=true, fontname=${font}, fontsize=12, bgcolor=${dotString(p.bg)}, fontcolor=${dotString(p.text)}, labelloc=t, labeljust=l, nodesep=0.5, ranksep=1.1, label=${dotString(`VPC peering: ${doc.title}\nsnapshot ${formatTakenAt(doc.takenAt)}, ${doc.accountIds.length} accounts, ${doc.regions.length} regions`)}];`,
    `  node [shape=box, style="rounded,filled", fontname=${dotString('Courier')}, fontsize=10, fillcolor=${dotString(p.panel)}, color=${dotString(p.accent)}, fontcolor=${dotString(p.text)}, penwidth=1.2];`,
    `  edge [fontname=${font}, fontsize=9, penwidth=2, arrowsize=0.8];`,
  ];
  for (const accountId of doc.accountIds) {
    const vpcs = doc.topology.vpcs.filter((v) => v.accountId === accountId);
    out.push(`  subgraph ${dotString(`cluster_account_${accountId}`)} {`);
    out.push(`    label=${dotString(`Account ${accountLabel(findAccount(doc, accountId), accountId)}`)}; style="rounded,filled"; fillcolor=${dotString(p.panel2)}; color=${dotString(p.border)}; fontsize=13;`);
    for (const region of [...new Set(vpcs.map((v) => v.region))].sort()) {
      out.push(`    subgraph ${dotString(`cluster_region_${accountId}_${region}`)} {`);
      out.push(`      label=${dotString(region)}; style="rounded,dashed,filled"; fillcolor=${dotString(p.bg)}; color=${dotString(p.muted)}; fontsize=11;`);
      for (const v of vpcs.filter((x) => x.region === region)) {
        const external = doc.externalVpcIds.has(v.id);
        const lines = [external ? `${v.id} (not scanned)` : vpcTitle(v), ...(v.name && !external ? [v.id] : []), ...vpcCidrs(v)];
        const extra = conflicted.has(v.id)
          ? `, color=${dotString(p.bad)}, penwidth=2`
          : external
            ? `, style="rounded,dashed,filled", color=${dotString(p.muted)}, fontcolor=${dotString(p.muted)}`
            : '';
        out.push(`      ${dotString(v.id)} [label=${dotString(lines.join('\n'))}${extra}];`);
      }
      out.push(`    }`);
    }
    out.push(`  }`);
  }
  for (const pc of doc.topology.peerings) {
    const completeness = doc.analysis.routeCompleteness.get(pc.id);
    const style = peeringEdgeStyle(pc, completeness);
    const label = pc.status === 'active' ? `${pc.id}\nactive, routes ${routeStateWords(peeringRouteState(completeness))}` : `${pc.id}\n${pc.status}`;
    const dotStyle = style.dash === '' ? 'solid' : style.dash.startsWith('2 ') ? 'dotted' : 'dashed';
    out.push(
      `  ${dotString(pc.requester.vpcId)} -> ${dotString(pc.accepter.vpcId)} [id=${dotString(pc.id)}, label=${dotString(label)}, color=${dotString(p[style.colour])}, fontcolor=${dotString(p[style.colour])}, style=${dotStyle}, penwidth=${style.width}];`,
    );
  }
  out.push('}');
  return out.join('\n') + '\n';
}
