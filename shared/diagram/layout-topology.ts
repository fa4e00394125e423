/** `packTopology` with the elkjs engine bundled in-process: for Node (CLI, exporters) and the page's fallback. */
import ELK from 'elkjs/lib/elk.bundled.js';

import type { Topology } from '../model/topology';
import type { DiagramLayout } from './layout';
import { packTopology } from './pack-topology';
import type { LayoutTopologyOptions } from './pack-topology';

export type { DiagramPoint, LayoutTopologyOptions } from './pack-topology';

let elk: InstanceType<typeof ELK> | undefined;

/** Lay out `topology`; resolves to absolute boxes, parents listed before their children. */
export function layoutTopology(topology: Topology, opts: LayoutTopologyOptions = {}): Promise<DiagramLayout> {
  elk ??= new ELK();
  return packTopology(elk, topology, opts);
}
