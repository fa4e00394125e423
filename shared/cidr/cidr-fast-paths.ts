/** The fast paths of CIDR parsing: plain `a.b.c.d/p` and hex IPv6 blocks read in one pass, with no
 * intermediate strings and, for IPv4, no allocation. Anything they do not take goes to the checked
 * slow path in parse-cidr.ts; the property tests hold both to cidr-tools. */
import { readPrefixLength } from './address-check';
import type { Cidr, CidrRange } from './parse-cidr';

/** Dotted-quad text of a 32-bit address. */
function formatIpv4(value: number): string {
  return `${Math.floor(value / 16777216)}.${Math.floor(value / 65536) % 256}.${Math.floor(value / 256) % 256}.${value % 256}`;
}

/**
 * Where `scanIpv4Cidr` leaves what it read: the network's first and last address, the prefix
 * length, and the address as written (host bits included), addresses as int32 bit patterns. A
 * typed array, so that handing back numbers above 2^31 allocates nothing: a double returned from
 * a call is boxed, and that made reading a route table's blocks five times slower.
 */
const scanned = new Int32Array(4);

/**
 * One pass over an IPv4 CIDR block with no intermediate strings and no allocation: true, with
 * what it read in `scanned`, or false when `text` is not exactly `a.b.c.d/p` (the slow path then
 * explains why).
 */
function scanIpv4Cidr(text: string): boolean {
  const length = text.length;
  let value = 0;
  let octet = 0;
  let digits = 0;
  let dots = 0;
  let leadingZero = false;
  let i = 0;
  for (; i < length; i++) {
    const c = text.charCodeAt(i);
    if (c === 47) break;
    if (c === 46) {
      if (digits === 0) return false;
      value = (value << 8) | octet;
      dots++;
      octet = 0;
      digits = 0;
      leadingZero = false;
    } else if (c >= 48 && c <= 57) {
      if (leadingZero) return false;
      if (digits === 0 && c === 48) leadingZero = true;
      octet = octet * 10 + (c - 48);
      if (++digits > 3 || octet > 255) return false;
    } else {
      return false;
    }
  }
  if (i === length || dots !== 3 || digits === 0) return false;
  const prefixLength = readPrefixLength(text, i + 1, 32);
  if (prefixLength === -1) return false;
  const address = (value << 8) | octet;
  const mask = prefixLength === 0 ? 0 : -1 << (32 - prefixLength);
  scanned[0] = address & mask;
  scanned[1] = address | ~mask;
  scanned[2] = prefixLength;
  scanned[3] = address;
  return true;
}

/** The IPv4 range of `text` via `scanIpv4Cidr`; most blocks are already canonical, so their own text is reused. */
export function tryParseIpv4Cidr(text: string): CidrRange | null {
  if (!scanIpv4Cidr(text)) return null;
  const start = scanned[0]! >>> 0;
  const prefixLength = scanned[2]!;
  const cidr = (scanned[0] === scanned[3] ? text : `${formatIpv4(start)}/${prefixLength}`) as Cidr;
  return { cidr, family: 'ipv4', prefixLength, start: BigInt(start), end: BigInt(scanned[1]! >>> 0) };
}

/** The eight 16-bit groups of the IPv6 address being read (reused: reading allocates nothing). */
const groupScratch = new Uint16Array(8);

/**
 * Read the plain hex form of an IPv6 address (`text[0, to)`, one `::` at most, no dotted tail,
 * no zone) into `groupScratch`; false for anything else, which the library path then handles.
 */
function readIpv6Groups(text: string, to: number): boolean {
  let count = 0;
  // Index in groupScratch where `::` stands, or -1.
  let gap = -1;
  let value = 0;
  let digits = 0;
  let i = 0;
  if (to >= 2 && text.charCodeAt(0) === 58 && text.charCodeAt(1) === 58) {
    gap = 0;
    i = 2;
  }
  for (; i < to; i++) {
    const c = text.charCodeAt(i);
    let d: number;
    if (c >= 48 && c <= 57) d = c - 48;
    else if (c >= 97 && c <= 102) d = c - 87;
    else if (c >= 65 && c <= 70) d = c - 55;
    else if (c === 58) {
      if (digits === 0 || count === 8) return false;
      groupScratch[count++] = value;
      value = 0;
      digits = 0;
      if (i + 1 < to && text.charCodeAt(i + 1) === 58) {
        if (gap !== -1) return false;
        gap = count;
        i++;
      } else if (i + 1 === to) {
        return false;
      }
      continue;
    } else return false;
    if (++digits > 4) return false;
    value = value * 16 + d;
  }
  if (digits > 0) {
    if (count === 8) return false;
    groupScratch[count++] = value;
  }
  if (gap === -1) return count === 8;
  if (count > 7) return false;
  // Move the groups after `::` to the end and zero the run.
  const after = count - gap;
  for (let g = 0; g < after; g++) groupScratch[7 - g] = groupScratch[count - 1 - g]!;
  for (let g = gap; g < 8 - after; g++) groupScratch[g] = 0;
  return true;
}

