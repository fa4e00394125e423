/** Strict parsing of IPv4/IPv6 CIDR blocks and addresses into normalised text and bigint ranges.
 *
 * cidr-tools 11.3.2 does the arithmetic and the canonical text (RFC 5952 for IPv6) for anything
 * out of the ordinary, but its README says its input validation is "rudimentary" (it reads
 * `10.0.0/8` as `0.0.0.0/8` and `::/129` as `::undefined`), so every string is first checked
 * (address-check.ts), and refused with a sentence saying what to fix. The blocks a topology is made
 * of (plain `a.b.c.d/p` and hex IPv6) take one-pass fast paths instead (cidr-fast-paths.ts): at
 * 20,000 blocks the library's cost per block (5-25 µs for IPv6 on this machine) was most of the
 * analysis budget. The property tests hold both fast paths to the library's parseCidr and
 * normalizeCidr.
 */
import { normalizeCidr as normalizeWithLibrary, parseCidr as parseWithLibrary } from 'cidr-tools';

import type { Result } from '../core/result';
import { fail, ok } from '../core/result';
import { checkAddress, readPrefixLength } from './address-check';
import { tryParseIpv4Cidr, tryParseIpv6Cidr } from './cidr-fast-paths';

export { writeCanonicalIpv4Bounds, writeIpv4Bounds } from './cidr-fast-paths';

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
