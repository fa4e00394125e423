/** Strict parsing of IPv4/IPv6 CIDR blocks and addresses into normalised text and bigint ranges.
 *
 * cidr-tools 11.3.2 does the arithmetic and the canonical text (RFC 5952 for IPv6) for anything
 * out of the ordinary, but its README says its input validation is "rudimentary" (it reads
 * `10.0.0/8` as `0.0.0.0/8` and `::/129` as `::undefined`), so every string is first checked
 * here, and refused with a sentence saying what to fix. The blocks a topology is made of (plain
 * `a.b.c.d/p` and hex IPv6) take one-pass fast paths instead: at 20,000 blocks the library's
 * cost per block (5-25 µs for IPv6 on this machine) was most of the analysis budget. The
 * property tests hold both fast paths to the library's parseCidr and normalizeCidr.
 */
import { normalizeCidr as normalizeWithLibrary, parseCidr as parseWithLibrary } from 'cidr-tools';

import type { Result } from '../core/result';
import { fail, ok } from '../core/result';

/** A normalised CIDR block (`10.0.0.0/16`, `2001:db8::/56`); only `parseCidr` makes one. */
export type Cidr = string & { readonly __brand: 'Cidr' };

/** The two address families AWS VPCs use. */
export type IpFamily = 'ipv4' | 'ipv6';

/** A CIDR block as an inclusive interval of addresses, for sorting and sweeping. */
export interface CidrRange {
  readonly cidr: Cidr;
  readonly family: IpFamily;
  readonly prefixLength: number;
  /** First address of the block (the network address). */
  readonly start: bigint;
  /** Last address of the block. */
  readonly end: bigint;
}

/** One IP address, parsed. */
export interface IpAddress {
  /** The address in canonical text (lower-case, compressed for IPv6). */
  readonly text: string;
  readonly family: IpFamily;
  readonly value: bigint;
}

/** Options for `parseCidr` and `parseCidrRange`. */
export interface ParseCidrOptions {
  /**
   * Refuse blocks with host bits set (`10.0.0.1/16`) instead of normalising them to the network
   * address. AWS itself refuses such blocks in CreateVpc and CreateRoute, so forms use `strict`.
   */
  readonly strict?: boolean;
}

/** Address width in bits per family. */
export const ADDRESS_BITS: Readonly<Record<IpFamily, number>> = { ipv4: 32, ipv6: 128 };

const EXAMPLE = 'write it as address/prefix, e.g. 10.0.0.0/16 or 2001:db8::/56';

type AddressCheck = { readonly ok: true; readonly family: IpFamily } | { readonly ok: false; readonly why: string };

const DECIMAL_OCTET = /^(0|[1-9]\d{0,2})$/;
const HEX_GROUP = /^[0-9a-fA-F]{1,4}$/;

/** Check an IPv4 dotted quad; return why it is not one. */
function checkIpv4(text: string): string | null {
  const parts = text.split('.');
  if (parts.length !== 4) return `an IPv4 address has 4 dot-separated numbers, "${text}" has ${parts.length}`;
  for (const part of parts) {
    if (part === '') return `"${text}" has an empty number between dots`;
    if (!/^\d+$/.test(part)) return `"${part}" in "${text}" is not a decimal number`;
    if (!DECIMAL_OCTET.test(part)) return `"${part}" in "${text}" has a leading zero; write it without (leading zeros read as octal in some tools)`;
    if (Number(part) > 255) return `"${part}" in "${text}" is over 255`;
  }
  return null;
}

/** Check an IPv6 address (RFC 4291 text forms, optional trailing dotted quad); return why it is not one. */
function checkIpv6(text: string): string | null {
  if (text.includes('%')) return `"${text}" has a zone id (%…); VPC addresses have none, remove it`;
  const doubleColons = text.split('::').length - 1;
  if (doubleColons > 1) return `"${text}" uses "::" more than once; it may stand for one run of zeros only`;
  let groupsText = text;
  const lastColon = text.lastIndexOf(':');
  const tail = text.slice(lastColon + 1);
  if (tail.includes('.')) {
    const why = checkIpv4(tail);
    if (why) return `the embedded IPv4 part of "${text}" is wrong: ${why}`;
    // The dotted quad stands for the last two groups.
    groupsText = text.slice(0, lastColon + 1) + '0:0';
  }
  const halves = groupsText.split('::');
  const groupsOf = (half: string): string[] => (half === '' ? [] : half.split(':'));
  const left = groupsOf(halves[0] ?? '');
  const right = halves.length === 2 ? groupsOf(halves[1] ?? '') : [];
  for (const g of [...left, ...right]) {
    if (g === '') return `"${text}" has an empty group (a lone ":" at the start or end, or ":::")`;
    if (!HEX_GROUP.test(g)) return `"${g}" in "${text}" is not a group of 1 to 4 hex digits`;
  }
  const count = left.length + right.length;
  if (halves.length === 1 && count !== 8) return `an IPv6 address has 8 groups (or "::" for a run of zeros), "${text}" has ${count}`;
  if (halves.length === 2 && count > 7) return `"${text}" has ${count} groups besides "::"; with "::" at most 7 are allowed`;
  return null;
}

