/** The account frame kind: its scene part and its drawing in every diagram format. */
import type { BoxKind } from '../kind';
import { accountDot } from './dot';
import { accountDrawio } from './drawio';
import { accountMermaid } from './mermaid';
import type { SceneAccount } from './scene';
import { accountScene } from './scene';
import { accountSvg } from './svg';

export type { SceneAccount } from './scene';

export const accountKind: BoxKind<SceneAccount> = { ...accountScene, svg: accountSvg, drawio: accountDrawio, mermaid: accountMermaid, dot: accountDot };
