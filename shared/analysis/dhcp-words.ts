/** A VPC's DHCP options set in words: its domain name and name servers, for the inspector and
 * the peering checklist's DNS note. */
import { dnsServersOf, hasOwnDnsServers, type DhcpOptions, type Vpc } from '../model/topology';

/** The set `vpc` uses among `sets` (the topology's); undefined when it has none or it was not read. */
export function dhcpOptionsOfVpc(sets: readonly DhcpOptions[], vpc: Vpc): DhcpOptions | undefined {
  const id = vpc.dhcpOptionsId;
  if (!id || id === 'default') return undefined;
  return sets.find((d) => d.id === id && d.region === vpc.region);
}

/**
 * "corp.example · name servers 10.0.0.2, 10.0.0.3" (or "Amazon-provided DNS"); "no DHCP options
 * set" for `default`; the set's id with "not read" when the snapshot lacks it; undefined when the
 * snapshot does not say which set the VPC uses (written before version 4).
 */
export function dhcpWords(sets: readonly DhcpOptions[], vpc: Vpc): string | undefined {
  const id = vpc.dhcpOptionsId;
  if (!id) return undefined;
  if (id === 'default') return 'no DHCP options set';
  const set = dhcpOptionsOfVpc(sets, vpc);
  if (!set) return `${id} (not read)`;
  const parts: string[] = [];
  const domain = set.configurations['domain-name'];
  if (domain && domain.length > 0) parts.push(domain.join(' '));
  const servers = dnsServersOf(set);
  if (servers.length > 0) {
    const amazon = servers.includes('AmazonProvidedDNS');
    const own = servers.filter((s) => s !== 'AmazonProvidedDNS');
    parts.push(amazon && own.length === 0 ? 'Amazon-provided DNS' : `name servers ${servers.map((s) => (s === 'AmazonProvidedDNS' ? 'Amazon-provided DNS' : s)).join(', ')}`);
  }
  return parts.length > 0 ? parts.join(' · ') : 'no domain name or name servers';
}

/**
 * A sentence for each of `vpcs` whose DHCP options set names its own name servers and not the
 * Amazon-provided resolver: peering DNS resolution is the resolver's answer, so it does not reach
 * instances that ask other servers (unless those forward to it).
 */
export function ownDnsNotes(sets: readonly DhcpOptions[], vpcs: readonly (Vpc | undefined)[]): string[] {
  return vpcs.flatMap((vpc) => {
    if (!vpc) return [];
    const set = dhcpOptionsOfVpc(sets, vpc);
    if (!hasOwnDnsServers(set)) return [];
    return [
      `${vpc.name ?? vpc.id} uses DHCP options set ${set!.id} with its own name servers (${dnsServersOf(set).join(', ')}), not the Amazon-provided DNS: peering DNS resolution is answered by the Amazon-provided resolver, so it does not apply there unless those servers forward to it.`,
    ];
  });
}
