import { describe, expect, it } from 'vitest';

import { layoutGrid } from '../../../shared/diagram/grid-layout';
import { layoutTopology } from '../../../shared/diagram/layout-topology';
import type { Scene, SceneVpc } from '../../../shared/diagram/scene';
import { buildScene, edgesOf } from '../../../shared/diagram/scene';
import { ACCOUNT_HUES, PALETTES } from '../../../shared/diagram/style';
import { exportDot } from '../../../shared/export/dot';
import { exportDrawio } from '../../../shared/export/drawio';
import { exportMermaid } from '../../../shared/export/mermaid';
import { buildExportDocument } from '../../../shared/export/export-document';
import { renderSvg } from '../../../shared/export/svg';
import { buildReviewSnapshot } from '../../support/fixtures/golden/review-snapshot';
import { reviewDocument } from '../export/review-doc';

/** What one file says about an edge: colour, dash pattern (or DOT's line style), width, label lines. */
interface EdgeSaid {
  readonly colour: string;
  readonly dash: string;
  readonly width: number;
  readonly label: readonly string[];
}

function attr(tag: string, name: string): string | undefined {
  return new RegExp(`[\\s;",]${name}[=:]"?([^";,\\]]*)`).exec(` ${tag}`)?.[1];
}

function svgSays(svg: string): { edges: Map<string, EdgeSaid>; cards: Map<string, { colour: string; width: number }> } {
  const edges = new Map<string, EdgeSaid>();
  for (const m of svg.matchAll(/<g data-peering="([^"]+)"><path [^>]*\/><path ([^>]*)\/>/g)) {
    const label = new RegExp(`<g data-label="${m[1]}"><rect [^>]*/><text [^>]*>([^<]*)</text><text [^>]*>([^<]*)</text>`).exec(svg)!;
    edges.set(m[1]!, { colour: attr(m[2]!, 'stroke')!, dash: attr(m[2]!, 'stroke-dasharray') ?? '', width: Number(attr(m[2]!, 'stroke-width')), label: [label[1]!, label[2]!] });
  }
  const cards = new Map<string, { colour: string; width: number }>();
  for (const m of svg.matchAll(/<g data-vpc="([^"]+)"><rect ([^>]*)\/><rect ([^>]*)\/>/g)) {
    cards.set(m[1]!, { colour: attr(m[3]!, 'fill')!, width: Number(attr(m[2]!, 'stroke-width')) });
  }
  return { edges, cards };
}

function drawioSays(xml: string): { edges: Map<string, EdgeSaid>; cards: Map<string, { colour: string; width: number }> } {
  const edges = new Map<string, EdgeSaid>();
  for (const m of xml.matchAll(/<mxCell id="(pcx-[^"]+)" value="([^"]*)" style="([^"]*)" edge="1"/g)) {
    edges.set(m[1]!, { colour: attr(m[3]!, 'strokeColor')!, dash: attr(m[3]!, 'dashPattern') ?? '', width: Number(attr(m[3]!, 'strokeWidth')), label: m[2]!.split('&#xa;') });
  }
  const cards = new Map<string, { colour: string; width: number }>();
  for (const m of xml.matchAll(/<UserObject id="([^"]+)"[^>]*><mxCell style="([^"]*)"/g)) {
    cards.set(m[1]!, { colour: attr(m[2]!, 'strokeColor')!, width: Number(attr(m[2]!, 'strokeWidth')) });
  }
  return { edges, cards };
}

function dotSays(dot: string): { edges: Map<string, EdgeSaid>; cards: Map<string, { colour: string; width: number }> } {
  const edges = new Map<string, EdgeSaid>();
  for (const m of dot.matchAll(/-> "[^"]+" \[id="([^"]+)", label="([^"]*)", (.*)\];/g)) {
    edges.set(m[1]!, { colour: attr(m[3]!, 'color')!, dash: attr(m[3]!, 'style')!, width: Number(attr(m[3]!, 'penwidth')), label: m[2]!.split('\\n') });
  }
  const cards = new Map<string, { colour: string; width: number }>();
  for (const m of dot.matchAll(/^\s+"(vpc-[^"]+)" \[label="(?:[^"\\]|\\.)*", (.*)\];$/gm)) {
    cards.set(m[1]!, { colour: attr(m[2]!, 'color')!, width: Number(attr(m[2]!, 'penwidth')) });
  }
  return { edges, cards };
}

function mermaidSays(source: string, scene: Scene): { edges: Map<string, EdgeSaid>; cards: Map<string, { colour: string; width: number }> } {
  const links = [...source.matchAll(/^ {2}vpc_\S+ -\.?->\|"([^"]*)"\| vpc_\S+$/gm)].map((m) => m[1]!.split(' · '));
  const styles = [...source.matchAll(/^ {2}linkStyle (\d+) (.*)$/gm)].map((m) => m[2]!);
  // Mermaid links have no ids: they are in the scene's order.
  const edges = new Map<string, EdgeSaid>();
  links.forEach((label, i) => {
    edges.set(scene.edges[i]!.id, { colour: attr(styles[i]!, 'stroke')!, dash: attr(styles[i]!, 'stroke-dasharray') ?? '', width: parseFloat(attr(styles[i]!, 'stroke-width')!), label: [label[0]!, label.slice(1).join(' · ')] });
  });
  const classes = new Map([...source.matchAll(/^ {2}classDef (\S+) (.*)$/gm)].map((m) => [m[1]!, { colour: attr(m[2]!, 'stroke')!, width: parseFloat(attr(m[2]!, 'stroke-width')!) }]));
  const cards = new Map<string, { colour: string; width: number }>();
  for (const m of source.matchAll(/^ {2}class (\S+) (\S+)$/gm)) {
    for (const node of m[1]!.split(',')) {
      const card = scene.boxes.find((b) => b.kind === 'vpc' && `vpc_${b.id.slice(4)}` === node)!;
      cards.set(card.id, classes.get(m[2]!)!);
    }
  }
  return { edges, cards };
}

