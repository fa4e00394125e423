/** The transit gateway peering edge kind: its scene part and its drawing in every diagram format. */
import type { EdgeKind } from '../kind';
import { tgwPeeringDot } from './dot';
import { tgwPeeringDrawio } from './drawio';
import { tgwPeeringMermaid } from './mermaid';
import type { SceneTgwPeering } from './scene';
import { tgwPeeringScene } from './scene';
import { tgwPeeringSvg } from './svg';

export type { SceneTgwPeering } from './scene';

export const tgwPeeringKind: EdgeKind<SceneTgwPeering> = { ...tgwPeeringScene, svg: tgwPeeringSvg, drawio: tgwPeeringDrawio, mermaid: tgwPeeringMermaid, dot: tgwPeeringDot };
