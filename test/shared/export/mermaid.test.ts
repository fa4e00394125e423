// @vitest-environment jsdom
// mermaid.parse needs a DOM (DOMPurify); jsdom gives it one, offline.
import fc from 'fast-check';
import mermaid from 'mermaid';
import { beforeAll, describe, expect, it } from 'vitest';

import type { ExportDocument } from '../../../shared/export/export-document';
import { exportMermaid } from '../../../shared/export/mermaid';
import { mermaidLabel } from '../../../shared/export/syntax/mermaid';
import { reviewDocument } from './review-doc';

beforeAll(() => {
  mermaid.initialize({ startOnLoad: false });
});

describe('exportMermaid', () => {
  it('is a flowchart that mermaid’s own parser accepts', async () => {
    const source = exportMermaid(reviewDocument());
    await expect(mermaid.parse(source)).resolves.toMatchObject({ diagramType: 'flowchart-v2' });
  });

  it('nests regions in account subgraphs and labels links with pcx id and status', () => {
    const source = exportMermaid(reviewDocument());
    expect(source).toMatch(/subgraph acct_111111111111\["Account Network hub \(111111111111\)"\]\n {4}direction TB\n {4}subgraph reg_111111111111_eu_west_1\["eu-west-1"\]\n {6}vpc_0a11\[/);
    expect(source).toContain('vpc_0a11 -->|"pcx-0002 · active · routes partial"| vpc_0c31');
    expect(source).toContain('vpc_0a11 -.->|"pcx-0004 · pending-acceptance"| vpc_0a12');
    expect(source).toContain('lab #quot;old#quot; #lt;R#38;D#gt;');
  });

  it('still parses whatever a Name tag holds', async () => {
    const base = reviewDocument();
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 24 }), async (name) => {
        const doc: ExportDocument = {
          ...base,
          title: name,
          topology: { ...base.topology, vpcs: base.topology.vpcs.map((v) => (v.id === 'vpc-0a11' ? { ...v, name } : v)) },
        };
        await expect(mermaid.parse(exportMermaid(doc))).resolves.toBeTruthy();
      }),
      { numRuns: 60, seed: 8 },
    );
  });

  it('escapes the characters that end a quoted label', () => {
    expect(mermaidLabel(['a"b<c>d|e#f&g`h;i%j'])).toBe('"a#quot;b#lt;c#gt;d#124;e#35;f#38;g#96;h#59;i#37;j"');
  });
});
