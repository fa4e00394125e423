/** Differential tests, the sandbox against moto 5.2.1 as moto-ec2.ts starts them, of internet,
 * egress-only, NAT and virtual private gateways, and routes to gateways. */
import {
  AllocateAddressCommand,
  AttachInternetGatewayCommand,
  AttachVpnGatewayCommand,
  CreateEgressOnlyInternetGatewayCommand,
  CreateInternetGatewayCommand,
  CreateNatGatewayCommand,
  CreateRouteCommand,
  CreateRouteTableCommand,
  CreateSubnetCommand,
  CreateVpcCommand,
  CreateVpnGatewayCommand,
  DeleteEgressOnlyInternetGatewayCommand,
  DeleteInternetGatewayCommand,
  DeleteNatGatewayCommand,
  DeleteSubnetCommand,
  DeleteVpcCommand,
  DeleteVpnGatewayCommand,
  DescribeAddressesCommand,
  DescribeEgressOnlyInternetGatewaysCommand,
  DescribeInternetGatewaysCommand,
  DescribeNatGatewaysCommand,
  DescribeRouteTablesCommand,
  DescribeVpnGatewaysCommand,
  DetachInternetGatewayCommand,
  DetachVpnGatewayCommand,
  ReleaseAddressCommand,
} from '@aws-sdk/client-ec2';
import { expect, it } from 'vitest';

import { describeWithVpcs } from './moto-ec2';
import { both, code } from './moto-targets';

