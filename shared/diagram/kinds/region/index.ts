/** The region frame kind: its scene part and its drawing in every diagram format. */
import type { BoxKind } from '../kind';
import { regionDot } from './dot';
import { regionDrawio } from './drawio';
import { regionMermaid } from './mermaid';
import type { SceneRegion } from './scene';
import { regionScene } from './scene';
import { regionSvg } from './svg';

export type { SceneRegion } from './scene';

export const regionKind: BoxKind<SceneRegion> = { ...regionScene, svg: regionSvg, drawio: regionDrawio, mermaid: regionMermaid, dot: regionDot };
