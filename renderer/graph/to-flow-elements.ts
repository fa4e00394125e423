/** Topology + layout → React Flow nodes and edges: the last step from snapshot to screen. */
import type { DiagramLayout } from '../../shared/diagram/layout';
import type { DiagramAccount, DiagramVpc } from '../../shared/diagram/members';
import { accountHue } from '../../shared/diagram/style';
import type { Topology } from '../../shared/model/topology';
import type { AccountFlowNode, AppNode, PeeringFlowEdge, RegionFlowNode, VpcFlowNode } from './flow-types';
import { HANDLE_PEER_IN, HANDLE_PEER_OUT } from './flow-types';

/**
 * Frames move only by their title bar; a press anywhere else on them reaches the pane and pans,
 * which is what people mean when they drag the empty inside of a big frame.
 */
const FRAME_BEHAVIOUR = {
  selectable: false,
  connectable: false,
  focusable: false,
  className: 'frame-node',
  dragHandle: '.frame-title',
  style: { pointerEvents: 'none' as const },
};

/**
 * Stacking order (React Flow in `zIndexMode="manual"`): frames at the bottom, then edges, then
 * cards, so a peering line never crosses over a card it does not belong to. React Flow's basic
 * mode would lift each edge to the level of the nodes it joins, which puts lines between accounts
 * above every card of the accounts drawn before them.
 */
export const Z = { account: 0, region: 1, edge: 2, card: 3 } as const;

/**
 * Nodes for every laid-out box: accounts (absolute), regions (relative to their account) and
 * VPC cards (relative to their region), parents before children as React Flow requires.
 */
export function toFlowNodes(layout: DiagramLayout, members: readonly DiagramAccount[], topology: Topology): AppNode[] {
  const vpcs = new Map<string, DiagramVpc>();
  const accounts = new Map<string, DiagramAccount>();
  const hues = new Map<string, number>();
  const regionCounts = new Map<string, number>();
  for (const a of members) {
    accounts.set(`account:${a.accountId}`, a);
    hues.set(a.accountId, accountHue(hues.size));
    for (const r of a.regions) {
      regionCounts.set(`region:${a.accountId}/${r.region}`, r.vpcs.length);
      for (const v of r.vpcs) vpcs.set(v.id, v);
    }
  }
  const profiles = new Map(topology.accounts.map((a) => [a.id, a.profiles]));
  const boxes = new Map(layout.boxes.map((b) => [b.id, b]));
  const nodes: AppNode[] = [];
  for (const box of layout.boxes) {
    const parent = box.parentId ? boxes.get(box.parentId) : undefined;
    const position = parent ? { x: box.x - parent.x, y: box.y - parent.y } : { x: box.x, y: box.y };
    // The layout decides every size, so nodes start out measured (React Flow keeps their handle
    // bounds across updates only for measured nodes).
    const size = { width: box.width, height: box.height, measured: { width: box.width, height: box.height } };
    if (box.kind === 'account') {
      const a = accounts.get(box.id);
      if (!a) continue;
      const node: AccountFlowNode = {
        id: box.id,
        type: 'account',
        position,
        ...size,
        zIndex: Z.account,
        ...FRAME_BEHAVIOUR,
        data: {
          accountId: a.accountId,
          ...(a.alias ? { alias: a.alias } : {}),
          profiles: profiles.get(a.accountId) ?? [],
          scanned: a.scanned,
          vpcCount: a.regions.reduce((n, r) => n + r.vpcs.length, 0),
          hue: hues.get(a.accountId) ?? 0,
        },
      };
      nodes.push(node);
    } else if (box.kind === 'region') {
      const [accountId, region] = box.id.slice('region:'.length).split('/') as [string, string];
      const node: RegionFlowNode = {
        id: box.id,
        type: 'region',
        position,
        ...size,
        zIndex: Z.region,
        ...(box.parentId ? { parentId: box.parentId, extent: 'parent' as const } : {}),
        ...FRAME_BEHAVIOUR,
        data: { accountId, region, vpcCount: regionCounts.get(box.id) ?? 0 },
      };
      nodes.push(node);
    } else {
      const v = vpcs.get(box.id);
      if (!v) continue;
      const account = accounts.get(`account:${v.accountId}`);
      const node: VpcFlowNode = {
        id: box.id,
        type: 'vpc',
        position,
        ...size,
        zIndex: Z.card,
        ...(box.parentId ? { parentId: box.parentId, extent: 'parent' as const, expandParent: true } : {}),
        ariaLabel: `VPC ${v.label}`,
        data: {
          vpcId: v.id,
          label: v.label,
          ...(v.vpc ? { vpc: v.vpc } : {}),
          cidrs: v.cidrs,
          accountId: v.accountId,
          accountLabel: account?.alias ?? profiles.get(v.accountId)?.[0] ?? v.accountId,
          region: v.region,
          hue: hues.get(v.accountId) ?? 0,
        },
      };
      nodes.push(node);
    }
  }
  return nodes;
}

/** One edge per peering between two drawn VPCs; deleted peerings only when asked. */
export function toPeeringEdges(topology: Topology, nodeIds: ReadonlySet<string>, showDeleted: boolean): PeeringFlowEdge[] {
  const edges: PeeringFlowEdge[] = [];
  for (const p of topology.peerings) {
    if (p.status === 'deleted' && !showDeleted) continue;
    if (p.requester.vpcId === p.accepter.vpcId) continue;
    if (!nodeIds.has(p.requester.vpcId) || !nodeIds.has(p.accepter.vpcId)) continue;
    edges.push({
      id: p.id,
      type: 'peering',
      source: p.requester.vpcId,
      target: p.accepter.vpcId,
      sourceHandle: HANDLE_PEER_OUT,
      targetHandle: HANDLE_PEER_IN,
      data: { peering: p },
      zIndex: Z.edge,
      ariaLabel: `Peering ${p.id} (${p.status})`,
    });
  }
  return edges;
}
