/** The overview's summaries in words, for screen readers (and the tests, which cannot read canvas pixels). */
import { memo } from 'react';

import { accountBoxId } from '../../../shared/diagram/layout';
import type { NetworkSummary } from '../../../shared/diagram/region-summaries';
import { accountName } from '../../../shared/diagram/names';
import type { AppNode } from '../flow-types';
import type { PaintedBox } from './paint';
import type { SummaryEmphasis } from './summary-emphasis';
import { accountSentence, linkSentence, regionSentence } from './summary-words';

/** Each account box's name as the canvas shows it (its alias, else a profile, else its id), by box id. */
export function accountNamesOf(boxes: ReadonlyMap<string, PaintedBox<AppNode>>): Map<string, string> {
  const names = new Map<string, string>();
  for (const b of boxes.values()) if (b.node.type === 'account') names.set(b.node.id, accountName(b.node.data) ?? b.node.data.accountId);
  return names;
}

/** `<account name> <region>` for a region box id. */
export function regionNamer(summary: NetworkSummary, names: ReadonlyMap<string, string>): (id: string) => string {
  return (id) => {
    const r = summary.regions.get(id);
    if (!r) return id;
    return `${names.get(accountBoxId(r.accountId)) ?? r.accountId} ${r.region}`;
  };
}

/** Props of the list. */
interface SummaryListProps {
  readonly summary: NetworkSummary;
  readonly boxes: ReadonlyMap<string, PaintedBox<AppNode>>;
  readonly emphasis: SummaryEmphasis;
}

/** Accounts, regions, transit gateway hubs and the links between regions, one sentence each, visually hidden. */
export const SummaryList = memo(function SummaryList({ summary, boxes, emphasis }: SummaryListProps) {
  const names = accountNamesOf(boxes);
  const regionName = regionNamer(summary, names);
  const hubs = [...boxes.values()].flatMap((b) => (b.node.type === 'tgw' ? [b.node] : []));
  return (
    <section className="visually-hidden" aria-label="Network summary" data-testid="overview-summaries">
      <ul aria-label="Account summaries">
        {summary.accounts.map((a) => (
          <li key={a.id} data-box={a.id}>
            {accountSentence(a, names.get(a.id) ?? a.accountId)}
          </li>
        ))}
      </ul>
      <ul aria-label="Region summaries">
        {[...summary.regions.values()].map((r) => {
          const e = emphasis.regions.get(r.id);
          return (
            <li key={r.id} data-box={r.id} data-mark={e?.mark ?? (e?.dimmed ? 'dimmed' : 'none')}>
              {regionSentence(r, names.get(accountBoxId(r.accountId)) ?? r.accountId, e)}
            </li>
          );
        })}
      </ul>
      <ul aria-label="Transit gateways">
        {hubs.map((h) => {
          const g = h.data.gateway;
          return (
            <li key={h.id} data-box={h.id}>
              {`Transit gateway ${g.name ? `${g.name} (${g.id})` : g.id}, ${h.data.accountLabel} ${g.region}${g.routing.state === 'unread' ? ', routing not read' : ''}`}
            </li>
          );
        })}
      </ul>
      <ul aria-label="Peerings between regions">
        {summary.links.map((l) => (
          <li key={l.id}>{linkSentence(l, regionName)}</li>
        ))}
      </ul>
    </section>
  );
});
