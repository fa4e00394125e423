import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';

import { exportDrawio } from '../../../shared/export/drawio';
import { layoutTopology } from '../../../shared/diagram/layout-topology';
import { reviewDocument } from './review-doc';

interface Cell {
  '@_id'?: string;
  '@_value'?: string;
  '@_style'?: string;
  '@_parent'?: string;
  '@_source'?: string;
  '@_target'?: string;
  '@_edge'?: string;
  '@_vertex'?: string;
}

async function parsed() {
  const doc = reviewDocument();
  const xml = exportDrawio(doc, await layoutTopology(doc.topology));
  const tree = new XMLParser({ ignoreAttributes: false, htmlEntities: true, isArray: (name) => name === 'mxCell' || name === 'UserObject' }).parse(xml);
  const root = tree.mxfile.diagram.mxGraphModel.root;
  const cells: Cell[] = root.mxCell;
  const objects: (Cell & { '@_label': string; mxCell: Cell[] })[] = root.UserObject ?? [];
  return { doc, xml, cells, objects };
}

describe('exportDrawio', () => {
  it('is well-formed mxfile XML', async () => {
    const { xml } = await parsed();
    expect(XMLValidator.validate(xml)).toBe(true);
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<mxfile')).toBe(true);
  });

  it('makes accounts and regions containers, with every child naming its container', async () => {
    const { cells, objects } = await parsed();
    const accounts = cells.filter((c) => c['@_id']?.startsWith('account:'));
    const regions = cells.filter((c) => c['@_id']?.startsWith('region:'));
    expect(accounts).toHaveLength(4);
    expect(regions).toHaveLength(6);
    for (const c of [...accounts, ...regions]) expect(c['@_style']).toContain('container=1');
    for (const a of accounts) expect(a['@_parent']).toBe('1');
    for (const r of regions) expect(r['@_parent']).toBe(`account:${r['@_id']!.slice('region:'.length).split('/')[0]}`);
    const hub = objects.find((o) => o['@_id'] === 'vpc-0a11')!;
    expect(hub.mxCell[0]!['@_parent']).toBe('region:111111111111/eu-west-1');
    expect(hub['@_label']).toBe('shared-services\nvpc-0a11\n10.0.0.0/16\n100.64.0.0/20\n2a05:d018:1000::/56');
    expect(objects.find((o) => o['@_id'] === 'vpc-0c32')!['@_label'].split('\n')[0]).toBe('lab "old" <R&D>');
  });

  it('labels every peering edge with its pcx id and status, from requester to accepter', async () => {
    const { doc, cells } = await parsed();
    const edges = cells.filter((c) => c['@_edge'] === '1');
    expect(edges.map((e) => e['@_id'])).toEqual(doc.topology.peerings.map((p) => p.id));
    const p2 = edges.find((e) => e['@_id'] === 'pcx-0002')!;
    expect(p2['@_value']).toBe('pcx-0002\nactive · routes partial');
    expect(p2['@_source']).toBe('vpc-0a11');
    expect(p2['@_target']).toBe('vpc-0c31');
    expect(edges.find((e) => e['@_id'] === 'pcx-0004')!['@_style']).toContain('dashed=1');
  });
});
