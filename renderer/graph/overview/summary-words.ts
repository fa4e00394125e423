/** The words of the zoomed-out canvas's summaries: what a region or account box says, and the same as sentences.
 *
 * The boxes are painted as short tokens (`3 VPCs`, `4 peerings`…) flowed into the lines a box has
 * room for; the sentences say everything, for the hover tooltip and the list screen readers and
 * tests read. The worst state's words are its legend label (`EDGE_STYLES`), so a box and the
 * legend name a state alike.
 */
import type { AccountSummary, RegionLink, RegionSummary, SummaryTotals } from '../../../shared/diagram/region-summaries';
import type { EdgeCategory, PaletteColour } from '../../../shared/diagram/style';
import { edgeStyleOf } from '../../../shared/diagram/style';
import type { RegionEmphasis } from './summary-emphasis';

/** `1 VPC`, `3 VPCs`. */
export function countOf(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** One piece of a summary's text, in a palette colour; `swatch` draws a short bar of that colour before it. */
export interface SummaryToken {
  readonly text: string;
  /** Shorter words for a narrow box. */
  readonly short?: string;
  readonly colour: PaletteColour;
  readonly swatch?: PaletteColour;
}

/** The worst state as a token: its colour's bar and its legend words. */
export function worstToken(worst: EdgeCategory | undefined): SummaryToken {
  if (!worst) return { text: 'no peerings', colour: 'muted' };
  const style = edgeStyleOf(worst);
  return { text: `worst: ${style.label}`, short: style.label, colour: 'text', swatch: style.colour };
}

/** The counts every summary shows, as tokens (a box says `conflicts`, as the status bar does; the sentences say `CIDR conflicts`). */
function countTokens(t: SummaryTotals): SummaryToken[] {
  return [
    { text: countOf(t.vpcCount, 'VPC'), colour: 'text' },
    { text: countOf(t.peeringCount, 'peering'), colour: 'text' },
    { text: countOf(t.conflictCount, 'conflict'), colour: t.conflictCount > 0 ? 'bad' : 'muted' },
  ];
}

/** A region box's counts after its name: `main` first, `extra` (peerings inside the region) only where there is room. */
export function regionTokens(r: RegionSummary): { readonly main: SummaryToken[]; readonly extra: SummaryToken[] } {
  return { main: countTokens(r), extra: r.innerPeeringCount > 0 ? [{ text: `${r.innerPeeringCount} inside`, colour: 'muted' }] : [] };
}

/** An account's totals, after its name (its regions show the worst states). */
export function accountTokens(a: AccountSummary): SummaryToken[] {
  return countTokens(a);
}

/**
 * The lines a region box shows when it has room for `room`: the lines of its name and counts
 * first, then its worst state, then the extra lines; shown in the order main, extra, worst.
 */
export function regionLines<L>(main: readonly L[], worst: L, extra: readonly L[], room: number): L[] {
  const shownMain = main.slice(0, Math.max(0, room));
  const hasWorst = room > shownMain.length;
  const shownExtra = extra.slice(0, Math.max(0, room - shownMain.length - 1));
  return [...shownMain, ...shownExtra, ...(hasWorst ? [worst] : [])];
}

/**
 * Tokens flowed into lines of at most `maxWidth` pixels (`measure` gives a token's width;
 * `gap` is the width of the separator between two tokens on a line), at most `maxLines` lines;
 * what does not fit is left out. A token wider than a line alone gets a line of its own (the
 * painter cuts it with an ellipsis).
 */
export function flowTokens<T>(tokens: readonly T[], maxWidth: number, maxLines: number, measure: (t: T) => number, gap: number): T[][] {
  const lines: T[][] = [];
  let line: T[] = [];
  let width = 0;
  for (const t of tokens) {
    const w = measure(t);
    if (line.length > 0 && width + gap + w > maxWidth) {
      lines.push(line);
      if (lines.length === maxLines) return lines;
      line = [];
      width = 0;
    }
    width += (line.length > 0 ? gap : 0) + w;
    line.push(t);
  }
  if (line.length > 0 && lines.length < maxLines) lines.push(line);
  return lines;
}

function worstWords(worst: EdgeCategory | undefined): string {
  return worst ? `worst state ${edgeStyleOf(worst).label}` : 'no peerings';
}

function totalsWords(t: SummaryTotals, inner?: number): string {
  const peerings = countOf(t.peeringCount, 'peering') + (inner ? ` (${inner} inside the region)` : '');
  return `${countOf(t.vpcCount, 'VPC')}, ${peerings}, ${countOf(t.conflictCount, 'CIDR conflict')}, ${worstWords(t.worst)}`;
}

/** What the emphasis of a region says: the selected VPC or search matches it holds. */
export function emphasisWords(e: RegionEmphasis | undefined): string {
  if (!e) return '';
  const parts: string[] = [];
  if (e.selected > 0) parts.push(e.selected === 1 ? 'holds the selected VPC' : `holds ${e.selected} selected VPCs`);
  if (e.matches > 0) parts.push(`holds ${countOf(e.matches, 'search match', 'search matches')}`);
  return parts.length > 0 ? `; ${parts.join(', ')}` : '';
}

/** A region in one sentence: `sandbox-prod us-east-1: 2 VPCs, 3 peerings (1 inside the region), …`. */
export function regionSentence(r: RegionSummary, accountName: string, emphasis?: RegionEmphasis): string {
  return `${accountName} ${r.region}: ${totalsWords(r, r.innerPeeringCount)}${emphasisWords(emphasis)}`;
}

/** An account in one sentence. */
export function accountSentence(a: AccountSummary, accountName: string): string {
  return `Account ${accountName}: ${totalsWords(a)}`;
}

/** A link in one sentence; `regionName` names a region box (account name and region). */
export function linkSentence(l: RegionLink, regionName: (id: string) => string): string {
  return `${regionName(l.a)} to ${regionName(l.b)}: ${countOf(l.count, 'peering')}, ${worstWords(l.worst)}`;
}
