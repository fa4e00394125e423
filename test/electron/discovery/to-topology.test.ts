/** Translating EC2 describe results (as the SDK returns them) into the topology model. */
import type { VpcPeeringConnection, VpcPeeringConnectionStateReasonCode } from '@aws-sdk/client-ec2';
import { describe, expect, it } from 'vitest';

import {
  EMPTY_RAW_REGION,
  flattenPermission,
  toPeering,
  toRouteTable,
  toTopology,
  toVpc,
  type RegionObservation,
} from '../../../electron/discovery/to-topology';

const A = '111111111111';
const B = '222222222222';
const empty = EMPTY_RAW_REGION;

function pcx(status: string, extra: Partial<VpcPeeringConnection> = {}): VpcPeeringConnection {
  return {
    VpcPeeringConnectionId: 'pcx-0abc',
    Status: { Code: status as VpcPeeringConnectionStateReasonCode, Message: status },
    RequesterVpcInfo: { OwnerId: A, VpcId: 'vpc-0aaa', Region: 'us-east-1', CidrBlockSet: [{ CidrBlock: '10.0.0.0/16' }] },
    AccepterVpcInfo: { OwnerId: B, VpcId: 'vpc-0bbb', Region: 'eu-west-1', CidrBlock: '10.1.0.0/16' },
    Tags: [],
    ...extra,
  };
}

describe('toVpc', () => {
  it('puts the primary block first and leaves out disassociated ones', () => {
    const vpc = toVpc(
      {
        VpcId: 'vpc-01',
        OwnerId: A,
        CidrBlock: '10.0.0.0/16',
        CidrBlockAssociationSet: [
          { CidrBlock: '10.5.0.0/16', AssociationId: 'a2', CidrBlockState: { State: 'associated' } },
          { CidrBlock: '10.0.0.0/16', AssociationId: 'a1', CidrBlockState: { State: 'associated' } },
          { CidrBlock: '10.6.0.0/16', AssociationId: 'a3', CidrBlockState: { State: 'disassociated' } },
        ],
        Ipv6CidrBlockAssociationSet: [{ Ipv6CidrBlock: '2600:1F18::/56', AssociationId: 'a4', Ipv6CidrBlockState: { State: 'associated' } }],
        Tags: [{ Key: 'Name', Value: 'core' }],
        IsDefault: false,
        State: 'available',
      },
      B,
      'us-east-1',
    );
    expect(vpc).toEqual({
      id: 'vpc-01',
      accountId: A,
      region: 'us-east-1',
      name: 'core',
      tags: { Name: 'core' },
      isDefault: false,
      state: 'available',
      cidrBlocks: [
        { cidr: '10.0.0.0/16', family: 'ipv4', primary: true, associationId: 'a1', state: 'associated' },
        { cidr: '10.5.0.0/16', family: 'ipv4', primary: false, associationId: 'a2', state: 'associated' },
        { cidr: '2600:1f18::/56', family: 'ipv6', primary: false, associationId: 'a4', state: 'associated' },
      ],
    });
  });
});

describe('toRouteTable', () => {
  it('marks the main table, keeps explicit subnet associations and names every target', () => {
    const t = toRouteTable(
      {
        RouteTableId: 'rtb-01',
        VpcId: 'vpc-01',
        Associations: [
          { Main: true, AssociationState: { State: 'associated' } },
          { SubnetId: 'subnet-01', AssociationState: { State: 'associated' } },
          { SubnetId: 'subnet-02', AssociationState: { State: 'disassociated' } },
        ],
        Routes: [
          { DestinationCidrBlock: '10.0.0.0/16', GatewayId: 'local', Origin: 'CreateRouteTable', State: 'active' },
          { DestinationCidrBlock: '10.1.0.0/16', VpcPeeringConnectionId: 'pcx-0abc', Origin: 'CreateRoute', State: 'blackhole' },
          { DestinationCidrBlock: '0.0.0.0/0', NatGatewayId: 'nat-01', Origin: 'CreateRoute', State: 'active' },
          { DestinationPrefixListId: 'pl-01', GatewayId: 'vpce-01', Origin: 'CreateRoute', State: 'active' },
        ],
      },
      A,
      'us-east-1',
    );
    expect(t?.main).toBe(true);
    expect(t?.accountId).toBe(A);
    expect(t?.subnetIds).toEqual(['subnet-01']);
    expect(t?.routes.map((r) => [r.destination, r.target, r.state])).toEqual([
      ['10.0.0.0/16', { kind: 'local' }, 'active'],
      ['10.1.0.0/16', { kind: 'peering', peeringId: 'pcx-0abc' }, 'blackhole'],
      ['0.0.0.0/0', { kind: 'other', id: 'nat-01' }, 'active'],
      ['pl-01', { kind: 'other', id: 'vpce-01' }, 'active'],
    ]);
  });
});

