/** CIDR arithmetic of the sandbox: parsing, canonical text, containment and overlap, IPv4 and IPv6. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { cidrContains, cidrsOverlap, cidrTextsOverlap, formatCidr, isCanonicalCidr, normalizeCidr, parseCidr } from '../src/cidr';

describe('parseCidr and formatCidr', () => {
  it('clears host bits and writes canonical text', () => {
    expect(normalizeCidr('10.1.2.3/16')).toBe('10.1.0.0/16');
    expect(normalizeCidr('2600:1F18:0:0:0:0:0:0/56')).toBe('2600:1f18::/56');
    expect(normalizeCidr('2001:db8:0:1::/64')).toBe('2001:db8:0:1::/64');
    expect(normalizeCidr('::/0')).toBe('::/0');
    expect(normalizeCidr('0.0.0.0/0')).toBe('0.0.0.0/0');
    expect(isCanonicalCidr('10.0.0.1/16')).toBe(false);
  });

  it('refuses what is not a CIDR', () => {
    for (const bad of ['10.0.0.0', '10.0.0/16', '256.0.0.0/8', '10.0.0.0/33', '2001:db8::1::/64', '2001:db8::/129', 'x/1', '1.2.3.4/-1']) {
      expect(parseCidr(bad)).toBeUndefined();
    }
  });

  it('round-trips any IPv4 and IPv6 block', () => {
    const v4 = fc.tuple(fc.integer({ min: 0, max: 2 ** 32 - 1 }), fc.integer({ min: 0, max: 32 })).map(([n, len]) => `${[24, 16, 8, 0].map((s) => (n >>> s) & 255).join('.')}/${len}`);
    const v6 = fc.tuple(fc.array(fc.integer({ min: 0, max: 0xffff }), { minLength: 8, maxLength: 8 }), fc.integer({ min: 0, max: 128 })).map(([g, len]) => `${g.map((x) => x.toString(16)).join(':')}/${len}`);
    fc.assert(
      fc.property(fc.oneof(v4, v6), (text) => {
        const once = normalizeCidr(text) as string;
        expect(normalizeCidr(once)).toBe(once);
        expect(cidrContains(parseCidr(once)!, parseCidr(text)!)).toBe(true);
      }),
      { numRuns: 300, seed: 1 },
    );
  });
});

describe('overlap and containment', () => {
  it('knows nested, adjacent and cross-family blocks', () => {
    expect(cidrTextsOverlap('10.0.0.0/16', '10.0.128.0/17')).toBe(true);
    expect(cidrTextsOverlap('10.0.0.0/17', '10.0.128.0/17')).toBe(false);
    expect(cidrTextsOverlap('10.0.0.0/8', '::/0')).toBe(false);
    expect(cidrTextsOverlap('2600:1f00::/56', '2600:1f00:0:ff::/64')).toBe(true);
    expect(cidrContains(parseCidr('10.0.0.0/16')!, parseCidr('10.0.0.0/8')!)).toBe(false);
    expect(formatCidr(parseCidr('10.0.0.0/16')!)).toBe('10.0.0.0/16');
  });

  it('is symmetric', () => {
    const block = fc.tuple(fc.integer({ min: 0, max: 2 ** 32 - 1 }), fc.integer({ min: 8, max: 32 })).map(([n, len]) => parseCidr(`${[24, 16, 8, 0].map((s) => (n >>> s) & 255).join('.')}/${len}`)!);
    fc.assert(fc.property(block, block, (a, b) => cidrsOverlap(a, b) === cidrsOverlap(b, a)), { numRuns: 300, seed: 2 });
  });
});
