/** The inventory as a Markdown report: summary, diagram (Mermaid), and one table per finding.
 *
 * GitHub-flavoured Markdown: pipe tables, and the diagram in a ```mermaid fence, which GitHub,
 * GitLab and many wikis render. Cells are escaped so a name cannot break a table or inject HTML.
 */
import type { ExportDocument } from './export-document';
import type { InventoryTable } from './inventory';
import { buildInventory } from './inventory';
import { accountLabel, findAccount, formatTakenAt } from './labels';
import { exportMermaid } from './mermaid';

/** Options of `exportMarkdown`. */
export interface MarkdownExportOptions {
  /** Include the Mermaid diagram (default true). */
  readonly diagram?: boolean;
}

/** A table cell: pipes escaped, HTML neutralised, line breaks flattened, backslashes kept literal. */
export function markdownCell(value: string): string {
  if (value === '') return '—';
  return value
    .replace(/\\/g, '\\\\')
    .replace(/\|/g, '\\|')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/[\r\n]+/g, ' ')
    .replace(/([*_`[\]])/g, '\\$1');
}

function table(t: InventoryTable<string>, empty: string, code: readonly string[] = []): string {
  if (t.rows.length === 0) return `_${empty}_\n`;
  const codeKeys = new Set(code);
  const head = `| ${t.columns.map((c) => c.title).join(' | ')} |`;
  const rule = `|${t.columns.map(() => ' --- |').join('')}`;
  const rows = t.rows.map(
    (r) =>
      `| ${t.columns
        .map((c) => {
          const v = r[c.key] ?? '';
          // Ids and CIDRs in code spans; a backtick cannot occur in them (AWS ids are alphanumeric).
          return codeKeys.has(c.key) && v !== '' && !v.includes('`') ? v.split(' ').map((x) => `\`${x.replace(/\|/g, '\\|')}\``).join(' ') : markdownCell(v);
        })
        .join(' | ')} |`,
  );
  return [head, rule, ...rows].join('\n') + '\n';
}

/** The document as a Markdown report. */
export function exportMarkdown(doc: ExportDocument, opts: MarkdownExportOptions = {}): string {
  const inv = buildInventory(doc);
  const accounts = doc.accountIds.map((id) => markdownCell(accountLabel(findAccount(doc, id), id)));
  const active = doc.topology.peerings.filter((p) => p.status === 'active').length;
  const out: string[] = [
    `# VPC peering inventory: ${markdownCell(doc.title)}`,
    '',
    `- **Snapshot:** ${formatTakenAt(doc.takenAt)} (source \`${doc.source.replace(/`/g, '')}\`)`,
    `- **Accounts (${doc.accountIds.length}):** ${accounts.join(', ') || '—'}`,
    `- **Regions (${doc.regions.length}):** ${doc.regions.join(', ') || '—'}`,
    `- **VPCs:** ${doc.topology.vpcs.length}${doc.externalVpcIds.size > 0 ? ` (${doc.externalVpcIds.size} known only through a peering)` : ''}`,
    `- **Peerings:** ${doc.topology.peerings.length} (${active} active)`,
    `- **Findings:** ${inv.cidrConflicts.rows.length} CIDR conflicts, ${inv.routeGaps.rows.length} route gaps, ${inv.nonTransitivePairs.rows.length} non-transitive pairs`,
    '',
  ];
  if (opts.diagram ?? true) {
    out.push('## Diagram', '', '```mermaid', exportMermaid(doc).trimEnd(), '```', '');
  }
  out.push('## VPCs', '', table(inv.vpcs as InventoryTable<string>, 'No VPCs.', ['vpcId', 'primaryCidr', 'secondaryCidrs', 'ipv6Cidrs']));
  out.push(
    '## Peerings',
    '',
    'Routes: whether every route table serving a subnet routes every block of the other side to the peering (active peerings only). ' +
      'DNS option: `allowDnsResolutionFromRemoteVpc` of that side, which lets the other VPC resolve this side’s public DNS names to private addresses.',
    '',
    table(inv.peerings as InventoryTable<string>, 'No peerings.', ['peeringId']),
  );
  out.push('## Route gaps', '', table(inv.routeGaps as InventoryTable<string>, 'Every active peering is routed on both sides.', ['peeringId', 'vpcId', 'routeTableId', 'peerCidr']));
  out.push(
    '## CIDR conflicts',
    '',
    'VPCs whose blocks overlap can never be peered with each other, and a VPC peered with both cannot route the shared range to both.',
    '',
    table(inv.cidrConflicts as InventoryTable<string>, 'No overlapping CIDR blocks.'),
  );
  out.push(
    '## Non-transitive pairs',
    '',
    'VPC peering is not transitive: these VPCs are two active peerings apart and cannot talk through the VPC in between.',
    '',
    table(inv.nonTransitivePairs as InventoryTable<string>, 'No VPCs connected only through another VPC.'),
  );
  return out.join('\n');
}
