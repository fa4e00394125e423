/** Overlap, containment and ordering of CIDR ranges (IPv4 and IPv6).
 *
 * Two CIDR blocks are either disjoint or one contains the other (they never partly overlap),
 * which is what lets the conflict sweep keep a stack instead of an interval tree.
 */
import type { CidrRange, IpAddress } from './parse-cidr';

/** How two overlapping blocks relate: the same block, the first containing the second, or within it. */
export type CidrRelation = 'equal' | 'contains' | 'within';

/** True when the two ranges share at least one address (always false across families). */
export function hasOverlap(a: CidrRange, b: CidrRange): boolean {
  return a.family === b.family && a.start <= b.end && b.start <= a.end;
}

/** True when every address of `inner` is in `outer`. */
export function isWithin(inner: CidrRange, outer: CidrRange): boolean {
  return inner.family === outer.family && outer.start <= inner.start && inner.end <= outer.end;
}

/** True when `address` is in `range`. */
export function isAddressIn(address: IpAddress, range: CidrRange): boolean {
  return address.family === range.family && range.start <= address.value && address.value <= range.end;
}

/** How `a` relates to `b`, or `null` when they do not overlap. */
export function relateRanges(a: CidrRange, b: CidrRange): CidrRelation | null {
  if (!hasOverlap(a, b)) return null;
  if (a.start === b.start && a.end === b.end) return 'equal';
  return isWithin(b, a) ? 'contains' : 'within';
}

/** The smaller of two overlapping blocks: the addresses they share. `null` when disjoint. */
export function intersectRanges(a: CidrRange, b: CidrRange): CidrRange | null {
  if (!hasOverlap(a, b)) return null;
  return a.prefixLength >= b.prefixLength ? a : b;
}

/**
 * Sort order for sweeps: IPv4 before IPv6, then by start address, then the larger block first,
 * so a block comes before every block it contains.
 */
export function compareRanges(a: CidrRange, b: CidrRange): number {
  if (a.family !== b.family) return a.family === 'ipv4' ? -1 : 1;
  if (a.start !== b.start) return a.start < b.start ? -1 : 1;
  return a.prefixLength - b.prefixLength;
}

/**
 * Sort ranges in `compareRanges` order, fast: IPv4 bounds fit in a double exactly, so IPv4 ranges
 * are ordered by number keys (BigInt comparisons are runtime calls in V8, ~10× slower); the
 * usually few IPv6 ranges use `compareRanges`. Returns a new array.
 */
export function sortRanges<T extends CidrRange>(ranges: readonly T[]): T[] {
  const v4: T[] = [];
  const v6: T[] = [];
  for (const r of ranges) (r.family === 'ipv4' ? v4 : v6).push(r);
  const keys = new Float64Array(v4.length);
  for (let i = 0; i < v4.length; i++) keys[i] = Number(v4[i]!.start) * 64 + v4[i]!.prefixLength;
  const order = Array.from({ length: v4.length }, (_, i) => i);
  // start · 64 + prefix stays below 2^38: exact, and orders by start, then larger block first.
  order.sort((a, b) => keys[a]! - keys[b]!);
  const out = order.map((i) => v4[i]!);
  v6.sort(compareRanges);
  for (const r of v6) out.push(r);
  return out;
}

/**
 * Every overlapping pair between two block lists, each sorted with `compareRanges`.
 *
 * A merge of the two sorted lists: O(m + n + pairs), so checking two VPCs costs O(blocks).
 */
export function findOverlappingPairs<A extends CidrRange, B extends CidrRange>(
  left: readonly A[],
  right: readonly B[],
): readonly (readonly [A, B])[] {
  const pairs: (readonly [A, B])[] = [];
  // Blocks of each list still open at the sweep position; CIDRs nest, so these are stacks.
  const openLeft: A[] = [];
  const openRight: B[] = [];
  let i = 0;
  let j = 0;
  while (i < left.length || j < right.length) {
    const l = left[i];
    const r = right[j];
    const takeLeft = r === undefined || (l !== undefined && compareRanges(l, r) <= 0);
    if (takeLeft && l !== undefined) {
      popClosed(openLeft, l);
      popClosed(openRight, l);
      for (const o of openRight) pairs.push([l, o]);
      openLeft.push(l);
      i++;
    } else if (r !== undefined) {
      popClosed(openLeft, r);
      popClosed(openRight, r);
      for (const o of openLeft) pairs.push([o, r]);
      openRight.push(r);
      j++;
    }
  }
  return pairs;
}

/** Drop blocks from the top of `stack` that end before `next` starts (or are of another family). */
function popClosed(stack: CidrRange[], next: CidrRange): void {
  for (let top = stack[stack.length - 1]; top !== undefined; top = stack[stack.length - 1]) {
    if (top.family === next.family && top.end >= next.start) return;
    stack.pop();
  }
}
