import { describe, expect, it } from 'vitest';

import { collectVpcBlocks, isHeldBlockState } from '../../../shared/cidr/vpc-blocks';
import { peering, topology, vpc } from '../../support/fixtures/build-topology';

describe('collectVpcBlocks', () => {
  it('parses primary, secondary and IPv6 blocks, sorted, and labels each', () => {
    const t = topology({ vpcs: [vpc('vpc-a', '10.1.0.0/16', { secondary: ['10.0.0.0/16'], ipv6: ['2600:1f18::/56'] })] });
    const blocks = collectVpcBlocks(t);
    expect(blocks.byVpc.get('vpc-a')!.map((b) => [b.cidr, b.kind, b.source])).toEqual([
      ['10.0.0.0/16', 'secondary', 'vpc'],
      ['10.1.0.0/16', 'primary', 'vpc'],
      ['2600:1f18::/56', 'ipv6', 'vpc'],
    ]);
    expect(collectVpcBlocks(t)).toBe(blocks);
  });

  it('takes blocks of unscanned VPCs from their peering side', () => {
    const a = vpc('vpc-a', '10.0.0.0/16');
    const x = vpc('vpc-x', '10.9.0.0/16', { secondary: ['10.10.0.0/16'], accountId: '999999999999' });
    const blocks = collectVpcBlocks(topology({ vpcs: [a], peerings: [peering('pcx-1', a, x)] }));
    expect(blocks.byVpc.get('vpc-x')!.map((b) => [b.cidr, b.kind, b.source])).toEqual([
      ['10.9.0.0/16', 'primary', 'peering'],
      ['10.10.0.0/16', 'secondary', 'peering'],
    ]);
  });

  it('keeps blocks that still hold addresses and drops the rest', () => {
    expect(['associated', 'associating', 'disassociating'].every(isHeldBlockState)).toBe(true);
    expect(['disassociated', 'failing', 'failed'].some(isHeldBlockState)).toBe(false);
  });

  it('lists unparsable blocks with the reason', () => {
    const blocks = collectVpcBlocks(topology({ vpcs: [vpc('vpc-a', '10.0.0.0/99')] }));
    expect(blocks.invalid).toEqual([{ vpcId: 'vpc-a', cidr: '10.0.0.0/99', message: expect.stringContaining('from 0 to 32') }]);
  });
});
