import fc from 'fast-check';
import { expandCidr, overlapCidr, containsCidr } from 'cidr-tools';
import { describe, expect, it } from 'vitest';

import {
  compareRanges,
  findOverlappingPairs,
  hasOverlap,
  intersectRanges,
  isAddressIn,
  isWithin,
  relateRanges,
  sortRanges,
} from '../../../shared/cidr/overlap';
import type { CidrRange } from '../../../shared/cidr/parse-cidr';
import { parseCidrRange, parseIpAddress } from '../../../shared/cidr/parse-cidr';

function range(text: string): CidrRange {
  const r = parseCidrRange(text);
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

/** Brute force: the set of addresses of a block, enumerated by cidr-tools' expandCidr. */
function addressSet(cidr: string): Set<string> {
  return new Set(Array.from(expandCidr([cidr]), String));
}

// Small spaces where enumerating every address is cheap: one IPv4 /22 and one IPv6 /118.
const smallV4 = fc
  .record({ offset: fc.integer({ min: 0, max: 1023 }), prefix: fc.integer({ min: 24, max: 32 }) })
  .map(({ offset, prefix }) => `10.9.${4 + (offset >> 8)}.${offset & 255}/${prefix}`);
const smallV6 = fc
  .record({ offset: fc.integer({ min: 0, max: 1023 }), prefix: fc.integer({ min: 120, max: 128 }) })
  .map(({ offset, prefix }) => `2001:db8::${(0x400 + offset).toString(16)}/${prefix}`);

describe.each([
  ['IPv4', smallV4],
  ['IPv6', smallV6],
])('%s set algebra against enumerated addresses', (_family, block) => {
  it('hasOverlap is true exactly when the address sets intersect', () => {
    fc.assert(
      fc.property(block, block, (a, b) => {
        const sa = addressSet(a);
        const brute = [...addressSet(b)].some((x) => sa.has(x));
        expect(hasOverlap(range(a), range(b))).toBe(brute);
        expect(overlapCidr(a, b)).toBe(brute);
      }),
      { numRuns: 300 },
    );
  });

  it('isWithin is true exactly when one address set is a subset of the other', () => {
    fc.assert(
      fc.property(block, block, (a, b) => {
        const sb = addressSet(b);
        const brute = [...addressSet(a)].every((x) => sb.has(x));
        expect(isWithin(range(a), range(b))).toBe(brute);
        expect(containsCidr(b, a)).toBe(brute);
      }),
      { numRuns: 300 },
    );
  });

  it('relateRanges and intersectRanges agree with the sets', () => {
    fc.assert(
      fc.property(block, block, (a, b) => {
        const sa = addressSet(a);
        const sb = addressSet(b);
        const shared = [...sa].filter((x) => sb.has(x));
        const rel = relateRanges(range(a), range(b));
        if (shared.length === 0) {
          expect(rel).toBeNull();
          expect(intersectRanges(range(a), range(b))).toBeNull();
          return;
        }
        // CIDR blocks never partly overlap: the shared part is always one whole block.
        expect(shared.length === sa.size || shared.length === sb.size).toBe(true);
        expect(rel).toBe(sa.size === sb.size ? 'equal' : shared.length === sb.size ? 'contains' : 'within');
        expect(addressSet(intersectRanges(range(a), range(b))!.cidr)).toEqual(new Set(shared));
      }),
      { numRuns: 300 },
    );
  });

  it('isAddressIn is set membership', () => {
    fc.assert(
      fc.property(block, block, (a, b) => {
        const probe = b.slice(0, b.indexOf('/'));
        const ip = parseIpAddress(probe);
        expect(ip.ok).toBe(true);
        if (ip.ok) expect(isAddressIn(ip.value, range(a))).toBe(addressSet(a).has(ip.value.text));
      }),
      { numRuns: 300 },
    );
  });

  it('findOverlappingPairs finds exactly the overlapping pairs of two sorted lists', () => {
    fc.assert(
      fc.property(fc.array(block, { maxLength: 8 }), fc.array(block, { maxLength: 8 }), (left, right) => {
        const l = left.map(range).sort(compareRanges);
        const r = right.map(range).sort(compareRanges);
        const found = findOverlappingPairs(l, r).map(([x, y]) => `${x.cidr}|${y.cidr}`).sort();
        const expected: string[] = [];
        for (const x of l) for (const y of r) if (hasOverlap(x, y)) expected.push(`${x.cidr}|${y.cidr}`);
        expect(found).toEqual(expected.sort());
      }),
      { numRuns: 300 },
    );
  });
});

describe('sortRanges', () => {
  it('orders exactly as sorting with compareRanges, across both families', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(smallV4, smallV6, fc.constantFrom('0.0.0.0/0', '::/0', '255.255.255.255/32')), { maxLength: 30 }), (texts) => {
        const ranges = texts.map(range);
        const expected = [...ranges].sort(compareRanges).map((r) => r.cidr);
        expect(sortRanges(ranges).map((r) => r.cidr)).toEqual(expected);
      }),
    );
  });
});

describe('families', () => {
  it('never overlaps an IPv4 block with an IPv6 one, even ::/0 with 0.0.0.0/0', () => {
    expect(hasOverlap(range('0.0.0.0/0'), range('::/0'))).toBe(false);
    expect(isWithin(range('0.0.0.0/32'), range('::/0'))).toBe(false);
  });

  it('sorts IPv4 before IPv6 and a block before the blocks it contains', () => {
    const sorted = ['2001:db8::/64', '10.0.1.0/24', '10.0.0.0/16', '10.0.0.0/8', '::/0'].map(range).sort(compareRanges);
    expect(sorted.map((r) => r.cidr)).toEqual(['10.0.0.0/8', '10.0.0.0/16', '10.0.1.0/24', '::/0', '2001:db8::/64']);
  });
});
