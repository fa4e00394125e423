// @vitest-environment jsdom
// mermaid.parse needs a DOM (DOMPurify); jsdom gives it one, offline.
import { spawnSync } from 'node:child_process';

import mermaid from 'mermaid';
import { beforeAll, describe, expect, it } from 'vitest';

import { layoutGrid } from '../../../shared/diagram/grid-layout';
import type { DiagramLayout, LaidOutBox } from '../../../shared/diagram/layout';
import { layoutTopology } from '../../../shared/diagram/layout-topology';
import { collectDiagramMembers } from '../../../shared/diagram/members';
import { buildScene, edgesOf } from '../../../shared/diagram/scene';
import { PALETTES } from '../../../shared/diagram/style';
import { exportDot } from '../../../shared/export/dot';
import { exportDrawio } from '../../../shared/export/drawio';
import { buildExportDocument } from '../../../shared/export/export-document';
import type { ExportDocument } from '../../../shared/export/export-document';
import { exportMermaid } from '../../../shared/export/mermaid';
import { exportSvg } from '../../../shared/export/svg';
import { snapshot } from '../../support/fixtures/build-topology';
import { tgwEstate } from '../../support/fixtures/tgw-estate';

beforeAll(() => {
  mermaid.initialize({ startOnLoad: false });
});