describeWithVpcs('sandbox and moto agree on gateways', (targets) => {
  it('runs internet, egress-only, NAT and virtual private gateways alike', async () => {
    const [s, m] = await both(targets, async (t) => {
      const c = t.a('us-west-2');
      const newVpc = async (cidr: string) => (await c.send(new CreateVpcCommand({ CidrBlock: cidr }))).Vpc?.VpcId as string;
      const [v1, v2] = [await newVpc('10.90.0.0/16'), await newVpc('10.91.0.0/16')];
      const igw = (await c.send(new CreateInternetGatewayCommand({}))).InternetGateway;
      const g = igw?.InternetGatewayId as string;
      await c.send(new AttachInternetGatewayCommand({ InternetGatewayId: g, VpcId: v1 }));
      const igwSeen = async () => (await c.send(new DescribeInternetGatewaysCommand({ InternetGatewayIds: [g] }))).InternetGateways?.[0]?.Attachments;
      const attached = (await igwSeen())?.map((a) => [a.State, a.VpcId === v1]);
      const twice = await code(c.send(new AttachInternetGatewayCommand({ InternetGatewayId: g, VpcId: v2 })));
      const deleteAttached = await code(c.send(new DeleteInternetGatewayCommand({ InternetGatewayId: g })));
      const detachWrong = await code(c.send(new DetachInternetGatewayCommand({ InternetGatewayId: g, VpcId: v2 })));
      const byVpc = (await c.send(new DescribeInternetGatewaysCommand({ Filters: [{ Name: 'attachment.vpc-id', Values: [v1] }] }))).InternetGateways?.map((x) => x.InternetGatewayId === g);
      const subnet = (await c.send(new CreateSubnetCommand({ VpcId: v1, CidrBlock: '10.90.1.0/24' }))).Subnet?.SubnetId as string;
      const eip = await c.send(new AllocateAddressCommand({ Domain: 'vpc' }));
      const nat = (await c.send(new CreateNatGatewayCommand({ SubnetId: subnet, AllocationId: eip.AllocationId }))).NatGateway?.NatGatewayId as string;
      const natSeen = (await c.send(new DescribeNatGatewaysCommand({ NatGatewayIds: [nat] }))).NatGateways?.[0];
      const addressInUse = Boolean((await c.send(new DescribeAddressesCommand({ AllocationIds: [eip.AllocationId as string] }))).Addresses?.[0]?.AssociationId);
      await c.send(new DeleteNatGatewayCommand({ NatGatewayId: nat }));
      const natDeleted = (await c.send(new DescribeNatGatewaysCommand({ NatGatewayIds: [nat] }))).NatGateways?.[0]?.State;
      const eigw = (await c.send(new CreateEgressOnlyInternetGatewayCommand({ VpcId: v2 }))).EgressOnlyInternetGateway;
      const eigwSeen = (await c.send(new DescribeEgressOnlyInternetGatewaysCommand({ EgressOnlyInternetGatewayIds: [eigw?.EgressOnlyInternetGatewayId as string] })))
        .EgressOnlyInternetGateways?.[0]?.Attachments?.map((a) => [a.State, a.VpcId === v2]);
      await c.send(new DeleteEgressOnlyInternetGatewayCommand({ EgressOnlyInternetGatewayId: eigw?.EgressOnlyInternetGatewayId }));
      const vgw = (await c.send(new CreateVpnGatewayCommand({ Type: 'ipsec.1' }))).VpnGateway;
      const vg = vgw?.VpnGatewayId as string;
      await c.send(new AttachVpnGatewayCommand({ VpnGatewayId: vg, VpcId: v2 }));
      const vgwSeen = async () => (await c.send(new DescribeVpnGatewaysCommand({ VpnGatewayIds: [vg] }))).VpnGateways?.[0]?.VpcAttachments?.map((a) => [a.State, a.VpcId === v2]);
      const vgwAttached = await vgwSeen();
      const vpcHeld = await code(c.send(new DeleteVpcCommand({ VpcId: v2 })));
      await c.send(new DetachVpnGatewayCommand({ VpnGatewayId: vg, VpcId: v2 }));
      const vgwDetached = await vgwSeen();
      await c.send(new DetachInternetGatewayCommand({ InternetGatewayId: g, VpcId: v1 }));
      await c.send(new DeleteInternetGatewayCommand({ InternetGatewayId: g }));
      const gone = await code(c.send(new DescribeInternetGatewaysCommand({ InternetGatewayIds: [g] })));
      return {
        created: igw?.Attachments,
        attached,
        twice,
        deleteAttached,
        detachWrong,
        byVpc,
        nat: [natSeen?.State, natSeen?.SubnetId === subnet, natSeen?.VpcId === v1, natSeen?.NatGatewayAddresses?.map((a) => [a.AllocationId === eip.AllocationId, a.PublicIp === eip.PublicIp])],
        addressInUse,
        natDeleted,
        eigwSeen,
        vgw: [vgw?.State, vgw?.Type, vgw?.VpcAttachments],
        vgwAttached,
        vpcHeld,
        vgwDetached,
        gone,
      };
    });
    expect(s).toEqual(m);
    expect(s).toMatchObject({
      created: [],
      attached: [['available', true]],
      twice: 'Resource.AlreadyAssociated',
      deleteAttached: 'DependencyViolation',
      detachWrong: 'Gateway.NotAttached',
      byVpc: [true],
      nat: ['available', true, true, [[true, true]]],
      addressInUse: true,
      natDeleted: 'deleted',
      eigwSeen: [['attached', true]],
      vgw: ['available', 'ipsec.1', []],
      vgwAttached: [['attached', true]],
      vpcHeld: 'DependencyViolation',
      vgwDetached: [['detached', true]],
      gone: 'InvalidInternetGatewayID.NotFound',
    });
  });

  it('differs on gateways where moto departs from AWS, and the sandbox follows AWS', async () => {
    const [s, m] = await both(targets, async (t) => {
      const c = t.a('us-west-1');
      const newVpc = async (cidr: string) => (await c.send(new CreateVpcCommand({ CidrBlock: cidr }))).Vpc?.VpcId as string;
      const newIgw = async (vpc: string) => {
        const id = (await c.send(new CreateInternetGatewayCommand({}))).InternetGateway?.InternetGatewayId as string;
        await c.send(new AttachInternetGatewayCommand({ InternetGatewayId: id, VpcId: vpc }));
        return id;
      };
      const withIgw = await newVpc('10.100.0.0/16');
      const igw = await newIgw(withIgw);
      const secondIgw = await code(newIgw(withIgw));
      const spare = await newVpc('10.104.0.0/16');
      await newIgw(spare);
      const deleteVpcWithIgw = await code(c.send(new DeleteVpcCommand({ VpcId: spare })));
      const subnet = (await c.send(new CreateSubnetCommand({ VpcId: withIgw, CidrBlock: '10.100.1.0/24' }))).Subnet?.SubnetId as string;
      const eip = (await c.send(new AllocateAddressCommand({ Domain: 'vpc' }))).AllocationId as string;
      const created = (await c.send(new CreateNatGatewayCommand({ SubnetId: subnet, AllocationId: eip }))).NatGateway;
      const kept = (await c.send(new AllocateAddressCommand({ Domain: 'vpc' }))).AllocationId as string;
      const second = (await c.send(new CreateNatGatewayCommand({ SubnetId: subnet, AllocationId: kept }))).NatGateway?.NatGatewayId;
      await c.send(new DeleteNatGatewayCommand({ NatGatewayId: second }));
      const addresses = (await c.send(new DescribeAddressesCommand({ AllocationIds: [kept] }))).Addresses ?? [];
      const associatedAfterDelete = addresses.some((a) => a.AssociationId !== undefined);
      const releaseInUse = await code(c.send(new ReleaseAddressCommand({ AllocationId: eip })));
      const deleteSubnetWithNat = await code(c.send(new DeleteSubnetCommand({ SubnetId: subnet })));
      const detachWithNat = await code(c.send(new DetachInternetGatewayCommand({ InternetGatewayId: igw, VpcId: withIgw })));
      const noIgwVpc = await newVpc('10.101.0.0/16');
      const noIgwSubnet = (await c.send(new CreateSubnetCommand({ VpcId: noIgwVpc, CidrBlock: '10.101.1.0/24' }))).Subnet?.SubnetId as string;
      const eip2 = (await c.send(new AllocateAddressCommand({ Domain: 'vpc' }))).AllocationId as string;
      const doomed = (await c.send(new CreateNatGatewayCommand({ SubnetId: noIgwSubnet, AllocationId: eip2 }))).NatGateway?.NatGatewayId as string;
      const doomedSeen = (await c.send(new DescribeNatGatewaysCommand({ NatGatewayIds: [doomed] }))).NatGateways?.[0];
      const unknownNat = await code(c.send(new DescribeNatGatewaysCommand({ NatGatewayIds: ['nat-0123456789abcdef0'] })));
      const eigwVpc = await newVpc('10.102.0.0/16');
      await c.send(new CreateEgressOnlyInternetGatewayCommand({ VpcId: eigwVpc }));
      const deleteVpcWithEigw = await code(c.send(new DeleteVpcCommand({ VpcId: eigwVpc })));
      const unknownEigw = await code(c.send(new DescribeEgressOnlyInternetGatewaysCommand({ EgressOnlyInternetGatewayIds: ['eigw-0123456789abcdef0'] })));
      const vgwVpc = await newVpc('10.103.0.0/16');
      const newVgw = async () => (await c.send(new CreateVpnGatewayCommand({ Type: 'ipsec.1' }))).VpnGateway?.VpnGatewayId as string;
      const vg = await newVgw();
      const attachAnswer = (await c.send(new AttachVpnGatewayCommand({ VpnGatewayId: vg, VpcId: vgwVpc }))).VpcAttachment?.State;
      const secondVgw = await code(c.send(new AttachVpnGatewayCommand({ VpnGatewayId: await newVgw(), VpcId: vgwVpc })));
      const deleteAttachedVgw = await code(c.send(new DeleteVpnGatewayCommand({ VpnGatewayId: vg })));
      return {
        secondIgw,
        deleteVpcWithIgw,
        createdState: created?.State,
        releaseInUse,
        deleteSubnetWithNat,
        detachWithNat,
        associatedAfterDelete,
        doomed: [doomedSeen?.State, doomedSeen?.FailureCode],
        unknownNat,
        deleteVpcWithEigw,
        unknownEigw,
        attachAnswer,
        secondVgw,
        deleteAttachedVgw,
      };
    });
    // "Enable internet access for a VPC using an internet gateway" (Amazon VPC user guide): "You
    // can attach only one internet gateway to a VPC". moto attaches a second.
    expect([s.secondIgw, m.secondIgw]).toEqual(['InvalidParameterValue', 'no error']);
    // DeleteVpc (EC2 API reference): "you must ... detach any internet gateway ... and delete any
    // egress-only internet gateways" first. moto deletes the VPC under both.
    expect([s.deleteVpcWithIgw, m.deleteVpcWithIgw]).toEqual(['DependencyViolation', 'no error']);
    expect([s.deleteVpcWithEigw, m.deleteVpcWithEigw]).toEqual(['DependencyViolation', 'no error']);
    // NatGateway.State (EC2 API reference): "pending: The NAT gateway is being created"; the
    // CreateNatGateway example answers pending. moto answers available.
    expect([s.createdState, m.createdState]).toEqual(['pending', 'available']);
    // ReleaseAddress: "[Nondefault VPC] You must disassociate the Elastic IP address before you can
    // release it. Otherwise, Amazon EC2 returns an error (InvalidIPAddress.InUse)." moto releases it.
    expect([s.releaseInUse, m.releaseInUse]).toEqual(['InvalidIPAddress.InUse', 'no error']);
    // A NAT gateway's network interface holds its subnet ("Error codes": DependencyViolation), and
    // its Elastic IP is a mapped public address that DetachInternetGateway refuses to strand
    // (DetachInternetGateway: "The VPC must not contain any running instances with Elastic IP
    // addresses or public IPv4 addresses"). moto lets both go.
    expect([s.deleteSubnetWithNat, m.deleteSubnetWithNat]).toEqual(['DependencyViolation', 'no error']);
    expect([s.detachWithNat, m.detachWithNat]).toEqual(['DependencyViolation', 'no error']);
    // DeleteNatGateway: "Deleting a public NAT gateway disassociates its Elastic IP address". moto
    // keeps the association.
    expect([s.associatedAfterDelete, m.associatedAfterDelete]).toEqual([false, true]);
    // NatGateway.FailureCode: "Gateway.NotAttached: Network vpc-xxxxxxxx has no Internet gateway
    // attached". moto makes the gateway available.
    expect(s.doomed).toEqual(['failed', 'Gateway.NotAttached']);
    expect(m.doomed).toEqual(['available', undefined]);
    // "Error codes for the Amazon EC2 API": NatGatewayNotFound, InvalidEgressOnlyInternetGatewayId.NotFound;
    // moto's Describe leaves unknown ids out.
    expect([s.unknownNat, m.unknownNat]).toEqual(['NatGatewayNotFound', 'no error']);
    expect([s.unknownEigw, m.unknownEigw]).toEqual(['InvalidEgressOnlyInternetGatewayId.NotFound', 'no error']);
    // AttachVpnGateway's VpcAttachment starts attaching (AttachmentStatus); "You can attach one
    // virtual private gateway to one VPC at a time" and a VPC with one answers InvalidVpcState;
    // deleting one still attached is IncorrectState ("Error codes": "If you are deleting a
    // virtual private gateway, ensure that it's detached from the VPC"). moto: attached at once,
    // a second gateway attaches, the attached one is deleted.
    expect([s.attachAnswer, m.attachAnswer]).toEqual(['attaching', 'attached']);
    expect([s.secondVgw, m.secondVgw]).toEqual(['InvalidVpcState', 'no error']);
    expect([s.deleteAttachedVgw, m.deleteAttachedVgw]).toEqual(['IncorrectState', 'no error']);
  });

  it('routes to an internet gateway alike, and differs where moto departs from AWS on gateway targets', async () => {
    const [s, m] = await both(targets, async (t) => {
      const c = t.a('ca-central-1');
      const vpc = (await c.send(new CreateVpcCommand({ CidrBlock: '10.110.0.0/16' }))).Vpc?.VpcId as string;
      const rtb = (await c.send(new CreateRouteTableCommand({ VpcId: vpc }))).RouteTable?.RouteTableId as string;
      const igw = (await c.send(new CreateInternetGatewayCommand({}))).InternetGateway?.InternetGatewayId as string;
      const detachedTarget = await code(c.send(new CreateRouteCommand({ RouteTableId: rtb, DestinationCidrBlock: '0.0.0.0/0', GatewayId: igw })));
      await c.send(new AttachInternetGatewayCommand({ InternetGatewayId: igw, VpcId: vpc }));
      await c.send(new CreateRouteCommand({ RouteTableId: rtb, DestinationCidrBlock: '1.0.0.0/8', GatewayId: igw }));
      const state = async () => (await c.send(new DescribeRouteTablesCommand({ RouteTableIds: [rtb] }))).RouteTables?.[0]?.Routes?.find((r) => r.DestinationCidrBlock === '1.0.0.0/8');
      const before = await state();
      await c.send(new DetachInternetGatewayCommand({ InternetGatewayId: igw, VpcId: vpc }));
      await c.send(new DeleteInternetGatewayCommand({ InternetGatewayId: igw }));
      const after = (await state())?.State;
      const unknownIgw = await code(c.send(new CreateRouteCommand({ RouteTableId: rtb, DestinationCidrBlock: '2.0.0.0/8', GatewayId: 'igw-0123456789abcdef0' })));
      const unknownNat = await code(c.send(new CreateRouteCommand({ RouteTableId: rtb, DestinationCidrBlock: '3.0.0.0/8', NatGatewayId: 'nat-0123456789abcdef0' })));
      return { before: [before?.GatewayId === igw, before?.State], detachedTarget, after, unknownIgw, unknownNat };
    });
    expect(s.before).toEqual(m.before);
    expect(s.before).toEqual([true, 'active']);
    // "Route tables" (Amazon VPC user guide): a route whose target is gone is a blackhole; the
    // route.state filter of DescribeRouteTables: "blackhole … the route's target isn't available".
    // moto keeps the route to a deleted internet gateway active.
    expect([s.after, m.after]).toEqual(['blackhole', 'active']);
    // CreateRoute's GatewayId is "an internet gateway or virtual private gateway attached to your
    // VPC"; AWS answers "route table … and network gateway … belong to different networks" for one
    // that is not, and InvalidGatewayID.NotFound ("The gateway ID '…' does not exist") for one it
    // does not know. moto routes to a detached gateway and answers InvalidInternetGatewayID.NotFound.
    expect([s.detachedTarget, m.detachedTarget]).toEqual(['InvalidParameterValue', 'no error']);
    expect([s.unknownIgw, m.unknownIgw]).toEqual(['InvalidGatewayID.NotFound', 'InvalidInternetGatewayID.NotFound']);
    // "Error codes for the Amazon EC2 API": InvalidNatGatewayID.NotFound; moto keeps a route to a
    // NAT gateway that does not exist.
    expect([s.unknownNat, m.unknownNat]).toEqual(['InvalidNatGatewayID.NotFound', 'no error']);
  });
});