/** RFC 5952 text of `groupScratch`: lower case, no leading zeros, the first longest run of two or more zero groups as `::`. */
function formatIpv6Groups(): string {
  let bestStart = -1;
  let bestLength = 1;
  for (let i = 0; i < 8; ) {
    if (groupScratch[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groupScratch[j] === 0) j++;
    if (j - i > bestLength) {
      bestStart = i;
      bestLength = j - i;
    }
    i = j;
  }
  let out = '';
  for (let g = 0; g < 8; g++) {
    if (g === bestStart) {
      out += '::';
      g += bestLength - 1;
      continue;
    }
    if (g > 0 && g !== bestStart + bestLength) out += ':';
    out += groupScratch[g]!.toString(16);
  }
  return out;
}

/** Host masks by prefix length: `(1 << (128 - p)) - 1`, made once. */
const IPV6_HOST_MASKS: readonly bigint[] = Array.from({ length: 129 }, (_, p) => (1n << BigInt(128 - p)) - 1n);

/**
 * IPv6 blocks in plain hex form, read without the library (which costs 5 to 25 µs a block here:
 * 3,000 IPv6 blocks took longer than 17,000 IPv4 ones). The property tests hold this path to
 * cidr-tools' parseCidr and normalizeCidr; anything unusual (dotted tail, spaces) goes there.
 */
export function tryParseIpv6Cidr(text: string): CidrRange | null {
  const slash = text.indexOf('/');
  if (slash === -1 || !readIpv6Groups(text, slash)) return null;
  const prefixLength = readPrefixLength(text, slash + 1, 128);
  if (prefixLength === -1) return null;
  // Clear the host bits group by group.
  let hostBitsSet = false;
  for (let g = 0; g < 8; g++) {
    const keep = Math.max(0, Math.min(16, prefixLength - g * 16));
    const masked = keep === 0 ? 0 : groupScratch[g]! & (0xffff << (16 - keep));
    if (masked !== groupScratch[g]) hostBitsSet = true;
    groupScratch[g] = masked;
  }
  // Build the number from 32-bit words, skipping zero ones (AWS blocks are /64 or wider).
  let start = 0n;
  for (let w = 0; w < 4; w++) {
    const word = groupScratch[w * 2]! * 65536 + groupScratch[w * 2 + 1]!;
    if (word !== 0) start |= BigInt(word) << BigInt(96 - w * 32);
  }
  const end = start | IPV6_HOST_MASKS[prefixLength]!;
  const network = formatIpv6Groups();
  const cidr = (!hostBitsSet && network.length === slash && text.startsWith(network) ? text : `${network}/${prefixLength}`) as Cidr;
  return { cidr, family: 'ipv6', prefixLength, start, end };
}

/**
 * Write the first address, last address and prefix length of an IPv4 block to `out` at `at`,
 * `at + 1` and `at + 2` and return true, allocating nothing; false (and `out` untouched) for
 * anything else. For hot loops over route tables, where a cache lookup costs more than reading
 * the text again.
 */
export function writeIpv4Bounds(text: string, out: Float64Array, at: number): boolean {
  if (!scanIpv4Cidr(text)) return false;
  out[at] = scanned[0]! >>> 0;
  out[at + 1] = scanned[1]! >>> 0;
  out[at + 2] = scanned[2]!;
  return true;
}

/**
 * `writeIpv4Bounds` for a block that must be spelled as its own network (`10.0.0.0/16`, not
 * `10.0.0.1/16`): when this returns true, `text` is the block's canonical `cidr`.
 */
export function writeCanonicalIpv4Bounds(text: string, out: Float64Array, at: number): boolean {
  if (!scanIpv4Cidr(text) || scanned[0] !== scanned[3]) return false;
  out[at] = scanned[0]! >>> 0;
  out[at + 1] = scanned[1]! >>> 0;
  out[at + 2] = scanned[2]!;
  return true;
}
