/** The React Flow canvas: account and region frames, VPC cards, peering edges, drag-to-peer, and drag-to-attach (a VPC onto a transit gateway hub). */
import { ConnectionMode, Controls, MiniMap, ReactFlow, useReactFlow, useStore as useFlowStore } from '@xyflow/react';
import type { Connection, Edge, FinalConnectionState, IsValidConnection, MiniMapNodeProps, OnConnectStart } from '@xyflow/react';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { MouseEvent as ReactMouseEvent, PointerEvent as ReactPointerEvent } from 'react';

import type { VpcId } from '../../shared/model/ids';
import { FirstRun } from '../chrome/FirstRun';
import { PathFixPanel } from '../panels/PathFixPanel';
import { AttachPlanPanel } from '../panels/AttachPlanPanel';
import { PlanPanel } from '../panels/PlanPanel';
import { RefusalPanel } from '../panels/RefusalPanel';
import { useAppStore, useAppStoreApi } from '../store/store-context';
import type { TransitGatewayId } from '../../shared/model/topology';
import { attachValidatorOf, validatorOf } from './derive';
import type { AppEdge, AppNode } from './flow-types';
import { HANDLE_PEER_IN, HANDLE_TGW_DROP } from './flow-types';
import { DotGrid } from './DotGrid';
import { drawnEdgesOf } from './edges/edge-routes';
import { FIT_VIEW_OPTIONS, useFitNetwork } from './fit';
import { EDGE_TYPES, inspectorOf, NODE_TYPES } from './kinds';
import { Legend } from './Legend';
import { ModeBanner } from './ModeBanner';
import { absoluteBoxes, isOverviewZoom, LARGE_NETWORK_VPCS, OverviewCanvas, vpcBoxCount } from './overview/OverviewCanvas';
import { regionAt, zoomIntoRegion } from './overview/region-hit';
import { pathFixKey } from './path-fix';
import { PeeringCursor } from './PeeringCursor';
import { viewStateOf } from './view-state';

// Module scope, so React Flow never sees new type maps (its performance guide).
const nodeTypes = NODE_TYPES;
const edgeTypes = EDGE_TYPES;
const proOptions = { hideAttribution: true };
const fitViewOptions = FIT_VIEW_OPTIONS;

/** A press on a card that moves less than this is a click (select), not a drag to peer. */
const CONNECTION_DRAG_THRESHOLD_PX = 4;

/** Above this many nodes React Flow draws only what is on screen. */
const VISIBLE_ONLY_THRESHOLD = 400;

/** Zoom bands: `far` is the canvas overview of region summaries; `mid` and `near` draw DOM cards (shadows only near). */
function zoomBand(zoom: number): 'far' | 'mid' | 'near' {
  return isOverviewZoom(zoom) ? 'far' : zoom < 0.6 ? 'mid' : 'near';
}

function miniMapClass(node: AppNode): string {
  return `minimap-${node.type ?? 'node'}`;
}

function MiniMapNode({ x, y, width, height, className }: MiniMapNodeProps) {
  return <rect x={x} y={y} width={width} height={height} rx={className.includes('vpc') ? 6 : 12} className={className} />;
}

/**
 * Fits the view when a layout brings boxes that were not there (the first scan, regions landing
 * one by one) or on Re-layout, but not when a rescan redraws the same network: someone zoomed in
 * on a VPC keeps their view. Then marks the graph as drawn (for tests and the benchmark).
 */
function FitOnLayout({ onDrawn }: { onDrawn: (drawn: boolean) => void }) {
  const layout = useAppStore((s) => s.layout);
  const fitRequest = useAppStore((s) => s.fitRequest);
  // Read when a layout arrives (Re-layout bumps it just before asking for the layout).
  const fitRequestRef = useRef(fitRequest);
  fitRequestRef.current = fitRequest;
  const fitNetwork = useFitNetwork();
  const fitted = useRef<{ ids: ReadonlySet<string>; request: number } | undefined>(undefined);
  useEffect(() => {
    if (!layout) return;
    onDrawn(false);
    const ids = new Set(layout.boxes.map((b) => b.id));
    const previous = fitted.current;
    const request = fitRequestRef.current;
    const needsFit = !previous || previous.request !== request || [...ids].some((id) => !previous.ids.has(id));
    let cancelled = false;
    const frame = requestAnimationFrame(() => {
      if (needsFit) {
        void fitNetwork();
        fitted.current = { ids, request };
      }
      // Two frames later the fitted view has been painted.
      requestAnimationFrame(() =>
        requestAnimationFrame(() => {
          if (cancelled) return;
          performance.mark('peerscape:graph-drawn');
          onDrawn(true);
        }),
      );
    });
    return () => {
      cancelled = true;
      cancelAnimationFrame(frame);
    };
  }, [layout, fitNetwork, onDrawn]);
  return null;
}

