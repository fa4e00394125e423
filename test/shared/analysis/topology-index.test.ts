import { describe, expect, it } from 'vitest';

import { findServingTables, findSubnetRouteTable, indexTopology, labelVpc } from '../../../shared/analysis/topology-index';
import { routeTable, subnet, topology, vpc } from '../../support/fixtures/build-topology';

const a = vpc('vpc-a', '10.0.0.0/16', { name: 'app' });
const t = topology({
  vpcs: [a],
  subnets: [subnet('subnet-1', a, '10.0.1.0/24'), subnet('subnet-2', a, '10.0.2.0/24')],
  routeTables: [routeTable('rtb-main', a, { main: true }), routeTable('rtb-1', a, { subnetIds: ['subnet-1'] }), routeTable('rtb-idle', a)],
});

describe('topology index', () => {
  it('finds a subnet\'s explicit table, else the main one', () => {
    const index = indexTopology(t);
    expect(findSubnetRouteTable(index, t.subnets[0]!)?.id).toBe('rtb-1');
    expect(findSubnetRouteTable(index, t.subnets[1]!)?.id).toBe('rtb-main');
  });

  it('lists only tables that serve subnets, with the subnets they serve', () => {
    expect(findServingTables(indexTopology(t), 'vpc-a').map((s) => [s.table.id, s.subnetIds])).toEqual([
      ['rtb-main', ['subnet-2']],
      ['rtb-1', ['subnet-1']],
    ]);
  });

  it('is built once per topology and labels VPCs by name', () => {
    expect(indexTopology(t)).toBe(indexTopology(t));
    expect(labelVpc(indexTopology(t), 'vpc-a')).toBe('app (vpc-a)');
    expect(indexTopology(t).rangeOf('pl-1')).toBeNull();
  });
});
