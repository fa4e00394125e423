/** Virtual private gateways through the real AWS SDK: one VPC per gateway and one gateway per
 * VPC, attachment states over time, detached attachments left listed, deletion only once
 * detached, DeleteVpc's hold, and Describe's filters. */
import {
  AttachVpnGatewayCommand,
  CreateVpcCommand,
  CreateVpnGatewayCommand,
  DeleteVpcCommand,
  DeleteVpnGatewayCommand,
  DescribeVpnGatewaysCommand,
  DetachVpnGatewayCommand,
  type EC2Client,
  type VpnGateway,
} from '@aws-sdk/client-ec2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startSandbox, type SandboxHandle } from '../../../src/testing/start-sandbox';
import { awsError, ec2 } from '../../clients';

const HOUR = 3_600_000;
let now = Date.parse('2026-03-01T12:00:00Z');
let sb: SandboxHandle;
let c: EC2Client;
let cidrs = 0;

beforeAll(async () => {
  sb = await startSandbox({ scenario: 'empty', clock: () => now });
  c = ec2(sb, 'sandbox-prod');
});
afterAll(async () => sb.stop());

const vpc = async (): Promise<string> => (await c.send(new CreateVpcCommand({ CidrBlock: `10.${++cidrs}.0.0/16` }))).Vpc?.VpcId as string;
const vgw = async (): Promise<string> => (await c.send(new CreateVpnGatewayCommand({ Type: 'ipsec.1' }))).VpnGateway?.VpnGatewayId as string;
const seen = async (id: string): Promise<VpnGateway | undefined> => (await c.send(new DescribeVpnGatewaysCommand({ VpnGatewayIds: [id] }))).VpnGateways?.[0];

describe('a virtual private gateway', () => {
  it('is created available, ipsec.1, with Amazon\'s ASN 64512 unless a private ASN is given', async () => {
    const plain = await c.send(new CreateVpnGatewayCommand({ Type: 'ipsec.1' }));
    expect(plain.VpnGateway).toEqual({
      AmazonSideAsn: 64512,
      State: 'available',
      Type: 'ipsec.1',
      VpcAttachments: [],
      VpnGatewayId: expect.stringMatching(/^vgw-[0-9a-f]{17}$/),
    });
    const custom = await c.send(
      new CreateVpnGatewayCommand({ Type: 'ipsec.1', AmazonSideAsn: 65010, AvailabilityZone: 'us-east-1b', TagSpecifications: [{ ResourceType: 'vpn-gateway', Tags: [{ Key: 'Name', Value: 'dc' }] }] }),
    );
    expect(custom.VpnGateway).toMatchObject({ AmazonSideAsn: 65010, AvailabilityZone: 'us-east-1b', Tags: [{ Key: 'Name', Value: 'dc' }] });
    expect((await awsError(c.send(new CreateVpnGatewayCommand({ Type: 'ipsec.1', AmazonSideAsn: 7224 })))).code).toBe('InvalidParameterValue');
    expect((await awsError(c.send(new CreateVpnGatewayCommand({ Type: 'ipsec.1', AvailabilityZone: 'eu-west-1a' })))).code).toBe('InvalidParameterValue');
  });

  it('attaches to one VPC at a time (VpnGatewayAttachmentLimitExceeded), and a VPC takes one gateway (InvalidVpcState)', async () => {
    const [v1, v2] = [await vpc(), await vpc()];
    const [g1, g2] = [await vgw(), await vgw()];
    const attached = await c.send(new AttachVpnGatewayCommand({ VpnGatewayId: g1, VpcId: v1 }));
    expect(attached.VpcAttachment).toEqual({ State: 'attaching', VpcId: v1 });
    expect((await seen(g1))?.VpcAttachments).toEqual([{ State: 'attached', VpcId: v1 }]);
    expect((await awsError(c.send(new AttachVpnGatewayCommand({ VpnGatewayId: g1, VpcId: v2 })))).code).toBe('VpnGatewayAttachmentLimitExceeded');
    expect((await awsError(c.send(new AttachVpnGatewayCommand({ VpnGatewayId: g2, VpcId: v1 })))).code).toBe('InvalidVpcState');
    expect((await awsError(c.send(new AttachVpnGatewayCommand({ VpnGatewayId: 'vgw-0123456789abcdef0', VpcId: v1 })))).code).toBe('InvalidVpnGatewayID.NotFound');
  });

  it('holds its VPC and refuses deletion until detached; the detached attachment stays listed', async () => {
    const [v1, v2] = [await vpc(), await vpc()];
    const g = await vgw();
    await c.send(new AttachVpnGatewayCommand({ VpnGatewayId: g, VpcId: v1 }));
    const vpcHeld = await awsError(c.send(new DeleteVpcCommand({ VpcId: v1 })));
    expect(vpcHeld).toMatchObject({ code: 'DependencyViolation', message: `The vpc '${v1}' has dependencies and cannot be deleted.` });
    expect(await awsError(c.send(new DeleteVpnGatewayCommand({ VpnGatewayId: g })))).toMatchObject({ code: 'IncorrectState', message: 'The VPN gateway is in use.' });
    const wrong = await awsError(c.send(new DetachVpnGatewayCommand({ VpnGatewayId: g, VpcId: v2 })));
    expect(wrong).toMatchObject({ code: 'InvalidVpnGatewayAttachment.NotFound', message: `The attachment with vpn gateway ID '${g}' and vpc ID '${v2}' does not exist` });
    await c.send(new DetachVpnGatewayCommand({ VpnGatewayId: g, VpcId: v1 }));
    expect((await seen(g))?.VpcAttachments).toEqual([{ State: 'detached', VpcId: v1 }]);
    await c.send(new DeleteVpcCommand({ VpcId: v1 }));
    await c.send(new AttachVpnGatewayCommand({ VpnGatewayId: g, VpcId: v2 }));
    expect((await seen(g))?.VpcAttachments).toEqual([{ State: 'attached', VpcId: v2 }]);
  });

  it('goes attaching, attached, detaching, detached and deleting, deleted over time, then is gone', async () => {
    sb.server.setSettings({ gatewayTransitionMs: 30_000 });
    try {
      const v = await vpc();
      const g = await vgw();
      await c.send(new AttachVpnGatewayCommand({ VpnGatewayId: g, VpcId: v }));
      expect((await seen(g))?.VpcAttachments?.[0]?.State).toBe('attaching');
      now += 30_000;
      expect((await seen(g))?.VpcAttachments?.[0]?.State).toBe('attached');
      await c.send(new DetachVpnGatewayCommand({ VpnGatewayId: g, VpcId: v }));
      expect((await seen(g))?.VpcAttachments?.[0]?.State).toBe('detaching');
      expect((await awsError(c.send(new DeleteVpcCommand({ VpcId: v })))).code).toBe('DependencyViolation');
      expect((await awsError(c.send(new DeleteVpnGatewayCommand({ VpnGatewayId: g })))).code).toBe('IncorrectState');
      now += 30_000;
      expect((await seen(g))?.VpcAttachments?.[0]?.State).toBe('detached');
      await c.send(new DeleteVpnGatewayCommand({ VpnGatewayId: g }));
      expect((await seen(g))?.State).toBe('deleting');
      now += 30_000;
      expect((await seen(g))?.State).toBe('deleted');
      expect((await awsError(c.send(new AttachVpnGatewayCommand({ VpnGatewayId: g, VpcId: v })))).code).toBe('InvalidVpnGatewayState');
      now += HOUR;
      expect(await awsError(c.send(new DescribeVpnGatewaysCommand({ VpnGatewayIds: [g] })))).toMatchObject({
        code: 'InvalidVpnGatewayID.NotFound',
        message: `The vpnGateway ID '${g}' does not exist`,
      });
    } finally {
      sb.server.setSettings({ gatewayTransitionMs: 0 });
    }
  });
});

