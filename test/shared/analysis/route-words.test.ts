import { describe, expect, it } from 'vitest';

import type { RouteCheck } from '../../../shared/analysis/route-checks';
import { describeRouteCheck, suggestRouteFix } from '../../../shared/analysis/route-words';
import type { Cidr } from '../../../shared/cidr/parse-cidr';
import type { PeeringId, RouteTableId } from '../../../shared/model/ids';

const missing = (routeTableId: string, peerCidr: string): RouteCheck => ({ state: 'missing', routeTableId: routeTableId as RouteTableId, peerCidr: peerCidr as Cidr });

describe('route check words', () => {
  it('fixes with the one builder: the region inside the command, IPv6 with its own flag', () => {
    expect(suggestRouteFix(missing('rtb-1', '10.1.0.0/16'), 'rtb-1' as RouteTableId, 'pcx-1' as PeeringId, 'eu-west-1')).toBe(
      'aws ec2 create-route --route-table-id rtb-1 --destination-cidr-block 10.1.0.0/16 --vpc-peering-connection-id pcx-1 --region eu-west-1',
    );
    expect(suggestRouteFix(missing('rtb-1', '2600:1f18::/56'), 'rtb-1' as RouteTableId, 'pcx-1' as PeeringId)).toContain('--destination-ipv6-cidr-block 2600:1f18::/56');
  });

  it('quotes what a snapshot file holds, so a pasted fix runs no other command', () => {
    const hostile = 'rtb-1; rm -rf ~';
    const fix = suggestRouteFix(missing(hostile, '10.1.0.0/16'), hostile as RouteTableId, "pcx-1'x" as PeeringId)!;
    expect(fix).toContain(`--route-table-id 'rtb-1; rm -rf ~'`);
    expect(fix).toContain(`--vpc-peering-connection-id 'pcx-1'\\''x'`);
    expect(describeRouteCheck(missing(hostile, '10.1.0.0/16'), 'pcx-1' as PeeringId)).toBe('10.1.0.0/16 has no route to pcx-1');
  });
});
