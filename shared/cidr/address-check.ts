/** Whether a text is an IPv4 or IPv6 address, and why not: one-pass checks for the common case,
 * and slower checkers that only run to say what is wrong with a refused address. */
import type { IpFamily } from './parse-cidr';

export type AddressCheck = { readonly ok: true; readonly family: IpFamily } | { readonly ok: false; readonly why: string };

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

export function checkAddress(text: string): AddressCheck {
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
export function readPrefixLength(text: string, from: number, maxBits: number): number {
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