/** The canvas with everything drawn on it, and the plan and refusal panels over it. */
export function TopologyCanvas() {
  const store = useAppStoreApi();
  const theme = useAppStore((s) => s.theme);
  const nodes = useAppStore((s) => s.nodes) as AppNode[];
  const layout = useAppStore((s) => s.layout);
  const snapshot = useAppStore((s) => s.snapshot);
  const workspaceLoaded = useAppStore((s) => s.workspaceLoaded);
  const view = useAppStore(viewStateOf);
  const plan = useAppStore((s) => s.plan);
  const refusal = useAppStore((s) => s.refusal);
  const pathFix = useAppStore((s) => s.pathFix);
  const closePathFix = useAppStore((s) => s.closePathFix);
  const dragging = useAppStore((s) => s.peeringDragFrom !== undefined);
  const onNodesChange = useAppStore((s) => s.onNodesChange);
  const closePlan = useAppStore((s) => s.closePlan);
  const attachPlan = useAppStore((s) => s.attachPlan);
  const closeAttachPlan = useAppStore((s) => s.closeAttachPlan);
  const dismissRefusal = useAppStore((s) => s.dismissRefusal);
  const vpcCount = useAppStore((s) => vpcBoxCount(s.layout));
  const band = useFlowStore((s) => zoomBand(s.transform[2]));
  const { screenToFlowPosition, fitView } = useReactFlow();
  const fitNetwork = useFitNetwork();
  const onControlsFit = useCallback(() => void fitNetwork(), [fitNetwork]);
  const [drawn, setDrawn] = useState(false);
  const topology = snapshot?.topology;

  // Every drawn edge, as the routes (edges/edge-routes.ts) are computed for; the overview paints them itself.
  const allEdges = useAppStore(drawnEdgesOf) as AppEdge[];
  // Until the first fit a large network starts in the overview, so it never renders every card at zoom 1.
  const overview = band === 'far' || (!drawn && vpcCount >= LARGE_NETWORK_VPCS);
  const edges = useMemo<AppEdge[]>(() => (overview ? [] : allEdges), [overview, allEdges]);
  // In the overview React Flow draws no node at all (each would be a transform to commit every
  // frame); the canvas paints them and clicks are hit-tested against the boxes below.
  const displayNodes = useMemo(() => (overview ? nodes.map((n) => (n.hidden ? n : { ...n, hidden: true })) : nodes), [overview, nodes]);
  const overviewBoxes = useMemo(() => (overview ? absoluteBoxes(nodes) : undefined), [overview, nodes]);

  const isValidConnection = useCallback<IsValidConnection<Edge>>(
    (c) => {
      const t = store.getState().snapshot?.topology;
      if (!t || !c.source || !c.target) return false;
      // Onto a hub: allowed unless refused (an unknown overlap is said in the plan, not refused).
      if (c.targetHandle === HANDLE_TGW_DROP) return attachValidatorOf(t)(c.source as VpcId, c.target as TransitGatewayId).status !== 'refused';
      if (c.targetHandle !== HANDLE_PEER_IN) return false;
      return validatorOf(t)(c.source as VpcId, c.target as VpcId).ok;
    },
    [store],
  );
  const onConnectStart = useCallback<OnConnectStart>(
    (_event, { nodeId }) => {
      if (nodeId) store.getState().startPeeringDrag(nodeId as VpcId);
    },
    [store],
  );
  const onConnect = useCallback(
    (c: Connection) =>
      c.targetHandle === HANDLE_TGW_DROP
        ? store.getState().openAttachPlan({ vpcId: c.source as VpcId, transitGatewayId: c.target as TransitGatewayId })
        : store.getState().openPlan({ requesterVpcId: c.source as VpcId, accepterVpcId: c.target as VpcId }),
    [store],
  );
  const onConnectEnd = useCallback(
    (_event: MouseEvent | TouchEvent, state: FinalConnectionState) => {
      const s = store.getState();
      s.endPeeringDrag();
      // Released over the card it started from (or a click that barely moved): nothing to refuse.
      if (state.isValid || !state.fromNode || !state.toNode || state.toNode.type !== 'vpc' || state.toNode.id === state.fromNode.id) return;
      s.refuse({ requesterVpcId: state.fromNode.id as VpcId, accepterVpcId: state.toNode.id as VpcId });
    },
    [store],
  );
  const onNodeClick = useCallback(
    (event: ReactMouseEvent, node: AppNode) => {
      const s = store.getState();
      if (node.type === 'vpc') s.selectVpc(node.id as VpcId, event.shiftKey);
      else if (node.type && inspectorOf(node.type)) s.selectItem({ kind: node.type, id: node.id });
      else s.clearSelection();
    },
    [store],
  );
  const onEdgeClick = useCallback(
    (_event: ReactMouseEvent, edge: AppEdge) => {
      if (edge.type && inspectorOf(edge.type)) store.getState().selectItem({ kind: edge.type, id: edge.id });
    },
    [store],
  );
  const onPaneClick = useCallback(
    (event: ReactMouseEvent) => {
      const s = store.getState();
      s.dismissRefusal();
      // In the overview a click on a region summary zooms into it, where its cards show.
      const region = overviewBoxes && regionAt(overviewBoxes, screenToFlowPosition({ x: event.clientX, y: event.clientY }));
      if (region) void fitView(zoomIntoRegion(region.node.id));
      else s.clearSelection();
    },
    [store, overviewBoxes, screenToFlowPosition, fitView],
  );
  // A card moves only by its grip (the node's drag handle); the history records each move.
  const onNodeDragStart = useCallback(
    (_event: MouseEvent | TouchEvent, _node: AppNode, moving: AppNode[]) => store.getState().startNodeMove(moving.map((n) => n.id)),
    [store],
  );
  const onNodeDragStop = useCallback(
    (_event: MouseEvent | TouchEvent, _node: AppNode, moved: AppNode[]) => void store.getState().saveNodePositions(moved.map((n) => n.id)),
    [store],
  );
  const drawnRef = useRef(setDrawn);
  const onDrawn = useCallback((d: boolean) => drawnRef.current(d), []);

  // A pan holds the pointer: each mouse move of the drag then goes to the pane without Chromium
  // hit-testing every card and edge under it (the costliest part of a pan frame, zoomed in).
  const onPointerDown = useCallback((event: ReactPointerEvent) => {
    const target = event.target as Element;
    if (event.button === 0 && target.classList.contains('react-flow__pane')) target.setPointerCapture(event.pointerId);
  }, []);

  const showFirstRun = workspaceLoaded && !snapshot;
  return (
    <main onPointerDown={onPointerDown} className={`canvas${dragging ? ' is-peering-drag' : ''}`} aria-label="Topology canvas" data-graph-ready={drawn && !!layout ? 'true' : 'false'} data-testid="topology-canvas">
      <ReactFlow<AppNode, AppEdge>
        className={`zoom-${overview ? 'far' : band}${overview ? ' is-overview' : ''}${vpcCount >= LARGE_NETWORK_VPCS ? ' is-large' : ''}`}
        nodes={displayNodes}
        edges={edges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        onNodesChange={onNodesChange}
        onNodeClick={onNodeClick}
        onEdgeClick={onEdgeClick}
        onPaneClick={onPaneClick}
        onNodeDragStart={onNodeDragStart}
        onNodeDragStop={onNodeDragStop}
        onConnectStart={onConnectStart}
        onConnect={onConnect}
        onConnectEnd={onConnectEnd}
        isValidConnection={isValidConnection}
        connectionMode={ConnectionMode.Strict}
        connectOnClick={false}
        connectionDragThreshold={CONNECTION_DRAG_THRESHOLD_PX}
        elementsSelectable={false}
        nodesFocusable={false}
        edgesFocusable={false}
        deleteKeyCode={null}
        selectionKeyCode={null}
        multiSelectionKeyCode={null}
        onlyRenderVisibleElements={nodes.length > VISIBLE_ONLY_THRESHOLD}
        zIndexMode="manual"
        colorMode={theme}
        minZoom={0.04}
        maxZoom={2.5}
        fitView
        fitViewOptions={fitViewOptions}
        proOptions={proOptions}
      >
        {/* Far out the dot grid becomes a dense dot field that costs more to paint than the whole
            overview, so the overview goes without. */}
        {!overview && <DotGrid layout={layout} />}
        {/* Zoomed out, the canvas is its own map; the minimap helps once zoomed in. */}
        {!overview && <MiniMap<AppNode> pannable zoomable nodeClassName={miniMapClass} nodeComponent={MiniMapNode} ariaLabel="Minimap" />}
        <Controls position="top-right" showInteractive={false} onFitView={onControlsFit} aria-label="Zoom controls" />
        <Legend />
        <ModeBanner />
        <PeeringCursor />
        <FitOnLayout onDrawn={onDrawn} />
        {overview && topology && <OverviewCanvas nodes={nodes} edges={allEdges} topology={topology} view={view} theme={theme} />}
      </ReactFlow>
      {showFirstRun && <FirstRun />}
      {topology && plan && <PlanPanel topology={topology} pair={plan} onClose={closePlan} />}
      {topology && attachPlan && <AttachPlanPanel topology={topology} pair={attachPlan} onClose={closeAttachPlan} />}
      {topology && pathFix && <PathFixPanel key={pathFixKey(pathFix)} topology={topology} pair={pathFix} onClose={closePathFix} />}
      {topology && refusal && <RefusalPanel topology={topology} pair={refusal} onClose={dismissRefusal} />}
    </main>
  );
}
