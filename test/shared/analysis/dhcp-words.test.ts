import { describe, expect, it } from 'vitest';

import { dhcpOptionsOfVpc, dhcpWords, ownDnsNotes } from '../../../shared/analysis/dhcp-words';
import type { DhcpOptions, Vpc } from '../../../shared/model/topology';
import { vpc } from '../../support/fixtures/build-topology';

const base = vpc('vpc-0a11', '10.0.0.0/16', { accountId: '111111111111', region: 'eu-west-1' });
const set = (id: `dopt-${string}`, configurations: DhcpOptions['configurations'], region = 'eu-west-1'): DhcpOptions => ({ id, accountId: '111111111111', region, configurations });
const using = (id: Vpc['dhcpOptionsId']): Vpc => ({ ...base, dhcpOptionsId: id });

describe('dhcpWords', () => {
  const corp = set('dopt-corp', { 'domain-name': ['corp.example'], 'domain-name-servers': ['10.0.0.2', '10.0.0.3'], 'ntp-servers': ['10.0.0.4'] });
  const amazon = set('dopt-aws', { 'domain-name': ['eu-west-1.compute.internal'], 'domain-name-servers': ['AmazonProvidedDNS'] });
  const sets = [corp, amazon, set('dopt-ntp', { 'ntp-servers': ['10.0.0.4'] }), set('dopt-elsewhere', { 'domain-name': ['x'] }, 'us-east-1')];

  it('gives the domain name and name servers in one line', () => {
    expect(dhcpWords(sets, using('dopt-corp'))).toBe('corp.example · name servers 10.0.0.2, 10.0.0.3');
    expect(dhcpWords(sets, using('dopt-aws'))).toBe('eu-west-1.compute.internal · Amazon-provided DNS');
    expect(dhcpWords(sets, using('dopt-ntp'))).toBe('no domain name or name servers');
  });

  it('says when the VPC has no set, when its set was not read, and nothing when the snapshot does not say', () => {
    expect(dhcpWords(sets, using('default'))).toBe('no DHCP options set');
    expect(dhcpWords(sets, using('dopt-gone'))).toBe('dopt-gone (not read)');
    // A set of the same id in another region is not this VPC's.
    expect(dhcpWords(sets, using('dopt-elsewhere'))).toBe('dopt-elsewhere (not read)');
    expect(dhcpWords(sets, base)).toBeUndefined();
    expect(dhcpOptionsOfVpc(sets, using('default'))).toBeUndefined();
  });

  it('notes a set with its own name servers only, not one that includes the Amazon-provided DNS', () => {
    const mixed = set('dopt-mixed', { 'domain-name-servers': ['AmazonProvidedDNS', '10.0.0.9'] });
    expect(ownDnsNotes([...sets, mixed], [using('dopt-corp'), using('dopt-aws'), using('dopt-mixed'), using('default'), undefined])).toEqual([
      'vpc-0a11 uses DHCP options set dopt-corp with its own name servers (10.0.0.2, 10.0.0.3), not the Amazon-provided DNS: peering DNS resolution is answered by the Amazon-provided resolver, so it does not apply there unless those servers forward to it.',
    ]);
  });
});