/** One pass over `text[from, to)`: true when it is a dotted quad without leading zeros. */
function isIpv4Text(text: string, from: number, to: number): boolean {
  let dots = 0;
  let digits = 0;
  let octet = 0;
  let leadingZero = false;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 46) {
      if (digits === 0) return false;
      dots++;
      digits = 0;
      octet = 0;
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
  return dots === 3 && digits > 0;
}

function isHexDigit(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70);
}

/** One pass over `text[from, to)`: true when it is an IPv6 address (one `::` at most, optional dotted tail). */
function isIpv6Text(text: string, from: number, to: number): boolean {
  let groups = 0;
  let digits = 0;
  let compressed = false;
  let i = from;
  if (to - from >= 2 && text.charCodeAt(i) === 58 && text.charCodeAt(i + 1) === 58) {
    compressed = true;
    i += 2;
  } else if (text.charCodeAt(i) === 58) {
    return false;
  }
  let groupStart = i;
  for (; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 58) {
      if (digits === 0) return false;
      groups++;
      digits = 0;
      if (i + 1 < to && text.charCodeAt(i + 1) === 58) {
        if (compressed) return false;
        compressed = true;
        i++;
      } else if (i + 1 === to) {
        return false;
      }
      groupStart = i + 1;
    } else if (isHexDigit(c)) {
      if (++digits > 4) return false;
    } else if (c === 46) {
      // A dotted quad may end the address and stands for two groups.
      if (!isIpv4Text(text, groupStart, to)) return false;
      groups += 2;
      digits = 0;
      break;
    } else {
      return false;
    }
  }
  if (digits > 0) groups++;
  return compressed ? groups <= 7 : groups === 8;
}

function checkAddress(text: string): AddressCheck {
  if (text.includes(':')) {
    if (isIpv6Text(text, 0, text.length)) return { ok: true, family: 'ipv6' };
    // The slow checker only runs to explain a refusal.
    const why = checkIpv6(text) ?? `"${text}" is not an IPv6 address`;
    return { ok: false, why };
  }
  if (text.includes('.')) {
    if (isIpv4Text(text, 0, text.length)) return { ok: true, family: 'ipv4' };
    const why = checkIpv4(text) ?? `"${text}" is not an IPv4 address`;
    return { ok: false, why };
  }
  return { ok: false, why: `"${text}" is neither an IPv4 address (dotted, 10.0.0.0) nor an IPv6 one (colons, 2001:db8::)` };
}