function estateDoc(): ExportDocument {
  const r = buildExportDocument(snapshot(tgwEstate().topology, { source: 'tgw-estate' }));
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

function inside(inner: LaidOutBox, outer: LaidOutBox): boolean {
  return inner.x >= outer.x && inner.y >= outer.y && inner.x + inner.width <= outer.x + outer.width && inner.y + inner.height <= outer.y + outer.height;
}

function overlaps(a: LaidOutBox, b: LaidOutBox): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

function checkHubs(layout: DiagramLayout) {
  const byId = new Map(layout.boxes.map((b) => [b.id, b]));
  const hubs = layout.boxes.filter((b) => b.kind === 'tgw');
  expect(hubs.map((b) => [b.id, b.parentId]).sort()).toEqual([
    ['tgw-0hub1', 'region:111111111111/eu-west-1'],
    ['tgw-0hub2', 'region:111111111111/us-east-1'],
    // A shared gateway whose owner was not scanned: drawn once, in a placeholder frame of its owner.
    ['tgw-0shared', 'region:333333333333/eu-west-1'],
  ]);
  for (const h of hubs) {
    expect(inside(h, byId.get(h.parentId!)!)).toBe(true);
    for (const card of layout.boxes.filter((b) => b.kind === 'vpc' && b.parentId === h.parentId)) expect(overlaps(h, card)).toBe(false);
  }
}

describe('transit gateway hubs in the layouts', () => {
  it('collects each gateway once, in its owner’s frame, the unscanned owner’s frame a placeholder', () => {
    const members = collectDiagramMembers(tgwEstate().topology);
    const owner = members.find((a) => a.accountId === '333333333333')!;
    expect(owner.scanned).toBe(false);
    expect(owner.regions.map((r) => [r.region, r.vpcs.length, r.tgws.map((g) => g.id)])).toEqual([['eu-west-1', 0, ['tgw-0shared']]]);
    expect(members.find((a) => a.accountId === '111111111111')!.scanned).toBe(true);
  });

  it('packs hubs above the cards in their owner’s region frame, never over a card', async () => {
    checkHubs(await layoutTopology(tgwEstate().topology));
  });

  it('places them the same way in the grid layout the file exports use by default', () => {
    checkHubs(layoutGrid(tgwEstate().topology));
  });

  it('lays a topology without gateways out exactly as before', async () => {
    const { topology } = tgwEstate();
    const none = { ...topology, transitGateways: [], transitGatewayAttachments: [], transitGatewayPeerings: [], transitGatewayRouteTables: [] };
    const layout = await layoutTopology(none);
    // The first region frame's cards start right under its title, as without hubs.
    const card = layout.boxes.find((b) => b.id === 'vpc-0app')!;
    const region = layout.boxes.find((b) => b.id === card.parentId)!;
    expect(card.y - region.y).toBe(44);
    expect(layout.boxes.some((b) => b.kind === 'tgw')).toBe(false);
  });
});

describe('transit gateways in the scene and every diagram writer', () => {
  it('makes an attachment edge per VPC attachment, styled by state and routing, and a peering edge between regions', () => {
    const doc = estateDoc();
    const scene = buildScene(doc, layoutGrid(doc.topology), 'dark');
    const attachments = Object.fromEntries(edgesOf(scene, 'tgw-attachment').map((e) => [e.id, [e.from, e.to, e.look.key, e.label.detail]]));
    expect(attachments).toEqual({
      'tgw-attach-0app': ['vpc-0app', 'tgw-0hub1', 'tgw-complete', 'available · routed both ways'],
      'tgw-attach-0data': ['vpc-0data', 'tgw-0hub1', 'tgw-one-way', 'available · routed one way'],
      'tgw-attach-0staging': ['vpc-0staging', 'tgw-0hub1', 'tgw-pending-acceptance', 'pending acceptance'],
      'tgw-attach-0analytics': ['vpc-0analytics', 'tgw-0shared', 'tgw-unknown', 'available · routing not read'],
      'tgw-attach-0east': ['vpc-0east', 'tgw-0hub2', 'tgw-complete', 'available · routed both ways'],
    });
    const [peering] = edgesOf(scene, 'tgw-peering');
    expect([peering!.from, peering!.to, peering!.label.detail]).toEqual(['tgw-0hub1', 'tgw-0hub2', 'TGW peering · available · eu-west-1 ↔ us-east-1']);
  });

  it('SVG: draws the hubs (the VPN as a count badge, the shared one as routing not read), every edge in its colour, and legend rows', () => {
    const doc = estateDoc();
    const svg = exportSvg(doc, layoutGrid(doc.topology), { theme: 'dark' });
    const parsed = new DOMParser().parseFromString(svg, 'image/svg+xml');
    expect(parsed.querySelector('parsererror')).toBeNull();
    const hub = parsed.querySelector('[data-tgw="tgw-0hub1"]')!;
    expect([...hub.querySelectorAll('text')].map((t) => t.textContent)).toEqual(['core-hub', 'tgw-0hub1', '1 VPN']);
    expect([...parsed.querySelector('[data-tgw="tgw-0shared"]')!.querySelectorAll('text')].map((t) => t.textContent)).toContain('routing not read');
    const stroke = (id: string) => parsed.querySelector(`[data-tgw-attachment="${id}"] path:nth-of-type(2)`)!.getAttribute('stroke');
    expect(stroke('tgw-attach-0app')).toBe(PALETTES.dark.ok);
    expect(stroke('tgw-attach-0data')).toBe(PALETTES.dark.warn);
    expect(stroke('tgw-attach-0staging')).toBe(PALETTES.dark.pending);
    expect(parsed.querySelector('[data-tgw-attachment="tgw-attach-0staging"] path:nth-of-type(2)')!.getAttribute('stroke-dasharray')).toBe('8 6');
    expect(stroke('tgw-attach-0analytics')).toBe(PALETTES.dark.accent);
    expect(parsed.querySelector('[data-tgw-peering="tgw-attach-0peer"]')).not.toBeNull();
    const legend = [...parsed.querySelectorAll('text')].map((t) => t.textContent);
    expect(legend).toEqual(expect.arrayContaining(['Attachment, routed both ways (2)', 'Attachment, routed one way (1)', 'Attachment pending acceptance (1)', 'Attachment, routing not read (1)', 'TGW peering, available (1)', 'Transit gateway: name, id, VPN / DX count', 'Transit gateway, routing not read']));
  });

  it('draw.io: a hub cell in its region container and an edge cell per attachment and peering', () => {
    const doc = estateDoc();
    const xmlText = exportDrawio(doc, layoutGrid(doc.topology));
    const parsed = new DOMParser().parseFromString(xmlText, 'application/xml');
    expect(parsed.querySelector('parsererror')).toBeNull();
    const hub = parsed.querySelector('UserObject[id="tgw-0hub1"]')!;
    expect(hub.getAttribute('label')).toBe('Transit gateway core-hub\ntgw-0hub1\n1 VPN');
    expect(hub.querySelector('mxCell')!.getAttribute('parent')).toBe('region:111111111111/eu-west-1');
    const edge = parsed.querySelector('mxCell[id="tgw-attach-0data"]')!;
    expect([edge.getAttribute('source'), edge.getAttribute('target')]).toEqual(['vpc-0data', 'tgw-0hub1']);
    expect(edge.getAttribute('style')).toContain(`strokeColor=${PALETTES.light.warn}`);
    expect(parsed.querySelector('mxCell[id="tgw-attach-0peer"]')!.getAttribute('style')).toContain('shape=link');
    expect(parsed.querySelector('UserObject[id="tgw-0shared"] mxCell')!.getAttribute('parent')).toBe('region:333333333333/eu-west-1');
  });

  it('Mermaid: hubs as hexagons, attachments and the peering as links, and mermaid’s parser accepts it', async () => {
    const source = exportMermaid(estateDoc());
    await expect(mermaid.parse(source)).resolves.toMatchObject({ diagramType: 'flowchart-v2' });
    expect(source).toContain('tgw_0hub1{{"Transit gateway core-hub<br/>tgw-0hub1<br/>1 VPN"}}');
    expect(source).toContain('vpc_0data ---|"tgw-attach-0data · available · routed one way"| tgw_0hub1');
    expect(source).toContain('vpc_0staging -.-|"tgw-attach-0staging · pending acceptance"| tgw_0hub1');
    expect(source).toContain('tgw_0hub1 ===|"tgw-attach-0peer · TGW peering · available · eu-west-1 ↔ us-east-1"| tgw_0hub2');
  });

  it('DOT: hubs as hexagon nodes inside their region clusters, edges Graphviz lays out without a warning', () => {
    const source = exportDot(estateDoc());
    expect(source).toContain('"vpc-0app" -> "tgw-0hub1" [id="tgw-attach-0app"');
    expect(source).toContain('"tgw-0hub1" -> "tgw-0hub2" [id="tgw-attach-0peer"');
    expect(source).toMatch(/"tgw-0shared" \[shape=hexagon, label="Transit gateway tgw-0shared\\nrouting not read"/);
    const r = spawnSync('dot', ['-Tsvg'], { input: source, encoding: 'utf8' });
    if (r.error) throw new Error(`Graphviz's dot is not installed (${r.error.message}): apt-get install -y graphviz`);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('<title>tgw&#45;0hub1</title>');
  });
});
