/** What every kind's node mapping reads: the diagram's members by id, built once per layout. */
import type { DiagramLayout, LaidOutBox } from '../../../shared/diagram/layout';
import type { DiagramAccount, DiagramTgw, DiagramVpc } from '../../../shared/diagram/members';
import { accountHue } from '../../../shared/diagram/style';
import type { Topology } from '../../../shared/model/topology';


/** The members and facts a node mapping looks up by id; a kind with members of its own reads them from `topology`. */
export interface ToFlowContext {
  readonly topology: Topology;
  readonly vpcs: ReadonlyMap<string, DiagramVpc>;
  /** Transit gateway hubs by gateway id. */
  readonly tgws: ReadonlyMap<string, DiagramTgw>;
  /** By frame id, `account:<id>`. */
  readonly accounts: ReadonlyMap<string, DiagramAccount>;
  /** Account id → colour index. */
  readonly hues: ReadonlyMap<string, number>;
  /** By frame id, `region:<account>/<region>` → VPCs drawn in it. */
  readonly regionCounts: ReadonlyMap<string, number>;
  /** Account id → local profiles that act in it. */
  readonly profiles: ReadonlyMap<string, readonly string[]>;
}

/** Where a box sits (relative to its parent box) and its size, which the layout decides. */
export interface PlacedBox {
  readonly box: LaidOutBox;
  readonly position: { x: number; y: number };
  /** Nodes start out measured: React Flow keeps their handle bounds across updates only for measured nodes. */
  readonly size: { width: number; height: number; measured: { width: number; height: number } };
  /** The size of the parent box, for boxes inside a frame. */
  readonly parentSize?: { readonly width: number; readonly height: number };
}

/** Index the diagram's members for the node mappings. */
export function toFlowContext(members: readonly DiagramAccount[], topology: Topology): ToFlowContext {
  const vpcs = new Map<string, DiagramVpc>();
  const tgws = new Map<string, DiagramTgw>();
  const accounts = new Map<string, DiagramAccount>();
  const hues = new Map<string, number>();
  const regionCounts = new Map<string, number>();
  for (const a of members) {
    accounts.set(`account:${a.accountId}`, a);
    hues.set(a.accountId, accountHue(hues.size));
    for (const r of a.regions) {
      regionCounts.set(`region:${a.accountId}/${r.region}`, r.vpcs.length);
      for (const v of r.vpcs) vpcs.set(v.id, v);
      for (const g of r.tgws) tgws.set(g.id, g);
    }
  }
  const profiles = new Map(topology.accounts.map((a) => [a.id as string, a.profiles]));
  return { topology, vpcs, tgws, accounts, hues, regionCounts, profiles };
}

/** Each box placed relative to its parent, parents before children as in the layout. */
export function placeBoxes(layout: DiagramLayout): PlacedBox[] {
  const boxes = new Map(layout.boxes.map((b) => [b.id, b]));
  return layout.boxes.map((box) => {
    const parent = box.parentId ? boxes.get(box.parentId) : undefined;
    const position = parent ? { x: box.x - parent.x, y: box.y - parent.y } : { x: box.x, y: box.y };
    const size = { width: box.width, height: box.height, measured: { width: box.width, height: box.height } };
    return parent ? { box, position, size, parentSize: { width: parent.width, height: parent.height } } : { box, position, size };
  });
}
