import { describe, expect, it } from 'vitest';

import { findVpcsByIp } from '../../../shared/cidr/find-vpcs-by-ip';
import { subnet, topology, vpc } from '../../support/fixtures/build-topology';

const app = vpc('vpc-app', '10.2.0.0/16', { name: 'app', ipv6: ['2600:1f18:a::/56'] });
const wide = vpc('vpc-wide', '10.0.0.0/8', { accountId: '222222222222' });
const other = vpc('vpc-other', '172.16.0.0/16', { secondary: ['100.64.0.0/16'] });
const t = topology({
  vpcs: [app, wide, other],
  subnets: [subnet('subnet-app', app, '10.2.3.0/24', ['2600:1f18:a:3::/64']), subnet('subnet-sec', other, '100.64.1.0/24')],
});

describe('findVpcsByIp', () => {
  it('answers which VPC holds 10.2.3.4, most specific first, with the subnet', () => {
    const r = findVpcsByIp(t, '10.2.3.4');
    expect(r.ok && r.value).toEqual([
      { vpcId: 'vpc-app', vpcName: 'app', accountId: '111111111111', region: 'eu-west-1', block: '10.2.0.0/16', blockKind: 'primary', subnetId: 'subnet-app', subnetCidr: '10.2.3.0/24' },
      { vpcId: 'vpc-wide', accountId: '222222222222', region: 'eu-west-1', block: '10.0.0.0/8', blockKind: 'primary' },
    ]);
  });

  it('finds addresses in secondary and IPv6 blocks', () => {
    const sec = findVpcsByIp(t, '100.64.1.9');
    expect(sec.ok && sec.value.map((m) => [m.vpcId, m.blockKind, m.subnetId])).toEqual([['vpc-other', 'secondary', 'subnet-sec']]);
    const v6 = findVpcsByIp(t, '2600:1f18:a:3::1');
    expect(v6.ok && v6.value.map((m) => [m.vpcId, m.block, m.subnetCidr])).toEqual([['vpc-app', '2600:1f18:a::/56', '2600:1f18:a:3::/64']]);
  });

  it('returns no match for an address outside every VPC', () => {
    expect(findVpcsByIp(t, '192.168.1.1')).toEqual({ ok: true, value: [] });
  });

  it('refuses text that is not an address', () => {
    const r = findVpcsByIp(t, '10.2.3');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toContain('4 dot-separated numbers');
  });
});
