import { describe, expect, it } from 'vitest';

import { layoutGrid } from '../../../shared/diagram/grid-layout';
import { layoutTopology } from '../../../shared/diagram/layout-topology';
import type { Scene, SceneVpc } from '../../../shared/diagram/scene';
import { buildScene } from '../../../shared/diagram/scene';
import { ACCOUNT_HUES, PALETTES } from '../../../shared/diagram/style';
import { exportDot } from '../../../shared/export/dot';
import { exportDrawio } from '../../../shared/export/drawio';
import { exportMermaid } from '../../../shared/export/mermaid';
import { renderSvg } from '../../../shared/export/svg';
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
  const edges = new Map<string, EdgeSaid>();
  links.forEach((label, i) => {
    edges.set(label[0]!, { colour: attr(styles[i]!, 'stroke')!, dash: attr(styles[i]!, 'stroke-dasharray') ?? '', width: parseFloat(attr(styles[i]!, 'stroke-width')!), label: [label[0]!, label.slice(1).join(' · ')] });
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
      for (const e of scene.edges) {
        const expected = { colour: e.colour, dash: e.look.dash, width: e.look.width, label: [e.label.id, e.label.detail] };
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
});
