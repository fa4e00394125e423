/** The transit gateway hub kind: its scene part and its drawing in every diagram format. */
import type { BoxKind } from '../kind';
import { tgwDot } from './dot';
import { tgwDrawio } from './drawio';
import { tgwMermaid } from './mermaid';
import type { SceneTgw } from './scene';
import { tgwScene } from './scene';
import { tgwSvg } from './svg';

export type { SceneTgw } from './scene';

export const tgwKind: BoxKind<SceneTgw> = { ...tgwScene, svg: tgwSvg, drawio: tgwDrawio, mermaid: tgwMermaid, dot: tgwDot };
