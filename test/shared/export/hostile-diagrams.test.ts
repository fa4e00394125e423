/**
 * SVG, draw.io and DOT of a snapshot whose every name, tag, alias and region is hostile, read back
 * by independent parsers: an XML parser (fast-xml-parser) for SVG and draw.io, Graphviz for DOT.
 * Each must hold exactly the intended elements (one per VPC, one per peering, no markup or node
 * the data brought in), and every label must show the data: hidden characters as `<U+XXXX>`,
 * everything else as written.
 */
import { spawnSync } from 'node:child_process';

import fc from 'fast-check';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';

import type { ExportDocument } from '../../../shared/export/export-document';
import { buildExportDocument } from '../../../shared/export/export-document';
import { exportText } from '../../../shared/export/export-formats';
import { layoutGrid } from '../../../shared/diagram/grid-layout';
import type { Snapshot } from '../../../shared/model/snapshot';
import { buildHostileSnapshot, HIDDEN_CHARS, hostileString, hostileText, shownForm, showsExactly, unreveal } from '../../support/fixtures/hostile';

const TITLE = hostileText('title', 5);

function documentOf(snapshot: Snapshot, title = TITLE): ExportDocument {
  const d = buildExportDocument(snapshot, { title });
  if (!d.ok) throw new Error(d.error.message);
  return d.value;
}

function made(snapshot: Snapshot, format: 'svg' | 'drawio' | 'dot', title = TITLE): string {
  const doc = documentOf(snapshot, title);
  const r = exportText(snapshot, { format, selection: { title } }, layoutGrid(doc.topology));
  if (!r.ok) throw new Error(r.error.message);
  return r.value.text;
}

/** The peerings a diagram draws as edges (both ends shown, not a loop). */
function drawnPeerings(doc: ExportDocument): string[] {
  const shown = new Set(doc.topology.vpcs.map((v) => v.id));
  return doc.topology.peerings.filter((p) => shown.has(p.requester.vpcId) && shown.has(p.accepter.vpcId) && p.requester.vpcId !== p.accepter.vpcId).map((p) => p.id);
}

// ---------------------------------------------------------------------------------------------
// XML

interface XmlNode {
  readonly name: string;
  readonly attrs: Readonly<Record<string, string>>;
  readonly children: readonly XmlNode[];
  readonly text: string;
}

/** Parse with fast-xml-parser (entities decoded) into a plain tree; the document must be well-formed first. */
function readXml(xml: string): XmlNode {
  expect(XMLValidator.validate(xml)).toBe(true);
  const raw = new XMLParser({ preserveOrder: true, ignoreAttributes: false, attributeNamePrefix: '', htmlEntities: true, trimValues: false, parseTagValue: false, parseAttributeValue: false }).parse(xml) as unknown[];
  const convert = (entry: Record<string, unknown>): XmlNode | undefined => {
    const name = Object.keys(entry).find((k) => k !== ':@');
    if (!name || name === '?xml') return undefined;
    if (name === '#text') return { name, attrs: {}, children: [], text: String(entry[name]) };
    const kids = (entry[name] as Record<string, unknown>[]).map(convert).filter((n): n is XmlNode => n !== undefined);
    return { name, attrs: (entry[':@'] ?? {}) as Record<string, string>, children: kids, text: kids.filter((k) => k.name === '#text').map((k) => k.text).join('') };
  };
  const roots = (raw as Record<string, unknown>[]).map(convert).filter((n): n is XmlNode => n !== undefined);
  expect(roots).toHaveLength(1);
  return roots[0]!;
}

function* walk(n: XmlNode): Generator<XmlNode> {
  yield n;
  for (const c of n.children) yield* walk(c);
}

/** What a VPC card is titled: its Name tag without surrounding white space, else its id. */
function cardTitle(v: { id: string; name?: string }): string {
  return v.name?.trim() || v.id;
}

const SVG_ELEMENTS = new Set(['svg', 'title', 'desc', 'defs', 'marker', 'path', 'rect', 'g', 'text', 'circle', 'line', '#text']);

