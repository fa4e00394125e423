/** One transit gateway and one attachment however many scanned accounts list them, and what a
 * snapshot says of a gateway whose owner was not scanned, as discovery translates and merges the
 * SDK's items (the sandbox does not share gateways between accounts yet, so these views are
 * written as the SDK returns them). */
import type { TransitGateway as AwsTransitGateway, TransitGatewayAttachment as AwsAttachment, TransitGatewayVpcAttachment } from '@aws-sdk/client-ec2';
import { describe, expect, it } from 'vitest';

import type { RawTransitGatewayAttachment } from '../../../electron/discovery/kinds/transit-gateway-attachment';
import type { RawTransitGateway } from '../../../electron/discovery/kinds/transit-gateway';
import { replaceSlices, sliceKey } from '../../../electron/discovery/merge-slices';
import { EMPTY_RAW_REGION, toTopology, type RegionObservation } from '../../../electron/discovery/to-topology';
import { parseSnapshot } from '../../../shared/model/snapshot-schema';
import type { Topology } from '../../../shared/model/topology';
import { snapshot } from '../../support/fixtures/build-topology';

const OWNER = '111111111111';
const MEMBER = '222222222222';
const REGION = 'eu-west-1';

const gateway = (description: string): AwsTransitGateway => ({
  TransitGatewayId: 'tgw-0aaa',
  OwnerId: OWNER,
  State: 'available',
  Description: description,
  Options: { AmazonSideAsn: 64512, AutoAcceptSharedAttachments: 'enable', DefaultRouteTableAssociation: 'enable', AssociationDefaultRouteTableId: 'tgw-rtb-0aaa', DnsSupport: 'enable' },
  Tags: [{ Key: 'Name', Value: 'shared-hub' }],
});

/** The member's VPC attachment to the owner's gateway, as either account lists it. */
const attachment = (association: boolean): AwsAttachment => ({
  TransitGatewayAttachmentId: 'tgw-attach-0bbb',
  TransitGatewayId: 'tgw-0aaa',
  TransitGatewayOwnerId: OWNER,
  ResourceOwnerId: MEMBER,
  ResourceType: 'vpc',
  ResourceId: 'vpc-0bbb',
  State: 'available',
  ...(association ? { Association: { TransitGatewayRouteTableId: 'tgw-rtb-0aaa', State: 'associated' } } : {}),
});
const vpcDetails: TransitGatewayVpcAttachment = {
  TransitGatewayAttachmentId: 'tgw-attach-0bbb',
  TransitGatewayId: 'tgw-0aaa',
  VpcId: 'vpc-0bbb',
  VpcOwnerId: MEMBER,
  SubnetIds: ['subnet-0b1', 'subnet-0b2'],
  Options: { DnsSupport: 'enable', Ipv6Support: 'disable', ApplianceModeSupport: 'disable' },
};

function observation(accountId: string, gateways: RawTransitGateway[], attachments: RawTransitGatewayAttachment[]): RegionObservation {
  return { accountId, region: REGION, raw: { ...EMPTY_RAW_REGION, transitGateways: gateways, transitGatewayAttachments: attachments } };
}

/** The member's scan: it sees the shared gateway and its own attachment (its subnets' zones known), never the owner's route tables. */
const memberView = observation(MEMBER, [{ gateway: gateway('as the member sees it'), routeTablesRead: true }], [
  { attachment: attachment(false), vpc: vpcDetails, zones: { 'subnet-0b1': 'eu-west-1a', 'subnet-0b2': 'eu-west-1b' } },
]);
/** The owner's scan: the gateway, and the member's attachment with its association (the subnets are the member's: no zones). */
const ownerView = (routeTablesRead: boolean) =>
  observation(OWNER, [{ gateway: gateway('core'), routeTablesRead }], [{ attachment: attachment(true), vpc: vpcDetails, zones: {} }]);

const topologyOf = (...observations: RegionObservation[]): Topology => toTopology([], observations);