describe('the scene of a diagram', () => {
  it('lists every parent before its children, gives each account its hue by sorted id, and draws no loop', async () => {
    const doc = reviewDocument();
    const scene = buildScene(doc, await layoutTopology(doc.topology), 'dark');
    const seen = new Set<string>();
    for (const b of scene.boxes) {
      if (b.parentId) expect(seen.has(b.parentId), `${b.id} after its parent`).toBe(true);
      seen.add(b.id);
    }
    expect(scene.boxes.filter((b) => b.kind === 'vpc').map((b) => b.id).sort()).toEqual(doc.topology.vpcs.map((v) => v.id).sort());
    for (const b of scene.boxes) {
      const hue = doc.accountIds.indexOf(b.accountId) % 8;
      expect(b.hue, b.id).toBe(hue);
      if (b.kind === 'vpc' && !b.conflicted && !b.external) expect(b.style.stripe).toBe(ACCOUNT_HUES.dark[hue]);
    }
    expect(scene.edges.every((e) => e.from !== e.to)).toBe(true);
    const conflicted = scene.boxes.filter((b): b is SceneVpc => b.kind === 'vpc' && b.conflicted);
    expect(conflicted.length).toBeGreaterThan(0);
    for (const b of conflicted) expect([b.style.stroke, b.style.stripe]).toEqual([PALETTES.dark.bad, PALETTES.dark.bad]);
  });

  it('looks the same in every file: each edge’s colour, dash, width and words, each card’s colour and border width', () => {
    for (const theme of ['dark', 'light'] as const) {
      const doc = reviewDocument();
      const layout = layoutGrid(doc.topology);
      const scene = buildScene(doc, layout, theme);
      const files = {
        svg: svgSays(renderSvg(doc, layout, { theme }).svg),
        drawio: drawioSays(exportDrawio(doc, layout, { theme })),
        dot: dotSays(exportDot(doc, { theme, layout })),
        mermaid: mermaidSays(exportMermaid(doc, { theme, layout }), scene),
      };
      for (const e of edgesOf(scene, 'peering')) {
        const expected = { colour: e.colour, dash: e.look.dash, width: e.look.width, label: [e.label.title, e.label.detail] };
        for (const [format, said] of Object.entries(files)) {
          const got = said.edges.get(e.id);
          expect(got, `${format} draws ${e.id}`).toBeDefined();
          // DOT has no dash arrays: it names the line pattern.
          expect({ ...got!, format }, `${format} ${e.id} (${theme})`).toEqual({ ...expected, dash: format === 'dot' ? e.look.line : e.look.dash, format });
        }
      }
      for (const b of scene.boxes) {
        if (b.kind !== 'vpc') continue;
        for (const [format, said] of Object.entries(files)) {
          expect({ format, id: b.id, ...said.cards.get(b.id) }).toEqual({ format, id: b.id, colour: b.style.stripe, width: b.style.strokeWidth });
        }
      }
    }
  });

  it('names accounts and peerings in every file as the canvas does: Organizations name, else alias, else profile; Name tag, else pcx id', () => {
    const snapshot = buildReviewSnapshot();
    const topology = {
      ...snapshot.topology,
      // payments loses its name and alias: the profile that acts in it names it, as on the canvas.
      accounts: snapshot.topology.accounts.map((a) => (a.id === '222222222222' ? { id: a.id, profiles: ['payments-admin'] } : a)),
      peerings: snapshot.topology.peerings.map((p) => (p.id === 'pcx-0001' ? { ...p, name: 'hub-to-payments' } : p)),
    };
    const built = buildExportDocument({ ...snapshot, topology });
    if (!built.ok) throw new Error(built.error.message);
    const doc = built.value;
    const layout = layoutGrid(doc.topology);
    const scene = buildScene(doc, layout, 'light');
    const svg = renderSvg(doc, layout, { theme: 'light' }).svg;
    const drawio = exportDrawio(doc, layout);
    const mermaid = exportMermaid(doc, { layout });
    const dot = exportDot(doc, { layout });

    expect(svg).toContain('>payments-admin</text>');
    expect(svg).toContain('>Network hub</text>');
    expect(svg).not.toContain('>network-hub</text>');
    expect(svg).toContain('>analytics</text>');
    expect(mermaid).toContain('subgraph acct_111111111111["Account Network hub (111111111111)"]');
    expect(dot).toContain('label="Account analytics (333333333333)";');
    expect(drawio).toContain('value="Account payments-admin (222222222222)"');
    expect(mermaid).toContain('subgraph acct_222222222222["Account payments-admin (222222222222)"]');
    expect(dot).toContain('label="Account payments-admin (222222222222)";');
    // The unscanned account has no name: its id alone.
    expect(drawio).toContain('value="Account 444444444444"');

    const files = { svg: svgSays(svg), drawio: drawioSays(drawio), mermaid: mermaidSays(mermaid, scene), dot: dotSays(dot) };
    for (const [format, said] of Object.entries(files)) {
      expect([format, said.edges.get('pcx-0001')?.label[0]]).toEqual([format, 'hub-to-payments']);
      expect([format, said.edges.get('pcx-0002')?.label[0]]).toEqual([format, 'pcx-0002']);
    }
  });
});
