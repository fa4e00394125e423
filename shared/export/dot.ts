/** The topology as Graphviz DOT: clusters for accounts and regions, styled peering edges.
 *
 * Cluster subgraph names start with `cluster` (Graphviz draws only those as boxes). Every id,
 * label and attribute value goes through the DOT encoders (syntax/dot.ts): a double-quoted
 * string with `\` and `"` escaped, so any name is safe; label lines are joined with DOT's `\n`.
 * Checked with `dot` itself in the tests.
 */
import { PALETTES, peeringEdgeStyle, peeringRouteState } from '../diagram/style';
import type { DiagramTheme } from '../diagram/style';
import type { ExportDocument } from './export-document';
import { accountLabel, findAccount, formatTakenAt, routeStateWords, vpcCidrs, vpcTitle } from './labels';
import type { Encoded } from './syntax/encoded';
import { dot, dotId, dotJoin, dotLabel } from './syntax/dot';

/** Options of `exportDot`. */
export interface DotExportOptions {
  /** Palette (default `light`, for printing and documents). */
  readonly theme?: DiagramTheme;
}

/** The document as a DOT digraph (edges point from requester to accepter). */
export function exportDot(doc: ExportDocument, opts: DotExportOptions = {}): string {
  const palette = PALETTES[opts.theme ?? 'light'];
  const p = (key: keyof typeof palette) => dotId(palette[key]);
  // PostScript core names: every Graphviz build maps them to an installed font (fontconfig on Linux).
  const font = dotId('Helvetica');
  const conflicted = new Set(doc.analysis.cidrConflicts.flatMap((c) => [c.vpcA, c.vpcB]));
  const title = dotLabel([`VPC peering: ${doc.title}`, `snapshot ${formatTakenAt(doc.takenAt)}, ${doc.accountIds.length} accounts, ${doc.regions.length} regions`]);
  const out: Encoded<'dot'>[] = [
    dot`digraph peerscape {`,
    dot`  graph [rankdir=LR, compound=true, newrank=true, fontname=${font}, fontsize=12, bgcolor=${p('bg')}, fontcolor=${p('text')}, labelloc=t, labeljust=l, nodesep=0.5, ranksep=1.1, label=${title}];`,
    dot`  node [shape=box, style="rounded,filled", fontname=${dotId('Courier')}, fontsize=10, fillcolor=${p('panel')}, color=${p('accent')}, fontcolor=${p('text')}, penwidth=1.2];`,
    dot`  edge [fontname=${font}, fontsize=9, penwidth=2, arrowsize=0.8];`,
  ];
  for (const accountId of doc.accountIds) {
    const vpcs = doc.topology.vpcs.filter((v) => v.accountId === accountId);
    out.push(dot`  subgraph ${dotId(`cluster_account_${accountId}`)} {`);
    out.push(dot`    label=${dotLabel([`Account ${accountLabel(findAccount(doc, accountId), accountId)}`])}; style="rounded,filled"; fillcolor=${p('panel2')}; color=${p('border')}; fontsize=13;`);
    for (const region of [...new Set(vpcs.map((v) => v.region))].sort()) {
      out.push(dot`    subgraph ${dotId(`cluster_region_${accountId}_${region}`)} {`);
      out.push(dot`      label=${dotLabel([region])}; style="rounded,dashed,filled"; fillcolor=${p('bg')}; color=${p('muted')}; fontsize=11;`);
      for (const v of vpcs.filter((x) => x.region === region)) {
        const external = doc.externalVpcIds.has(v.id);
        const lines = [external ? `${v.id} (not scanned)` : vpcTitle(v), ...(v.name && !external ? [v.id] : []), ...vpcCidrs(v)];
        const extra = conflicted.has(v.id)
          ? dot`, color=${p('bad')}, penwidth=2`
          : external
            ? dot`, style="rounded,dashed,filled", color=${p('muted')}, fontcolor=${p('muted')}`
            : dot``;
        out.push(dot`      ${dotId(v.id)} [label=${dotLabel(lines)}${extra}];`);
      }
      out.push(dot`    }`);
    }
    out.push(dot`  }`);
  }
  for (const pc of doc.topology.peerings) {
    const completeness = doc.analysis.routeCompleteness.get(pc.id);
    const style = peeringEdgeStyle(pc, completeness);
    const label = pc.status === 'active' ? [pc.id, `active, routes ${routeStateWords(peeringRouteState(completeness))}`] : [pc.id, pc.status];
    const dotStyle = style.line === 'solid' ? dot`solid` : style.line === 'dotted' ? dot`dotted` : dot`dashed`;
    out.push(
      dot`  ${dotId(pc.requester.vpcId)} -> ${dotId(pc.accepter.vpcId)} [id=${dotId(pc.id)}, label=${dotLabel(label)}, color=${p(style.colour)}, fontcolor=${p(style.colour)}, style=${dotStyle}, penwidth=${style.width}];`,
    );
  }
  out.push(dot`}`);
  return dotJoin(out, dot`\n`) + '\n';
}
