import { describe, expect, it } from 'vitest';

import { findCidrConflicts } from '../../../shared/analysis/cidr-conflicts';
import { collectVpcBlocks, isHeldBlockState } from '../../../shared/cidr/vpc-blocks';
import type { Peering, PeeringStatus, Vpc } from '../../../shared/model/topology';
import { blockSourceSide, vpcKnownFromPeerings } from '../../../shared/model/topology';
import { peering, topology, vpc } from '../../support/fixtures/build-topology';

/** A peering from `a` to the unscanned `x`, whose side AWS reported with `blocks` (none: an empty side). */
function toOutside(id: string, a: Vpc, x: Vpc, status: PeeringStatus, blocks: readonly string[], expirationTime?: string): Peering {
  const p = peering(id as Peering['id'], a, x, status);
  return { ...p, accepter: { ...p.accepter, cidrBlocks: blocks.filter((c) => !c.includes(':')), ipv6CidrBlocks: blocks.filter((c) => c.includes(':')) }, ...(expirationTime ? { expirationTime } : {}) };
}

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

  it('takes an unscanned VPC\'s blocks from a side that has them: an active peering first, then the newest, never an empty side', () => {
    const a = vpc('vpc-a', '10.0.0.0/16');
    const x = vpc('vpc-x', '10.9.0.0/16', { accountId: '999999999999' });
    const blocksOf = (peerings: readonly Peering[]) => collectVpcBlocks(topology({ vpcs: [a], peerings })).byVpc.get('vpc-x')!.map((b) => b.cidr);
    const empty = toOutside('pcx-0', a, x, 'rejected', []);
    const older = toOutside('pcx-1', a, x, 'pending-acceptance', ['10.9.0.0/16'], '2026-01-01T00:00:00.000Z');
    const newer = toOutside('pcx-2', a, x, 'pending-acceptance', ['10.9.0.0/16', '10.10.0.0/16'], '2026-03-01T00:00:00.000Z');
    const active = toOutside('pcx-3', a, x, 'active', ['10.9.0.0/16', '2600:1f18:9::/56']);
    expect(blocksOf([empty, older])).toEqual(['10.9.0.0/16']);
    expect(blocksOf([empty, older, newer])).toEqual(['10.9.0.0/16', '10.10.0.0/16']);
    expect(blocksOf([newer, older])).toEqual(['10.9.0.0/16', '10.10.0.0/16']);
    expect(blocksOf([empty, newer, active, older])).toEqual(['10.9.0.0/16', '2600:1f18:9::/56']);
    // A live peering beats a final one when neither has a time; the first listed wins a full tie.
    expect(blocksOf([toOutside('pcx-4', a, x, 'deleted', ['10.7.0.0/16']), toOutside('pcx-5', a, x, 'provisioning', ['10.8.0.0/16'])])).toEqual(['10.8.0.0/16']);
    expect(blocksOf([toOutside('pcx-4', a, x, 'deleted', ['10.7.0.0/16']), toOutside('pcx-5', a, x, 'rejected', ['10.8.0.0/16'])])).toEqual(['10.7.0.0/16']);
    // Only empty sides: the VPC is known, with no blocks.
    expect(blocksOf([empty])).toEqual([]);
    // The model's stand-in (exports, completion plans) reads the same side.
    expect(blockSourceSide([empty, newer, active, older], 'vpc-x')).toBe(active.accepter);
    expect(vpcKnownFromPeerings([empty, older], 'vpc-x')!.cidrBlocks.map((b) => [b.cidr, b.primary])).toEqual([['10.9.0.0/16', true]]);
    expect(vpcKnownFromPeerings([empty], 'vpc-x')).toMatchObject({ id: 'vpc-x', accountId: '999999999999', cidrBlocks: [] });
    expect(vpcKnownFromPeerings([empty], 'vpc-q')).toBeUndefined();
  });

  it('finds the conflict and the ambiguity of an unscanned VPC first named by an empty peering side', () => {
    const a = vpc('vpc-a', '10.0.0.0/16');
    const b = vpc('vpc-b', '10.9.0.0/16');
    const x = vpc('vpc-x', '10.9.0.0/16', { accountId: '999999999999' });
    const report = findCidrConflicts(topology({ vpcs: [a, b], peerings: [toOutside('pcx-0', a, x, 'failed', []), peering('pcx-ab', a, b), toOutside('pcx-1', a, x, 'active', ['10.9.0.0/16'])] }));
    expect(report.conflicts.map((c) => [c.vpcA, c.vpcB])).toEqual([['vpc-b', 'vpc-x']]);
    expect(report.ambiguities.map((r) => r.hubVpcId)).toEqual(['vpc-a']);
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
