import { describe, expect, it } from 'vitest';

import { buildExportDocument } from '../../../shared/export/export-document';
import type { Snapshot } from '../../../shared/model/snapshot';
import { peering, transitGateway, transitGatewayPeering, transitGatewayRouteTable, vpc, vpcAttachment } from '../../support/fixtures/build-topology';
import { buildReviewSnapshot } from '../../support/fixtures/golden/review-snapshot';
import { reviewDocument } from './review-doc';

describe('buildExportDocument', () => {
  it('keeps every VPC and peering, and adds the unscanned peer VPC from its peering side', () => {
    const doc = reviewDocument();
    expect(doc.topology.vpcs.map((v) => v.id).sort()).toEqual(['vpc-0a11', 'vpc-0a12', 'vpc-0b21', 'vpc-0b22', 'vpc-0c31', 'vpc-0c32', 'vpc-0d41']);
    expect([...doc.externalVpcIds]).toEqual(['vpc-0d41']);
    expect(doc.accountIds).toEqual(['111111111111', '222222222222', '333333333333', '444444444444']);
    expect(doc.regions).toEqual(['eu-west-1', 'us-east-1', 'us-west-2']);
    expect(doc.topology.peerings).toHaveLength(6);
  });

  it('takes the analysis from the shared analysis functions', () => {
    const doc = reviewDocument();
    expect(doc.analysis.cidrConflicts.map((c) => [c.vpcA, c.vpcB])).toEqual([['vpc-0b21', 'vpc-0c32']]);
    expect(doc.analysis.routeCompleteness.get('pcx-0002')?.requester.summary).toBe('partial');
    expect(doc.analysis.routeCompleteness.get('pcx-0001')?.accepter.summary).toBe('complete');
    expect(doc.analysis.nonTransitivePairs.map((p) => `${p.a}-${p.b}`)).toContain('vpc-0b21-vpc-0c31');
  });

  it('cuts the view down to chosen peerings and their two VPCs', () => {
    const doc = reviewDocument({ peeringIds: ['pcx-0003'] });
    expect(doc.topology.vpcs.map((v) => v.id)).toEqual(['vpc-0b21', 'vpc-0b22']);
    expect(doc.topology.peerings.map((p) => p.id)).toEqual(['pcx-0003']);
    expect(doc.analysis.cidrConflicts).toEqual([]);
  });

  it('shows the peerings among chosen VPCs', () => {
    const doc = reviewDocument({ vpcIds: ['vpc-0a11', 'vpc-0b21', 'vpc-0c31'] });
    expect(doc.topology.peerings.map((p) => p.id)).toEqual(['pcx-0001', 'pcx-0002', 'pcx-0006']);
    expect(doc.topology.vpcs.map((v) => v.id)).toContain('vpc-0d41');
  });

  it('refuses unknown ids and names them', () => {
    const r = buildExportDocument(buildReviewSnapshot(), { peeringIds: ['pcx-0001', 'pcx-nope'] });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.message).toContain('pcx-nope');
      expect(r.error.fix).toContain('pcx-0001');
    }
    const v = buildExportDocument(buildReviewSnapshot(), { vpcIds: ['vpc-zzz'] });
    expect(v.ok || v.error.message).toContain('vpc-zzz');
  });

  it('leaves deleted peerings out, as the canvas does, unless asked for or chosen by id', () => {
    const review = buildReviewSnapshot();
    const hub = review.topology.vpcs.find((v) => v.id === 'vpc-0a11')!;
    // A peering deleted an hour ago to a VPC of an account that was never scanned: only it names that VPC.
    const gone = vpc('vpc-0e51', '172.20.0.0/16', { accountId: '555555555555', region: 'eu-west-1' });
    const snapshot: Snapshot = { ...review, topology: { ...review.topology, peerings: [...review.topology.peerings, peering('pcx-0007', hub, gone, 'deleted')] } };
    const shown = (selection: Parameters<typeof buildExportDocument>[1]) => {
      const r = buildExportDocument(snapshot, selection);
      if (!r.ok) throw new Error(r.error.message);
      return { peerings: r.value.topology.peerings.map((p) => p.id), vpcs: r.value.topology.vpcs.map((v) => v.id), accounts: r.value.accountIds };
    };
    const all = shown({});
    expect(all.peerings).not.toContain('pcx-0007');
    expect(all.vpcs).not.toContain('vpc-0e51');
    expect(all.accounts).not.toContain('555555555555');
    expect(shown({ vpcIds: ['vpc-0a11'] }).peerings).not.toContain('pcx-0007');
    expect(shown({ includeDeleted: true }).peerings).toContain('pcx-0007');
    expect(shown({ includeDeleted: true }).vpcs).toContain('vpc-0e51');
    expect(shown({ vpcIds: ['vpc-0a11'], includeDeleted: true }).peerings).toContain('pcx-0007');
    expect(shown({ peeringIds: ['pcx-0007'] })).toEqual({ peerings: ['pcx-0007'], vpcs: ['vpc-0a11', 'vpc-0e51'], accounts: ['111111111111', '555555555555'] });
  });

  it('keeps the interfaces and instances of the VPCs in view, and only those', () => {
    const review = buildReviewSnapshot();
    const place = (vpcId: string) => {
      const v = review.topology.vpcs.find((x) => x.id === vpcId)!;
      return { vpcId: v.id, subnetId: `subnet-${vpcId.slice(4)}` as const, accountId: v.accountId, region: v.region };
    };
    const eni = (id: `eni-${string}`, vpcId: string) => ({
      id,
      ...place(vpcId),
      interfaceType: 'interface',
      description: '',
      status: 'in-use',
      privateIpAddresses: [],
      ipv6Addresses: [],
      securityGroupIds: [],
      requesterManaged: false,
    });
    const instance = (id: `i-${string}`, vpcId: string, nic: `eni-${string}`) => ({ id, ...place(vpcId), state: 'running', networkInterfaceIds: [nic], securityGroupIds: [] });
    const snapshot: Snapshot = {
      ...review,
      topology: {
        ...review.topology,
        networkInterfaces: [eni('eni-a', 'vpc-0a11'), eni('eni-b', 'vpc-0b22')],
        instances: [instance('i-a', 'vpc-0a11', 'eni-a'), instance('i-b', 'vpc-0b22', 'eni-b')],
      },
    };
    const r = buildExportDocument(snapshot, { peeringIds: ['pcx-0001'] });
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.topology.vpcs.map((v) => v.id)).toContain('vpc-0a11');
    expect(r.value.topology.vpcs.map((v) => v.id)).not.toContain('vpc-0b22');
    expect(r.value.topology.networkInterfaces.map((n) => n.id)).toEqual(['eni-a']);
    expect(r.value.topology.instances.map((i) => i.id)).toEqual(['i-a']);
  });

  it('keeps the DHCP options sets the VPCs in view use, and only those', () => {
    const review = buildReviewSnapshot();
    const a = review.topology.vpcs.find((x) => x.id === 'vpc-0a11')!;
    const b = review.topology.vpcs.find((x) => x.id === 'vpc-0b22')!;
    const set = (id: `dopt-${string}`, v: typeof a) => ({ id, accountId: v.accountId, region: v.region, configurations: { 'domain-name-servers': ['10.0.0.2'] } });
    const snapshot: Snapshot = {
      ...review,
      topology: {
        ...review.topology,
        vpcs: review.topology.vpcs.map((v) => (v.id === a.id ? { ...v, dhcpOptionsId: 'dopt-a' as const } : v.id === b.id ? { ...v, dhcpOptionsId: 'dopt-b' as const } : v)),
        dhcpOptions: [set('dopt-a', a), set('dopt-b', b), set('dopt-unused', a)],
      },
    };
    const r = buildExportDocument(snapshot, { peeringIds: ['pcx-0001'] });
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.topology.vpcs.map((v) => v.id)).not.toContain('vpc-0b22');
    expect(r.value.topology.dhcpOptions.map((d) => d.id)).toEqual(['dopt-a']);
  });

  it('keeps the transit gateways a VPC in view is attached to, with their route tables and peerings, and no attachment of a VPC out of view', () => {
    const review = buildReviewSnapshot();
    const a = review.topology.vpcs.find((x) => x.id === 'vpc-0a11')!;
    const b = review.topology.vpcs.find((x) => x.id === 'vpc-0b22')!;
    const hub = transitGateway('tgw-0a', { accountId: a.accountId, region: a.region, defaultRouteTableId: 'tgw-rtb-0a' });
    const far = transitGateway('tgw-0b', { accountId: b.accountId, region: b.region, defaultRouteTableId: 'tgw-rtb-0b' });
    const lonely = transitGateway('tgw-0c', { accountId: b.accountId, region: b.region });
    const toA = vpcAttachment('tgw-attach-0a', hub, a, [], 'tgw-rtb-0a');
    const toB = vpcAttachment('tgw-attach-0b', hub, b, [], 'tgw-rtb-0a');
    const bOnFar = vpcAttachment('tgw-attach-0c', far, b, [], 'tgw-rtb-0b');
    const link = transitGatewayPeering('tgw-attach-0d', hub, far, { requester: 'tgw-rtb-0a', accepter: 'tgw-rtb-0b' });
    const snapshot: Snapshot = {
      ...review,
      topology: {
        ...review.topology,
        transitGateways: [hub, far, lonely],
        transitGatewayAttachments: [toA, toB, bOnFar, ...link.attachments],
        transitGatewayPeerings: [link.peering],
        transitGatewayRouteTables: [
          transitGatewayRouteTable('tgw-rtb-0a', hub, { associations: [toA, toB] }),
          transitGatewayRouteTable('tgw-rtb-0b', far, { associations: [bOnFar] }),
        ],
      },
    };
    const r = buildExportDocument(snapshot, { peeringIds: ['pcx-0001'] });
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.topology.vpcs.map((v) => v.id)).not.toContain('vpc-0b22');
    expect(r.value.topology.transitGateways.map((g) => g.id)).toEqual(['tgw-0a']);
    expect(r.value.topology.transitGatewayAttachments.map((x) => `${x.transitGatewayId}/${x.id}`)).toEqual(['tgw-0a/tgw-attach-0a', 'tgw-0a/tgw-attach-0d']);
    expect(r.value.topology.transitGatewayPeerings.map((p) => p.id)).toEqual(['tgw-attach-0d']);
    expect(r.value.topology.transitGatewayRouteTables.map((t) => t.id)).toEqual(['tgw-rtb-0a']);
  });
});