function checkSvg(snapshot: Snapshot, title = TITLE): void {
  const doc = documentOf(snapshot, title);
  const root = readXml(made(snapshot, 'svg', title));
  const nodes = [...walk(root)];
  expect(root.name).toBe('svg');
  // Only the elements the writer draws; no attribute the data brought (script, handlers, links).
  for (const n of nodes) {
    expect(SVG_ELEMENTS.has(n.name), n.name).toBe(true);
    for (const a of Object.keys(n.attrs)) expect(/^(on|href|xlink)/i.test(a), a).toBe(false);
  }
  expect(showsExactly(nodes.find((n) => n.name === 'title')!.text, `VPC peering: ${doc.title}`)).toBe(true);
  const vpcGroups = nodes.filter((n) => n.name === 'g' && n.attrs['data-vpc'] !== undefined);
  expect(vpcGroups.map((g) => g.attrs['data-vpc']).sort()).toEqual(doc.topology.vpcs.map((v) => v.id).sort());
  expect(nodes.filter((n) => n.attrs['data-peering'] !== undefined).map((n) => n.attrs['data-peering']).sort()).toEqual(drawnPeerings(doc).sort());
  // Every piece of text shows no hidden character; a VPC card's title is its name, shown and perhaps cut.
  for (const n of nodes.filter((x) => x.name === 'text')) expect(HIDDEN_CHARS.test(n.text.replace(/\t/g, '')), n.text).toBe(false);
  for (const g of vpcGroups) {
    const v = doc.topology.vpcs.find((x) => x.id === g.attrs['data-vpc'])!;
    if (doc.externalVpcIds.has(v.id)) continue;
    const texts = g.children.filter((c) => c.name === 'text').map((c) => c.text);
    expect(texts.some((t) => shownForm(cardTitle(v)).startsWith(t.replace(/…$/, ''))), `card of ${v.id}`).toBe(true);
  }
}

function checkDrawio(snapshot: Snapshot, title = TITLE): void {
  const doc = documentOf(snapshot, title);
  const root = readXml(made(snapshot, 'drawio', title));
  const nodes = [...walk(root)];
  // Edges bend through one waypoint each (`<Array as="points"><mxPoint/>`), placed by the scene.
  expect(new Set(nodes.map((n) => n.name))).toEqual(new Set(['mxfile', 'diagram', 'mxGraphModel', 'root', 'mxCell', 'UserObject', 'mxGeometry', 'Array', 'mxPoint', '#text']));
  for (const t of nodes.filter((n) => n.name === '#text')) expect(t.text.trim()).toBe('');
  expect(showsExactly(nodes.find((n) => n.name === 'diagram')!.attrs.name!, `VPC peering: ${doc.title} (${doc.takenAt})`)).toBe(true);
  const objects = nodes.filter((n) => n.name === 'UserObject');
  expect(objects.map((o) => o.attrs.id).sort()).toEqual(doc.topology.vpcs.map((v) => v.id).sort());
  for (const o of objects) {
    const v = doc.topology.vpcs.find((x) => x.id === o.attrs.id)!;
    const lines = o.attrs.label!.split('\n');
    if (!doc.externalVpcIds.has(v.id)) expect(showsExactly(lines[0]!, cardTitle(v)), `label of ${v.id}`).toBe(true);
  }
  const edges = nodes.filter((n) => n.name === 'mxCell' && n.attrs.edge === '1');
  expect(edges.map((e) => e.attrs.id).sort()).toEqual(drawnPeerings(doc).sort());
  const accounts = nodes.filter((n) => n.name === 'mxCell' && n.attrs.id?.startsWith('account:'));
  expect(accounts).toHaveLength(doc.accountIds.length);
  for (const a of accounts) {
    const id = a.attrs.id!.slice('account:'.length);
    // Named as on the canvas: its Organizations name unless blank, else its alias, else the first profile that acts in it.
    const account = doc.topology.accounts.find((x) => x.id === id);
    const name = (account?.name?.trim() ? account.name : undefined) || account?.alias || account?.profiles[0];
    expect(showsExactly(a.attrs.value!, name ? `Account ${name} (${id})` : `Account ${id}`), a.attrs.id).toBe(true);
  }
  for (const r of nodes.filter((n) => n.name === 'mxCell' && n.attrs.id?.startsWith('region:'))) {
    expect(doc.regions.some((region) => showsExactly(r.attrs.value!, region)), r.attrs.value).toBe(true);
  }
}

// ---------------------------------------------------------------------------------------------
// DOT

interface DotJson {
  objects: { name: string; label?: string; nodes?: number[] }[];
  edges?: { tail: number; head: number; id?: string; label?: string }[];
}

