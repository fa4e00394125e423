/** The inventory as a Markdown report: summary, diagram (Mermaid), and one table per finding.
 *
 * GitHub-flavoured Markdown: pipe tables, and the diagram in a ```mermaid fence, which GitHub,
 * GitLab and many wikis render. Every value goes through the Markdown encoders
 * (syntax/markdown.ts), so a name cannot break a table, end the fence or inject HTML.
 */
import type { ExportDocument } from './export-document';
import type { InventoryTable } from './inventory';
import { applicableTables, buildInventory, INVENTORY_KINDS } from './inventory';
import { accountLabel, findAccount, formatTakenAt } from './labels';
import { exportMermaid } from './mermaid';
import type { Encoded } from './syntax/encoded';
import { md, mdCell, mdCodeCell, mdFence, mdJoin, mdText } from './syntax/markdown';

type Md = Encoded<'markdown'>;

/** Options of `exportMarkdown`. */
export interface MarkdownExportOptions {
  /** Include the Mermaid diagram (default true). */
  readonly diagram?: boolean;
}

/** A table as a GitHub pipe table, `code` columns in code spans; `empty` in italics when it has no rows. */
export function markdownTable(t: InventoryTable<string>, empty: string, code: readonly string[] = []): Md {
  if (t.rows.length === 0) return md`_${mdText(empty)}_\n`;
  const codeKeys = new Set(code);
  const head = md`| ${mdJoin(t.columns.map((c) => mdText(c.title)), md` | `)} |`;
  const rule = md`|${mdJoin(t.columns.map(() => md` --- |`), md``)}`;
  const rows = t.rows.map((r) => {
    // Ids and CIDRs in code spans (when they are plain ids and CIDRs).
    const cells = t.columns.map((c) => (codeKeys.has(c.key) ? mdCodeCell(r[c.key] ?? '') : mdCell(r[c.key] ?? '')));
    return md`| ${mdJoin(cells, md` | `)} |`;
  });
  return md`${mdJoin([head, rule, ...rows], md`\n`)}\n`;
}

/** The document as a Markdown report. */
export function exportMarkdown(doc: ExportDocument, opts: MarkdownExportOptions = {}): string {
  const inv = buildInventory(doc);
  const list = (items: readonly string[]) => (items.length ? mdJoin(items.map(mdText), md`, `) : md`—`);
  const active = doc.topology.peerings.filter((p) => p.status === 'active').length;
  const out: Md[] = [
    md`# VPC peering inventory: ${mdText(doc.title)}`,
    md``,
    md`- **Snapshot:** ${mdText(formatTakenAt(doc.takenAt))} (source ${mdCodeCell(doc.source)})`,
    md`- **Accounts (${doc.accountIds.length}):** ${list(doc.accountIds.map((id) => accountLabel(findAccount(doc, id), id)))}`,
    md`- **Regions (${doc.regions.length}):** ${list(doc.regions)}`,
    doc.externalVpcIds.size > 0
      ? md`- **VPCs:** ${doc.topology.vpcs.length} (${doc.externalVpcIds.size} known only through a peering)`
      : md`- **VPCs:** ${doc.topology.vpcs.length}`,
    md`- **Peerings:** ${doc.topology.peerings.length} (${active} active)`,
    ...(doc.topology.transitGateways.length > 0
      ? [md`- **Transit gateways:** ${doc.topology.transitGateways.length} (${doc.topology.transitGatewayAttachments.length} attachments, ${doc.topology.transitGatewayPeerings.length} TGW peerings)`]
      : []),
    md`- **Findings:** ${inv.cidrConflicts.rows.length} CIDR conflicts, ${inv.routeGaps.rows.length} route gaps, ${inv.nonTransitivePairs.rows.length} non-transitive pairs`,
    md``,
  ];
  if (opts.diagram ?? true) {
    out.push(md`## Diagram`, md``, mdFence('mermaid', exportMermaid(doc)), md``);
  }
  for (const name of applicableTables(doc)) {
    const { heading, intro, empty, code } = INVENTORY_KINDS[name].markdown;
    out.push(md`## ${heading}`, md``);
    if (intro) out.push(intro, md``);
    out.push(markdownTable(inv[name] as InventoryTable<string>, empty, code));
  }
  return mdJoin(out, md`\n`);
}
