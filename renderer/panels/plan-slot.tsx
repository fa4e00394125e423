/** The slot where the peering-actions feature puts its steps and Run button inside the plan panel.
 *
 * The graph opens the plan on a valid drop; what the plan can *do* belongs to the actions
 * feature, which provides a renderer here (e.g. in start-app.tsx) without touching the graph.
 */
import { createContext, useContext } from 'react';
import type { ReactNode } from 'react';

import type { Topology, Vpc } from '../../shared/model/topology';
import type { PeeringVerdict } from '../../shared/analysis/validate-peering';

/** Everything the actions renderer gets about the proposed peering. */
export interface PlanContext {
  readonly requester: Vpc;
  readonly accepter: Vpc;
  /** validatePeering's verdict (ok, since only valid drops open a plan). */
  readonly verdict: PeeringVerdict;
  readonly topology: Topology;
  /** Close the plan panel (after a run, or when the user cancels). */
  readonly close: () => void;
  /** Select a peering on the canvas and bring it into view, beside the plan panel. */
  readonly showPeering: (peeringId: string) => void;
}

/** Renders the plan's steps and Run button. */
export type PlanActionsRenderer = (plan: PlanContext) => ReactNode;

const PlanActionsContext = createContext<PlanActionsRenderer | undefined>(undefined);

/** Provide the actions renderer to every plan panel below. */
export function PlanActionsProvider({ render, children }: { render: PlanActionsRenderer; children: ReactNode }) {
  return <PlanActionsContext.Provider value={render}>{children}</PlanActionsContext.Provider>;
}

/** The provided actions renderer, if any. */
export function usePlanActions(): PlanActionsRenderer | undefined {
  return useContext(PlanActionsContext);
}
