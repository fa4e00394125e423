/** IPv4 and IPv6 CIDR arithmetic for the sandbox (parse, normalise, contain, overlap).
 *
 * Kept local and small (BigInt ranges) because the server checks overlaps on every peering and
 * route call; the app's analysis uses shared/cidr.
 */

/** A parsed CIDR block: its first address, prefix length and family. */
export interface Cidr {
  readonly family: 4 | 6;
  readonly network: bigint;
  readonly prefixLength: number;
}

function parseIpv4(s: string): bigint | undefined {
  const parts = s.split('.');
  if (parts.length !== 4) return undefined;
  let n = 0n;
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p)) return undefined;
    const v = Number(p);
    if (v > 255) return undefined;
    n = (n << 8n) | BigInt(v);
  }
  return n;
}

function parseIpv6(s: string): bigint | undefined {
  if (!/^[0-9a-fA-F:]+$/.test(s)) return undefined;
  const halves = s.split('::');
  if (halves.length > 2) return undefined;
  const head = halves[0] ? halves[0].split(':') : [];
  const tail = halves.length === 2 && halves[1] ? halves[1].split(':') : [];
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return undefined;
  const groups = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...tail];
  let n = 0n;
  for (const g of groups) {
    if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return undefined;
    n = (n << 16n) | BigInt(parseInt(g, 16));
  }
  return n;
}

const parsed = new Map<string, Cidr | undefined>();

/** Parses `a.b.c.d/n` or an IPv6 `x::/n`; the host bits are cleared. Undefined when it is not a CIDR. */
export function parseCidr(text: string): Cidr | undefined {
  // Overlap checks parse the same few thousand blocks over and over: remember them (bounded).
  if (parsed.has(text)) return parsed.get(text);
  const c = parseCidrUncached(text);
  if (parsed.size > 50_000) parsed.clear();
  parsed.set(text, c);
  return c;
}

function parseCidrUncached(text: string): Cidr | undefined {
  const slash = text.indexOf('/');
  if (slash < 0) return undefined;
  const addr = text.slice(0, slash);
  const lenText = text.slice(slash + 1);
  if (!/^\d{1,3}$/.test(lenText)) return undefined;
  const prefixLength = Number(lenText);
  if (addr.includes(':')) {
    const n = parseIpv6(addr);
    if (n === undefined || prefixLength > 128) return undefined;
    return { family: 6, network: n & mask(6, prefixLength), prefixLength };
  }
  const n = parseIpv4(addr);
  if (n === undefined || prefixLength > 32) return undefined;
  return { family: 4, network: n & mask(4, prefixLength), prefixLength };
}

function bits(family: 4 | 6): bigint {
  return family === 4 ? 32n : 128n;
}

function mask(family: 4 | 6, prefixLength: number): bigint {
  const total = bits(family);
  const all = (1n << total) - 1n;
  return (all >> (total - BigInt(prefixLength))) << (total - BigInt(prefixLength));
}

/** The last address of the block. */
export function lastAddress(c: Cidr): bigint {
  return c.network | (((1n << bits(c.family)) - 1n) >> BigInt(c.prefixLength));
}

/** True when the host bits of `text` are zero (`10.0.0.0/16`, not `10.0.0.1/16`). */
export function isCanonicalCidr(text: string): boolean {
  const c = parseCidr(text);
  return c !== undefined && formatCidr(c) === text.toLowerCase();
}

function formatIpv6(n: bigint): string {
  const groups: number[] = [];
  for (let i = 7; i >= 0; i--) groups.push(Number((n >> BigInt(i * 16)) & 0xffffn));
  // RFC 5952: compress the longest run (>= 2) of zero groups, the first one on a tie.
  let bestStart = -1;
  let bestLen = 0;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLen && j - i >= 2) {
      bestStart = i;
      bestLen = j - i;
    }
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (bestStart < 0) return hex.join(':');
  const left = hex.slice(0, bestStart).join(':');
  const right = hex.slice(bestStart + bestLen).join(':');
  return `${left}::${right}`;
}

/** Formats an address of the family. */
export function formatAddress(family: 4 | 6, n: bigint): string {
  if (family === 6) return formatIpv6(n);
  return [24n, 16n, 8n, 0n].map((s) => String((n >> s) & 255n)).join('.');
}

/** The canonical text of a block (`10.0.0.0/16`, `2600:1f18:1::/56`). */
export function formatCidr(c: Cidr): string {
  return `${formatAddress(c.family, c.network)}/${c.prefixLength}`;
}

/** Parses and returns the canonical text, or undefined when `text` is not a CIDR. */
export function normalizeCidr(text: string): string | undefined {
  const c = parseCidr(text);
  return c ? formatCidr(c) : undefined;
}

/** True when the two blocks share at least one address (false across families). */
export function cidrsOverlap(a: Cidr, b: Cidr): boolean {
  if (a.family !== b.family) return false;
  return a.network <= lastAddress(b) && b.network <= lastAddress(a);
}

/** True when `inner` lies entirely within `outer`. */
export function cidrContains(outer: Cidr, inner: Cidr): boolean {
  if (outer.family !== inner.family) return false;
  return inner.prefixLength >= outer.prefixLength && (inner.network & mask(outer.family, outer.prefixLength)) === outer.network;
}

/** Overlap test on texts; unparsable texts never overlap. */
export function cidrTextsOverlap(a: string, b: string): boolean {
  const ca = parseCidr(a);
  const cb = parseCidr(b);
  return ca !== undefined && cb !== undefined && cidrsOverlap(ca, cb);
}

/** Containment test on texts; unparsable texts never contain. */
export function cidrTextContains(outer: string, inner: string): boolean {
  const co = parseCidr(outer);
  const ci = parseCidr(inner);
  return co !== undefined && ci !== undefined && cidrContains(co, ci);
}

/** Number of addresses in an IPv4 block (for `availableIpAddressCount`). */
export function ipv4Size(c: Cidr): number {
  return 2 ** (32 - c.prefixLength);
}
