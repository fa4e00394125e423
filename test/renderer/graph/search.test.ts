import { describe, expect, it } from 'vitest';

import { collectDiagramMembers } from '../../../shared/diagram/members';
import { searchTopology } from '../../../renderer/graph/search';
import { DEMO_ACCOUNTS, DEMO_PEERINGS, PARTNER_VPC_ID, demoLikeTopology, demoVpcId } from '../../support/fixtures/snapshots/demo-like';

const topology = demoLikeTopology();
const members = collectDiagramMembers(topology);
const search = (q: string) => searchTopology(topology, members, q);
const ids = (q: string) => [...search(q).ids].sort();
const hitsOf = (q: string, kind: string) => search(q).hits.filter((h) => h.kind === kind).map((h) => h.id).sort();
const NETWORK_VPCS = ['shared-services', 'egress-hub', 'shared-services-eu'].map(demoVpcId).sort();

describe('searchTopology', () => {
  it('finds the VPC holding an IP address, naming the subnet', () => {
    const result = search('10.21.1.5');
    expect([...result.ids]).toEqual([demoVpcId('prod-data')]);
    expect(result.hits[0]!.why).toContain('10.21.1.0/24');
  });

  it('lists every VPC of overlapping blocks that holds an address', () => {
    expect(ids('10.20.1.1')).toEqual([demoVpcId('dev-app'), demoVpcId('prod-app')].sort());
  });

  it('finds VPCs whose blocks overlap a CIDR, including a partner known only from a peering', () => {
    expect(ids('10.21.0.0/16')).toEqual([demoVpcId('legacy-ap'), demoVpcId('prod-data')].sort());
    expect(ids('192.168.4.0/24')).toEqual([PARTNER_VPC_ID]);
  });

  it('filters by account (alias or id), region and tag, combining words', () => {
    expect(ids('account:acme-dev region:eu-west-1')).toEqual([demoVpcId('dev-app-eu'), demoVpcId('qa-eu')].sort());
    expect(ids(`account:${DEMO_ACCOUNTS.network}`)).toHaveLength(3);
    expect(ids('tag:env=qa')).toEqual([demoVpcId('qa-eu')]);
    expect(ids('tag:team=netops region:eu')).toEqual([demoVpcId('shared-services-eu')]);
  });

  it("finds an account by its Organizations name, with account: and in free text, and still by its alias", () => {
    const named = { ...topology, accounts: topology.accounts.map((a) => (a.id === DEMO_ACCOUNTS.network ? { ...a, name: 'Shared Network' } : a)) };
    const find = (q: string) => [...searchTopology(named, collectDiagramMembers(named), q).ids].sort();
    expect(find('account:"Shared Network"')).toEqual(NETWORK_VPCS);
    expect(find('account:shared network')).toEqual(NETWORK_VPCS);
    expect(find(`account:${named.accounts.find((a) => a.id === DEMO_ACCOUNTS.network)!.alias ?? DEMO_ACCOUNTS.network}`)).toEqual(NETWORK_VPCS);
    expect(find('"shared network"')).toEqual(NETWORK_VPCS);
    expect(find('account:"Shared Netw')).toEqual(NETWORK_VPCS);
  });

  it('finds accounts by OU path with ou:, a parent OU finding the accounts of the OUs below it', () => {
    const placed = {
      ...topology,
      accounts: topology.accounts.map((a) => (a.id === DEMO_ACCOUNTS.network ? { ...a, ouPath: 'Infrastructure' } : { ...a, ouPath: a.alias === 'acme-dev' ? 'Workloads/Production/Blue' : 'Workloads/Staging' })),
    };
    const find = (q: string) => [...searchTopology(placed, collectDiagramMembers(placed), q).ids].sort();
    const devVpcs = find('account:acme-dev');
    expect(devVpcs.length).toBeGreaterThan(0);
    expect(find('ou:"Workloads/Production"')).toEqual(devVpcs);
    expect(find('ou:infrastructure')).toEqual(NETWORK_VPCS);
    const workloads = find('ou:Workloads');
    expect(workloads).toEqual(expect.arrayContaining(devVpcs));
    expect(workloads.some((id) => (NETWORK_VPCS as readonly string[]).includes(id))).toBe(false);
    expect(searchTopology(placed, collectDiagramMembers(placed), 'ou:infra').hits[0]!.why).toBe('ou Infrastructure');
    expect(find('ou:Root')).toEqual([]);
  });

  it('matches free text in names and ids', () => {
    expect(ids('legacy')).toEqual([demoVpcId('legacy-ap')]);
    expect(ids(demoVpcId('qa-eu').slice(0, 12))).toContain(demoVpcId('qa-eu'));
  });

  it('says what is wrong with a malformed CIDR or tag word instead of matching nothing silently', () => {
    expect(search('10.0.0.0/33').problem).toMatch(/10\.0\.0\.0\/33/);
    expect(search('tag:').problem).toContain('tag:env');
  });

  it('matches nothing for an empty query', () => {
    expect(search('   ').ids.size).toBe(0);
    expect(search('   ').problem).toBeUndefined();
  });

  it('finds an account by the names its frame shows, its profiles too, with or without account:', () => {
    expect(ids('account:network-admin')).toEqual(NETWORK_VPCS);
    expect(ids('network-admin')).toEqual(NETWORK_VPCS);
    expect(ids('NETWORK-ADM')).toEqual(NETWORK_VPCS);
    expect(search('network-admin').hits[0]!.why).toBe('account network-admin');
  });

  it('finds VPCs by a part of the region location their frame shows', () => {
    expect(ids('irel')).toEqual(ids('region:eu-west-1'));
    expect(ids('irel').length).toBeGreaterThan(0);
  });

  it('matches part of a name in any case, across VPCs and peerings', () => {
    expect(hitsOf('SHARED-SERV', 'vpc')).toEqual(['shared-services', 'shared-services-eu'].map(demoVpcId).sort());
    expect(hitsOf('Shared-To', 'peering')).toEqual([DEMO_PEERINGS.sharedToProdApp, DEMO_PEERINGS.sharedToProdData, DEMO_PEERINGS.sharedToDevTools].sort());
  });

  it('finds a peering by its id, part of its id, or its Name tag, and says which end to show', () => {
    const byId = search(DEMO_PEERINGS.pendingEu);
    expect(byId.hits).toEqual([
      { kind: 'peering', id: DEMO_PEERINGS.pendingEu, label: DEMO_PEERINGS.pendingEu, why: `id ${DEMO_PEERINGS.pendingEu}`, fit: [demoVpcId('prod-app-eu'), demoVpcId('dev-app-eu')] },
    ]);
    expect(hitsOf('pcx-0a0000000000000', 'peering').length).toBeGreaterThan(5);
    expect(search('us-to-eu').hits.map((h) => [h.kind, h.id, h.label, h.why])).toEqual([['peering', DEMO_PEERINGS.sharedToSharedEu, 'us-to-eu', 'name us-to-eu']]);
    expect(hitsOf('partner-feed', 'peering')).toEqual([DEMO_PEERINGS.partner]);
  });

  it('finds deleted peerings only while they are drawn', () => {
    expect(search(DEMO_PEERINGS.deleted).hits).toEqual([]);
    const drawn = collectDiagramMembers(topology, { includeDeletedPeerings: true });
    expect(searchTopology(topology, drawn, DEMO_PEERINGS.deleted, true).hits.map((h) => h.id)).toEqual([DEMO_PEERINGS.deleted]);
  });

  it('keeps account:, region: and addresses to the VPCs they describe', () => {
    expect(hitsOf(`account:${DEMO_ACCOUNTS.network}`, 'peering')).toEqual([]);
    expect(hitsOf('region:us-east-1', 'peering')).toEqual([]);
    expect(hitsOf('10.0.0.0/8', 'peering')).toEqual([]);
  });
});
