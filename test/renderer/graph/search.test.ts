import { describe, expect, it } from 'vitest';

import { collectDiagramMembers } from '../../../shared/diagram/members';
import { searchTopology } from '../../../renderer/graph/search';
import { DEMO_ACCOUNTS, PARTNER_VPC_ID, demoLikeTopology, demoVpcId } from '../../support/fixtures/snapshots/demo-like';

const topology = demoLikeTopology();
const members = collectDiagramMembers(topology);
const search = (q: string) => searchTopology(topology, members, q);
const ids = (q: string) => [...search(q).ids].sort();

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
});
