/** Differential tests, the sandbox against moto 5.2.1 as moto-ec2.ts starts them, of VPCs and subnets:
 * Describe filters and pages, subnet fields and filter aliases, CIDR block limits, IPv6-only subnets,
 * the default VPC of every account and region, DescribeAccountAttributes, and state kept per account
 * and region. */
import {
  AssociateVpcCidrBlockCommand,
  AuthorizeSecurityGroupIngressCommand,
  DescribeAccountAttributesCommand,
  DescribeAvailabilityZonesCommand,
  CreateRouteTableCommand,
  CreateSecurityGroupCommand,
  CreateSubnetCommand,
  CreateVpcCommand,
  DescribeRouteTablesCommand,
  DescribeSecurityGroupsCommand,
  DescribeSubnetsCommand,
  DescribeVpcsCommand,
} from '@aws-sdk/client-ec2';
import { expect, it } from 'vitest';

import { describeWithVpcs, idOf } from './moto-ec2';
import { both, code, failure, named } from './moto-targets';

describeWithVpcs('sandbox and moto agree on VPCs, subnets and accounts', (targets) => {
  it('describes the same VPCs (without moto default VPCs), with filters and pages', async () => {
    const [s, m] = await both(targets, async (t) => {
      const out = await t.a().send(new DescribeVpcsCommand({ Filters: [{ Name: 'is-default', Values: ['false'] }] }));
      return (out.Vpcs ?? [])
        .map((v) => ({ name: named(t, v.VpcId), cidr: v.CidrBlock, state: v.State, owner: v.OwnerId, tags: v.Tags, blocks: v.CidrBlockAssociationSet?.map((x) => x.CidrBlock) }))
        .sort((x, y) => x.name.localeCompare(y.name));
    });
    expect(s).toEqual(m);
    expect(s.map((v) => v.name)).toEqual(['a1', 'a2']);
    const [sByTag, mByTag] = await both(targets, async (t) =>
      ((await t.a().send(new DescribeVpcsCommand({ Filters: [{ Name: 'tag:Name', Values: ['a2'] }] }))).Vpcs ?? []).map((v) => named(t, v.VpcId)),
    );
    expect(sByTag).toEqual(mByTag);
    const [sPage, mPage] = await both(targets, async (t) => {
      const out = await t.a().send(new DescribeVpcsCommand({ Filters: [{ Name: 'is-default', Values: ['false'] }], MaxResults: 5 }));
      return { n: out.Vpcs?.length, more: Boolean(out.NextToken) };
    });
    expect(sPage).toEqual(mPage);
  });

  it('creates subnets, route tables and security groups alike', async () => {
    const [s, m] = await both(targets, async (t) => {
      const c = t.a();
      const vpc = idOf(t, 'a1');
      const subnet = (await c.send(new CreateSubnetCommand({ VpcId: vpc, CidrBlock: '10.0.1.0/24', AvailabilityZone: 'us-east-1a' }))).Subnet;
      const rt = (await c.send(new CreateRouteTableCommand({ VpcId: vpc }))).RouteTable;
      const sg = (await c.send(new CreateSecurityGroupCommand({ GroupName: 'web', Description: 'web', VpcId: vpc }))).GroupId as string;
      await c.send(new AuthorizeSecurityGroupIngressCommand({ GroupId: sg, IpPermissions: [{ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, IpRanges: [{ CidrIp: '10.2.0.0/16' }] }] }));
      const subnets = await c.send(new DescribeSubnetsCommand({ Filters: [{ Name: 'vpc-id', Values: [vpc] }] }));
      const tables = await c.send(new DescribeRouteTablesCommand({ Filters: [{ Name: 'vpc-id', Values: [vpc] }] }));
      const groups = await c.send(new DescribeSecurityGroupsCommand({ GroupIds: [sg] }));
      return {
        subnet: [subnet?.CidrBlock, subnet?.AvailabilityZone, subnets.Subnets?.length, subnets.Subnets?.[0]?.AvailableIpAddressCount],
        newTable: rt?.Routes?.map((r) => [r.DestinationCidrBlock, r.GatewayId, r.State]),
        tables: tables.RouteTables?.length,
        main: tables.RouteTables?.filter((x) => x.Associations?.some((a) => a.Main)).length,
        ingress: groups.SecurityGroups?.[0]?.IpPermissions?.map((p) => [p.IpProtocol, p.FromPort, p.ToPort, p.IpRanges?.map((r) => r.CidrIp)]),
        egress: groups.SecurityGroups?.[0]?.IpPermissionsEgress?.map((p) => [p.IpProtocol, p.IpRanges?.map((r) => r.CidrIp)]),
      };
    });
    expect(s).toEqual(m);
  });

  it("checks an IPv6-only subnet's IPv6 source before its IPv4 parameters alike", async () => {
    const [s, m] = await both(targets, async (t) => {
      const c = t.a();
      const vpc = idOf(t, 'a1');
      return {
        // 10.0.1.0/24 is taken by an earlier test's subnet: the IPv6 checks come first all the same.
        noSource: await failure(t, c.send(new CreateSubnetCommand({ VpcId: vpc, Ipv6Native: true, CidrBlock: '10.0.1.0/24' }))),
        withIpv4: await failure(t, c.send(new CreateSubnetCommand({ VpcId: vpc, Ipv6Native: true, CidrBlock: '10.0.1.0/24', Ipv6CidrBlock: '2600:1f18:7cb4:2e01::/64' }))),
      };
    });
    expect(s).toEqual(m);
    expect(s).toEqual({
      noSource: { code: 'MissingParameter', message: "Either 'ipv6CidrBlock' or 'ipv6IpamPoolId' should be provided." },
      withIpv4: {
        code: 'InvalidParameterCombination',
        message: 'When specifying ipv4 parameters, cidrBlock or ipv4IpamPoolId, you cannot set ipv6Native to true.',
      },
    });
  });

  it('limits CIDR blocks alike, word for word, and differs on border groups where moto departs from AWS', async () => {
    const [s, m] = await both(targets, async (t) => {
      const c = t.a();
      const make = async (key: string, cidr: string, ipv6 = false): Promise<string> => {
        const id = (await c.send(new CreateVpcCommand({ CidrBlock: cidr, AmazonProvidedIpv6CidrBlock: ipv6 }))).Vpc?.VpcId as string;
        t.names.set(id, key);
        return id;
      };
      const four = await make('cidr-limit', '10.40.0.0/16');
      for (const cidr of ['10.41.0.0/16', '10.42.0.0/16', '10.43.0.0/16', '10.44.0.0/16']) await c.send(new AssociateVpcCidrBlockCommand({ VpcId: four, CidrBlock: cidr }));
      const sixth = await failure(t, c.send(new AssociateVpcCidrBlockCommand({ VpcId: four, CidrBlock: '10.45.0.0/16' })));
      const v6 = await make('v6-limit', '10.46.0.0/16', true);
      const sameGroup = await failure(t, c.send(new AssociateVpcCidrBlockCommand({ VpcId: v6, AmazonProvidedIpv6CidrBlock: true })));
      const otherGroup = await failure(
        t,
        c.send(new AssociateVpcCidrBlockCommand({ VpcId: v6, AmazonProvidedIpv6CidrBlock: true, Ipv6CidrBlockNetworkBorderGroup: 'us-east-1-bos-1' })),
      );
      return { sixth, sameGroup, otherGroup };
    });
    expect({ ...s, otherGroup: undefined }).toEqual({ ...m, otherGroup: undefined });
    expect(s.sixth).toEqual({ code: 'CidrLimitExceeded', message: 'This network <cidr-limit> has met its maximum number of allowed CIDRs: 5' });
    expect(s.sameGroup).toEqual({ code: 'CidrLimitExceeded', message: 'This network <v6-limit> has met its maximum number of allowed CIDRs: 1' });
    // Known moto gap: moto allows one IPv6 block per VPC whatever its border group. On AWS a VPC
    // holds up to five IPv6 blocks ("Amazon VPC quotas": IPv6 CIDR blocks per VPC) and one
    // Amazon-provided block per network border group (EC2 API reference, AssociateVpcCidrBlock,
    // Ipv6CidrBlockNetworkBorderGroup: "You can have one IPv6 CIDR block association per network
    // border group."); the sandbox follows AWS.
    expect(s.otherGroup).toEqual({ code: 'no error', message: '' });
    expect(m.otherGroup.code).toBe('CidrLimitExceeded');
  });

  it('answers the current subnet fields and filter aliases, and differs where moto departs from AWS', async () => {
    const [s, m] = await both(targets, async (t) => {
      const c = t.a();
      const vpc = (await c.send(new CreateVpcCommand({ CidrBlock: '10.50.0.0/16' }))).Vpc?.VpcId as string;
      t.names.set(vpc, 'fields');
      const id = (await c.send(new CreateSubnetCommand({ VpcId: vpc, CidrBlock: '10.50.1.0/24', AvailabilityZone: 'us-east-1a' }))).Subnet?.SubnetId as string;
      await c.send(new CreateSubnetCommand({ VpcId: vpc, CidrBlock: '10.50.2.0/24', AvailabilityZone: 'us-east-1b' }));
      const seen = (await c.send(new DescribeSubnetsCommand({ SubnetIds: [id] }))).Subnets?.[0];
      const zoneId = seen?.AvailabilityZoneId as string;
      const count = async (Name: string, Values: string[]): Promise<number | string> => {
        try {
          return (await c.send(new DescribeSubnetsCommand({ Filters: [{ Name: 'vpc-id', Values: [vpc] }, { Name, Values }] }))).Subnets?.length ?? 0;
        } catch (e) {
          return (e as Error).name;
        }
      };
      return {
        agreed: {
          ipv6Native: seen?.Ipv6Native,
          assignIpv6: seen?.AssignIpv6AddressOnCreation,
          hostnames: seen?.PrivateDnsNameOptionsOnLaunch,
          availabilityZone: await count('availabilityZone', ['us-east-1a']),
          cidrBlock: await count('cidrBlock', ['10.50.2.0/24']),
          defaultForAz: await count('defaultForAz', ['false']),
          zoneIdKebab: await count('availability-zone-id', [zoneId]),
        },
        fields: { dns64: seen?.EnableDns64, coip: seen?.MapCustomerOwnedIpOnLaunch, bpa: seen?.BlockPublicAccessStates },
        zoneIdAlias: await count('availabilityZoneId', [zoneId]),
        noIpv6Block: await failure(t, c.send(new CreateSubnetCommand({ VpcId: vpc, Ipv6Native: true, Ipv6CidrBlock: '2600:1f18:7cb4:2e01::/64' }))),
      };
    });
    expect(s.agreed).toEqual(m.agreed);
    expect(s.agreed).toEqual({
      ipv6Native: false,
      assignIpv6: false,
      hostnames: { HostnameType: 'ip-name', EnableResourceNameDnsARecord: false, EnableResourceNameDnsAAAARecord: false },
      availabilityZone: 1,
      cidrBlock: 1,
      defaultForAz: 2,
      zoneIdKebab: 1,
    });
    // Known moto gaps, where the sandbox follows AWS:
    // - moto leaves out EnableDns64, MapCustomerOwnedIpOnLaunch and BlockPublicAccessStates; AWS
    //   answers them for every subnet (EC2 API reference, Subnet; DescribeSubnets examples in the
    //   AWS CLI reference show false, false and InternetGatewayBlockMode "off").
    expect(s.fields).toEqual({ dns64: false, coip: false, bpa: { InternetGatewayBlockMode: 'off' } });
    expect(m.fields).toEqual({ dns64: undefined, coip: undefined, bpa: undefined });
    // - moto has no availabilityZoneId filter (it answers HTTP 500); the EC2 API reference of
    //   DescribeSubnets lists it: "availability-zone-id … You can also use availabilityZoneId".
    expect(s.zoneIdAlias).toBe(1);
    expect(m.zoneIdAlias).not.toBe(1);
    // - moto takes an IPv6 block in a VPC that has none; on AWS a subnet's IPv6 block must come
    //   from the VPC's IPv6 blocks ("Subnet CIDR blocks", Amazon VPC user guide), and the
    //   answer is InvalidSubnet.Range "The IPv6 CIDR '…' is invalid."
    expect(s.noIpv6Block).toEqual({ code: 'InvalidSubnet.Range', message: "The IPv6 CIDR '2600:1f18:7cb4:2e01::/64' is invalid." });
    expect(m.noIpv6Block.code).toBe('no error');
  });

  it('gives every account a default VPC alike (172.31.0.0/16, a default /20 subnet per zone), and differs on its internet route where moto departs from AWS', async () => {
    const [s, m] = await both(targets, async (t) => {
      const out: Record<string, unknown> = {};
      for (const [who, region] of [['a', 'us-east-1'], ['b', 'us-west-2'], ['a', 'eu-west-1']] as const) {
        const c = who === 'a' ? t.a(region) : t.b(region);
        const vpcs = (await c.send(new DescribeVpcsCommand({ Filters: [{ Name: 'is-default', Values: ['true'] }] }))).Vpcs ?? [];
        const id = vpcs[0]?.VpcId as string;
        const subnets = (await c.send(new DescribeSubnetsCommand({ Filters: [{ Name: 'vpc-id', Values: [id] }] }))).Subnets ?? [];
        const zones = (await c.send(new DescribeAvailabilityZonesCommand({}))).AvailabilityZones ?? [];
        const tables = (await c.send(new DescribeRouteTablesCommand({ Filters: [{ Name: 'vpc-id', Values: [id] }] }))).RouteTables ?? [];
        const internet = tables[0]?.Routes?.find((r) => r.DestinationCidrBlock === '0.0.0.0/0')?.GatewayId;
        out[`${who} ${region}`] = {
          vpcs: vpcs.map((v) => [v.CidrBlock, v.IsDefault, v.OwnerId]),
          subnets: subnets.map((x) => [x.CidrBlock, x.DefaultForAz, x.MapPublicIpOnLaunch]).sort((x, y) => String(x[0]).localeCompare(String(y[0]))),
          zoneNames: subnets.map((x) => x.AvailabilityZone).sort(),
          zones: zones.map((z) => z.ZoneName),
          tables: tables.length,
          internet: internet?.startsWith('igw-'),
        };
      }
      return out;
    });
    const withoutRoute = (x: Record<string, unknown>) => Object.fromEntries(Object.entries(x).map(([k, v]) => [k, { ...(v as object), internet: 'compared below' }]));
    expect(withoutRoute(s)).toEqual(withoutRoute(m));
    expect((s['a us-east-1'] as { subnets: unknown[] }).subnets).toHaveLength(6);
    // "Default VPCs" (Amazon VPC user guide): AWS attaches an internet gateway to the default VPC
    // and routes 0.0.0.0/0 to it from the main route table. moto's default VPC has no such route.
    expect(Object.values(s).map((x) => (x as { internet: unknown }).internet)).toEqual([true, true, true]);
    expect(Object.values(m).map((x) => (x as { internet: unknown }).internet)).toEqual([undefined, undefined, undefined]);
  });

  it('answers DescribeAccountAttributes alike in names and quotas, and differs where moto departs from AWS', async () => {
    const [s, m] = await both(targets, async (t) => {
      const c = t.a('us-west-2');
      const all = (await c.send(new DescribeAccountAttributesCommand({}))).AccountAttributes ?? [];
      const values = (name: string) => all.find((a) => a.AttributeName === name)?.AttributeValues?.map((v) => v.AttributeValue);
      const defaultVpc = (await c.send(new DescribeVpcsCommand({ Filters: [{ Name: 'is-default', Values: ['true'] }] }))).Vpcs?.[0]?.VpcId;
      const filtered = (await c.send(new DescribeAccountAttributesCommand({ AttributeNames: ['default-vpc'] }))).AccountAttributes ?? [];
      return {
        names: all.map((a) => a.AttributeName),
        quotas: ['vpc-max-security-groups-per-interface', 'max-instances', 'max-elastic-ips', 'vpc-max-elastic-ips'].map(values),
        platforms: values('supported-platforms'),
        defaultVpcNamed: values('default-vpc')?.[0] === (defaultVpc ?? 'none'),
        hasDefaultVpc: defaultVpc !== undefined,
        filtered: filtered.map((a) => a.AttributeName),
      };
    });
    const { platforms: sPlatforms, defaultVpcNamed: sNamed, filtered: sFiltered, ...sRest } = s;
    const { platforms: mPlatforms, defaultVpcNamed: mNamed, filtered: mFiltered, ...mRest } = m;
    expect(sRest).toEqual(mRest);
    expect(sRest.hasDefaultVpc).toBe(true);
    // EC2 API reference, DescribeAccountAttributes: `supported-platforms` is VPC for accounts made
    // after EC2-Classic's retirement; `default-vpc` is the region's default VPC; AttributeNames
    // narrows the answer. moto answers EC2 and VPC, `none` beside its default VPC, and every attribute.
    expect([sPlatforms, sNamed, sFiltered]).toEqual([['VPC'], true, ['default-vpc']]);
    expect([mPlatforms, mNamed]).toEqual([['EC2', 'VPC'], false]);
    expect(mFiltered.length).toBeGreaterThan(1);
  });

  it('keeps state per account and region alike', async () => {
    const [s, m] = await both(targets, async (t) => ({
      bVpcs: ((await t.b().send(new DescribeVpcsCommand({ Filters: [{ Name: 'is-default', Values: ['false'] }] }))).Vpcs ?? []).map((v) => named(t, v.VpcId)).sort(),
      euVpcs: ((await t.a('eu-west-1').send(new DescribeVpcsCommand({ Filters: [{ Name: 'is-default', Values: ['false'] }] }))).Vpcs ?? []).map((v) => named(t, v.VpcId)),
      foreign: await code(t.b().send(new DescribeVpcsCommand({ VpcIds: [idOf(t, 'a1')] }))),
    }));
    expect(s).toEqual(m);
    expect(s).toEqual({ bVpcs: ['b1', 'b2'], euVpcs: ['a3'], foreign: 'InvalidVpcID.NotFound' });
  });
});
