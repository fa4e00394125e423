import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';

import { layoutGrid } from '../../../shared/diagram/grid-layout';
import { drawnPeeringIds, renderSvg } from '../../../shared/export/svg';
import { layoutTopology } from '../../../shared/diagram/layout-topology';
import { reviewDocument } from './review-doc';

function textsOf(svg: string): string[] {
  const texts: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      for (const [k, v] of Object.entries(node)) {
        if (k === 'text') for (const t of [v].flat()) texts.push(String((t as Record<string, unknown>)['#text'] ?? ''));
        else walk(v);
      }
    }
  };
  walk(new XMLParser({ ignoreAttributes: false, processEntities: true, htmlEntities: false }).parse(svg));
  return texts;
}

describe('exportSvg', () => {
  it('writes well-formed SVG that an XML parser accepts', async () => {
    const doc = reviewDocument();
    for (const layout of [layoutGrid(doc.topology), await layoutTopology(doc.topology)]) {
      const { svg } = renderSvg(doc, layout);
      expect(XMLValidator.validate(svg)).toBe(true);
    }
  });

  it('has a title block, findings, a legend, frames, every VPC and every peering', () => {
    const doc = reviewDocument();
    const layout = layoutGrid(doc.topology);
    const { svg, width, height } = renderSvg(doc, layout);
    const texts = textsOf(svg);
    expect(texts).toContain('fixture:review');
    expect(texts.some((t) => t.includes('snapshot 2025-06-02 09:30 UTC'))).toBe(true);
    expect(texts.some((t) => t.startsWith('Accounts: Network hub (111111111111), Payments (222222222222), analytics (333333333333)'))).toBe(true);
    expect(texts.some((t) => t.startsWith('Regions: eu-west-1, us-east-1, us-west-2'))).toBe(true);
    expect(texts).toContain('LEGEND');
    expect(texts).toContain('Pending acceptance (1)');
    expect(texts).toContain('1 CIDR conflict (2 VPCs)');
    for (const region of ['eu-west-1', 'us-east-1', 'us-west-2']) expect(texts).toContain(region);
    for (const v of doc.topology.vpcs) expect(texts).toContain(v.id);
    expect(texts).toContain('100.64.0.0/20');
    expect(texts).toContain('2a05:d018:1000::/56');
    for (const id of drawnPeeringIds(doc, layout)) {
      expect(svg).toContain(`data-peering="${id}"`);
      expect(texts).toContain(id);
    }
    expect(texts).toContain('active · routes partial');
    expect(svg).toMatch(new RegExp(`^<svg [^>]*width="${width}" height="${height}"`));
  });

  it('escapes names so markup in a Name tag stays text', () => {
    const doc = reviewDocument();
    const { svg } = renderSvg(doc, layoutGrid(doc.topology));
    expect(svg).toContain('lab &quot;old&quot; &lt;R&amp;D&gt;');
    expect(textsOf(svg)).toContain('lab "old" <R&D>');
  });

  it('uses the canvas palette of the chosen theme', () => {
    const doc = reviewDocument();
    const dark = renderSvg(doc, layoutGrid(doc.topology), { theme: 'dark' }).svg;
    const light = renderSvg(doc, layoutGrid(doc.topology), { theme: 'light' }).svg;
    expect(dark).toContain('fill="#0b1220"');
    expect(light).toContain('fill="#f4f6fb"');
    expect(light).not.toContain('#0b1220');
  });

  it('references no remote resource', () => {
    const doc = reviewDocument();
    const { svg } = renderSvg(doc, layoutGrid(doc.topology));
    expect(svg).not.toMatch(/https?:\/\/(?!www\.w3\.org\/2000\/svg)/);
    expect(svg).not.toContain('@import');
  });
});
