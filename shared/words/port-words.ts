/** A security-group rule's protocol and ports in words. */

/** Words for a protocol and port range (`tcp 443`, `udp 1000-2000`, `all traffic`). */
export function portWords(protocol: string, fromPort: number | undefined, toPort: number | undefined): string {
  if (protocol === '-1' || protocol === 'all') return 'all traffic';
  if (fromPort === undefined) return protocol;
  if (protocol === 'icmp' || protocol === 'icmpv6') return `${protocol} type ${fromPort}${toPort !== undefined && toPort !== -1 ? ` code ${toPort}` : ''}`;
  return `${protocol} ${fromPort === toPort ? fromPort : `${fromPort}-${toPort}`}`;
}
