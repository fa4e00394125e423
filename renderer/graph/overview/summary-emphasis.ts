/** The canvas's emphasis (selection, search, conflicts mode) carried to region summaries and their links.
 *
 * Zoomed out there are no cards to outline, so a region shows the strongest mark among its VPCs'
 * (a selected VPC, a conflict in conflicts mode, a peer, a VPC reached only through others, a
 * search match), and is dimmed when every VPC in it is; a link is strong when one of its peerings
 * is (incident to the selection, on its path, a match), and dimmed when all of them are.
 */
import type { NetworkSummary } from '../../../shared/diagram/region-summaries';
import type { PeeringId, VpcId } from '../../../shared/model/ids';
import type { ViewState } from '../view-state';

/** The mark a region box shows, strongest first. */
export type RegionMark = 'selected' | 'conflict' | 'peer' | 'indirect' | 'match';

const MARKS: readonly (readonly [RegionMark, RegExp])[] = [
  ['selected', /\bis-selected\b/],
  ['conflict', /\bis-conflict\b/],
  ['peer', /\bis-peer\b/],
  ['indirect', /\bis-(indirect|on-path)\b/],
  ['match', /\bis-match\b/],
];

/** How one region box is emphasised. */
export interface RegionEmphasis {
  readonly mark?: RegionMark;
  readonly dimmed: boolean;
  /** Selected VPCs in the region. */
  readonly selected: number;
  /** Search matches in the region. */
  readonly matches: number;
}

/** How one link is drawn. */
export type LinkEmphasis = 'strong' | 'dimmed' | 'normal';

/** Emphasis of every region and link. */
export interface SummaryEmphasis {
  readonly regions: ReadonlyMap<string, RegionEmphasis>;
  readonly links: ReadonlyMap<string, LinkEmphasis>;
}

const STRONG_EDGE = /\bis-(incident|selected|on-path|match)\b/;

const PLAIN: SummaryEmphasis = { regions: new Map(), links: new Map() };

/** The emphasis of a summary under the view; regions and links without any are left out. */
export function summaryEmphasis(summary: NetworkSummary, view: ViewState): SummaryEmphasis {
  if (view.vpcClass.size === 0 && view.edgeClass.size === 0 && !view.defaultVpcClass && !view.defaultEdgeClass) return PLAIN;
  const vpcClass = (id: VpcId) => view.vpcClass.get(id) ?? view.defaultVpcClass;
  const edgeClass = (id: PeeringId) => view.edgeClass.get(id) ?? view.defaultEdgeClass;
  const regions = new Map<string, RegionEmphasis>();
  for (const r of summary.regions.values()) {
    let rank = MARKS.length;
    let dimmed = r.vpcIds.length > 0;
    let selected = 0;
    let matches = 0;
    for (const id of r.vpcIds) {
      const cls = vpcClass(id);
      if (!cls) {
        dimmed = false;
        continue;
      }
      if (!cls.includes('is-dimmed')) dimmed = false;
      for (let i = 0; i < rank; i++) if (MARKS[i]![1].test(cls)) rank = i;
      if (cls.includes('is-selected')) selected++;
      if (cls.includes('is-match')) matches++;
    }
    const mark = MARKS[rank]?.[0];
    if (mark || dimmed) regions.set(r.id, { ...(mark ? { mark } : {}), dimmed: dimmed && !mark, selected, matches });
  }
  const links = new Map<string, LinkEmphasis>();
  for (const l of summary.links) {
    const classes = l.peeringIds.map(edgeClass);
    if (classes.some((c) => STRONG_EDGE.test(c))) links.set(l.id, 'strong');
    else if (classes.every((c) => c.includes('is-dimmed'))) links.set(l.id, 'dimmed');
  }
  return { regions, links };
}
