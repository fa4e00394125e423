import fc from 'fast-check';
import { normalizeCidr, parseCidr as parseWithLibrary } from 'cidr-tools';
import { isIPv4, isIPv6 } from 'node:net';
import { describe, expect, it } from 'vitest';

import { addressToRange, countAddresses, parseCidr, parseCidrRange, parseIpAddress, toCidrRange, tryParseCidrRange, writeIpv4Bounds } from '../../../shared/cidr/parse-cidr';

/** Brute-force reference: the network address of `value` under `prefixLength`, by clearing bits one at a time. */
function networkOf(value: bigint, prefixLength: number, bits: number): bigint {
  let v = value;
  for (let i = 0; i < bits - prefixLength; i++) v &= ~(1n << BigInt(i));
  return v;
}

function ipv4Text(value: bigint): string {
  return [24n, 16n, 8n, 0n].map((s) => String((value >> s) & 255n)).join('.');
}

/** Full, uncompressed, upper-case IPv6 text: a different spelling from the canonical one. */
function ipv6TextLong(value: bigint): string {
  const groups: string[] = [];
  for (let s = 112n; s >= 0n; s -= 16n) groups.push(((value >> s) & 0xffffn).toString(16).toUpperCase().padStart(4, '0'));
  return groups.join(':');
}

const V6_BASE = 0x20010db8_00000000_00000000_00000000n;

