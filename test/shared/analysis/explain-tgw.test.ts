import { describe, expect, it } from 'vitest';

import { explainReachability } from '../../../shared/analysis/explain-reachability';
import type { Subnet } from '../../../shared/model/topology';
import { route, subnet, tgwRoute } from '../../support/fixtures/build-topology';
import { tgwA, tgwEstate } from '../../support/fixtures/tgw-reach-estate';

const check = (x: ReturnType<typeof explainReachability>, kind: string) => x.checks.find((c) => c.kind === kind)!;

describe('explain through transit gateways', () => {
  it('passes a pair joined only by a transit gateway, hop by hop, with the deciding route of each table', () => {
    const x = explainReachability(tgwEstate(), 'subnet-a1', '10.2.1.20');
    expect(x.verdict).toBe('reachable');
    expect(x.peeringId).toBeNull();
    expect(x.transitGatewayIds).toEqual(['tgw-1']);
    expect(check(x, 'peering').message).toContain('transit gateway tgw-1 joins them');
    expect(check(x, 'source-route').message).toBe(
      'rtb-a (main), serving subnet-a1, routes to the destination through tgw-1: 10.0.0.0/8 → tgw-1 (transit gateway); tgw-rtb-1: 10.2.0.0/16 → tgw-attach-c (propagated).',
    );
    expect(check(x, 'return-route')).toMatchObject({ status: 'pass' });
    expect(check(x, 'return-route').message).toContain('back to the source through tgw-1');
  });

  it('follows a gateway peering to the VPC on the other gateway and back', () => {
    const x = explainReachability(tgwEstate(), 'vpc-a', 'vpc-d');
    expect(x.verdict).toBe('reachable');
    expect(x.transitGatewayIds).toEqual(['tgw-1', 'tgw-2']);
    expect(check(x, 'return-route').message).toContain('tgw-rtb-2: 10.0.0.0/14 → tgw-attach-p; tgw-rtb-1: 10.0.0.0/16 → tgw-attach-a (propagated)');
  });

  it('says which one the routes choose where a peering and a gateway both join the VPCs', () => {
    const x = explainReachability(tgwEstate(), 'subnet-a1', 'subnet-b1');
    expect(x.verdict).toBe('reachable');
    expect(x.peeringId).toBe('pcx-ab');
    expect(x.transitGatewayIds).toBeUndefined();
    // a sends b's /24 through the gateway, the rest of b over the peering: the hop names both.
    const both = explainReachability(tgwEstate({ routes: { a: [route('10.1.0.0/16', 'pcx-ab'), route('10.1.1.0/24', 'tgw-1')] } }), 'subnet-a1', 'subnet-b1');
    expect(both.verdict).toBe('reachable');
    expect(both.transitGatewayIds).toEqual(['tgw-1']);
    expect(check(both, 'source-route').message).toContain('through tgw-1: 10.1.1.0/24 → tgw-1 (transit gateway)');
  });

  it('fails at each gateway hop with its fix', () => {
    const fix = (t: ReturnType<typeof tgwEstate>, kind: string, from = 'subnet-a1', to = 'subnet-c1') => {
      const x = explainReachability(t, from, to);
      const c = check(x, kind);
      expect(c.status, c.message).toBe('fail');
      expect(x.verdict).toBe('unreachable');
      return `${c.message} | ${c.fix}`;
    };
    expect(fix(tgwEstate({ unassociated: ['c'] }), 'return-route')).toBe(
      'rtb-c (main), serving subnet-c1, does not route back to the source through tgw-1: the traffic enters by an attachment associated with no route table, so the gateway routes nothing from it (tgw-attach-c of tgw-1). | Associate tgw-attach-c with a route table of tgw-1: aws ec2 associate-transit-gateway-route-table --transit-gateway-route-table-id tgw-rtb-1 --transit-gateway-attachment-id tgw-attach-c --profile profile-111111111111 --region eu-west-1',
    );
    const noRoute = tgwEstate({ rtb1Routes: (a) => [tgwRoute('10.0.0.0/16', [a.a], 'propagated')] });
    expect(fix(noRoute, 'source-route')).toBe(
      'rtb-a (main), serving subnet-a1, does not route to the destination through tgw-1: at tgw-rtb-1 of tgw-1 it has no route for it. | Propagate the destination\'s attachment tgw-attach-c to tgw-rtb-1: aws ec2 enable-transit-gateway-route-table-propagation --transit-gateway-route-table-id tgw-rtb-1 --transit-gateway-attachment-id tgw-attach-c --profile profile-111111111111 --region eu-west-1 (or add a static route: aws ec2 create-transit-gateway-route --destination-cidr-block 10.2.0.0/16 --transit-gateway-route-table-id tgw-rtb-1 --transit-gateway-attachment-id tgw-attach-c --profile profile-111111111111 --region eu-west-1)',
    );
    const blackhole = tgwEstate({ rtb1Routes: (a) => [tgwRoute('10.0.0.0/16', [a.a], 'propagated'), tgwRoute('10.2.0.0/16', 'blackhole')] });
    expect(fix(blackhole, 'source-route')).toContain(
      'tgw-rtb-1 of tgw-1 drops it with a blackhole route (10.2.0.0/16). | Replace the blackhole route with one to tgw-attach-c: aws ec2 replace-transit-gateway-route --destination-cidr-block 10.2.0.0/16 --transit-gateway-route-table-id tgw-rtb-1 --transit-gateway-attachment-id tgw-attach-c --profile profile-111111111111 --region eu-west-1',
    );
    expect(fix(tgwEstate({ routes: { c: [route('10.1.0.0/16', 'pcx-bc')] } }), 'return-route')).toBe(
      'rtb-c (main), serving subnet-c1, does not route back to the source through tgw-1: rtb-c does not send 10.0.0.0/16 to tgw-1, the transit gateway that joins the two VPCs. | Route 10.0.0.0/16 to tgw-1 in rtb-c: aws ec2 create-route --route-table-id rtb-c --destination-cidr-block 10.0.0.0/16 --transit-gateway-id tgw-1 --profile profile-111111111111 --region eu-west-1',
    );
    const a2: Subnet = { ...subnet('subnet-a2', tgwA, '10.0.2.0/24'), availabilityZone: 'eu-west-1b' };
    expect(fix(tgwEstate({ subnets: [a2] }), 'source-route', 'subnet-a2')).toContain(
      "Add a subnet of that zone to tgw-attach-a: aws ec2 modify-transit-gateway-vpc-attachment --transit-gateway-attachment-id tgw-attach-a --add-subnet-ids subnet-a2 --profile profile-111111111111 --region eu-west-1",
    );
  });

  it('gives what blocked as data', () => {
    const x = explainReachability(tgwEstate({ unassociated: ['c'] }), 'subnet-a1', 'subnet-c1');
    expect(check(x, 'return-route').blockedBy).toEqual({
      kind: 'transit-gateway',
      reason: 'no-association',
      transitGatewayId: 'tgw-1',
      routeTableId: 'rtb-c',
      attachmentId: 'tgw-attach-c',
      destination: '10.0.1.0/24',
    });
  });

  it('cannot tell when the gateway routing was not read, and says how to read it', () => {
    const x = explainReachability(tgwEstate({ tgw1Unread: true }), 'subnet-a1', 'subnet-c1');
    expect(x.verdict).toBe('undetermined');
    const c = check(x, 'source-route');
    expect(c.status).toBe('unknown');
    expect(c.message).toContain("tgw-1's routing was not read: its owner's account and region were not scanned");
    expect(c.fix).toBe("Scan account 111111111111 in eu-west-1 (the gateway's owner): only its credentials read the gateway's route tables.");
  });
});
