/** The transit gateway attachment edge kind: its scene part and its drawing in every diagram format. */
import type { EdgeKind } from '../kind';
import { tgwAttachmentDot } from './dot';
import { tgwAttachmentDrawio } from './drawio';
import { tgwAttachmentMermaid } from './mermaid';
import type { SceneTgwAttachment } from './scene';
import { tgwAttachmentScene } from './scene';
import { tgwAttachmentSvg } from './svg';

export type { SceneTgwAttachment } from './scene';

export const tgwAttachmentKind: EdgeKind<SceneTgwAttachment> = { ...tgwAttachmentScene, svg: tgwAttachmentSvg, drawio: tgwAttachmentDrawio, mermaid: tgwAttachmentMermaid, dot: tgwAttachmentDot };
