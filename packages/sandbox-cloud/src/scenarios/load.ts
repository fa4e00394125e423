/** Loads a scenario into a world through the EC2 actions themselves.
 *
 * Every resource is made by the handler that answers the SDK (`runEc2Action`), in the order a
 * person would click it together: accounts, default VPCs, VPCs and their extra blocks, subnets,
 * gateways, route tables, security groups, transit gateways (`load-tgw.ts`: sharing through RAM,
 * attachments, peerings, static routes), the routes to gateways, then each peering in turn: the request,
 * the routes to it while it is pending (so that routes to peerings that end rejected or deleted
 * show `blackhole`), its transition (accept, reject, delete) and DNS options; last the
 * security-group rules (references across a peering need it active). Expired requests are made with the clock set back by the expiry
 * period, so they expire for real. A scenario whose wishes AWS would not grant (a `failed`
 * peering between VPCs that do not overlap, a rule referencing an unpeered group) fails to
 * load with an error that says which entry to fix.
 */
import { createHash } from 'node:crypto';

import { runEc2Action, type Ec2Action } from '../ec2/dispatch';
import { AwsError } from '../errors';
import { DEFAULT_REGIONS, isKnownRegion } from '../regions';
import type { SandboxSettings } from '../state/records';
import type { World } from '../state/world';
import { loadOrganization } from './load-org';
import { loadIam } from './load-iam';
import { findVpcIpv6, nthIpv6Subnet } from './ipv6-blocks';
import { loadTransitGateways } from './load-tgw';
import type { Scenario, ScenarioAccount, ScenarioRoute, ScenarioVpc } from './scenario';

/** Scenario keys → AWS ids (`vpc:<key>`, `subnet:<key>`, `rtb:<key>`, `sg:<key>`, `pcx:<key>`,
 * `igw:<key>`, `eigw:<key>`, `vgw:<key>`, `nat:<key>`, `tgw:<key>`, `tgw-rtb:<key>`,
 * `tgw-attach:<key>`; `ram:<key>` is a gateway's resource share ARN). */
export type ScenarioRefs = Record<string, string>;

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** Stable credentials for an account of a scenario. */
export function accountKeys(a: ScenarioAccount): { accessKeyId: string; secretAccessKey: string } {
  const h = createHash('sha256').update(`peerscape-sandbox:${a.id}`).digest();
  let id = 'AKIA';
  for (let i = 0; id.length < 20; i++) id += BASE32[(h[i] ?? 0) % 32];
  const secret = createHash('sha256').update(`peerscape-sandbox-secret:${a.id}`).digest('base64').slice(0, 40);
  return { accessKeyId: a.accessKeyId ?? id, secretAccessKey: a.secretAccessKey ?? secret };
}

class LoadError extends Error {}

/** The regions whose default VPC `a` has from the start (made by the first call there), from the
 * scenario's `defaultVpcs`; none when the account lists its own `defaultVpcRegions`. */
function defaultVpcRegionsOf(scenario: Scenario, a: ScenarioAccount, fail: (where: string, what: string) => never): string[] {
  const enabled = [...DEFAULT_REGIONS, ...(a.optInRegions ?? [])];
  for (const r of a.defaultVpcRegions ?? []) {
    if (!enabled.includes(r)) fail(`account ${a.profile}`, `defaultVpcRegions names "${r}", which is not a region the account has enabled`);
  }
  if (a.defaultVpcRegions || scenario.defaultVpcs === 'none') return [];
  if (scenario.defaultVpcs === 'all') return enabled;
  for (const r of scenario.defaultVpcs.regions) {
    if (!isKnownRegion(r)) fail('defaultVpcs', `unknown region "${r}"`);
  }
  return enabled.filter((r) => (scenario.defaultVpcs as { regions: string[] }).regions.includes(r));
}

