/** Discovery of what sits between two addresses besides peerings and route tables, against the
 * sandbox: network ACLs (both directions, subnet associations), and the snapshot keeps them. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import {
  AllocateAddressCommand,
  AssociateDhcpOptionsCommand,
  AttachInternetGatewayCommand,
  AttachVpnGatewayCommand,
  AuthorizeSecurityGroupIngressCommand,
  CreateDhcpOptionsCommand,
  CreateEgressOnlyInternetGatewayCommand,
  CreateInternetGatewayCommand,
  CreateNatGatewayCommand,
  CreateRouteTableCommand,
  CreateSecurityGroupCommand,
  CreateVpcEndpointCommand,
  CreateVpnGatewayCommand,
  CreateManagedPrefixListCommand,
  CreateNetworkAclCommand,
  CreateNetworkAclEntryCommand,
  CreateSubnetCommand,
  CreateVpcCommand,
  DescribeDhcpOptionsCommand,
  DescribeNetworkAclsCommand,
  DescribeSecurityGroupRulesCommand,
  EC2Client,
  ModifyVpcAttributeCommand,
  ReplaceNetworkAclAssociationCommand,
  RunInstancesCommand,
  TerminateInstancesCommand,
} from '@aws-sdk/client-ec2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startSandboxServer, type SandboxServer } from '@peerscape/sandbox-cloud';
import { runDiscovery } from '../../../electron/discovery/run-discovery';
import type { DiscoveryProgress } from '../../../shared/api/events';
import type { Snapshot } from '../../../shared/model/snapshot';
import { parseSnapshot } from '../../../shared/model/snapshot-schema';

const NOW = () => new Date('2026-12-07T12:00:00Z');

describe('discovery of network ACLs, gateways, endpoints, prefix lists, interfaces and instances', () => {
  let server: SandboxServer;
  let home: string;
  let env: Record<string, string>;
  let c: EC2Client;
  const ids: Record<string, string> = {};
  let snapshot: Snapshot;

  beforeAll(async () => {
    server = await startSandboxServer({ scenario: 'empty', log: () => undefined });
    home = mkdtempSync(join(tmpdir(), 'peerscape-network-resources-'));
    const files = await server.writeAwsFiles(join(home, '.aws'));
    env = { AWS_CONFIG_FILE: files.configFile, AWS_SHARED_CREDENTIALS_FILE: files.credentialsFile };
    const account = server.accounts.find((a) => a.profile === 'sandbox-network')!;
    c = new EC2Client({ endpoint: server.endpoint, region: 'us-east-1', credentials: { accessKeyId: account.accessKeyId, secretAccessKey: account.secretAccessKey }, maxAttempts: 1 });
    ids.vpc = (await c.send(new CreateVpcCommand({ CidrBlock: '10.70.0.0/16' }))).Vpc?.VpcId as string;
    ids.subnet = (await c.send(new CreateSubnetCommand({ VpcId: ids.vpc, CidrBlock: '10.70.1.0/24', AvailabilityZone: 'us-east-1a' }))).Subnet?.SubnetId as string;
    await c.send(new ModifyVpcAttributeCommand({ VpcId: ids.vpc, EnableDnsHostnames: { Value: true } }));
    ids.quietVpc = (await c.send(new CreateVpcCommand({ CidrBlock: '10.75.0.0/16' }))).Vpc?.VpcId as string;
    await c.send(new ModifyVpcAttributeCommand({ VpcId: ids.quietVpc, EnableDnsSupport: { Value: false } }));
    // A custom DHCP options set with its own name servers on the first VPC; none on the quiet one.
    ids.dopt = (
      await c.send(
        new CreateDhcpOptionsCommand({
          DhcpConfigurations: [
            { Key: 'domain-name-servers', Values: ['10.70.0.2', '10.70.0.3'] },
            { Key: 'domain-name', Values: ['corp.example'] },
            { Key: 'ntp-servers', Values: ['10.70.0.4'] },
          ],
          TagSpecifications: [{ ResourceType: 'dhcp-options', Tags: [{ Key: 'Name', Value: 'corp' }] }],
        }),
      )
    ).DhcpOptions?.DhcpOptionsId as string;
    await c.send(new AssociateDhcpOptionsCommand({ VpcId: ids.vpc, DhcpOptionsId: ids.dopt }));
    await c.send(new AssociateDhcpOptionsCommand({ VpcId: ids.quietVpc, DhcpOptionsId: 'default' }));
    ids.otherSubnet = (await c.send(new CreateSubnetCommand({ VpcId: ids.vpc, CidrBlock: '10.70.2.0/24', AvailabilityZone: 'us-east-1b' }))).Subnet?.SubnetId as string;

    // A custom ACL: allow 443 in from the partner, the return traffic's ephemeral ports out, deny ICMP in.
    ids.acl = (await c.send(new CreateNetworkAclCommand({ VpcId: ids.vpc, TagSpecifications: [{ ResourceType: 'network-acl', Tags: [{ Key: 'Name', Value: 'app' }] }] }))).NetworkAcl
      ?.NetworkAclId as string;
    await c.send(new CreateNetworkAclEntryCommand({ NetworkAclId: ids.acl, RuleNumber: 200, Egress: false, Protocol: '6', RuleAction: 'allow', CidrBlock: '10.71.0.0/16', PortRange: { From: 443, To: 443 } }));
    await c.send(new CreateNetworkAclEntryCommand({ NetworkAclId: ids.acl, RuleNumber: 100, Egress: false, Protocol: '1', RuleAction: 'deny', CidrBlock: '0.0.0.0/0', IcmpTypeCode: { Type: 8, Code: 0 } }));
    await c.send(new CreateNetworkAclEntryCommand({ NetworkAclId: ids.acl, RuleNumber: 100, Egress: true, Protocol: '6', RuleAction: 'allow', CidrBlock: '10.71.0.0/16', PortRange: { From: 1024, To: 65535 } }));
    const defaults = (await c.send(new DescribeNetworkAclsCommand({ Filters: [{ Name: 'vpc-id', Values: [ids.vpc] }, { Name: 'default', Values: ['true'] }] }))).NetworkAcls?.[0];
    ids.defaultAcl = defaults?.NetworkAclId as string;
    const association = defaults?.Associations?.find((a) => a.SubnetId === ids.subnet)?.NetworkAclAssociationId as string;
    await c.send(new ReplaceNetworkAclAssociationCommand({ AssociationId: association, NetworkAclId: ids.acl }));

    // Gateways of every kind, and an endpoint of each type.
    ids.igw = (await c.send(new CreateInternetGatewayCommand({}))).InternetGateway?.InternetGatewayId as string;
    await c.send(new AttachInternetGatewayCommand({ InternetGatewayId: ids.igw, VpcId: ids.vpc }));
    ids.eigw = (await c.send(new CreateEgressOnlyInternetGatewayCommand({ VpcId: ids.vpc }))).EgressOnlyInternetGateway?.EgressOnlyInternetGatewayId as string;
    ids.eip = (await c.send(new AllocateAddressCommand({ Domain: 'vpc' }))).AllocationId as string;
    ids.nat = (await c.send(new CreateNatGatewayCommand({ SubnetId: ids.subnet, AllocationId: ids.eip }))).NatGateway?.NatGatewayId as string;
    ids.privateNat = (await c.send(new CreateNatGatewayCommand({ SubnetId: ids.otherSubnet, ConnectivityType: 'private' }))).NatGateway?.NatGatewayId as string;
    ids.vgw = (await c.send(new CreateVpnGatewayCommand({ Type: 'ipsec.1' }))).VpnGateway?.VpnGatewayId as string;
    await c.send(new AttachVpnGatewayCommand({ VpnGatewayId: ids.vgw, VpcId: ids.vpc }));
    ids.rtb = (await c.send(new CreateRouteTableCommand({ VpcId: ids.vpc }))).RouteTable?.RouteTableId as string;
    ids.sg = (await c.send(new CreateSecurityGroupCommand({ GroupName: 'endpoints', Description: 'endpoints', VpcId: ids.vpc }))).GroupId as string;
    ids.s3 = (await c.send(new CreateVpcEndpointCommand({ VpcId: ids.vpc, ServiceName: 'com.amazonaws.us-east-1.s3', RouteTableIds: [ids.rtb] }))).VpcEndpoint?.VpcEndpointId as string;
    const sqs = (await c.send(new CreateVpcEndpointCommand({ VpcId: ids.vpc, VpcEndpointType: 'Interface', ServiceName: 'com.amazonaws.us-east-1.sqs', SubnetIds: [ids.subnet], SecurityGroupIds: [ids.sg], PrivateDnsEnabled: false }))).VpcEndpoint;
    ids.sqs = sqs?.VpcEndpointId as string;
    ids.sqsEni = sqs?.NetworkInterfaceIds?.[0] as string;

    ids.list = (
      await c.send(new CreateManagedPrefixListCommand({ PrefixListName: 'partners', MaxEntries: 3, AddressFamily: 'IPv4', Entries: [{ Cidr: '10.71.0.0/16', Description: 'partner' }, { Cidr: '10.72.0.0/16' }] }))
    ).PrefixList?.PrefixListId as string;

    // An instance with two interfaces (listed out of device order) in groups, and one terminated.
    ids.appSg = (await c.send(new CreateSecurityGroupCommand({ GroupName: 'app', Description: 'app', VpcId: ids.vpc }))).GroupId as string;
    await c.send(
      new AuthorizeSecurityGroupIngressCommand({
        GroupId: ids.appSg,
        IpPermissions: [
          { IpProtocol: 'tcp', FromPort: 443, ToPort: 443, IpRanges: [{ CidrIp: '10.71.0.0/16' }], UserIdGroupPairs: [{ GroupId: ids.sg }] },
          { IpProtocol: 'icmp', FromPort: -1, ToPort: -1, Ipv6Ranges: [{ CidrIpv6: '2001:DB8::/32' }] },
        ],
      }),
    );
    const launched = (
      await c.send(
        new RunInstancesCommand({
          ImageId: 'ami-12345678',
          MinCount: 1,
          MaxCount: 1,
          NetworkInterfaces: [
            { DeviceIndex: 1, SubnetId: ids.subnet, Groups: [ids.sg] },
            { DeviceIndex: 0, SubnetId: ids.subnet, Groups: [ids.appSg, ids.sg], PrivateIpAddress: '10.70.1.50', SecondaryPrivateIpAddressCount: 1 },
          ],
          TagSpecifications: [{ ResourceType: 'instance', Tags: [{ Key: 'Name', Value: 'web' }] }],
        }),
      )
    ).Instances?.[0];
    ids.instance = launched?.InstanceId as string;
    ids.eth0 = launched?.NetworkInterfaces?.find((n) => n.Attachment?.DeviceIndex === 0)?.NetworkInterfaceId as string;
    ids.eth1 = launched?.NetworkInterfaces?.find((n) => n.Attachment?.DeviceIndex === 1)?.NetworkInterfaceId as string;
    ids.gone = (await c.send(new RunInstancesCommand({ ImageId: 'ami-12345678', MinCount: 1, MaxCount: 1, SubnetId: ids.otherSubnet }))).Instances?.[0]?.InstanceId as string;
    await c.send(new TerminateInstancesCommand({ InstanceIds: [ids.gone] }));

    const r = await runDiscovery({ profiles: ['sandbox-network'], regions: ['us-east-1'] }, { env, homeDir: home, now: NOW });
    if (!r.ok) throw new Error(`${r.error.message} (${r.error.fix})`);
    snapshot = r.value;
  });

  afterAll(async () => {
    c.destroy();
    await server.close();
  });

  it('writes a snapshot that reads back as it was written', () => {
    expect(snapshot.coverage.every((x) => x.state === 'complete')).toBe(true);
    expect(parseSnapshot(JSON.stringify(snapshot))).toEqual({ ok: true, snapshot });
  });

  it('reads each network ACL with its entries of both directions, in evaluation order, and the subnets it guards', () => {
    const acls = snapshot.topology.networkAcls.filter((a) => a.vpcId === ids.vpc);
    expect(acls.map((a) => a.id).sort()).toEqual([ids.acl, ids.defaultAcl].sort());
    expect(acls.find((a) => a.id === ids.acl)).toEqual({
      id: ids.acl,
      vpcId: ids.vpc,
      accountId: expect.stringMatching(/^\d{12}$/),
      region: 'us-east-1',
      name: 'app',
      isDefault: false,
      subnetIds: [ids.subnet],
      entries: [
        { ruleNumber: 100, egress: false, protocol: 'icmp', action: 'deny', cidr: '0.0.0.0/0', icmpType: 8, icmpCode: 0 },
        { ruleNumber: 200, egress: false, protocol: 'tcp', action: 'allow', cidr: '10.71.0.0/16', fromPort: 443, toPort: 443 },
        { ruleNumber: 32767, egress: false, protocol: '-1', action: 'deny', cidr: '0.0.0.0/0' },
        { ruleNumber: 100, egress: true, protocol: 'tcp', action: 'allow', cidr: '10.71.0.0/16', fromPort: 1024, toPort: 65535 },
        { ruleNumber: 32767, egress: true, protocol: '-1', action: 'deny', cidr: '0.0.0.0/0' },
      ],
    });
    const byDefault = acls.find((a) => a.id === ids.defaultAcl);
    expect(byDefault).toMatchObject({ isDefault: true, subnetIds: [ids.otherSubnet] });
    expect(byDefault?.entries.map((e) => [e.egress, e.ruleNumber, e.action, e.cidr])).toEqual([
      [false, 100, 'allow', '0.0.0.0/0'],
      [false, 32767, 'deny', '0.0.0.0/0'],
      [true, 100, 'allow', '0.0.0.0/0'],
      [true, 32767, 'deny', '0.0.0.0/0'],
    ]);
  });

  it('reads internet, egress-only, NAT and virtual private gateways with their attachments and addresses', () => {
    const t = snapshot.topology;
    expect(t.internetGateways.filter((g) => g.id === ids.igw)).toEqual([{ id: ids.igw, accountId: expect.any(String), region: 'us-east-1', attachments: [{ vpcId: ids.vpc, state: 'available' }] }]);
    expect(t.egressOnlyInternetGateways.filter((g) => g.id === ids.eigw)).toEqual([
      { id: ids.eigw, accountId: expect.any(String), region: 'us-east-1', attachments: [{ vpcId: ids.vpc, state: 'attached' }] },
    ]);
    const nat = t.natGateways.find((g) => g.id === ids.nat);
    expect(nat).toMatchObject({ vpcId: ids.vpc, subnetId: ids.subnet, connectivityType: 'public', state: 'available' });
    expect(nat?.addresses).toEqual([expect.objectContaining({ allocationId: ids.eip, primary: true, privateIp: expect.stringMatching(/^10\.70\.1\./), publicIp: expect.any(String) })]);
    const privateNat = t.natGateways.find((g) => g.id === ids.privateNat);
    expect(privateNat).toMatchObject({ subnetId: ids.otherSubnet, connectivityType: 'private' });
    expect(privateNat?.addresses.map((a) => a.publicIp)).toEqual([undefined]);
    expect(t.vpnGateways.filter((g) => g.id === ids.vgw)).toEqual([{ id: ids.vgw, accountId: expect.any(String), region: 'us-east-1', state: 'available', attachments: [{ vpcId: ids.vpc, state: 'attached' }] }]);
  });

  it('reads gateway and interface VPC endpoints with their route tables, subnets, groups and interfaces', () => {
    const byId = new Map(snapshot.topology.vpcEndpoints.map((e) => [e.id, e]));
    expect(byId.get(ids.s3 as `vpce-${string}`)).toEqual({
      id: ids.s3,
      vpcId: ids.vpc,
      accountId: expect.any(String),
      region: 'us-east-1',
      type: 'Gateway',
      serviceName: 'com.amazonaws.us-east-1.s3',
      state: 'available',
      routeTableIds: [ids.rtb],
      subnetIds: [],
      groupIds: [],
      networkInterfaceIds: [],
    });
    expect(byId.get(ids.sqs as `vpce-${string}`)).toMatchObject({
      type: 'Interface',
      serviceName: 'com.amazonaws.us-east-1.sqs',
      routeTableIds: [],
      subnetIds: [ids.subnet],
      groupIds: [ids.sg],
      networkInterfaceIds: [ids.sqsEni],
    });
    expect(ids.sqsEni).toMatch(/^eni-/);
  });

  it('reads the customer’s prefix lists and the AWS-managed ones of the region, each with its entries', () => {
    const lists = snapshot.topology.prefixLists;
    expect(lists.find((l) => l.id === ids.list)).toEqual({
      id: ids.list,
      accountId: expect.stringMatching(/^\d{12}$/),
      region: 'us-east-1',
      name: 'partners',
      ownerId: expect.stringMatching(/^\d{12}$/),
      awsManaged: false,
      addressFamily: 'IPv4',
      maxEntries: 3,
      version: 1,
      state: 'create-complete',
      entries: [{ cidr: '10.71.0.0/16', description: 'partner' }, { cidr: '10.72.0.0/16' }],
    });
    const s3 = lists.find((l) => l.name === 'com.amazonaws.us-east-1.s3');
    expect(s3).toMatchObject({ ownerId: 'AWS', awsManaged: true });
    expect(s3?.entries.length).toBeGreaterThan(0);
    // One GetManagedPrefixListEntries call per list: the coverage counts the lists.
    expect(snapshot.coverage.find((x) => x.region === 'us-east-1')?.counts?.prefixLists).toBe(lists.length);
  });

  it('reads each running instance with its subnet, interfaces in device order, address and groups; a terminated one is left out', () => {
    expect(ids.eth0).toMatch(/^eni-/);
    expect(snapshot.topology.instances).toEqual([
      {
        id: ids.instance,
        vpcId: ids.vpc,
        subnetId: ids.subnet,
        accountId: expect.stringMatching(/^\d{12}$/),
        region: 'us-east-1',
        name: 'web',
        state: 'running',
        networkInterfaceIds: [ids.eth0, ids.eth1],
        privateIpAddress: '10.70.1.50',
        securityGroupIds: [ids.appSg, ids.sg].sort(),
      },
    ]);
    expect(snapshot.coverage.find((x) => x.region === 'us-east-1')?.counts?.instances).toBe(1);
  });

  it('reads each network interface: an instance’s with its attachment, addresses (primary first) and groups; an endpoint’s and a NAT gateway’s as AWS types them', () => {
    const byId = new Map(snapshot.topology.networkInterfaces.map((n) => [n.id, n]));
    const eth0 = byId.get(ids.eth0 as `eni-${string}`);
    expect(eth0).toEqual({
      id: ids.eth0,
      vpcId: ids.vpc,
      subnetId: ids.subnet,
      accountId: expect.stringMatching(/^\d{12}$/),
      region: 'us-east-1',
      interfaceType: 'interface',
      description: expect.any(String),
      status: 'in-use',
      privateIpAddresses: ['10.70.1.50', expect.stringMatching(/^10\.70\.1\./)],
      ipv6Addresses: [],
      securityGroupIds: [ids.appSg, ids.sg].sort(),
      attachment: { instanceId: ids.instance, deviceIndex: 0, status: 'attached' },
      requesterManaged: false,
    });
    expect(byId.get(ids.eth1 as `eni-${string}`)).toMatchObject({ securityGroupIds: [ids.sg], attachment: { instanceId: ids.instance, deviceIndex: 1 } });
    expect(byId.get(ids.sqsEni as `eni-${string}`)).toMatchObject({ interfaceType: 'vpc_endpoint', subnetId: ids.subnet, securityGroupIds: [ids.sg], requesterManaged: true });
    const nat = snapshot.topology.natGateways.find((g) => g.id === ids.nat);
    const natEni = nat?.addresses[0]?.networkInterfaceId as `eni-${string}`;
    expect(byId.get(natEni)).toMatchObject({ interfaceType: 'nat_gateway', requesterManaged: true, privateIpAddresses: [nat?.addresses[0]?.privateIp] });
    // The terminated instance's interface went with it.
    expect([...byId.values()].filter((n) => n.attachment?.instanceId === ids.gone)).toEqual([]);
  });

  it('still loads a region whose instances it may not read, and says so', async () => {
    server.setFaults({ denyActions: [{ action: 'DescribeInstances' }] });
    try {
      let last: DiscoveryProgress | undefined;
      const r = await runDiscovery({ profiles: ['sandbox-network'], regions: ['us-east-1'] }, { env, homeDir: home, now: NOW, onProgress: (p) => void (last = p) });
      if (!r.ok) throw new Error(r.error.message);
      expect(r.value.topology.instances).toEqual([]);
      expect(r.value.topology.networkInterfaces.map((n) => n.id)).toContain(ids.eth0);
      const cell = r.value.coverage.find((x) => x.region === 'us-east-1');
      expect(cell?.unread?.map((u) => [u.kind, u.errorCode])).toEqual([['instances', 'UnauthorizedOperation']]);
      // The progress grid's cell says so too, with the same words.
      const gridCell = last?.cells.find((c) => c.region === 'us-east-1');
      expect(gridCell).toMatchObject({ state: 'done', unread: cell?.unread });
    } finally {
      server.setFaults({});
    }
  });

  it('reads DHCP options sets with their options, and which set each VPC uses', async () => {
    const sets = new Map(snapshot.topology.dhcpOptions.map((d) => [d.id, d]));
    expect(sets.get(ids.dopt as `dopt-${string}`)).toEqual({
      id: ids.dopt,
      accountId: snapshot.topology.vpcs.find((v) => v.id === ids.vpc)?.accountId,
      region: 'us-east-1',
      name: 'corp',
      configurations: { 'domain-name': ['corp.example'], 'domain-name-servers': ['10.70.0.2', '10.70.0.3'], 'ntp-servers': ['10.70.0.4'] },
    });
    const vpcs = new Map(snapshot.topology.vpcs.map((v) => [v.id, v]));
    expect(vpcs.get(ids.vpc as `vpc-${string}`)?.dhcpOptionsId).toBe(ids.dopt);
    // AssociateDhcpOptions with `default` leaves a VPC with no set: kept as AWS says it.
    expect(vpcs.get(ids.quietVpc as `vpc-${string}`)?.dhcpOptionsId).toBe('default');
    // Every set of the region is read, the region's default one (AmazonProvidedDNS) too.
    const aws = (await c.send(new DescribeDhcpOptionsCommand({}))).DhcpOptions ?? [];
    expect([...sets.keys()].sort()).toEqual(aws.map((d) => d.DhcpOptionsId).sort());
    expect([...sets.values()].some((d) => d.configurations['domain-name-servers']?.[0] === 'AmazonProvidedDNS')).toBe(true);
    expect(parseSnapshot(JSON.stringify(snapshot))).toEqual({ ok: true, snapshot });
  });

  it('still loads a region whose DHCP options sets it may not read: its VPCs are there, and the coverage names what is missing', async () => {
    server.setFaults({ denyActions: [{ action: 'DescribeDhcpOptions' }] });
    try {
      const r = await runDiscovery({ profiles: ['sandbox-network'], regions: ['us-east-1'] }, { env, homeDir: home, now: NOW });
      if (!r.ok) throw new Error(r.error.message);
      expect(r.value.topology.dhcpOptions).toEqual([]);
      // The VPC still says which set it uses (DescribeVpcs gives the id).
      expect(r.value.topology.vpcs.find((v) => v.id === ids.vpc)?.dhcpOptionsId).toBe(ids.dopt);
      const cell = r.value.coverage.find((x) => x.region === 'us-east-1');
      expect(cell?.state).toBe('complete');
      expect(cell?.unread?.map((u) => [u.kind, u.errorCode])).toEqual([['dhcpOptions', 'UnauthorizedOperation']]);
      expect(cell?.unread?.[0]?.message).toContain('ec2:DescribeDhcpOptions');
    } finally {
      server.setFaults({});
    }
  });

  it('leaves the DNS attributes of VPCs no peering names unknown (vpc-dns-attributes.test.ts has the peered ones)', () => {
    const byId = new Map(snapshot.topology.vpcs.map((v) => [v.id, v]));
    for (const id of [ids.vpc, ids.quietVpc]) {
      expect(byId.get(id as `vpc-${string}`)).not.toHaveProperty('enableDnsSupport');
      expect(byId.get(id as `vpc-${string}`)).not.toHaveProperty('enableDnsHostnames');
    }
  });

  it('gives each flattened security-group rule its id from DescribeSecurityGroupRules', async () => {
    const group = snapshot.topology.securityGroups.find((g) => g.id === ids.appSg);
    const aws = (await c.send(new DescribeSecurityGroupRulesCommand({ Filters: [{ Name: 'group-id', Values: [ids.appSg!] }] }))).SecurityGroupRules ?? [];
    const idOf = (egress: boolean, peer: (r: (typeof aws)[number]) => string | undefined, value: string) => aws.find((r) => r.IsEgress === egress && peer(r) === value)?.SecurityGroupRuleId;
    expect(group?.ingress.map((r) => [r.protocol, r.peer, r.ruleId])).toEqual([
      ['tcp', { kind: 'cidr', cidr: '10.71.0.0/16' }, idOf(false, (r) => r.CidrIpv4, '10.71.0.0/16')],
      ['tcp', { kind: 'group', groupId: ids.sg }, idOf(false, (r) => r.ReferencedGroupInfo?.GroupId, ids.sg!)],
      ['icmp', { kind: 'cidr', cidr: '2001:db8::/32' }, idOf(false, (r) => r.CidrIpv6?.toLowerCase(), '2001:db8::/32')],
    ]);
    expect(group?.egress.map((r) => [r.protocol, r.ruleId])).toEqual([['-1', idOf(true, (r) => r.CidrIpv4, '0.0.0.0/0')]]);
    for (const r of [...group!.ingress, ...group!.egress]) expect(r.ruleId).toMatch(/^sgr-/);
  });

  it('still loads the groups and their rules when it may not read the rule ids, and says so', async () => {
    server.setFaults({ denyActions: [{ action: 'DescribeSecurityGroupRules' }] });
    try {
      const r = await runDiscovery({ profiles: ['sandbox-network'], regions: ['us-east-1'] }, { env, homeDir: home, now: NOW });
      if (!r.ok) throw new Error(r.error.message);
      const group = r.value.topology.securityGroups.find((g) => g.id === ids.appSg);
      expect(group?.ingress).toHaveLength(3);
      expect([...group!.ingress, ...group!.egress].some((x) => x.ruleId !== undefined)).toBe(false);
      const cell = r.value.coverage.find((x) => x.region === 'us-east-1');
      expect(cell?.state).toBe('complete');
      expect(cell?.unread?.map((u) => [u.kind, u.errorCode])).toEqual([['securityGroupRuleIds', 'UnauthorizedOperation']]);
      expect(cell?.unread?.[0]?.message).toContain('ec2:DescribeSecurityGroupRules');
    } finally {
      server.setFaults({});
    }
  });

  it('still loads a region whose network ACLs it may not read: its VPCs are there, and the coverage names what is missing', async () => {
    server.setFaults({ denyActions: [{ action: 'DescribeNetworkAcls' }] });
    try {
      const r = await runDiscovery({ profiles: ['sandbox-network'], regions: ['us-east-1'] }, { env, homeDir: home, now: NOW });
      if (!r.ok) throw new Error(r.error.message);
      expect(r.value.topology.vpcs.map((v) => v.id)).toContain(ids.vpc);
      expect(r.value.topology.networkAcls).toEqual([]);
      const cell = r.value.coverage.find((x) => x.region === 'us-east-1');
      expect(cell?.state).toBe('complete');
      expect(cell?.unread?.map((u) => [u.kind, u.errorCode])).toEqual([['networkAcls', 'UnauthorizedOperation']]);
      expect(cell?.unread?.[0]?.message).toContain('ec2:DescribeNetworkAcls');
      expect(parseSnapshot(JSON.stringify(r.value))).toEqual({ ok: true, snapshot: r.value });
    } finally {
      server.setFaults({});
    }
  });
});
