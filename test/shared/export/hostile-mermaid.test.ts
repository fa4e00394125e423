// @vitest-environment jsdom
// mermaid's parser needs a DOM (DOMPurify); jsdom gives it one, offline.
/**
 * The Mermaid flowchart of a snapshot whose every name, tag, alias and region is hostile, read
 * back by mermaid's own parser: exactly one node per VPC, one subgraph per account and per
 * account × region, one link per peering, and every label showing the data (mermaid's `#code;`
 * entities decoded, hidden characters as `<U+XXXX>`).
 */
import fc from 'fast-check';
import mermaid from 'mermaid';
import { beforeAll, describe, expect, it } from 'vitest';

import type { ExportDocument } from '../../../shared/export/export-document';
import { buildExportDocument } from '../../../shared/export/export-document';
import { exportMermaid } from '../../../shared/export/mermaid';
import type { Snapshot } from '../../../shared/model/snapshot';
import { buildHostileSnapshot, HIDDEN_CHARS, hostileString, hostileText, shownForm, showsExactly } from '../../support/fixtures/hostile';

beforeAll(() => {
  mermaid.initialize({ startOnLoad: false });
});

interface FlowDb {
  getVertices(): Map<string, { id: string; text: string }>;
  getEdges(): { start: string; end: string; text: string }[];
  getSubGraphs(): { id: string; title: string; nodes: string[] }[];
}

/** The parsed flowchart (mermaid's own parser and database). */
async function parseFlowchart(source: string): Promise<FlowDb> {
  await expect(mermaid.parse(source)).resolves.toMatchObject({ diagramType: 'flowchart-v2' });
  const diagram = await (mermaid as unknown as { mermaidAPI: { getDiagramFromText(s: string): Promise<{ db: FlowDb }> } }).mermaidAPI.getDiagramFromText(source);
  return diagram.db;
}

/** Label text as mermaid shows it: its entity placeholders decoded, lines split at `<br>`. */
function labelLines(text: string): string[] {
  const named: Readonly<Record<string, string>> = { quot: '"', lt: '<', gt: '>', amp: '&', nbsp: '\u00A0' };
  const decoded = text.replace(/ﬂ°°(\d+)¶ß/g, (_, n: string) => String.fromCodePoint(Number(n))).replace(/ﬂ°(\w+)¶ß/g, (m, n: string) => named[n] ?? m);
  return decoded.split(/<br\s*\/?>/);
}

function documentOf(snapshot: Snapshot, title = hostileText('title', 13)): ExportDocument {
  const d = buildExportDocument(snapshot, { title });
  if (!d.ok) throw new Error(d.error.message);
  return d.value;
}

async function checkMermaid(doc: ExportDocument): Promise<void> {
  const source = exportMermaid(doc);
  const db = await parseFlowchart(source);
  // The title is a YAML (JSON-compatible) string in the front matter, showing the data.
  const title = /^---\ntitle: (.*)\n---\n/.exec(source);
  expect(title).not.toBeNull();
  expect(showsExactly(JSON.parse(title![1]!) as string, `VPC peering: ${doc.title} (snapshot ${doc.takenAt})`)).toBe(true);

  const vertices = [...db.getVertices().values()];
  expect(vertices).toHaveLength(doc.topology.vpcs.length);
  const subgraphs = db.getSubGraphs();
  const regionCells = new Set(doc.topology.vpcs.map((v) => `${v.accountId}/${v.region}`));
  expect(subgraphs).toHaveLength(doc.accountIds.length + regionCells.size);
  for (const v of doc.topology.vpcs) {
    // Every VPC is in the subgraph of its region, and its label shows its name, id and blocks.
    const lines = labelLines(vertices.find((x) => x.id === `vpc_${v.id.slice(4)}`)!.text);
    if (!doc.externalVpcIds.has(v.id)) expect(lines[0]!.trim(), `label of ${v.id}`).toBe(shownForm(v.name?.trim() || v.id).trim());
    for (const l of lines) expect(HIDDEN_CHARS.test(l.replace(/\t/g, '')), `label of ${v.id} hides a character`).toBe(false);
    const holders = subgraphs.filter((s) => s.nodes.includes(`vpc_${v.id.slice(4)}`));
    expect(holders.length, v.id).toBeGreaterThanOrEqual(1);
    // Mermaid trims a title's outer white space.
    expect(holders.some((s) => labelLines(s.title)[0]!.trim() === shownForm(v.region).trim()), `region of ${v.id}`).toBe(true);
  }
  for (const a of doc.accountIds) {
    // Named as on the canvas: its Organizations name unless blank, else its alias, else the first profile that acts in it.
    const account = doc.topology.accounts.find((x) => x.id === a);
    const name = (account?.name?.trim() ? account.name : undefined) || account?.alias || account?.profiles[0];
    expect(subgraphs.some((s) => labelLines(s.title)[0]!.trim() === shownForm(name ? `Account ${name} (${a})` : `Account ${a}`).trim()), `account ${a}`).toBe(true);
  }
  // A link is labelled with the peering's Name tag (else its id), then its state.
  const edges = db.getEdges().map((e) => `${e.start} ${e.end} ${labelLines(e.text)[0]!.split(' · ')[0]!.trim()}`);
  expect(edges.sort()).toEqual(
    doc.topology.peerings.filter((p) => p.requester.vpcId !== p.accepter.vpcId).map((p) => `vpc_${p.requester.vpcId.slice(4)} vpc_${p.accepter.vpcId.slice(4)} ${shownForm(p.name?.trim() || p.id).trim()}`).sort(),
  );
}

describe('Mermaid of hostile data', () => {
  it('is read by mermaid’s parser as exactly the intended nodes, subgraphs and links', async () => {
    await checkMermaid(documentOf(buildHostileSnapshot({ regions: true })));
    await checkMermaid(documentOf(buildHostileSnapshot({ regions: true, nul: true })));
  });

  it('shows names in which mermaid’s own style and classDef rewrite would cut an entity (a colon, then a quote, # or &)', async () => {
    // Before parsing, mermaid drops the last `;` of any line matching /style.*:\S*#.*;/ (and the same for classDef).
    const names = ['lifestyle:a"b', 'classDef:x&y', 'style a:#1;', 'prod-style:v2|blue'];
    const base = buildHostileSnapshot();
    const t = base.topology;
    const snap: Snapshot = { ...base, topology: { ...t, vpcs: t.vpcs.map((v, i) => (i < names.length ? { ...v, name: names[i]!, tags: { Name: names[i]! } } : v)) } };
    await checkMermaid(documentOf(snap, 'style:#title;'));
  });

  it('stays intact for random hostile names, aliases, regions and titles', async () => {
    const base = buildHostileSnapshot();
    await fc.assert(
      fc.asyncProperty(hostileString, hostileString, async (text, region) => {
        const t = base.topology;
        const snap: Snapshot = {
          ...base,
          topology: {
            ...t,
            vpcs: t.vpcs.map((v) => (v.id === 'vpc-0a11' ? { ...v, name: text } : v.id === 'vpc-0b22' ? { ...v, region } : v)),
            accounts: t.accounts.map((a) => (a.id === '222222222222' ? { ...a, name: text } : a)),
          },
        };
        await checkMermaid(documentOf(snap, text));
      }),
      { numRuns: 30, seed: 23 },
    );
  });
});
