import { describe, expect, it } from 'vitest';

import { buildPeeringCodeSpecs } from '../../../shared/export/peering-code-spec';
import type { Route } from '../../../shared/model/topology';
import { route, routeTable, subnet, topology, vpc } from '../../support/fixtures/build-topology';

const a = vpc('vpc-0a', '10.0.0.0/16');
const b = vpc('vpc-0b', '10.1.0.0/16', { accountId: '222222222222' });

/** The code spec of a planned a–b peering when a's only table already has `existing` for b's block. */
function plannedWith(existing: Route) {
  const t = topology({
    vpcs: [a, b],
    subnets: [subnet('subnet-0a', a, '10.0.1.0/24'), subnet('subnet-0b', b, '10.1.1.0/24')],
    routeTables: [routeTable('rtb-0a', a, { main: true, routes: [existing] }), routeTable('rtb-0b', b, { main: true })],
  });
  const specs = buildPeeringCodeSpecs(t, { kind: 'planned', requesterVpcId: 'vpc-0a', accepterVpcId: 'vpc-0b' });
  if (!specs.ok) throw new Error(specs.error.message);
  return specs.value[0]!;
}

describe('buildPeeringCodeSpecs: routes already in the table', () => {
  it('warns that CreateRoute will fail when a static route already holds the block', () => {
    const spec = plannedWith(route('10.1.0.0/16', 'igw-0123'));
    const r = spec.routes.find((x) => x.routeTableId === 'rtb-0a')!;
    expect(r.conflict).toMatch(/RouteAlreadyExists/);
    expect(spec.warnings.some((w) => w.includes('RouteAlreadyExists'))).toBe(true);
  });

  it('does not warn for a propagated route to the same block: the static route is added and outranks it', () => {
    const spec = plannedWith({ ...route('10.1.0.0/16', 'vgw-0123'), origin: 'EnableVgwRoutePropagation' });
    const r = spec.routes.find((x) => x.routeTableId === 'rtb-0a')!;
    expect(r.conflict).toBeUndefined();
    expect(r.exists).toBe(false);
    expect(spec.warnings.some((w) => w.includes('RouteAlreadyExists'))).toBe(false);
  });
});
