/** A peering's label on the canvas: whether it shows one now, and its words. */
import { peeringTitle } from '../../../../shared/diagram/names';
import type { AppState } from '../../../store/app-state';
import { routesOf } from '../../derive';
import type { PeeringRoutes } from '../../derive';
import type { CanvasLabel } from '../../edges/edge-routes';
import { canvasLabel } from '../../edges/edge-routes';
import type { PeeringFlowEdge } from '../../flow-types';
import { edgeClassOf } from '../../view-state';
import { STATUS_WORDS, shortPeeringId } from './peering-words';

/** With this many peerings or fewer, every edge that has something to say carries its label; above, only highlighted ones do. */
export const ALWAYS_LABEL_LIMIT = 60;

function routeWords(routes: PeeringRoutes | undefined): string | undefined {
  switch (routes?.overall) {
    case undefined:
      return undefined;
    case 'both':
      return 'routes both sides';
    case 'one':
      return 'routes one side';
    case 'partial':
      return 'routes partial';
    case 'none':
      return 'no routes';
    case 'unknown':
      return 'routes: peer not scanned';
    case 'nothing-to-route':
      return 'no subnets: nothing to route';
  }
}

/** A peering's emphasis classes that bring its label out. */
export function isHighlighted(viewClass: string): boolean {
  return /is-(incident|selected|on-path|match)/.test(viewClass);
}

/**
 * The label of a peering edge now, or none: a selected, incident, on-path or matched peering
 * always says what it is, and so does one whose change is being confirmed; in a small network
 * every peering that is not healthy (active with routes on both sides) does, unless dimmed.
 */
export function peeringLabel(s: AppState, edge: PeeringFlowEdge): CanvasLabel | undefined {
  const topology = s.snapshot?.topology;
  const p = edge.data?.peering;
  if (!topology || !p) return undefined;
  const viewClass = edgeClassOf(s, p.id);
  const routes = p.status === 'active' ? routesOf(topology).byPeering.get(p.id) : undefined;
  const updating = viewClass.includes('is-updating');
  const healthy = p.status === 'active' && routes?.overall === 'both';
  const fewEdges = topology.peerings.length <= ALWAYS_LABEL_LIMIT;
  if (!isHighlighted(viewClass) && !updating && !(fewEdges && !healthy && !viewClass.includes('is-dimmed'))) return undefined;
  const words = p.status === 'active' ? routeWords(routes) : STATUS_WORDS[p.status];
  const detail = updating ? [words, viewClass.includes('is-update-failed') ? 'not confirmed' : 'updating…'].filter(Boolean).join(' · ') : words;
  const rank = viewClass.includes('is-selected') ? 0 : isHighlighted(viewClass) || updating ? 1 : 2;
  return { ...canvasLabel(peeringTitle(p, shortPeeringId(p.id)), detail), rank };
}