/** The prefix length in `text[from..]`, or -1 when it is not a decimal 0..maxBits without leading zeros. */
function readPrefixLength(text: string, from: number, maxBits: number): number {
  const length = text.length - from;
  if (length < 1 || length > 3) return -1;
  if (length > 1 && text.charCodeAt(from) === 48) return -1;
  let n = 0;
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return -1;
    n = n * 10 + (c - 48);
  }
  return n <= maxBits ? n : -1;
}

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
function tryParseIpv4Cidr(text: string): CidrRange | null {
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
function tryParseIpv6Cidr(text: string): CidrRange | null {
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

/**
 * Parse a block without building an error: `null` when `text` is not a valid block. For bulk
 * reading of blocks from a topology; use `parseCidrRange` to tell a user what is wrong.
 */
export function tryParseCidrRange(text: string): CidrRange | null {
  const fast = tryParseIpv4Cidr(text) ?? tryParseIpv6Cidr(text);
  if (fast) return fast;
  const r = parseCidrRange(text);
  return r.ok ? r.value : null;
}

/** Parse a CIDR block strictly and return it as a normalised range. */
export function parseCidrRange(text: string, opts: ParseCidrOptions = {}): Result<CidrRange> {
  const fast = tryParseIpv4Cidr(text) ?? tryParseIpv6Cidr(text);
  if (fast && (!opts.strict || fast.cidr === text)) return ok(fast);
  const trimmed = text.trim();
  if (trimmed === '') return fail('invalid-input', 'The CIDR block is empty.', `Enter a CIDR block: ${EXAMPLE}.`);
  const slash = trimmed.indexOf('/');
  if (slash === -1) {
    return fail(
      'invalid-input',
      `"${trimmed}" has no prefix length.`,
      `Add one after a slash, e.g. ${trimmed.includes(':') ? `${trimmed}/64` : `${trimmed}/24`} (or /32, /128 for one address).`,
    );
  }
  const addressText = trimmed.slice(0, slash);
  const address = checkAddress(addressText);
  if (!address.ok) return fail('invalid-input', `"${trimmed}" is not a valid CIDR block: ${address.why}.`, `Correct the address: ${EXAMPLE}.`);
  const maxBits = ADDRESS_BITS[address.family];
  const prefixLength = readPrefixLength(trimmed, slash + 1, maxBits);
  if (prefixLength === -1) {
    return fail(
      'invalid-input',
      `"${trimmed}" has prefix length "${trimmed.slice(slash + 1)}", which is not a whole number from 0 to ${maxBits} (${address.family === 'ipv4' ? 'IPv4' : 'IPv6'}).`,
      `Use a prefix length between 0 and ${maxBits}, e.g. ${address.family === 'ipv4' ? '/16' : '/56'}.`,
    );
  }
  // The library does the arithmetic and the canonical text once the text is known to be well formed.
  const parsed = parseWithLibrary(trimmed);
  const cidr = normalizeWithLibrary(trimmed) as Cidr;
  const networkText = cidr.slice(0, cidr.lastIndexOf('/'));
  if (opts.strict && parseWithLibrary(addressText).start !== parsed.start) {
    return fail('invalid-input', `"${trimmed}" has host bits set: the network address of a /${prefixLength} block is ${networkText}.`, `Did you mean ${cidr}?`);
  }
  return ok({ cidr, family: address.family, prefixLength, start: parsed.start, end: parsed.end });
}

/** Parse a CIDR block strictly and return its normalised text (`10.0.0.1/16` becomes `10.0.0.0/16`). */
export function parseCidr(text: string, opts: ParseCidrOptions = {}): Result<Cidr> {
  const r = parseCidrRange(text, opts);
  return r.ok ? ok(r.value.cidr) : r;
}

/** The range of an already-parsed block. */
export function toCidrRange(cidr: Cidr): CidrRange {
  const parsed = parseWithLibrary(cidr);
  return {
    cidr,
    family: parsed.version === 4 ? 'ipv4' : 'ipv6',
    prefixLength: Number(parsed.prefix),
    start: parsed.start,
    end: parsed.end,
  };
}

/** Parse one IP address (no prefix), IPv4 or IPv6. */
export function parseIpAddress(text: string): Result<IpAddress> {
  const trimmed = text.trim();
  if (trimmed === '') return fail('invalid-input', 'The IP address is empty.', 'Enter an address such as 10.0.1.5 or 2001:db8::5.');
  if (trimmed.includes('/')) {
    return fail('invalid-input', `"${trimmed}" is a CIDR block, not one address.`, `Give a single address, e.g. ${trimmed.slice(0, trimmed.indexOf('/'))}.`);
  }
  const address = checkAddress(trimmed);
  if (!address.ok) return fail('invalid-input', `"${trimmed}" is not a valid IP address: ${address.why}.`, 'Enter an address such as 10.0.1.5 or 2001:db8::5.');
  return ok({ text: normalizeWithLibrary(trimmed), family: address.family, value: parseWithLibrary(trimmed).start });
}

/** The one-address block (`/32` or `/128`) holding `address`. */
export function addressToRange(address: IpAddress): CidrRange {
  const prefixLength = ADDRESS_BITS[address.family];
  return { cidr: `${address.text}/${prefixLength}` as Cidr, family: address.family, prefixLength, start: address.value, end: address.value };
}

/** The number of addresses in a block, as a bigint (IPv6 blocks exceed Number). */
export function countAddresses(range: CidrRange): bigint {
  return range.end - range.start + 1n;
}