describe('parseCidr', () => {
  it('normalises any IPv4 address and prefix to the network address, as a bit-by-bit reference does', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0xffffffff }), fc.integer({ min: 0, max: 32 }), (n, prefix) => {
        const r = parseCidrRange(`${ipv4Text(BigInt(n))}/${prefix}`);
        expect(r.ok).toBe(true);
        if (!r.ok) return;
        const net = networkOf(BigInt(n), prefix, 32);
        expect(r.value.start).toBe(net);
        expect(r.value.end).toBe(net + (1n << BigInt(32 - prefix)) - 1n);
        expect(r.value.cidr).toBe(`${ipv4Text(net)}/${prefix}`);
        expect(r.value.family).toBe('ipv4');
      }),
    );
  });

  it('normalises IPv6 written long and upper-case to the RFC 5952 form cidr-tools gives', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: (1n << 128n) - 1n }), fc.integer({ min: 0, max: 128 }), (n, prefix) => {
        const r = parseCidrRange(`${ipv6TextLong(n)}/${prefix}`);
        expect(r.ok).toBe(true);
        if (!r.ok) return;
        const net = networkOf(n, prefix, 128);
        expect(r.value.start).toBe(net);
        expect(countAddresses(r.value)).toBe(1n << BigInt(128 - prefix));
        expect(r.value.cidr).toBe(normalizeCidr(`${ipv6TextLong(net)}/${prefix}`));
        expect(r.value.cidr).toBe(r.value.cidr.toLowerCase());
      }),
    );
  });

  it('reads IPv6 blocks on its fast path exactly as cidr-tools does, zero runs and all', () => {
    const group = fc.oneof(fc.constant(0), fc.constant(0), fc.constant(1), fc.constant(0xffff), fc.integer({ min: 0, max: 0xffff }));
    fc.assert(
      fc.property(fc.array(group, { minLength: 8, maxLength: 8 }), fc.integer({ min: 0, max: 128 }), fc.boolean(), (groups, prefix, canonical) => {
        const long = groups.map((g) => g.toString(16)).join(':');
        // Either the library's own canonical spelling or the long one, so both reuse and rebuild of the text run.
        const text = canonical ? normalizeCidr(`${long}/${prefix}`) : `${long}/${prefix}`;
        const r = tryParseCidrRange(text);
        const lib = parseWithLibrary(text);
        expect(r).not.toBeNull();
        expect(r!.cidr).toBe(normalizeCidr(text));
        expect([r!.start, r!.end, r!.prefixLength]).toEqual([lib.start, lib.end, prefix]);
      }),
      { numRuns: 2000 },
    );
  });

  it('reads IPv4 bounds without allocating exactly as the range parser does', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0xffffffff }), fc.integer({ min: 0, max: 32 }), (n, prefix) => {
        const text = `${ipv4Text(BigInt(n))}/${prefix}`;
        const out = new Float64Array(5).fill(-1);
        expect(writeIpv4Bounds(text, out, 1)).toBe(true);
        const r = tryParseCidrRange(text)!;
        expect([...out]).toEqual([-1, Number(r.start), Number(r.end), prefix, -1]);
      }),
    );
    const untouched = new Float64Array(3).fill(7);
    expect(writeIpv4Bounds('2001:db8::/32', untouched, 0)).toBe(false);
    expect(writeIpv4Bounds('pl-123', untouched, 0)).toBe(false);
    expect(writeIpv4Bounds('10.0.0.0/33', untouched, 0)).toBe(false);
    expect([...untouched]).toEqual([7, 7, 7]);
  });

  it('round-trips: parsing a normalised block gives the same block', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 0xffffn }), fc.integer({ min: 112, max: 128 }), (low, prefix) => {
        const first = parseCidr(`${ipv6TextLong(V6_BASE + low)}/${prefix}`);
        expect(first.ok).toBe(true);
        if (!first.ok) return;
        const again = parseCidr(first.value);
        expect(again).toEqual(first);
        expect(toCidrRange(first.value).start).toBe(networkOf(V6_BASE + low, prefix, 128));
      }),
    );
  });

  it('accepts exactly the addresses Node\'s own parser accepts (zone ids aside), on random near-miss text', () => {
    const piece = fc.constantFrom('0', '1', '00', '255', '256', 'ff', 'FFFF', '12345', 'g', '', '.', ':', '::', '1.2.3.4', '01');
    fc.assert(
      fc.property(fc.array(piece, { minLength: 1, maxLength: 12 }), fc.constantFrom('.', ':'), (pieces, glue) => {
        const text = pieces.join(glue);
        const reference = isIPv4(text) || (isIPv6(text) && !text.includes('%'));
        expect(parseCidr(`${text}/${text.includes(':') ? 64 : 8}`).ok).toBe(reference);
        expect(parseIpAddress(text).ok).toBe(reference);
      }),
      { numRuns: 3000 },
    );
  });

  it('reads every spelling of an IPv6 address (compressed, upper case, dotted tail) as the same number', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 0xffff }), { minLength: 8, maxLength: 8 }),
        fc.boolean(),
        fc.boolean(),
        fc.integer({ min: 0, max: 7 }),
        (groups, upper, dottedTail, zeroFrom) => {
          const g = groups.map((x, i) => (i >= zeroFrom && i < zeroFrom + 2 ? 0 : x));
          const value = g.reduce((acc, x) => (acc << 16n) | BigInt(x), 0n);
          let parts = g.map((x) => x.toString(16));
          if (dottedTail) parts = [...parts.slice(0, 6), `${g[6]! >> 8}.${g[6]! & 255}.${g[7]! >> 8}.${g[7]! & 255}`];
          let text = parts.join(':');
          // Compress the zero run we planted unless the dotted tail (one part for two groups) took it.
          if (zeroFrom + 2 <= (dottedTail ? 6 : 8)) text = `${parts.slice(0, zeroFrom).join(':')}::${parts.slice(zeroFrom + 2).join(':')}`;
          if (upper) text = text.toUpperCase();
          const r = parseIpAddress(text);
          expect(r.ok, text).toBe(true);
          if (r.ok) {
            expect(r.value.value).toBe(value);
            expect(r.value.text).toBe(normalizeCidr(ipv6TextLong(value)));
          }
        },
      ),
      { numRuns: 1000 },
    );
  });

  it.each([
    ['', 'empty'],
    ['10.0.0.0', 'no prefix length'],
    ['10.0.0/8', '4 dot-separated numbers'],
    ['10.0.300.0/24', 'over 255'],
    ['10.0.01.0/24', 'leading zero'],
    ['10.0.0.0/33', 'from 0 to 32'],
    ['10.0.0.0/-1', 'from 0 to 32'],
    ['10.0.0.0/', 'from 0 to 32'],
    ['10.0.0.0/08', 'from 0 to 32'],
    ['10.a.0.0/16', 'not a decimal number'],
    ['::/129', 'from 0 to 128'],
    ['1:2:3:4:5:6:7:8:9/64', '8 groups'],
    ['1::2::3/64', 'more than once'],
    ['g::/8', 'hex digits'],
    ['12345::/16', 'hex digits'],
    ['fe80::1%eth0/64', 'zone id'],
    [':1::/16', 'empty group'],
    ['::ffff:1.2.3/96', 'embedded IPv4'],
    ['vpc-123/16', 'neither an IPv4'],
  ])('refuses %j with a message mentioning %j', (text, fragment) => {
    const r = parseCidr(text);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('invalid-input');
    expect(r.error.message).toContain(fragment);
    expect(r.error.fix.length).toBeGreaterThan(10);
  });

  it('trims surrounding spaces', () => {
    expect(parseCidr(' 10.1.0.0/16 ')).toEqual({ ok: true, value: '10.1.0.0/16' });
  });

  it('accepts IPv6 with an embedded IPv4 tail', () => {
    const r = parseCidrRange('::ffff:10.0.0.0/104');
    expect(r.ok && r.value.cidr).toBe('::ffff:a00:0/104');
  });

  it('in strict mode refuses host bits and suggests the network address', () => {
    const r = parseCidr('10.0.0.1/16', { strict: true });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.message).toContain('host bits');
    expect(r.error.fix).toBe('Did you mean 10.0.0.0/16?');
    expect(parseCidr('2001:db8::1/64', { strict: true }).ok).toBe(false);
    expect(parseCidr('2001:db8::/64', { strict: true }).ok).toBe(true);
    expect(parseCidr('10.0.0.0/16', { strict: true }).ok).toBe(true);
  });
});

describe('parseIpAddress', () => {
  it('parses IPv4 and IPv6 addresses to canonical text and value', () => {
    const v4 = parseIpAddress('10.2.3.4');
    expect(v4.ok && v4.value).toEqual({ text: '10.2.3.4', family: 'ipv4', value: 0x0a020304n });
    const v6 = parseIpAddress('2001:DB8:0:0::5');
    expect(v6.ok && v6.value.text).toBe('2001:db8::5');
    if (v6.ok) expect(addressToRange(v6.value)).toMatchObject({ cidr: '2001:db8::5/128', prefixLength: 128 });
  });

  it('refuses a block where an address is expected, saying which address to give', () => {
    const r = parseIpAddress('10.0.0.0/16');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.fix).toContain('10.0.0.0');
  });

  it('refuses garbage with the reason', () => {
    const r = parseIpAddress('10.0.0.256');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toContain('over 255');
  });
});
