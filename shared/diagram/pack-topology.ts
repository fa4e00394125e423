/** Lay out the topology diagram: VPC cards (and transit gateway hubs) in region frames, region frames in account frames.
 *
 * Pure and deterministic: the same topology and positions give the same boxes, in any process
 * (the graph runs it in a Web Worker, the CLI and exporters in Node, see `layout-topology.ts`).
 * The elkjs engine is passed in, so that the worker can load elkjs its own way. Inputs are sorted by id
 * (collectDiagramMembers), cards sit in a grid per region, and elkjs packs region frames into
 * accounts and account frames onto the canvas (rectpacking keeps the sorted order and varying
 * frame sizes readable). Positions a user dragged win over the automatic ones; frames grow to
 * hold them, so a rescan never loses a hand-placed card. A region with transit gateways has
 * their hubs in a row above its cards; a region without any is laid out as before hubs existed.
 */
import type { ElkNode } from 'elkjs/lib/elk-api';

import type { Topology } from '../model/topology';
import { collectDiagramMembers } from './members';
import type { DiagramMemberOptions } from './members';
import {
  ACCOUNT_GAP,
  ACCOUNT_PADDING,
  REGION_GAP,
  REGION_PADDING,
  TGW_HUB_GAP_Y,
  TGW_HUB_HEIGHT,
  TGW_HUB_WIDTH,
  VPC_CARD_WIDTH,
  VPC_GAP_X,
  VPC_GAP_Y,
  regionGridColumns,
  vpcCardHeight,
} from './geometry';
import { accountBoxId, regionBoxId } from './layout';
import type { DiagramLayout, LaidOutBox } from './layout';

/** A position in diagram pixels. */
export interface DiagramPoint {
  readonly x: number;
  readonly y: number;
}

/** Options of `packTopology` and `layoutTopology`. */
export interface LayoutTopologyOptions extends DiagramMemberOptions {
  /**
   * Box id → position the user chose, relative to the box's parent frame (a card's region, a
   * region's account; accounts are absolute), which is how React Flow stores child positions.
   * Ids that are not in the diagram are ignored.
   */
  readonly positions?: Readonly<Record<string, DiagramPoint>>;
}

/** Narrowest frames, so their titles always fit. */
const MIN_REGION_WIDTH = 240;
const MIN_ACCOUNT_WIDTH = 420;

interface Size {
  width: number;
  height: number;
}

interface RelativeBox extends Size {
  readonly id: string;
  x: number;
  y: number;
}

interface RegionFrame extends RelativeBox {
  readonly cards: readonly RelativeBox[];
  readonly hubs: readonly RelativeBox[];
}

interface AccountFrame extends RelativeBox {
  readonly regions: readonly RegionFrame[];
}

/** What the layout needs of an elkjs engine (`new ELK()` from any of its builds). */
export interface LayoutEngine {
  layout(graph: ElkNode): Promise<ElkNode>;
}

function finite(p: DiagramPoint | undefined): p is DiagramPoint {
  return p !== undefined && Number.isFinite(p.x) && Number.isFinite(p.y);
}

/** Grow `frame` so it holds every child box plus its padding (right and bottom). */
function fitAround(frame: Size, children: readonly RelativeBox[], padding: { right: number; bottom: number }, minWidth: number): void {
  let width = minWidth;
  let height = 0;
  for (const c of children) {
    width = Math.max(width, c.x + c.width + padding.right);
    height = Math.max(height, c.y + c.height + padding.bottom);
  }
  frame.width = Math.max(frame.width, Math.round(width));
  frame.height = Math.max(frame.height, Math.round(height));
}

/** Move a child pinned at a negative offset back inside its frame (frames grow only right and down). */
function clampInside(box: RelativeBox, padding: { left: number; top: number }): void {
  box.x = Math.max(padding.left, box.x);
  box.y = Math.max(padding.top, box.y);
}

function pin(box: RelativeBox, positions: Readonly<Record<string, DiagramPoint>>, padding: { left: number; top: number }): void {
  const p = positions[box.id];
  if (!finite(p)) return;
  box.x = Math.round(p.x);
  box.y = Math.round(p.y);
  clampInside(box, padding);
}

/** elkjs options that pack fixed-size frames into rows, in the given order. */
function packOptions(aspectRatio: number, spacing: number, padding: { top: number; right: number; bottom: number; left: number }) {
  return {
    'elk.algorithm': 'rectpacking',
    'elk.aspectRatio': String(aspectRatio),
    'elk.spacing.nodeNode': String(spacing),
    'elk.padding': `[top=${padding.top},left=${padding.left},bottom=${padding.bottom},right=${padding.right}]`,
    // Keep the sorted input order instead of reordering by size: the layout stays predictable.
    'elk.rectpacking.orderBySize': 'false',
  };
}