describe('DescribeVpnGateways', () => {
  it('filters by attachment, state, type, ASN, zone and tag', async () => {
    const ew = ec2(sb, 'sandbox-prod', 'eu-west-1');
    const v = (await ew.send(new CreateVpcCommand({ CidrBlock: '10.250.0.0/16' }))).Vpc?.VpcId as string;
    const a = (await ew.send(new CreateVpnGatewayCommand({ Type: 'ipsec.1', AmazonSideAsn: 65001, AvailabilityZone: 'eu-west-1c' }))).VpnGateway?.VpnGatewayId as string;
    const b = (await ew.send(new CreateVpnGatewayCommand({ Type: 'ipsec.1', TagSpecifications: [{ ResourceType: 'vpn-gateway', Tags: [{ Key: 'site', Value: 'paris' }] }] })))
      .VpnGateway?.VpnGatewayId as string;
    await ew.send(new AttachVpnGatewayCommand({ VpnGatewayId: a, VpcId: v }));
    const find = async (Name: string, Values: string[]) =>
      ((await ew.send(new DescribeVpnGatewaysCommand({ Filters: [{ Name, Values }] }))).VpnGateways ?? []).map((g) => g.VpnGatewayId);
    expect(await find('attachment.vpc-id', [v])).toEqual([a]);
    expect(await find('attachment.state', ['attached'])).toEqual([a]);
    expect(await find('amazon-side-asn', ['65001'])).toEqual([a]);
    expect(await find('availability-zone', ['eu-west-1c'])).toEqual([a]);
    expect(await find('tag:site', ['paris'])).toEqual([b]);
    expect((await find('state', ['available'])).sort()).toEqual([a, b].sort());
    expect((await find('type', ['ipsec.1'])).sort()).toEqual([a, b].sort());
  });
});