/** Loads `scenario` into an empty `world`; returns the key → id map. */
export function loadScenario(world: World, scenario: Scenario): ScenarioRefs {
  const refs: ScenarioRefs = {};
  const fail = (where: string, what: string): never => {
    throw new LoadError(`Scenario "${scenario.name}", ${where}: ${what}`);
  };

  world.settings = { ...world.settings, ...(scenario.settings as Partial<SandboxSettings> | undefined) };

  // Accounts and their keys (there is no EC2 call for this: accounts exist before the API does).
  const accountByRef = new Map<string, ScenarioAccount>();
  for (const a of scenario.accounts) {
    if (accountByRef.has(a.id) || accountByRef.has(a.profile)) fail(`account ${a.profile}`, 'account ids and profile names must be unique');
    accountByRef.set(a.id, a);
    accountByRef.set(a.profile, a);
    const keys = accountKeys(a);
    world.addAccount({
      accountId: a.id,
      profile: a.profile,
      userName: a.userName ?? 'sandbox-admin',
      accessKeyId: keys.accessKeyId,
      secretAccessKey: keys.secretAccessKey,
      optInRegions: a.optInRegions ?? [],
      defaultVpcsDue: defaultVpcRegionsOf(scenario, a, fail),
    });
  }

  loadIam(world, scenario, fail);

  const call = (accountId: string, region: string, action: Ec2Action, input: Record<string, unknown>, where: string): Record<string, unknown> => {
    try {
      return (runEc2Action(world, accountId, region, action, input, 'scenario-load') ?? {}) as Record<string, unknown>;
    } catch (e) {
      if (e instanceof AwsError) return fail(where, `${action} was refused: ${e.code}: ${e.message}`);
      throw e;
    }
  };
  const tagSpec = (type: string, name: string | undefined, tags: Record<string, string> | undefined): Record<string, unknown>[] => {
    const all = { ...(name ? { Name: name } : {}), ...tags };
    const list = Object.entries(all).map(([Key, Value]) => ({ Key, Value }));
    return list.length > 0 ? [{ ResourceType: type, Tags: list }] : [];
  };
  const remember = (ref: string, id: string, where: string): void => {
    if (refs[ref]) fail(where, `the key "${ref.slice(ref.indexOf(':') + 1)}" is used twice`);
    refs[ref] = id;
  };

  for (const a of scenario.accounts) {
    for (const region of a.defaultVpcRegions ?? []) call(a.id, region, 'CreateDefaultVpc', {}, `account ${a.profile} default VPC in ${region}`);
  }

  // VPCs, extra blocks, DNS attributes.
  const vpcAccount = new Map<string, ScenarioAccount>();
  const vpcByKey = new Map<string, ScenarioVpc>();
  for (const v of scenario.vpcs) {
    const where = `vpc ${v.key}`;
    const a = accountByRef.get(v.account) ?? fail(where, `unknown account "${v.account}" (use a profile name or account id from "accounts")`);
    if (!isKnownRegion(v.region)) fail(where, `unknown region "${v.region}"`);
    vpcAccount.set(v.key, a);
    vpcByKey.set(v.key, v);
    const out = call(a.id, v.region, 'CreateVpc', { CidrBlock: v.cidr, TagSpecifications: tagSpec('vpc', v.name, v.tags) }, where);
    const vpcId = (out.Vpc as { VpcId: string }).VpcId;
    remember(`vpc:${v.key}`, vpcId, where);
    for (const c of v.secondaryCidrs ?? []) call(a.id, v.region, 'AssociateVpcCidrBlock', { VpcId: vpcId, CidrBlock: c }, `${where} secondary ${c}`);
    if (v.ipv6) call(a.id, v.region, 'AssociateVpcCidrBlock', { VpcId: vpcId, AmazonProvidedIpv6CidrBlock: true }, `${where} IPv6`);
    if (v.dnsHostnames) call(a.id, v.region, 'ModifyVpcAttribute', { VpcId: vpcId, EnableDnsHostnames: { Value: true } }, where);
  }
  const vpcOf = (k: string, where: string): { vpc: ScenarioVpc; account: ScenarioAccount; id: string } => {
    const vpc = vpcByKey.get(k) ?? fail(where, `unknown VPC key "${k}"`);
    return { vpc, account: vpcAccount.get(k) as ScenarioAccount, id: refs[`vpc:${k}`] as string };
  };

  // Subnets.
  for (const v of scenario.vpcs) {
    const { account, id } = vpcOf(v.key, `vpc ${v.key}`);
    let v6Index = 0;
    for (const s of v.subnets ?? []) {
      const where = `subnet ${s.key}`;
      const input: Record<string, unknown> = { VpcId: id, CidrBlock: s.cidr, TagSpecifications: tagSpec('subnet', s.name, s.tags) };
      if (s.zone) input.AvailabilityZone = `${v.region}${s.zone}`;
      if (s.ipv6) {
        const block = findVpcIpv6(world, id) ?? fail(where, `the VPC ${v.key} has no IPv6 block (set "ipv6": true on it)`);
        input.Ipv6CidrBlock = nthIpv6Subnet(block, v6Index++);
      }
      const out = call(account.id, v.region, 'CreateSubnet', input, where);
      remember(`subnet:${s.key}`, (out.Subnet as { SubnetId: string }).SubnetId, where);
    }
  }

  // Gateways: internet, egress-only and virtual private gateways attached to their VPC, NAT
  // gateways in their subnet (a public one with an Elastic IP of its own).
  const gatewayOf = new Map<string, { kind: 'gateway' | 'natGateway' | 'egressOnlyGateway'; vpc: string; id: string }>();
  for (const v of scenario.vpcs) {
    const { account, id } = vpcOf(v.key, `vpc ${v.key}`);
    const note = (kind: 'gateway' | 'natGateway' | 'egressOnlyGateway', ref: string, gatewayKey: string, gatewayId: string, where: string): void => {
      remember(`${ref}:${gatewayKey}`, gatewayId, where);
      if (gatewayOf.has(gatewayKey)) fail(where, `the key "${gatewayKey}" is used by two gateways`);
      gatewayOf.set(gatewayKey, { kind, vpc: v.key, id: gatewayId });
    };
    if (v.internetGateway) {
      const g = v.internetGateway;
      const where = `internet gateway ${g.key}`;
      const out = call(account.id, v.region, 'CreateInternetGateway', { TagSpecifications: tagSpec('internet-gateway', g.name, g.tags) }, where);
      const igw = (out.InternetGateway as { InternetGatewayId: string }).InternetGatewayId;
      call(account.id, v.region, 'AttachInternetGateway', { InternetGatewayId: igw, VpcId: id }, where);
      note('gateway', 'igw', g.key, igw, where);
    }
    if (v.egressOnlyGateway) {
      const g = v.egressOnlyGateway;
      const where = `egress-only gateway ${g.key}`;
      const out = call(account.id, v.region, 'CreateEgressOnlyInternetGateway', { VpcId: id, TagSpecifications: tagSpec('egress-only-internet-gateway', g.name, g.tags) }, where);
      note('egressOnlyGateway', 'eigw', g.key, (out.EgressOnlyInternetGateway as { EgressOnlyInternetGatewayId: string }).EgressOnlyInternetGatewayId, where);
    }
    if (v.vpnGateway) {
      const g = v.vpnGateway;
      const where = `virtual private gateway ${g.key}`;
      const out = call(account.id, v.region, 'CreateVpnGateway', { Type: 'ipsec.1', TagSpecifications: tagSpec('vpn-gateway', g.name, g.tags) }, where);
      const vgw = (out.VpnGateway as { VpnGatewayId: string }).VpnGatewayId;
      call(account.id, v.region, 'AttachVpnGateway', { VpnGatewayId: vgw, VpcId: id }, where);
      note('gateway', 'vgw', g.key, vgw, where);
    }
    for (const n of v.natGateways ?? []) {
      const where = `NAT gateway ${n.key}`;
      const subnetId = (v.subnets ?? []).some((x) => x.key === n.subnet) ? (refs[`subnet:${n.subnet}`] as string) : fail(where, `"${n.subnet}" is not a subnet key of VPC ${v.key}`);
      const input: Record<string, unknown> = { SubnetId: subnetId, ConnectivityType: n.connectivity, TagSpecifications: tagSpec('natgateway', n.name, n.tags) };
      if (n.connectivity === 'public') {
        if (!v.internetGateway) fail(where, `a public NAT gateway needs an internet gateway on its VPC (give VPC ${v.key} an "internetGateway", or make it "connectivity": "private")`);
        input.AllocationId = call(account.id, v.region, 'AllocateAddress', { Domain: 'vpc' }, where).AllocationId;
      }
      const out = call(account.id, v.region, 'CreateNatGateway', input, where);
      note('natGateway', 'nat', n.key, (out.NatGateway as { NatGatewayId: string }).NatGatewayId, where);
    }
  }

  // Route tables and associations (routes come after the peerings exist).
  const pendingRoutes: { account: ScenarioAccount; region: string; rtb: string; route: ScenarioRoute; where: string }[] = [];
  for (const v of scenario.vpcs) {
    const { account, id } = vpcOf(v.key, `vpc ${v.key}`);
    for (const t of v.routeTables ?? []) {
      const where = `route table ${t.key}`;
      let rtb: string;
      if (t.main) {
        const out = call(account.id, v.region, 'DescribeRouteTables', { Filters: [{ Name: 'vpc-id', Values: [id] }, { Name: 'association.main', Values: ['true'] }] }, where);
        rtb = ((out.RouteTables as { RouteTableId: string }[])[0] as { RouteTableId: string }).RouteTableId;
        const tags = tagSpec('route-table', t.name, t.tags)[0]?.Tags;
        if (tags) call(account.id, v.region, 'CreateTags', { Resources: [rtb], Tags: tags }, where);
      } else {
        const out = call(account.id, v.region, 'CreateRouteTable', { VpcId: id, TagSpecifications: tagSpec('route-table', t.name, t.tags) }, where);
        rtb = (out.RouteTable as { RouteTableId: string }).RouteTableId;
      }
      remember(`rtb:${t.key}`, rtb, where);
      for (const sk of t.subnets ?? []) {
        const subnetId = refs[`subnet:${sk}`] ?? fail(where, `unknown subnet key "${sk}"`);
        call(account.id, v.region, 'AssociateRouteTable', { RouteTableId: rtb, SubnetId: subnetId }, `${where} ↔ ${sk}`);
      }
      for (const route of t.routes ?? []) pendingRoutes.push({ account, region: v.region, rtb, route, where });
    }
  }

  // Security groups (their rules come last).
  const groupHome = new Map<string, { account: ScenarioAccount; region: string; id: string }>();
  for (const v of scenario.vpcs) {
    const { account, id } = vpcOf(v.key, `vpc ${v.key}`);
    for (const g of v.securityGroups ?? []) {
      const where = `security group ${g.key}`;
      let sg: string;
      if (g.name === 'default') {
        const out = call(account.id, v.region, 'DescribeSecurityGroups', { Filters: [{ Name: 'vpc-id', Values: [id] }, { Name: 'group-name', Values: ['default'] }] }, where);
        sg = ((out.SecurityGroups as { GroupId: string }[])[0] as { GroupId: string }).GroupId;
      } else {
        const out = call(account.id, v.region, 'CreateSecurityGroup', { GroupName: g.name, Description: g.description, VpcId: id, TagSpecifications: tagSpec('security-group', undefined, g.tags) }, where);
        sg = out.GroupId as string;
      }
      remember(`sg:${g.key}`, sg, where);
      groupHome.set(g.key, { account, region: v.region, id: sg });
    }
  }

  const account = (ref: string, where: string): ScenarioAccount => accountByRef.get(ref) ?? fail(where, `unknown account "${ref}" (use a profile name or account id from "accounts")`);
  loadTransitGateways(scenario, { world, refs, call, fail, remember, tagSpec, account, vpc: vpcOf });

  // Routes that do not target a peering.
  const createRoute = (r: (typeof pendingRoutes)[number]): void => {
    const input: Record<string, unknown> = { RouteTableId: r.rtb };
    const dest = r.route.destination;
    const cidr = dest.startsWith('vpc:') ? (vpcByKey.get(dest.slice(4))?.cidr ?? fail(r.where, `unknown VPC key in destination "${dest}"`)) : dest;
    input[cidr.includes(':') ? 'DestinationIpv6CidrBlock' : 'DestinationCidrBlock'] = cidr;
    if (r.route.peering) input.VpcPeeringConnectionId = refs[`pcx:${r.route.peering}`];
    for (const [field, param, noun] of [
      ['gateway', 'GatewayId', 'an internetGateway or vpnGateway'],
      ['natGateway', 'NatGatewayId', 'one of natGateways'],
      ['egressOnlyGateway', 'EgressOnlyInternetGatewayId', 'an egressOnlyGateway'],
    ] as const) {
      const k = r.route[field];
      if (k === undefined) continue;
      const g = gatewayOf.get(k);
      if (!g || g.kind !== field) fail(`${r.where} route to ${dest}`, `"${k}" is not the key of a gateway of this kind (declare it as ${noun} of a VPC and name it by its key)`);
      input[param] = g?.id;
    }
    const tgw = r.route.transitGateway && (refs[`tgw:${r.route.transitGateway}`] ?? r.route.transitGateway);
    if (tgw && !/^tgw-[0-9a-f]{8,17}$/.test(tgw)) fail(`${r.where} route to ${dest}`, `"${tgw}" is not the key of one of transitGateways`);
    const rt = tgw ? world.byId.get(r.rtb) : undefined;
    if (tgw && rt?.kind === 'routeTable' && !world.byId.has(tgw)) {
      // A bare transit gateway id the sandbox does not have: kept as given, as CreateRoute would
      // refuse it (InvalidTransitGatewayID.NotFound).
      rt.rec.routes.push({ [cidr.includes(':') ? 'destinationIpv6CidrBlock' : 'destinationCidrBlock']: cidr, transitGatewayId: tgw, origin: 'CreateRoute' });
      return;
    }
    if (tgw) input.TransitGatewayId = tgw;
    call(r.account.id, r.region, 'CreateRoute', input, `${r.where} route to ${dest}`);
  };
  const routesByPeering = new Map<string, (typeof pendingRoutes)[number][]>();
  const peeringKeys = new Set(scenario.peerings.map((p) => p.key));
  for (const r of pendingRoutes) {
    if (!r.route.peering) {
      createRoute(r);
      continue;
    }
    if (!peeringKeys.has(r.route.peering)) fail(r.where, `unknown peering key "${r.route.peering}"`);
    routesByPeering.set(r.route.peering, [...(routesByPeering.get(r.route.peering) ?? []), r]);
  }

  // Peerings, one at a time (so the quota of outstanding requests holds as it would on AWS):
  // request, routes to it while it is pending, then its transition. Requests that must end
  // expired go first, made in the past so that they expire for real.
  const ordered = [...scenario.peerings].sort((x, y) => Number(y.status === 'expired') - Number(x.status === 'expired'));
  for (const p of ordered) {
    const where = `peering ${p.key}`;
    const req = vpcOf(p.requester, where);
    const acc = vpcOf(p.accepter, where);
    if (p.status === 'initiating-request') world.holds.push({ vpcId: req.id, status: 'initiating-request' });
    if (p.status === 'expired') world.timeOverride = world.clock() - world.settings.pendingExpiryMs - 60_000;
    const out = call(
      req.account.id,
      req.vpc.region,
      'CreateVpcPeeringConnection',
      {
        VpcId: req.id,
        PeerVpcId: acc.id,
        PeerOwnerId: acc.account.id,
        PeerRegion: acc.vpc.region,
        TagSpecifications: tagSpec('vpc-peering-connection', p.name, p.tags),
      },
      where,
    );
    world.timeOverride = undefined;
    world.settle();
    const pcx = (out.VpcPeeringConnection as { VpcPeeringConnectionId: string }).VpcPeeringConnectionId;
    remember(`pcx:${p.key}`, pcx, where);
    if (p.status === 'initiating-request') {
      world.holds = world.holds.filter((h) => h.vpcId !== req.id || h.status !== 'initiating-request');
      world.holds.push({ peeringId: pcx, status: 'initiating-request' });
    }
    const status = (): string => world.peerings.get(pcx)?.status ?? 'gone';
    if (status() === 'failed' && p.status !== 'failed') {
      fail(where, `wanted status ${p.status} but AWS fails the request: the two VPCs have overlapping CIDR blocks (or the peer VPC is missing)`);
    }
    // The accepter tags the peering on its side too (tags are per account).
    if (p.name && acc.account.id !== req.account.id && p.status !== 'failed' && p.status !== 'initiating-request') {
      call(acc.account.id, acc.vpc.region, 'CreateTags', { Resources: [pcx], Tags: [{ Key: 'Name', Value: p.name }] }, where);
    }
    for (const r of routesByPeering.get(p.key) ?? []) createRoute(r);

    const accept = (): void => {
      call(acc.account.id, acc.vpc.region, 'AcceptVpcPeeringConnection', { VpcPeeringConnectionId: pcx }, where);
    };
    switch (p.status) {
      case 'active':
        accept();
        break;
      case 'provisioning':
        world.holds.push({ peeringId: pcx, status: 'provisioning' });
        accept();
        break;
      case 'rejected':
        call(acc.account.id, acc.vpc.region, 'RejectVpcPeeringConnection', { VpcPeeringConnectionId: pcx }, where);
        break;
      case 'deleted':
      case 'deleting': {
        if (p.status === 'deleting') {
          if (req.vpc.region === acc.vpc.region) fail(where, 'only an inter-region peering passes through "deleting"; put the VPCs in different regions');
          world.holds.push({ peeringId: pcx, status: 'deleting' });
        }
        accept();
        const by = p.deletedBy === 'accepter' ? acc : req;
        call(by.account.id, by.vpc.region, 'DeleteVpcPeeringConnection', { VpcPeeringConnectionId: pcx }, where);
        break;
      }
      default:
        break;
    }
    world.settle();
    if (status() !== p.status) {
      const why = p.status === 'failed' ? "a request fails only when the VPCs' CIDRs overlap (or the peer VPC does not exist)" : 'check the peering settings of the scenario';
      fail(where, `wanted status ${p.status} but the sandbox reached ${status()}: ${why}`);
    }
    if (p.requesterDnsResolution || p.accepterDnsResolution) {
      if (p.status !== 'active') fail(where, 'DNS resolution options need an active peering');
      if (p.requesterDnsResolution) {
        call(req.account.id, req.vpc.region, 'ModifyVpcPeeringConnectionOptions', { VpcPeeringConnectionId: pcx, RequesterPeeringConnectionOptions: { AllowDnsResolutionFromRemoteVpc: true } }, where);
      }
      if (p.accepterDnsResolution) {
        call(acc.account.id, acc.vpc.region, 'ModifyVpcPeeringConnectionOptions', { VpcPeeringConnectionId: pcx, AccepterPeeringConnectionOptions: { AllowDnsResolutionFromRemoteVpc: true } }, where);
      }
    }
  }

  // Security-group rules.
  for (const v of scenario.vpcs) {
    for (const g of v.securityGroups ?? []) {
      const home = groupHome.get(g.key) as { account: ScenarioAccount; region: string; id: string };
      for (const [dir, rules] of [
        ['Ingress', g.ingress ?? []],
        ['Egress', g.egress ?? []],
      ] as const) {
        rules.forEach((r, i) => {
          const where = `security group ${g.key} ${dir.toLowerCase()} rule ${i + 1}`;
          const perm: Record<string, unknown> = { IpProtocol: r.protocol, FromPort: r.fromPort, ToPort: r.toPort };
          if (r.cidr) perm[r.cidr.includes(':') ? 'Ipv6Ranges' : 'IpRanges'] = [r.cidr.includes(':') ? { CidrIpv6: r.cidr, Description: r.description } : { CidrIp: r.cidr, Description: r.description }];
          if (r.group) {
            const target = groupHome.get(r.group) ?? fail(where, `unknown security group key "${r.group}"`);
            perm.UserIdGroupPairs = [{ GroupId: target.id, UserId: target.account.id, Description: r.description }];
          }
          call(home.account.id, home.region, `AuthorizeSecurityGroup${dir}`, { GroupId: home.id, IpPermissions: [perm] }, where);
        });
      }
    }
  }
  loadOrganization(world, scenario, refs);
  return refs;
}