/** Lay out `topology` with `elk`; resolves to absolute boxes, parents listed before their children. */
export async function packTopology(elk: LayoutEngine, topology: Topology, opts: LayoutTopologyOptions = {}): Promise<DiagramLayout> {
  const positions = opts.positions ?? {};
  const members = collectDiagramMembers(topology, opts);
  if (members.length === 0) return { boxes: [], width: 0, height: 0 };

  // 1. Cards in a grid per region, all cards of a region one height so rows line up.
  const accounts: AccountFrame[] = members.map((account) => {
    const regions: RegionFrame[] = account.regions.map((region) => {
      const cardHeight = Math.max(...region.vpcs.map((v) => vpcCardHeight(v.cidrs.length)));
      const columns = regionGridColumns(region.vpcs.length);
      // Hubs in a row on top, so attachment edges fan down to the cards.
      const hubs: RelativeBox[] = region.tgws.map((g, i) => ({
        id: g.id,
        x: REGION_PADDING.left + i * (TGW_HUB_WIDTH + VPC_GAP_X),
        y: REGION_PADDING.top,
        width: TGW_HUB_WIDTH,
        height: TGW_HUB_HEIGHT,
      }));
      const cardsTop = REGION_PADDING.top + (hubs.length > 0 ? TGW_HUB_HEIGHT + TGW_HUB_GAP_Y : 0);
      const cards: RelativeBox[] = region.vpcs.map((v, i) => ({
        id: v.id,
        x: REGION_PADDING.left + (i % columns) * (VPC_CARD_WIDTH + VPC_GAP_X),
        y: cardsTop + Math.floor(i / columns) * (cardHeight + VPC_GAP_Y),
        width: VPC_CARD_WIDTH,
        height: cardHeight,
      }));
      for (const box of [...hubs, ...cards]) pin(box, positions, REGION_PADDING);
      const frame: RegionFrame = { id: regionBoxId(account.accountId, region.region), x: 0, y: 0, width: 0, height: 0, cards, hubs };
      fitAround(frame, [...hubs, ...cards], REGION_PADDING, MIN_REGION_WIDTH);
      return frame;
    });
    return { id: accountBoxId(account.accountId), x: 0, y: 0, width: 0, height: 0, regions };
  });

  // 2. Region frames packed inside each account (one elkjs call for every account).
  const packedRegions = await elk.layout({
    id: 'root',
    layoutOptions: { 'elk.algorithm': 'box', 'elk.spacing.nodeNode': String(ACCOUNT_GAP) },
    children: accounts.map(
      (a): ElkNode => ({
        id: a.id,
        layoutOptions: packOptions(1.8, REGION_GAP, ACCOUNT_PADDING),
        children: a.regions.map((r) => ({ id: r.id, width: r.width, height: r.height })),
      }),
    ),
  });
  const regionPositions = new Map<string, DiagramPoint>();
  for (const a of packedRegions.children ?? []) for (const r of a.children ?? []) regionPositions.set(r.id, { x: r.x ?? 0, y: r.y ?? 0 });
  for (const account of accounts) {
    for (const region of account.regions) {
      const p = regionPositions.get(region.id);
      region.x = Math.round(p?.x ?? ACCOUNT_PADDING.left);
      region.y = Math.round(p?.y ?? ACCOUNT_PADDING.top);
      pin(region, positions, ACCOUNT_PADDING);
    }
    fitAround(account, account.regions, ACCOUNT_PADDING, MIN_ACCOUNT_WIDTH);
  }

  // 3. Account frames packed on the canvas, a little wider than tall like a screen.
  const packedAccounts = await elk.layout({
    id: 'root',
    layoutOptions: packOptions(1.6, ACCOUNT_GAP, { top: 0, right: 0, bottom: 0, left: 0 }),
    children: accounts.map((a) => ({ id: a.id, width: a.width, height: a.height })),
  });
  const accountPositions = new Map((packedAccounts.children ?? []).map((a) => [a.id, { x: a.x ?? 0, y: a.y ?? 0 }]));
  for (const account of accounts) {
    const p = accountPositions.get(account.id);
    account.x = Math.round(p?.x ?? 0);
    account.y = Math.round(p?.y ?? 0);
    const pinned = positions[account.id];
    if (finite(pinned)) {
      account.x = Math.round(pinned.x);
      account.y = Math.round(pinned.y);
    }
  }

  // 4. Absolute boxes, depth first so every parent comes before its children.
  const boxes: LaidOutBox[] = [];
  let width = 0;
  let height = 0;
  for (const account of accounts) {
    boxes.push({ id: account.id, kind: 'account', x: account.x, y: account.y, width: account.width, height: account.height });
    width = Math.max(width, account.x + account.width);
    height = Math.max(height, account.y + account.height);
    for (const region of account.regions) {
      const rx = account.x + region.x;
      const ry = account.y + region.y;
      boxes.push({ id: region.id, kind: 'region', parentId: account.id, x: rx, y: ry, width: region.width, height: region.height });
      for (const hub of region.hubs) {
        boxes.push({ id: hub.id, kind: 'tgw', parentId: region.id, x: rx + hub.x, y: ry + hub.y, width: hub.width, height: hub.height });
      }
      for (const card of region.cards) {
        boxes.push({ id: card.id, kind: 'vpc', parentId: region.id, x: rx + card.x, y: ry + card.y, width: card.width, height: card.height });
      }
    }
  }
  return { boxes, width, height };
}
