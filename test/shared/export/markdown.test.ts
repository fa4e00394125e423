import { describe, expect, it } from 'vitest';

import { exportMarkdown } from '../../../shared/export/markdown';
import { mdCell } from '../../../shared/export/syntax/markdown';
import { reviewDocument } from './review-doc';

/** Cells of a GFM table row: split on pipes that are not escaped. */
function cells(row: string): string[] {
  return row
    .replace(/^\|\s?|\s?\|$/g, '')
    .split(/(?<!\\)\|/)
    .map((c) => c.trim());
}

function tableAfter(md: string, heading: string): string[][] {
  const lines = md.split('\n');
  const start = lines.indexOf(heading);
  const rows: string[][] = [];
  for (let i = start + 1; i < lines.length && !lines[i]!.startsWith('## '); i++) if (lines[i]!.startsWith('|')) rows.push(cells(lines[i]!));
  return rows;
}

describe('exportMarkdown', () => {
  const md = exportMarkdown(reviewDocument());

  it('opens with the snapshot, accounts, regions and findings', () => {
    expect(md).toContain('# VPC peering inventory: fixture:review');
    expect(md).toContain('- **Snapshot:** 2025-06-02 09:30 UTC');
    expect(md).toContain('- **Regions (3):** eu-west-1, us-east-1, us-west-2');
    expect(md).toContain('1 CIDR conflicts, 4 route gaps, 4 non-transitive pairs');
  });

  it('has one well-formed table per inventory, every row as wide as its header', () => {
    for (const heading of ['## VPCs', '## Peerings', '## Route gaps', '## CIDR conflicts', '## Non-transitive pairs']) {
      const rows = tableAfter(md, heading);
      expect(rows.length, heading).toBeGreaterThan(2);
      for (const r of rows) expect(r.length, `${heading}: ${r.join(' | ')}`).toBe(rows[0]!.length);
    }
  });

  it('lists route completeness per side and DNS options per peering', () => {
    const rows = tableAfter(md, '## Peerings');
    const header = rows[0]!;
    const p2 = rows.find((r) => r[0] === '`pcx-0002`')!;
    expect(p2[header.indexOf('Requester routes')]).toBe('partial');
    expect(p2[header.indexOf('Accepter routes')]).toBe('complete');
    expect(p2[header.indexOf('Requester DNS option')]).toBe('off');
    expect(p2[header.indexOf('Accepter DNS option')]).toBe('on');
  });

  it('embeds the diagram as a mermaid fence', () => {
    expect(md).toMatch(/```mermaid\n---\ntitle: .*\n---\nflowchart LR\n[\s\S]*\n```/);
  });

  it('keeps pipes and HTML in names from breaking the table', () => {
    expect(mdCell('a|b <script>')).toBe('a\\|b &lt;script&gt;');
    expect(md).toContain('lab "old" &lt;R&amp;D&gt;');
  });
});
