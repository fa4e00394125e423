/** The sandbox's answers that follow AWS's newer API and wording, read by AWS CLIs nobody here
 * wrote: Debian's /usr/bin/aws (2.9, whose botocore model is from 2023) for errors, the subnet
 * fields it knows, security group rules, references and stale groups, DHCP options sets, VPC
 * DNS attributes, managed prefix lists, routes to them, VPC endpoints, network interfaces and
 * instances, transit gateways; and the AWS CLI v1 of the machine's Python (botocore 1.43) for the fields only a
 * current model has (SecurityGroupArn, BlockPublicAccessStates). */
import { execFile, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

import {
  DescribeAvailabilityZonesCommand,
  AcceptVpcPeeringConnectionCommand,
  AssociateVpcCidrBlockCommand,
  AuthorizeSecurityGroupEgressCommand,
  AuthorizeSecurityGroupIngressCommand,
  CreateSecurityGroupCommand,
  CreateSubnetCommand,
  CreateVpcCommand,
  CreateVpcPeeringConnectionCommand,
  DeleteVpcPeeringConnectionCommand,
  RevokeSecurityGroupEgressCommand,
  RevokeSecurityGroupIngressCommand,
  type EC2Client,
} from '@aws-sdk/client-ec2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startSandbox, type SandboxHandle } from '../src/testing/start-sandbox';
import { ec2 } from './clients';

const run = promisify(execFile);
const AWS2 = '/usr/bin/aws';
const hasAws1 = spawnSync('python3', ['-c', 'import awscli'], { encoding: 'utf8' }).status === 0;

let sb: SandboxHandle;
let c: EC2Client;
let env: NodeJS.ProcessEnv;
let vpc: string;

beforeAll(async () => {
  sb = await startSandbox({ scenario: 'empty' });
  c = ec2(sb, 'sandbox-dev');
  const dir = await mkdtemp(join(tmpdir(), 'sandbox-cli-answers-'));
  const files = await sb.writeAwsFiles(dir);
  env = { ...process.env, AWS_CONFIG_FILE: files.configFile, AWS_SHARED_CREDENTIALS_FILE: files.credentialsFile, AWS_PAGER: '' };
  vpc = (await c.send(new CreateVpcCommand({ CidrBlock: '10.30.0.0/16' }))).Vpc?.VpcId as string;
  await c.send(new CreateSubnetCommand({ VpcId: vpc, CidrBlock: '10.30.1.0/24', AvailabilityZone: 'us-east-1a' }));
  await c.send(new CreateSubnetCommand({ VpcId: vpc, CidrBlock: '10.30.2.0/24', AvailabilityZone: 'us-east-1b' }));
});
afterAll(async () => sb?.stop());

type Cli = (...args: string[]) => Promise<{ out?: unknown; err?: string }>;

function cli(command: string[]): Cli {
  return async (...args) => {
    const [file, ...pre] = command as [string, ...string[]];
    const argv = [...pre, 'ec2', ...args, '--profile', 'sandbox-dev', '--region', 'us-east-1', '--endpoint-url', sb.endpoint, '--output', 'json'];
    try {
      const { stdout } = await run(file, argv, { env });
      return { out: stdout.trim() ? JSON.parse(stdout) : {} };
    } catch (e) {
      return { err: (e as { stderr: string }).stderr.trim() };
    }
  };
}

describe.skipIf(!existsSync(AWS2) && !process.env.CI)('Debian AWS CLI 2.9', () => {
  const aws = (...args: string[]) => cli([AWS2])(...args);

  it('reads the errors worded as AWS words them', async () => {
    const full = (await c.send(new CreateVpcCommand({ CidrBlock: '10.31.0.0/16', AmazonProvidedIpv6CidrBlock: true }))).Vpc?.VpcId as string;
    for (const b of ['10.32.0.0/16', '10.33.0.0/16', '10.34.0.0/16', '10.35.0.0/16']) await c.send(new AssociateVpcCidrBlockCommand({ VpcId: full, CidrBlock: b }));
    const [description, native, limit, ipv6] = await Promise.all([
      aws('create-security-group', '--group-name', 'empty', '--description', '', '--vpc-id', vpc),
      aws('create-subnet', '--vpc-id', vpc, '--ipv6-native', '--cidr-block', '10.30.1.0/24'),
      aws('associate-vpc-cidr-block', '--vpc-id', full, '--cidr-block', '10.36.0.0/16'),
      aws('associate-vpc-cidr-block', '--vpc-id', full, '--amazon-provided-ipv6-cidr-block'),
    ]);
    expect(description.err).toContain(
      'An error occurred (MissingParameter) when calling the CreateSecurityGroup operation: The request must contain the parameter GroupDescription',
    );
    expect(native.err).toContain(
      "An error occurred (MissingParameter) when calling the CreateSubnet operation: Either 'ipv6CidrBlock' or 'ipv6IpamPoolId' should be provided.",
    );
    expect(limit.err).toContain(
      `An error occurred (CidrLimitExceeded) when calling the AssociateVpcCidrBlock operation: This network ${full} has met its maximum number of allowed CIDRs: 5`,
    );
    expect(ipv6.err).toContain(`(CidrLimitExceeded) when calling the AssociateVpcCidrBlock operation: This network ${full} has met its maximum number of allowed CIDRs: 1`);
  });

  it('shows the subnet fields with their defaults and filters by the camelCase aliases', async () => {
    const zoneB = (await c.send(new DescribeAvailabilityZonesCommand({ ZoneNames: ['us-east-1b'] }))).AvailabilityZones?.[0]?.ZoneId as string;
    const [byZone, byZoneId] = await Promise.all([
      aws('describe-subnets', '--filters', `Name=vpc-id,Values=${vpc}`, 'Name=availabilityZone,Values=us-east-1a'),
      aws('describe-subnets', '--filters', `Name=vpc-id,Values=${vpc}`, `Name=availabilityZoneId,Values=${zoneB}`),
    ]);
    const subnets = (byZone.out as { Subnets: Record<string, unknown>[] }).Subnets;
    expect(subnets).toHaveLength(1);
    expect(subnets[0]).toMatchObject({
      CidrBlock: '10.30.1.0/24',
      MapCustomerOwnedIpOnLaunch: false,
      EnableDns64: false,
      Ipv6Native: false,
      PrivateDnsNameOptionsOnLaunch: { HostnameType: 'ip-name', EnableResourceNameDnsARecord: false, EnableResourceNameDnsAAAARecord: false },
    });
    expect((byZoneId.out as { Subnets: { CidrBlock: string }[] }).Subnets.map((s) => s.CidrBlock)).toEqual(['10.30.2.0/24']);
  });
});

describe.skipIf(!existsSync(AWS2) && !process.env.CI)('Debian AWS CLI 2.9: rules, references, stale groups, DHCP options, DNS attributes', () => {
  const aws = (...args: string[]) => cli([AWS2])(...args);

  it('reads rules by id and filter, the VPCs referencing a group across a peering, and the rules left stale when it goes', async () => {
    const peer = (await c.send(new CreateVpcCommand({ CidrBlock: '10.40.0.0/16' }))).Vpc?.VpcId as string;
    const pcx = (await c.send(new CreateVpcPeeringConnectionCommand({ VpcId: vpc, PeerVpcId: peer }))).VpcPeeringConnection?.VpcPeeringConnectionId as string;
    await c.send(new AcceptVpcPeeringConnectionCommand({ VpcPeeringConnectionId: pcx }));
    const target = (await c.send(new CreateSecurityGroupCommand({ GroupName: 'target', Description: 'target', VpcId: peer }))).GroupId as string;
    const referrer = (await c.send(new CreateSecurityGroupCommand({ GroupName: 'referrer', Description: 'referrer', VpcId: vpc }))).GroupId as string;
    const rule = (
      await c.send(new AuthorizeSecurityGroupIngressCommand({ GroupId: referrer, IpPermissions: [{ IpProtocol: 'tcp', FromPort: 22, ToPort: 22, UserIdGroupPairs: [{ GroupId: target }] }] }))
    ).SecurityGroupRules?.[0]?.SecurityGroupRuleId as string;
    const [byFilter, byId, refs] = await Promise.all([
      aws('describe-security-group-rules', '--filters', `Name=group-id,Values=${referrer}`),
      aws('describe-security-group-rules', '--security-group-rule-ids', rule),
      aws('describe-security-group-references', '--group-id', target),
    ]);
    const rules = (byFilter.out as { SecurityGroupRules: { SecurityGroupRuleId: string; IsEgress: boolean }[] }).SecurityGroupRules;
    expect(rules.map((r) => r.IsEgress).sort()).toEqual([false, true]);
    expect((byId.out as { SecurityGroupRules: unknown[] }).SecurityGroupRules).toEqual([
      {
        SecurityGroupRuleId: rule,
        GroupId: referrer,
        GroupOwnerId: '777788889999',
        IsEgress: false,
        IpProtocol: 'tcp',
        FromPort: 22,
        ToPort: 22,
        ReferencedGroupInfo: { GroupId: target, UserId: '777788889999', VpcId: peer, VpcPeeringConnectionId: pcx, PeeringStatus: 'active' },
        Tags: [],
      },
    ]);
    expect(refs.out).toEqual({ SecurityGroupReferenceSet: [{ GroupId: target, ReferencingVpcId: vpc, VpcPeeringConnectionId: pcx }] });
    const egress = { IpProtocol: 'tcp', FromPort: 443, ToPort: 443, UserIdGroupPairs: [{ GroupId: target }] };
    await c.send(new AuthorizeSecurityGroupEgressCommand({ GroupId: referrer, IpPermissions: [egress] }));
    await c.send(new DeleteVpcPeeringConnectionCommand({ VpcPeeringConnectionId: pcx }));
    const stale = await aws('describe-stale-security-groups', '--vpc-id', vpc);
    expect(stale.out).toEqual({
      StaleSecurityGroupSet: [
        {
          Description: 'referrer',
          GroupId: referrer,
          GroupName: 'referrer',
          StaleIpPermissions: [
            {
              FromPort: 22,
              IpProtocol: 'tcp',
              ToPort: 22,
              UserIdGroupPairs: [{ GroupId: target, GroupName: 'target', PeeringStatus: 'deleted', UserId: '777788889999', VpcId: peer, VpcPeeringConnectionId: pcx }],
            },
          ],
          StaleIpPermissionsEgress: [
            {
              FromPort: 443,
              IpProtocol: 'tcp',
              ToPort: 443,
              UserIdGroupPairs: [{ GroupId: target, GroupName: 'target', PeeringStatus: 'deleted', UserId: '777788889999', VpcId: peer, VpcPeeringConnectionId: pcx }],
            },
          ],
          VpcId: vpc,
        },
      ],
    });
    // Revoked by group id alone, as Peerscape's cleanup plan does: nothing is stale any more.
    await c.send(new RevokeSecurityGroupIngressCommand({ GroupId: referrer, IpPermissions: [{ IpProtocol: 'tcp', FromPort: 22, ToPort: 22, UserIdGroupPairs: [{ GroupId: target }] }] }));
    await c.send(new RevokeSecurityGroupEgressCommand({ GroupId: referrer, IpPermissions: [egress] }));
    expect((await aws('describe-stale-security-groups', '--vpc-id', vpc)).out).toEqual({ StaleSecurityGroupSet: [] });
  });

  it('reads the default DHCP options set, and the DNS attributes with their one-per-call rule', async () => {
    const [dhcp, vpcs, support] = await Promise.all([
      aws('describe-dhcp-options'),
      aws('describe-vpcs', '--vpc-ids', vpc),
      aws('describe-vpc-attribute', '--vpc-id', vpc, '--attribute', 'enableDnsSupport'),
    ]);
    const sets = (dhcp.out as { DhcpOptions: { DhcpOptionsId: string }[] }).DhcpOptions;
    expect(sets).toEqual([
      {
        DhcpConfigurations: [
          { Key: 'domain-name', Values: [{ Value: 'ec2.internal' }] },
          { Key: 'domain-name-servers', Values: [{ Value: 'AmazonProvidedDNS' }] },
        ],
        DhcpOptionsId: sets[0]?.DhcpOptionsId,
        OwnerId: '777788889999',
      },
    ]);
    expect((vpcs.out as { Vpcs: { DhcpOptionsId: string }[] }).Vpcs[0]?.DhcpOptionsId).toBe(sets[0]?.DhcpOptionsId);
    expect(support.out).toEqual({ VpcId: vpc, EnableDnsSupport: { Value: true } });
    const both = await aws('modify-vpc-attribute', '--vpc-id', vpc, '--enable-dns-support', '--enable-dns-hostnames');
    expect(both.err).toContain(
      'An error occurred (InvalidParameterCombination) when calling the ModifyVpcAttribute operation: Fields for multiple attribute types specified: enableDnsHostnames, enableDnsSupport',
    );
  });

  it('reads managed prefix lists and their versions, routes to them, gateway endpoints and their routes, and the endpoint services', async () => {
    type List = { PrefixListId: string; State: string; Version: number };
    const created = (await aws('create-managed-prefix-list', '--prefix-list-name', 'cli', '--max-entries', '3', '--address-family', 'IPv4', '--entries', 'Cidr=192.0.2.0/24,Description=office')).out as {
      PrefixList: List;
    };
    const list = created.PrefixList.PrefixListId;
    expect(created.PrefixList).toMatchObject({ State: 'create-in-progress', Version: 1, OwnerId: '777788889999' });
    const stale = await aws('modify-managed-prefix-list', '--prefix-list-id', list, '--current-version', '7', '--add-entries', 'Cidr=198.51.100.0/24');
    expect(stale.err).toContain('An error occurred (PrefixListVersionMismatch) when calling the ModifyManagedPrefixList operation: The prefix list has the incorrect version number.');
    await aws('modify-managed-prefix-list', '--prefix-list-id', list, '--current-version', '1', '--add-entries', 'Cidr=198.51.100.0/24');
    const [now, first] = await Promise.all([
      aws('get-managed-prefix-list-entries', '--prefix-list-id', list),
      aws('get-managed-prefix-list-entries', '--prefix-list-id', list, '--target-version', '1'),
    ]);
    expect(now.out).toEqual({ Entries: [{ Cidr: '192.0.2.0/24', Description: 'office' }, { Cidr: '198.51.100.0/24' }] });
    expect(first.out).toEqual({ Entries: [{ Cidr: '192.0.2.0/24', Description: 'office' }] });
    const rtb = ((await aws('create-route-table', '--vpc-id', vpc)).out as { RouteTable: { RouteTableId: string } }).RouteTable.RouteTableId;
    const igw = ((await aws('create-internet-gateway')).out as { InternetGateway: { InternetGatewayId: string } }).InternetGateway.InternetGatewayId;
    await aws('attach-internet-gateway', '--internet-gateway-id', igw, '--vpc-id', vpc);
    await aws('create-route', '--route-table-id', rtb, '--destination-prefix-list-id', list, '--gateway-id', igw);
    const endpoint = ((await aws('create-vpc-endpoint', '--vpc-id', vpc, '--service-name', 'com.amazonaws.us-east-1.s3', '--route-table-ids', rtb)).out as { VpcEndpoint: { VpcEndpointId: string } })
      .VpcEndpoint.VpcEndpointId;
    const s3 = ((await aws('describe-managed-prefix-lists', '--filters', 'Name=prefix-list-name,Values=com.amazonaws.us-east-1.s3')).out as { PrefixLists: { PrefixListId: string; OwnerId: string }[] })
      .PrefixLists[0];
    expect(s3?.OwnerId).toBe('AWS');
    const [tables, endpoints, services, associations, gone] = await Promise.all([
      aws('describe-route-tables', '--route-table-ids', rtb),
      aws('describe-vpc-endpoints', '--vpc-endpoint-ids', endpoint),
      aws('describe-vpc-endpoint-services', '--service-names', 'com.amazonaws.us-east-1.s3', 'com.amazonaws.us-east-1.ec2'),
      aws('get-managed-prefix-list-associations', '--prefix-list-id', list),
      aws('delete-vpc-endpoints', '--vpc-endpoint-ids', 'vpce-0123456789abcdef0'),
    ]);
    const routes = (tables.out as { RouteTables: { Routes: Record<string, string>[] }[] }).RouteTables[0]?.Routes.filter((r) => r.DestinationPrefixListId);
    expect(routes).toEqual([
      { DestinationPrefixListId: list, GatewayId: igw, Origin: 'CreateRoute', State: 'active' },
      { DestinationPrefixListId: s3?.PrefixListId, GatewayId: endpoint, Origin: 'CreateRoute', State: 'active' },
    ]);
    expect((endpoints.out as { VpcEndpoints: unknown[] }).VpcEndpoints[0]).toMatchObject({ VpcEndpointType: 'Gateway', RouteTableIds: [rtb], State: 'available' });
    expect((services.out as { ServiceNames: string[] }).ServiceNames).toEqual(['com.amazonaws.us-east-1.ec2', 'com.amazonaws.us-east-1.s3', 'com.amazonaws.us-east-1.s3']);
    expect(associations.out).toEqual({ PrefixListAssociations: [{ ResourceId: rtb, ResourceOwner: '777788889999' }] });
    expect(gone.out).toEqual({
      Unsuccessful: [{ Error: { Code: 'InvalidVpcEndpoint.NotFound', Message: "The Vpc Endpoint Id 'vpce-0123456789abcdef0' does not exist" }, ResourceId: 'vpce-0123456789abcdef0' }],
    });
    await aws('delete-managed-prefix-list', '--prefix-list-id', list);
    const failed = ((await aws('describe-managed-prefix-lists', '--prefix-list-ids', list)).out as { PrefixLists: (List & { StateMessage: string })[] }).PrefixLists[0];
    expect(failed?.State).toBe('delete-failed');
    expect(failed?.StateMessage).toContain(rtb);
  });
});

describe.skipIf(!existsSync(AWS2) && !process.env.CI)('Debian AWS CLI 2.9: network interfaces and instances', () => {
  const aws = (...args: string[]) => cli([AWS2])(...args);

  it('launches, lists and terminates an instance, creates and lists interfaces, and reads their errors in AWS words', async () => {
    const own = (await c.send(new CreateVpcCommand({ CidrBlock: '10.50.0.0/16' }))).Vpc?.VpcId as string;
    const subnet = (await c.send(new CreateSubnetCommand({ VpcId: own, CidrBlock: '10.50.1.0/24', AvailabilityZone: 'us-east-1a' }))).Subnet?.SubnetId as string;
    const run = (await aws('run-instances', '--image-id', 'ami-0abcdef1234567890', '--count', '2', '--instance-type', 't3.micro', '--subnet-id', subnet)).out as {
      Instances: { InstanceId: string; State: { Name: string }; PrivateIpAddress: string }[];
    };
    expect(run.Instances.map((i) => [i.State.Name, i.PrivateIpAddress])).toEqual([
      ['pending', '10.50.1.4'],
      ['pending', '10.50.1.5'],
    ]);
    const [first] = run.Instances.map((i) => i.InstanceId);
    const nic = (await aws('create-network-interface', '--subnet-id', subnet, '--description', 'spare')).out as { NetworkInterface: { NetworkInterfaceId: string; PrivateIpAddress: string } };
    expect(nic.NetworkInterface.PrivateIpAddress).toBe('10.50.1.6');
    const [described, interfaces, subnets, inUse, busy] = await Promise.all([
      aws('describe-instances', '--filters', `Name=vpc-id,Values=${own}`, 'Name=instance-state-name,Values=running'),
      aws('describe-network-interfaces', '--filters', `Name=subnet-id,Values=${subnet}`),
      aws('describe-subnets', '--subnet-ids', subnet),
      aws('create-network-interface', '--subnet-id', subnet, '--private-ip-address', '10.50.1.4'),
      aws('delete-subnet', '--subnet-id', subnet),
    ]);
    const reservations = (described.out as { Reservations: { Instances: { InstanceId: string; State: { Name: string } }[] }[] }).Reservations;
    expect(reservations.flatMap((r) => r.Instances.map((i) => i.State.Name))).toEqual(['running', 'running']);
    expect((interfaces.out as { NetworkInterfaces: unknown[] }).NetworkInterfaces).toHaveLength(3);
    expect((subnets.out as { Subnets: { AvailableIpAddressCount: number }[] }).Subnets[0]?.AvailableIpAddressCount).toBe(248);
    expect(inUse.err).toContain('An error occurred (InvalidIPAddress.InUse) when calling the CreateNetworkInterface operation: The specified address is already in use.');
    expect(busy.err).toContain(`An error occurred (DependencyViolation) when calling the DeleteSubnet operation: The subnet '${subnet}' has dependencies and cannot be deleted.`);
    const terminated = (await aws('terminate-instances', '--instance-ids', first as string)).out as { TerminatingInstances: { CurrentState: { Name: string } }[] };
    expect(terminated.TerminatingInstances[0]?.CurrentState.Name).toBe('shutting-down');
    const stop = await aws('stop-instances', '--instance-ids', first as string);
    expect(stop.err).toContain(`An error occurred (IncorrectInstanceState) when calling the StopInstances operation: The instance '${first}' is not in a state from which it can be stopped.`);
  });
});

describe.skipIf(!existsSync(AWS2) && !process.env.CI)("Debian AWS CLI 2.9: an interface endpoint's interfaces and routes to instances", () => {
  const aws = (...args: string[]) => cli([AWS2])(...args);

  it('lists the endpoint\'s requester-managed interface, refuses its deletion, and routes to an instance through its interface', async () => {
    const own = (await c.send(new CreateVpcCommand({ CidrBlock: '10.51.0.0/16' }))).Vpc?.VpcId as string;
    const subnet = (await c.send(new CreateSubnetCommand({ VpcId: own, CidrBlock: '10.51.1.0/24', AvailabilityZone: 'us-east-1a' }))).Subnet?.SubnetId as string;
    const made = (await aws('create-vpc-endpoint', '--vpc-id', own, '--vpc-endpoint-type', 'Interface', '--service-name', 'com.amazonaws.us-east-1.sts', '--subnet-ids', subnet, '--no-private-dns-enabled'))
      .out as { VpcEndpoint: { VpcEndpointId: string; NetworkInterfaceIds: string[] } };
    const [eni] = made.VpcEndpoint.NetworkInterfaceIds;
    const listed = (await aws('describe-network-interfaces', '--filters', 'Name=requester-managed,Values=true', `Name=vpc-id,Values=${own}`)).out as {
      NetworkInterfaces: { NetworkInterfaceId: string; InterfaceType: string; Description: string; PrivateIpAddress: string; Status: string }[];
    };
    expect(listed.NetworkInterfaces.map((n) => [n.NetworkInterfaceId, n.InterfaceType, n.Description, n.PrivateIpAddress, n.Status])).toEqual([
      [eni, 'vpc_endpoint', `VPC Endpoint Interface ${made.VpcEndpoint.VpcEndpointId}`, '10.51.1.4', 'in-use'],
    ]);
    const refused = await aws('delete-network-interface', '--network-interface-id', eni as string);
    expect(refused.err).toContain(`An error occurred (InvalidParameterValue) when calling the DeleteNetworkInterface operation: Network interface '${eni}' is currently in use.`);

    const rtb = (await aws('create-route-table', '--vpc-id', own)).out as { RouteTable: { RouteTableId: string } };
    const table = rtb.RouteTable.RouteTableId;
    const missing = await aws('create-route', '--route-table-id', table, '--destination-cidr-block', '0.0.0.0/0', '--instance-id', 'i-0123456789abcdef0');
    expect(missing.err).toContain("An error occurred (InvalidInstanceID.NotFound) when calling the CreateRoute operation: The instance ID 'i-0123456789abcdef0' does not exist");
    const launched = (await aws('run-instances', '--image-id', 'ami-0abcdef1234567890', '--count', '1', '--subnet-id', subnet)).out as {
      Instances: { InstanceId: string; NetworkInterfaces: { NetworkInterfaceId: string }[] }[];
    };
    const instance = launched.Instances[0];
    await aws('create-route', '--route-table-id', table, '--destination-cidr-block', '0.0.0.0/0', '--instance-id', instance?.InstanceId as string);
    await aws('terminate-instances', '--instance-ids', instance?.InstanceId as string);
    const routes = (await aws('describe-route-tables', '--route-table-ids', table)).out as { RouteTables: { Routes: Record<string, string>[] }[] };
    expect(routes.RouteTables[0]?.Routes.find((r) => r.DestinationCidrBlock === '0.0.0.0/0')).toMatchObject({
      InstanceId: instance?.InstanceId,
      NetworkInterfaceId: instance?.NetworkInterfaces[0]?.NetworkInterfaceId,
      State: 'blackhole',
    });
  });
});

describe.skipIf(!existsSync(AWS2) && !process.env.CI)('Debian AWS CLI 2.9: transit gateways', () => {
  const aws = (...args: string[]) => cli([AWS2])(...args);

  it('creates a gateway with its default route table, attaches a VPC, lists propagated routes, pages, and reads the errors in AWS words', async () => {
    const made = (await aws('create-transit-gateway', '--description', 'hub')).out as { TransitGateway: { TransitGatewayId: string; State: string; Options: Record<string, unknown> } };
    const tgw = made.TransitGateway.TransitGatewayId;
    expect(made.TransitGateway.State).toBe('pending');
    const rtb = made.TransitGateway.Options.AssociationDefaultRouteTableId as string;
    expect(made.TransitGateway.Options).toMatchObject({ AmazonSideAsn: 64512, DefaultRouteTableAssociation: 'enable', PropagationDefaultRouteTableId: rtb });
    const subnets = ((await aws('describe-subnets', '--filters', `Name=vpc-id,Values=${vpc}`)).out as { Subnets: { SubnetId: string }[] }).Subnets.map((x) => x.SubnetId);
    const att = (await aws('create-transit-gateway-vpc-attachment', '--transit-gateway-id', tgw, '--vpc-id', vpc, '--subnet-ids', ...subnets)).out as {
      TransitGatewayVpcAttachment: { TransitGatewayAttachmentId: string; State: string; SubnetIds: string[] };
    };
    expect(att.TransitGatewayVpcAttachment).toMatchObject({ State: 'pending', SubnetIds: subnets });
    const attId = att.TransitGatewayVpcAttachment.TransitGatewayAttachmentId;
    const dup = await aws('create-transit-gateway-vpc-attachment', '--transit-gateway-id', tgw, '--vpc-id', vpc, '--subnet-ids', subnets[0] as string);
    expect(dup.err).toContain(`An error occurred (DuplicateTransitGatewayAttachment) when calling the CreateTransitGatewayVpcAttachment operation: ${tgw} has non-deleted Transit Gateway Attachments with same VPC ID.`);
    const listed = (await aws('describe-transit-gateway-attachments', '--filters', `Name=transit-gateway-id,Values=${tgw}`)).out as { TransitGatewayAttachments: Record<string, unknown>[] };
    expect(listed.TransitGatewayAttachments).toEqual([expect.objectContaining({ TransitGatewayAttachmentId: attId, ResourceId: vpc, Association: { TransitGatewayRouteTableId: rtb, State: 'associated' } })]);
    const routes = (await aws('search-transit-gateway-routes', '--transit-gateway-route-table-id', rtb, '--filters', 'Name=type,Values=propagated')).out as {
      Routes: Record<string, unknown>[];
      AdditionalRoutesAvailable: boolean;
    };
    expect(routes).toEqual({
      Routes: [{ DestinationCidrBlock: '10.30.0.0/16', TransitGatewayAttachments: [{ ResourceId: vpc, TransitGatewayAttachmentId: attId, ResourceType: 'vpc' }], Type: 'propagated', State: 'active' }],
      AdditionalRoutesAvailable: false,
    });
    for (let i = 0; i < 5; i++) await aws('create-transit-gateway');
    const paged = (await aws('describe-transit-gateways', '--page-size', '5')).out as { TransitGateways: { TransitGatewayId: string }[] };
    expect(paged.TransitGateways).toHaveLength(6);
    const held = await aws('delete-transit-gateway', '--transit-gateway-id', tgw);
    expect(held.err).toContain(`An error occurred (IncorrectState) when calling the DeleteTransitGateway operation: ${tgw} has non-deleted Transit Gateway Attachments: ${attId}`);
    const table = ((await aws('create-route-table', '--vpc-id', vpc)).out as { RouteTable: { RouteTableId: string } }).RouteTable.RouteTableId;
    const missing = await aws('create-route', '--route-table-id', table, '--destination-cidr-block', '10.0.0.0/8', '--transit-gateway-id', 'tgw-0123456789abcdef0');
    expect(missing.err).toContain("An error occurred (InvalidTransitGatewayID.NotFound) when calling the CreateRoute operation: The transitGateway ID 'tgw-0123456789abcdef0' does not exist");
    await aws('delete-transit-gateway-vpc-attachment', '--transit-gateway-attachment-id', attId);
  });
});

describe.skipIf(!hasAws1 && !process.env.CI)("the AWS CLI v1 of the machine's Python (botocore 1.43)", () => {
  const aws = (...args: string[]) => cli(['python3', '-m', 'awscli'])(...args);

  it('reads SecurityGroupArn from create and describe, and the subnet and VPC BlockPublicAccessStates', async () => {
    const created = (await aws('create-security-group', '--group-name', 'arn', '--description', 'arn', '--vpc-id', vpc)).out as { GroupId: string; SecurityGroupArn: string };
    expect(created.SecurityGroupArn).toBe(`arn:aws:ec2:us-east-1:777788889999:security-group/${created.GroupId}`);
    const [groups, subnets, vpcs] = await Promise.all([
      aws('describe-security-groups', '--group-ids', created.GroupId),
      aws('describe-subnets', '--filters', `Name=vpc-id,Values=${vpc}`),
      aws('describe-vpcs', '--vpc-ids', vpc),
    ]);
    expect((groups.out as { SecurityGroups: { SecurityGroupArn: string }[] }).SecurityGroups[0]?.SecurityGroupArn).toBe(created.SecurityGroupArn);
    for (const s of (subnets.out as { Subnets: { BlockPublicAccessStates: unknown }[] }).Subnets) {
      expect(s.BlockPublicAccessStates).toEqual({ InternetGatewayBlockMode: 'off' });
    }
    expect((vpcs.out as { Vpcs: { BlockPublicAccessStates: unknown }[] }).Vpcs[0]?.BlockPublicAccessStates).toEqual({ InternetGatewayBlockMode: 'off' });
  });
});
