/** The peering edge kind: its scene part and its drawing in every diagram format. */
import type { EdgeKind } from '../kind';
import { peeringDot } from './dot';
import { peeringDrawio } from './drawio';
import { peeringMermaid } from './mermaid';
import type { ScenePeering } from './scene';
import { peeringScene } from './scene';
import { peeringSvg } from './svg';

export type { ScenePeering } from './scene';

export const peeringKind: EdgeKind<ScenePeering> = { ...peeringScene, svg: peeringSvg, drawio: peeringDrawio, mermaid: peeringMermaid, dot: peeringDot };