describe('flattenPermission', () => {
  it('makes one rule per peer, with the other account and peering of a group reference', () => {
    const rules = flattenPermission(
      {
        IpProtocol: '6',
        FromPort: 5432,
        ToPort: 5432,
        IpRanges: [{ CidrIp: '10.1.0.0/16', Description: 'app' }],
        Ipv6Ranges: [{ CidrIpv6: '2600::/56' }],
        PrefixListIds: [{ PrefixListId: 'pl-01' }],
        UserIdGroupPairs: [
          { GroupId: 'sg-own', UserId: A },
          { GroupId: 'sg-peer', UserId: B, VpcPeeringConnectionId: 'pcx-0abc', PeeringStatus: 'active' },
        ],
      },
      A,
    );
    expect(rules).toEqual([
      { protocol: 'tcp', fromPort: 5432, toPort: 5432, peer: { kind: 'cidr', cidr: '10.1.0.0/16' }, description: 'app' },
      { protocol: 'tcp', fromPort: 5432, toPort: 5432, peer: { kind: 'cidr', cidr: '2600::/56' } },
      { protocol: 'tcp', fromPort: 5432, toPort: 5432, peer: { kind: 'prefix-list', prefixListId: 'pl-01' } },
      { protocol: 'tcp', fromPort: 5432, toPort: 5432, peer: { kind: 'group', groupId: 'sg-own' } },
      { protocol: 'tcp', fromPort: 5432, toPort: 5432, peer: { kind: 'group', groupId: 'sg-peer', accountId: B, peeringId: 'pcx-0abc' } },
    ]);
  });

  it('leaves ports out of all-traffic rules', () => {
    expect(flattenPermission({ IpProtocol: '-1', FromPort: -1, ToPort: -1, IpRanges: [{ CidrIp: '0.0.0.0/0' }] }, A)).toEqual([
      { protocol: '-1', peer: { kind: 'cidr', cidr: '0.0.0.0/0' } },
    ]);
  });
});

describe('toPeering and toTopology', () => {
  it('falls back to the single CidrBlock when CidrBlockSet is absent', () => {
    expect(toPeering(pcx('active'), 'us-east-1')?.accepter.cidrBlocks).toEqual(['10.1.0.0/16']);
  });

  it('skips peerings with a status AWS does not document', () => {
    expect(toPeering(pcx('weird'), 'us-east-1')).toBeUndefined();
  });

  it('merges both accounts’ views of one peering, each side from its owner', () => {
    const fromA: RegionObservation = {
      accountId: A,
      region: 'us-east-1',
      raw: {
        ...empty,
        peerings: [
          pcx('active', {
            Tags: [{ Key: 'Name', Value: 'a-to-b' }],
            RequesterVpcInfo: {
              OwnerId: A,
              VpcId: 'vpc-0aaa',
              Region: 'us-east-1',
              CidrBlockSet: [{ CidrBlock: '10.0.0.0/16' }],
              PeeringOptions: { AllowDnsResolutionFromRemoteVpc: true },
            },
          }),
        ],
      },
    };
    const fromB: RegionObservation = {
      accountId: B,
      region: 'eu-west-1',
      raw: {
        ...empty,
        peerings: [
          pcx('active', {
            Tags: [{ Key: 'team', Value: 'b' }],
            AccepterVpcInfo: {
              OwnerId: B,
              VpcId: 'vpc-0bbb',
              Region: 'eu-west-1',
              CidrBlockSet: [{ CidrBlock: '10.1.0.0/16' }, { CidrBlock: '10.2.0.0/16' }],
              PeeringOptions: { AllowDnsResolutionFromRemoteVpc: false },
            },
          }),
        ],
      },
    };
    const t = toTopology([{ id: B, profiles: ['b'] }, { id: A, profiles: ['a'] }], [fromA, fromB]);
    expect(t.accounts.map((a) => a.id)).toEqual([A, B]);
    expect(t.peerings).toHaveLength(1);
    expect(t.peerings[0]).toMatchObject({
      id: 'pcx-0abc',
      status: 'active',
      name: 'a-to-b',
      tags: { Name: 'a-to-b', team: 'b' },
      requester: { accountId: A, allowDnsResolutionFromRemoteVpc: true },
      accepter: { accountId: B, cidrBlocks: ['10.1.0.0/16', '10.2.0.0/16'], allowDnsResolutionFromRemoteVpc: false },
    });
  });

  it('takes the status further along the lifecycle when two views disagree', () => {
    const t = toTopology(
      [],
      [
        { accountId: A, region: 'us-east-1', raw: { ...empty, peerings: [pcx('pending-acceptance')] } },
        { accountId: B, region: 'eu-west-1', raw: { ...empty, peerings: [pcx('active')] } },
      ],
    );
    expect(t.peerings[0]?.status).toBe('active');
  });

  it('lists a VPC seen by two scans once', () => {
    const vpc = { VpcId: 'vpc-01', OwnerId: A, CidrBlock: '10.0.0.0/16' };
    const t = toTopology(
      [],
      [
        { accountId: A, region: 'us-east-1', raw: { ...empty, vpcs: [vpc] } },
        { accountId: B, region: 'us-east-1', raw: { ...empty, vpcs: [vpc] } },
      ],
    );
    expect(t.vpcs).toHaveLength(1);
  });
});
