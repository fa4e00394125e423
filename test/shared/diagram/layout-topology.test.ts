import { describe, expect, it } from 'vitest';

import { VPC_CARD_WIDTH, vpcCardHeight } from '../../../shared/diagram/geometry';
import { accountBoxId, regionBoxId } from '../../../shared/diagram/layout';
import type { DiagramLayout, LaidOutBox } from '../../../shared/diagram/layout';
import { layoutTopology } from '../../../shared/diagram/layout-topology';
import type { Topology } from '../../../shared/model/topology';
import { topology as buildTopology } from '../../support/fixtures/build-topology';
import { DEMO_ACCOUNTS, DEMO_PEERINGS, PARTNER_VPC_ID, demoLikeTopology, demoVpcId } from '../../support/fixtures/snapshots/demo-like';
import { generateTopology } from '../../support/fixtures/snapshots/generate-snapshot';

function byId(layout: DiagramLayout): Map<string, LaidOutBox> {
  return new Map(layout.boxes.map((b) => [b.id, b]));
}

function inside(child: LaidOutBox, parent: LaidOutBox): boolean {
  return child.x >= parent.x && child.y >= parent.y && child.x + child.width <= parent.x + parent.width && child.y + child.height <= parent.y + parent.height;
}

function overlaps(a: LaidOutBox, b: LaidOutBox): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

function shuffled(t: Topology): Topology {
  return { ...t, vpcs: [...t.vpcs].reverse(), peerings: [...t.peerings].reverse(), accounts: [...t.accounts].reverse() };
}

describe('layoutTopology', () => {
  it('draws every VPC in its region frame inside its account frame, parents listed first', async () => {
    const topology = demoLikeTopology();
    const layout = await layoutTopology(topology);
    const boxes = byId(layout);
    const seen = new Set<string>();
    for (const box of layout.boxes) {
      if (box.parentId) expect(seen.has(box.parentId), `${box.parentId} before ${box.id}`).toBe(true);
      seen.add(box.id);
    }
    for (const vpc of topology.vpcs) {
      const card = boxes.get(vpc.id)!;
      const region = boxes.get(regionBoxId(vpc.accountId, vpc.region))!;
      const account = boxes.get(accountBoxId(vpc.accountId))!;
      expect(card.parentId).toBe(region.id);
      expect(region.parentId).toBe(account.id);
      expect(inside(card, region)).toBe(true);
      expect(inside(region, account)).toBe(true);
      expect(card.width).toBe(VPC_CARD_WIDTH);
    }
    expect(layout.width).toBeGreaterThan(0);
  });

  it('gives each card the height its CIDR lines need, one height per region so rows line up', async () => {
    const layout = byId(await layoutTopology(demoLikeTopology()));
    const prodApp = layout.get(demoVpcId('prod-app'))!;
    expect(prodApp.height).toBe(vpcCardHeight(2));
    expect(layout.get(demoVpcId('prod-data'))!.height).toBe(prodApp.height);
  });

  it('never overlaps two cards or two frames', async () => {
    const layout = await layoutTopology(generateTopology({ accounts: 4, regions: 3, vpcs: 120, peerings: 200 }));
    for (const kind of ['vpc', 'region', 'account'] as const) {
      const list = layout.boxes.filter((b) => b.kind === kind);
      for (let i = 0; i < list.length; i++) for (let j = i + 1; j < list.length; j++) expect(overlaps(list[i]!, list[j]!), `${list[i]!.id} / ${list[j]!.id}`).toBe(false);
    }
  });

  it('is the same from one run to the next, whatever the input order', async () => {
    const topology = demoLikeTopology();
    const first = await layoutTopology(topology);
    expect(await layoutTopology(topology)).toEqual(first);
    expect(await layoutTopology(shuffled(topology))).toEqual(first);
  });

  it('draws a peer VPC that was not scanned in its own account frame, and leaves out VPCs only deleted peerings name', async () => {
    const topology = demoLikeTopology();
    const boxes = byId(await layoutTopology(topology));
    expect(boxes.get(PARTNER_VPC_ID)?.parentId).toBe(regionBoxId(DEMO_ACCOUNTS.partner, 'us-east-1'));
    const ghost = 'vpc-0deadbeef0000001' as const;
    const deletedOnly: Topology = {
      ...topology,
      peerings: [
        ...topology.peerings,
        { ...topology.peerings.find((p) => p.id === DEMO_PEERINGS.deleted)!, id: 'pcx-0ffff00000000001', accepter: { accountId: '555555555555', vpcId: ghost, region: 'us-east-1', cidrBlocks: ['10.99.0.0/16'], ipv6CidrBlocks: [] } },
      ],
    };
    expect(byId(await layoutTopology(deletedOnly)).has(ghost)).toBe(false);
    expect(byId(await layoutTopology(deletedOnly, { includeDeletedPeerings: true })).has(ghost)).toBe(true);
  });

  it('keeps a card where the user dragged it and grows the frames to hold it', async () => {
    const topology = demoLikeTopology();
    const before = byId(await layoutTopology(topology));
    const id = demoVpcId('dev-tools');
    const region = before.get(regionBoxId(DEMO_ACCOUNTS.dev, 'us-east-1'))!;
    const after = byId(await layoutTopology(topology, { positions: { [id]: { x: region.width + 400, y: 30 } } }));
    const card = after.get(id)!;
    const grown = after.get(region.id)!;
    expect(card.x - grown.x).toBe(region.width + 400);
    expect(grown.width).toBeGreaterThan(region.width + 400);
    expect(inside(card, grown)).toBe(true);
    expect(inside(grown, after.get(accountBoxId(DEMO_ACCOUNTS.dev))!)).toBe(true);
  });

  it('keeps a dragged position across a rescan that adds a VPC, and ignores positions of boxes that are gone', async () => {
    const topology = demoLikeTopology();
    const id = demoVpcId('prod-data');
    const positions = { [id]: { x: 500, y: 300 }, 'vpc-0gone000000000001': { x: 1, y: 1 } };
    const first = byId(await layoutTopology(topology, { positions }));
    const extra = { ...topology.vpcs.find((v) => v.id === id)!, id: 'vpc-0aaaa00000000001' as const, name: 'aaa-new' };
    const rescanned = byId(await layoutTopology({ ...topology, vpcs: [...topology.vpcs, extra] }, { positions }));
    const rel = (m: Map<string, LaidOutBox>) => m.get(id)!.x - m.get(m.get(id)!.parentId!)!.x;
    expect(rel(rescanned)).toBe(rel(first));
    expect(rel(first)).toBe(500);
    expect(rescanned.has('vpc-0gone000000000001')).toBe(false);
  });

  it('lays out 1,000 VPCs quickly enough for the worker', async () => {
    const topology = generateTopology({ accounts: 10, regions: 4, vpcs: 1000, peerings: 2000 });
    const started = performance.now();
    const layout = await layoutTopology(topology);
    expect(layout.boxes.filter((b) => b.kind === 'vpc')).toHaveLength(1000);
    expect(performance.now() - started).toBeLessThan(10_000);
  });

  it('returns an empty diagram for an empty topology', async () => {
    expect(await layoutTopology(buildTopology({}))).toEqual({ boxes: [], width: 0, height: 0 });
  });
});
