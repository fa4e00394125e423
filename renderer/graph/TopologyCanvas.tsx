/** The React Flow canvas the topology is drawn on. */
import { Background, Controls, MiniMap, ReactFlow } from '@xyflow/react';

import { useAppStore } from '../store/store-context';

/** Canvas frame with an empty-state hint until a topology is loaded. */
export function TopologyCanvas() {
  const theme = useAppStore((s) => s.theme);
  return (
    <main className="canvas" aria-label="Topology canvas">
      <ReactFlow nodes={[]} edges={[]} colorMode={theme} fitView proOptions={{ hideAttribution: true }}>
        <Background gap={24} />
        <MiniMap pannable zoomable />
        <Controls />
      </ReactFlow>
      <div className="canvas-empty" data-testid="canvas-empty">
        <h1>Your VPC peering, on one canvas</h1>
        <p>Discover VPCs across every profile and region, drag from one VPC to another to peer them, and see CIDR conflicts and non-transitive paths at a glance.</p>
      </div>
    </main>
  );
}
