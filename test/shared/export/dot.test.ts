import { spawnSync } from 'node:child_process';

import { describe, expect, it } from 'vitest';

import { exportDot } from '../../../shared/export/dot';
import { dotId } from '../../../shared/export/syntax/dot';
import { reviewDocument } from './review-doc';

/** Graphviz (`apt-get install graphviz`; CI installs it) is the real parser of DOT. */
function runDot(source: string): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync('dot', ['-Tsvg'], { input: source, encoding: 'utf8' });
  if (r.error) throw new Error(`Graphviz's dot is not installed (${r.error.message}): apt-get install -y graphviz`);
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('exportDot', () => {
  it('is a graph that Graphviz lays out without a warning', () => {
    const r = runDot(exportDot(reviewDocument()));
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('<svg');
  });

  it('draws accounts and regions as clusters and every peering as an edge', () => {
    const doc = reviewDocument();
    const source = exportDot(doc);
    const svg = runDot(source).stdout;
    expect(svg).toContain('<title>cluster_account_111111111111</title>');
    expect(svg).toContain('<title>cluster_region_333333333333_eu&#45;west&#45;1</title>');
    for (const p of doc.topology.peerings) expect(svg).toContain(`<g id="${p.id.replace(/-/g, "&#45;")}" class="edge">`);
    expect(source).toContain('"vpc-0a11" -> "vpc-0a12" [id="pcx-0004", label="pcx-0004\\npending-acceptance"');
    expect(svg).toContain('lab &quot;old&quot; &lt;R&amp;D&gt;');
  });

  it('quotes any text safely', () => {
    expect(dotId('a "b" \\ c\nd')).toBe('"a \\"b\\" \\\\ c<U+000A>d"');
  });
});