/** Graphviz's own reading of the source (`dot -Tjson`); it must not warn. */
function readDot(source: string): DotJson {
  const r = spawnSync('dot', ['-Tjson'], { input: source, encoding: 'utf8' });
  if (r.error) throw new Error(`Graphviz's dot is not installed (${r.error.message}): apt-get install -y graphviz`);
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  return JSON.parse(r.stdout) as DotJson;
}

/** The lines Graphviz draws for an escString label (`\\` is a backslash; `\n`, `\l`, `\r` end a line). */
function labelLines(label: string): string[] {
  const lines: string[] = [];
  let line = '';
  for (let i = 0; i < label.length; i++) {
    if (label[i] !== '\\') {
      line += label[i];
      continue;
    }
    const next = label[++i];
    if (next === 'n' || next === 'l' || next === 'r') {
      lines.push(line);
      line = '';
    } else line += next === '\\' ? '\\' : `\\${next ?? ''}`;
  }
  return [...lines, line];
}

function checkDot(snapshot: Snapshot, title = TITLE): void {
  const doc = documentOf(snapshot, title);
  const graph = readDot(made(snapshot, 'dot', title));
  const clusters = graph.objects.filter((o) => o.nodes !== undefined);
  const nodes = graph.objects.filter((o) => o.nodes === undefined);
  // One node per VPC, nothing else; one cluster per account and per account × region.
  expect(nodes.map((n) => n.name).sort()).toEqual(doc.topology.vpcs.map((v) => v.id).sort());
  const regionCells = new Set(doc.topology.vpcs.map((v) => `${v.accountId}/${v.region}`));
  expect(clusters).toHaveLength(doc.accountIds.length + regionCells.size);
  for (const c of clusters) expect(c.name.startsWith('cluster_'), c.name).toBe(true);
  for (const n of nodes) {
    const v = doc.topology.vpcs.find((x) => x.id === n.name)!;
    const lines = labelLines(n.label!);
    if (!doc.externalVpcIds.has(v.id)) expect(showsExactly(lines[0]!, cardTitle(v)), `label of ${v.id}`).toBe(true);
  }
  for (const c of clusters.filter((x) => x.name.startsWith('cluster_region_'))) {
    expect(doc.regions.some((r) => showsExactly(labelLines(c.label!)[0]!, r)), c.label).toBe(true);
  }
  const edges = (graph.edges ?? []).map((e) => `${e.id} ${graph.objects[e.tail]!.name} ${graph.objects[e.head]!.name}`);
  expect(edges.sort()).toEqual(doc.topology.peerings.map((p) => `${p.id} ${p.requester.vpcId} ${p.accepter.vpcId}`).sort());
  const [graphTitle] = labelLines((graph as unknown as { label: string }).label);
  expect(unreveal(graphTitle!)).toBe(`VPC peering: ${doc.title}`);
}

// ---------------------------------------------------------------------------------------------

describe('diagrams of hostile data', () => {
  const snapshot = buildHostileSnapshot({ regions: true });
  const withNul = buildHostileSnapshot({ regions: true, nul: true });

  it('SVG: exactly the intended elements, every text showing the data', () => {
    checkSvg(snapshot);
    checkSvg(withNul);
  });

  it('draw.io: exactly the intended cells, every label showing the data', () => {
    checkDrawio(snapshot);
    checkDrawio(withNul);
  });

  it('DOT: Graphviz reads exactly the intended nodes, clusters and edges, every label showing the data', () => {
    checkDot(snapshot);
    checkDot(withNul);
  });

  it('all three stay intact for random hostile names, regions and titles', () => {
    const base = buildHostileSnapshot();
    fc.assert(
      fc.property(hostileString, hostileString, hostileString, (name, region, title) => {
        const t = base.topology;
        const snap: Snapshot = {
          ...base,
          topology: {
            ...t,
            vpcs: t.vpcs.map((v) => (v.id === 'vpc-0a11' ? { ...v, name } : v.id === 'vpc-0b22' ? { ...v, region } : v)),
            accounts: t.accounts.map((a) => (a.id === '222222222222' ? { ...a, name } : a)),
          },
        };
        checkSvg(snap, title);
        checkDrawio(snap, title);
        checkDot(snap, title);
      }),
      { numRuns: 20, seed: 5 },
    );
  });
});
