import { describe, expect, it } from 'vitest';

import { buildHandoff } from '../../../shared/planning/handoff';
import { planPeering } from '../../../shared/planning/plan-peering';
import { unpeeredPair } from './planning-fixtures';

describe('buildHandoff', () => {
  it('tells the accepter account owner, with ids filled in, how to accept and add their routes and rules', () => {
    const { topology } = unpeeredPair({ accepterRegion: 'us-east-1', profiles: { '222222222222': [] } });
    const r = planPeering(topology, {
      requesterVpcId: 'vpc-r',
      accepterVpcId: 'vpc-x',
      cidrs: ['10.0.0.0/16', '10.1.0.0/16'],
      securityGroupRules: [{ groupIds: ['sg-x'], protocol: 'tcp', ports: { from: 5432, to: 5432 }, source: 'cidr' }],
    });
    if (!r.ok) throw new Error(r.error.message);
    const h = buildHandoff(r.value, 'pcx-0123456789abcdef0')!;
    expect(h).toMatchObject({ accountId: '222222222222', region: 'us-east-1', peeringId: 'pcx-0123456789abcdef0' });
    expect(h.stepIds).toEqual(['accept', 'route:rtb-x1:10.0.0.0/16', 'ingress:sg-x:1']);
    expect(h.consoleSteps).toEqual([
      'Sign in to account 222222222222 and open the VPC console in us-east-1 (the region of vpc-x).',
      'Go to Peering connections, select pcx-0123456789abcdef0 (requested by account 111111111111 for vpc-r), then choose Actions → Accept request.',
      'Go to Route tables, select rtb-x1, choose Edit routes, and for 10.0.0.0/16 add a route with that destination and target "Peering connection" pcx-0123456789abcdef0; save.',
      'Go to Security groups, select sg-x, choose Edit inbound rules, and add: TCP port 5432 from 10.0.0.0/16; save.',
    ]);
    expect(h.cliCommands.map((c) => c.command)).toEqual([
      'aws ec2 accept-vpc-peering-connection --vpc-peering-connection-id pcx-0123456789abcdef0 --region us-east-1',
      'aws ec2 create-route --route-table-id rtb-x1 --destination-cidr-block 10.0.0.0/16 --vpc-peering-connection-id pcx-0123456789abcdef0 --region us-east-1',
      `aws ec2 authorize-security-group-ingress --group-id sg-x --ip-permissions '[{"IpProtocol":"tcp","FromPort":5432,"ToPort":5432,"IpRanges":[{"CidrIp":"10.0.0.0/16","Description":"peerscape pcx-0123456789abcdef0 from vpc-r"}]}]' --region us-east-1`,
    ]);
  });

  it('is absent when every step has a profile', () => {
    const r = planPeering(unpeeredPair().topology, { requesterVpcId: 'vpc-r', accepterVpcId: 'vpc-x' });
    expect(r.ok && buildHandoff(r.value, 'pcx-1')).toBeUndefined();
  });
});