describe('transit gateways seen from more than one account', () => {
  it('says a gateway seen only by an account it is shared with has unread routing, and keeps what that account saw', () => {
    const t = topologyOf(memberView);
    expect(t.transitGateways).toHaveLength(1);
    expect(t.transitGateways[0]).toMatchObject({
      id: 'tgw-0aaa',
      accountId: OWNER,
      region: REGION,
      name: 'shared-hub',
      sharedWith: [MEMBER],
      routing: { state: 'unread', reason: 'owner-not-scanned' },
    });
    expect(t.transitGatewayAttachments).toEqual([
      {
        id: 'tgw-attach-0bbb',
        transitGatewayId: 'tgw-0aaa',
        transitGatewayOwnerId: OWNER,
        region: REGION,
        resourceType: 'vpc',
        resourceId: 'vpc-0bbb',
        resourceOwnerId: MEMBER,
        state: 'available',
        vpc: {
          vpcId: 'vpc-0bbb',
          subnets: [
            { subnetId: 'subnet-0b1', availabilityZone: 'eu-west-1a' },
            { subnetId: 'subnet-0b2', availabilityZone: 'eu-west-1b' },
          ],
          options: { dnsSupport: true, ipv6Support: false, applianceModeSupport: false },
        },
        listedBy: [MEMBER],
      },
    ]);
    expect(t.transitGatewayRouteTables).toEqual([]);
    const s = snapshot(t);
    expect(parseSnapshot(JSON.stringify(s))).toEqual({ ok: true, snapshot: s });
  });

  it('merges the owner’s and the member’s views into one gateway and one attachment, the owner’s view first', () => {
    for (const order of [
      [memberView, ownerView(true)],
      [ownerView(true), memberView],
    ]) {
      const t = topologyOf(...order);
      expect(t.transitGateways).toHaveLength(1);
      expect(t.transitGateways[0]).toMatchObject({ description: 'core', sharedWith: [MEMBER], routing: { state: 'read' }, options: { autoAcceptSharedAttachments: true } });
      expect(t.transitGatewayAttachments).toHaveLength(1);
      expect(t.transitGatewayAttachments[0]).toMatchObject({
        association: { routeTableId: 'tgw-rtb-0aaa', state: 'associated' },
        listedBy: [OWNER, MEMBER],
        vpc: { subnets: [{ subnetId: 'subnet-0b1', availabilityZone: 'eu-west-1a' }, { subnetId: 'subnet-0b2', availabilityZone: 'eu-west-1b' }] },
      });
    }
  });

  it('says the owner’s scan listed the gateway but did not read its route tables', () => {
    expect(topologyOf(memberView, ownerView(false)).transitGateways[0]?.routing).toEqual({ state: 'unread', reason: 'route-tables-unread' });
  });

  it('keeps each account’s part through a rescan of the other’s slice', () => {
    const both = snapshot(topologyOf(memberView, ownerView(true)), {
      coverage: [OWNER, MEMBER].map((accountId) => ({ profile: accountId, accountId, region: REGION, state: 'complete' as const })),
    });
    const member = new Set([sliceKey({ accountId: MEMBER, region: REGION })]);
    const owner = new Set([sliceKey({ accountId: OWNER, region: REGION })]);
    // The gateway is no longer shared with the member: a rescan of the member's slice finds nothing.
    const unshared = replaceSlices(both, snapshot(topologyOf(observation(MEMBER, [], []))), member);
    expect(unshared.topology.transitGateways.map((g) => [g.sharedWith, g.routing])).toEqual([[[], { state: 'read' }]]);
    expect(unshared.topology.transitGatewayAttachments.map((a) => a.listedBy)).toEqual([[OWNER]]);
    // The owner's slice rescanned without its route tables: the member still sees the gateway.
    const ownerRescan = replaceSlices(both, snapshot(topologyOf(ownerView(false))), owner);
    expect(ownerRescan.topology.transitGateways.map((g) => [g.sharedWith, g.routing])).toEqual([[[MEMBER], { state: 'unread', reason: 'route-tables-unread' }]]);
    // The owner's slice rescanned and the gateway gone from it: only the member's view stands.
    const ownerGone = replaceSlices(both, snapshot(topologyOf(observation(OWNER, [], []))), owner);
    expect(ownerGone.topology.transitGateways.map((g) => [g.sharedWith, g.routing])).toEqual([[[MEMBER], { state: 'unread', reason: 'owner-not-scanned' }]]);
    expect(ownerGone.topology.transitGatewayAttachments.map((a) => a.listedBy)).toEqual([[MEMBER]]);
  });
});
