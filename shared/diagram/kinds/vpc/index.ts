/** The VPC card kind: its scene part and its drawing in every diagram format. */
import type { BoxKind } from '../kind';
import { vpcDot } from './dot';
import { vpcDrawio } from './drawio';
import { vpcMermaid } from './mermaid';
import type { SceneVpc } from './scene';
import { vpcScene } from './scene';
import { vpcSvg } from './svg';

export type { SceneVpc } from './scene';

export const vpcKind: BoxKind<SceneVpc> = { ...vpcScene, svg: vpcSvg, drawio: vpcDrawio, mermaid: vpcMermaid, dot: vpcDot };
