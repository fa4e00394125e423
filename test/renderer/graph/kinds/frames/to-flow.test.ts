import { describe, expect, it } from 'vitest';

import { membersOf } from '../../../../../renderer/graph/derive';
import { toFlowNodes } from '../../../../../renderer/graph/to-flow-elements';
import { ACCOUNT_PADDING, REGION_PADDING } from '../../../../../shared/diagram/geometry';
import { layoutTopology } from '../../../../../shared/diagram/layout-topology';
import { demoLikeTopology } from '../../../../support/fixtures/snapshots/demo-like';

describe('where a box may be dragged inside its frame', () => {
  it('keeps every card inside its region frame and every region inside its account, below the title, and never grows a frame', async () => {
    const topology = demoLikeTopology();
    const layout = await layoutTopology(topology);
    const nodes = toFlowNodes(layout, membersOf(topology, false), topology);
    const sizes = new Map(layout.boxes.map((b) => [b.id, b]));
    const inside = nodes.filter((n) => n.parentId);
    expect(inside.length).toBeGreaterThan(20);
    for (const node of inside) {
      const frame = sizes.get(node.parentId!)!;
      const padding = node.type === 'vpc' ? REGION_PADDING : ACCOUNT_PADDING;
      expect({ id: node.id, extent: node.extent, expandParent: node.expandParent }).toEqual({
        id: node.id,
        extent: [
          [padding.left, padding.top],
          [frame.width - padding.right, frame.height - padding.bottom],
        ],
        expandParent: undefined,
      });
      // The laid-out position already lies within it.
      expect(node.position.x).toBeGreaterThanOrEqual(padding.left);
      expect(node.position.y).toBeGreaterThanOrEqual(padding.top);
      expect(node.position.x + node.width!).toBeLessThanOrEqual(frame.width - padding.right);
      expect(node.position.y + node.height!).toBeLessThanOrEqual(frame.height - padding.bottom);
    }
  });

  it('moves a card only by its grip, and frames only by their titles', async () => {
    const topology = demoLikeTopology();
    const nodes = toFlowNodes(await layoutTopology(topology), membersOf(topology, false), topology);
    for (const node of nodes) expect(node.dragHandle).toBe(node.type === 'vpc' ? '.vpc-grip' : '.frame-title');
  });
});
