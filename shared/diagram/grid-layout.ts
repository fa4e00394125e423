/** A simple deterministic layout: accounts as columns, regions as aligned rows, VPCs in a grid
 * (under a row of transit gateway hubs where the region has any).
 *
 * The fallback for exports when no laid-out view is given. Same region, same row in every
 * account, so a cross-account peering inside one region runs straight across and a cross-region
 * one runs down. Sizes depend only on the topology, so the same snapshot always gives the same
 * picture (golden files rely on that).
 */
import type { DiagramLayout, LaidOutBox } from './layout';
import { accountBoxId, regionBoxId } from './layout';
import type { Topology, TransitGateway, Vpc } from '../model/topology';
import { TGW_HUB_GAP_Y, TGW_HUB_HEIGHT, TGW_HUB_WIDTH } from './geometry';
import { vpcCidrs } from '../export/labels';

/** Sizes of the grid layout, in pixels at zoom 1. */
export interface GridLayoutOptions {
  /** Width of a VPC box. */
  readonly vpcWidth?: number;
  /** Most VPC columns in one region frame. */
  readonly maxVpcColumns?: number;
  /** Most account columns before the next band starts below. */
  readonly maxAccountColumns?: number;
}

/** Header band of an account frame (its label). */
export const ACCOUNT_HEADER = 40;
/** Header band of a region frame. */
export const REGION_HEADER = 30;
const PAD = 18;
const GAP = 26;
const MAX_CIDR_LINES = 4;

/** Height a VPC box needs for its name, id and up to four CIDR lines. */
export function vpcBoxHeight(vpc: Pick<Vpc, 'cidrBlocks'>): number {
  const lines = Math.min(vpcCidrs(vpc).length, MAX_CIDR_LINES);
  return 58 + 17 * Math.max(lines, 1);
}

/** Lay out accounts as columns and regions as rows, aligned across accounts. */
export function layoutGrid(topology: Topology, opts: GridLayoutOptions = {}): DiagramLayout {
  const vpcWidth = opts.vpcWidth ?? 250;
  const maxCols = opts.maxVpcColumns ?? 3;
  const maxAccountCols = opts.maxAccountColumns ?? 4;

  const gateways = topology.transitGateways.filter((g) => g.state !== 'deleted');
  const accounts = [...new Set([...topology.vpcs.map((v) => v.accountId), ...gateways.map((g) => g.accountId)])].sort();
  const regions = [...new Set([...topology.vpcs.map((v) => v.region), ...gateways.map((g) => g.region)])].sort();
  const cell = new Map<string, Vpc[]>();
  const hubCell = new Map<string, TransitGateway[]>();
  for (const v of topology.vpcs) {
    const key = `${v.accountId}|${v.region}`;
    const list = cell.get(key);
    if (list) list.push(v);
    else cell.set(key, [v]);
  }
  for (const g of gateways) {
    const key = `${g.accountId}|${g.region}`;
    if (!cell.has(key)) cell.set(key, []);
    const list = hubCell.get(key);
    if (list) list.push(g);
    else hubCell.set(key, [g]);
  }
  for (const list of cell.values()) list.sort((a, b) => cmp(a.name ?? '~', b.name ?? '~') || cmp(a.id, b.id));
  for (const list of hubCell.values()) list.sort((a, b) => cmp(a.name ?? '~', b.name ?? '~') || cmp(a.id, b.id));

  // Each region cell's inner grid: columns, row heights (a row of hubs first when it has any).
  const cellSize = (list: readonly Vpc[], hubs: readonly TransitGateway[] = []) => {
    const cols = Math.min(maxCols, Math.max(1, Math.ceil(Math.sqrt(list.length))));
    const rowHeights: number[] = [];
    list.forEach((v, i) => {
      const r = Math.floor(i / cols);
      rowHeights[r] = Math.max(rowHeights[r] ?? 0, vpcBoxHeight(v));
    });
    const hubRow = hubs.length > 0 ? TGW_HUB_HEIGHT + (list.length > 0 ? TGW_HUB_GAP_Y : 0) : 0;
    const width = Math.max(cols * vpcWidth + (cols - 1) * GAP, hubs.length * TGW_HUB_WIDTH + Math.max(hubs.length - 1, 0) * GAP) + 2 * PAD;
    const height = REGION_HEADER + hubRow + rowHeights.reduce((s, h) => s + h, 0) + Math.max(rowHeights.length - 1, 0) * GAP + PAD;
    return { cols, rowHeights, hubRow, width, height };
  };
  const sizeOf = (key: string) => cellSize(cell.get(key)!, hubCell.get(key));

  const boxes: LaidOutBox[] = [];
  let bandTop = 0;
  let totalWidth = 0;
  for (let start = 0; start < accounts.length; start += maxAccountCols) {
    const band = accounts.slice(start, start + maxAccountCols);
    const bandRegions = regions.filter((r) => band.some((a) => cell.has(`${a}|${r}`)));
    const colWidth = band.map((a) => Math.max(...bandRegions.map((r) => (cell.has(`${a}|${r}`) ? sizeOf(`${a}|${r}`).width : 0))));
    const rowHeight = bandRegions.map((r) => Math.max(...band.map((a) => (cell.has(`${a}|${r}`) ? sizeOf(`${a}|${r}`).height : 0))));
    const rowTop: number[] = [];
    let y = bandTop + ACCOUNT_HEADER;
    for (const h of rowHeight) {
      rowTop.push(y);
      y += h + GAP;
    }
    let x = 0;
    band.forEach((account, ai) => {
      const width = colWidth[ai]! + 2 * PAD;
      const present = bandRegions.map((r, ri) => (cell.has(`${account}|${r}`) ? ri : -1)).filter((ri) => ri >= 0);
      const firstRow = present[0]!;
      const lastRow = present[present.length - 1]!;
      // The frame starts at its first region's row, so an account with only a later region
      // does not hang an empty frame over the rows above.
      const top = rowTop[firstRow]! - ACCOUNT_HEADER;
      const height = rowTop[lastRow]! + rowHeight[lastRow]! + PAD - top;
      const accountId = accountBoxId(account);
      boxes.push({ id: accountId, kind: 'account', x, y: top, width, height });
      for (const ri of present) {
        const region = bandRegions[ri]!;
        const list = cell.get(`${account}|${region}`)!;
        const size = sizeOf(`${account}|${region}`);
        const rx = x + PAD;
        const ry = rowTop[ri]!;
        const regionId = regionBoxId(account, region);
        boxes.push({ id: regionId, kind: 'region', parentId: accountId, x: rx, y: ry, width: colWidth[ai]!, height: rowHeight[ri]! });
        (hubCell.get(`${account}|${region}`) ?? []).forEach((g, i) => {
          boxes.push({ id: g.id, kind: 'tgw', parentId: regionId, x: rx + PAD + i * (TGW_HUB_WIDTH + GAP), y: ry + REGION_HEADER, width: TGW_HUB_WIDTH, height: TGW_HUB_HEIGHT });
        });
        let vy = ry + REGION_HEADER + size.hubRow;
        size.rowHeights.forEach((h, r) => {
          for (let c = 0; c < size.cols; c++) {
            const v = list[r * size.cols + c];
            if (!v) break;
            boxes.push({ id: v.id, kind: 'vpc', parentId: regionId, x: rx + PAD + c * (vpcWidth + GAP), y: vy, width: vpcWidth, height: h });
          }
          vy += h + GAP;
        });
      }
      x += width + GAP * 2;
    });
    totalWidth = Math.max(totalWidth, x - GAP * 2);
    bandTop = y - GAP + PAD + GAP * 2;
  }
  return { boxes, width: Math.max(totalWidth, 0), height: Math.max(bandTop - GAP * 2, 0) };
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
