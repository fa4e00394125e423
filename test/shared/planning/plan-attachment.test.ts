/** Attaching a VPC to a transit gateway: the validity a drag shows, and the plan a drop makes. */
import { execFileSync } from 'node:child_process';

import { describe, expect, it } from 'vitest';

import { createAttachmentValidator, validateAttachment } from '../../../shared/analysis/validate-attachment';
import type { AccountId } from '../../../shared/model/ids';
import type { Subnet, Topology } from '../../../shared/model/topology';
import { buildAttachmentHandoff } from '../../../shared/planning/handoff';
import { planAttachment, planAttachmentDeletion } from '../../../shared/planning/plan-attachment';
import { planToCliScript } from '../../../shared/planning/plan-cli';
import { planCalls } from '../../../shared/planning/plan-calls';
import type { PeeringPlan } from '../../../shared/planning/plan-types';
import { ATTACHMENT_ID_REF } from '../../../shared/planning/plan-types';
import { route, routeTable, subnet, tgwRoute, topology, transitGateway, transitGatewayRouteTable, vpc, vpcAttachment } from '../../support/fixtures/build-topology';

const OWNER: AccountId = '111111111111';
const MEMBER: AccountId = '222222222222';
const STRANGER: AccountId = '444444444444';
const FAR: AccountId = '333333333333';

const inZone = (s: Subnet, zone: string): Subnet => ({ ...s, availabilityZone: zone });

function estate(): Topology {
  const hub = transitGateway('tgw-hub', { name: 'hub', defaultRouteTableId: 'tgw-rtb-hub', sharedWith: [MEMBER] });
  const plain = transitGateway('tgw-plain', { name: 'plain' });
  const far = transitGateway('tgw-far', { accountId: FAR, sharedWith: [OWNER], routing: { state: 'unread', reason: 'owner-not-scanned' } });
  const pend = { ...transitGateway('tgw-pend', { defaultRouteTableId: 'tgw-rtb-pend' }), state: 'pending' };
  const app = vpc('vpc-app', '10.0.0.0/16', { name: 'app' });
  const fresh = vpc('vpc-new', '10.5.0.0/16', { name: 'new' });
  const member = vpc('vpc-member', '10.6.0.0/16', { name: 'member', accountId: MEMBER });
  const clash = vpc('vpc-clash', '10.0.128.0/17', { name: 'clash' });
  const east = vpc('vpc-east', '10.7.0.0/16', { name: 'east', region: 'us-east-1' });
  const stranger = vpc('vpc-stranger', '10.8.0.0/16', { accountId: STRANGER });
  const appA = inZone(subnet('subnet-appa', app, '10.0.1.0/24'), 'eu-west-1a');
  const newA = inZone(subnet('subnet-newa', fresh, '10.5.1.0/24'), 'eu-west-1a');
  const newA2 = inZone(subnet('subnet-newa2', fresh, '10.5.16.0/20'), 'eu-west-1a');
  const newB = inZone(subnet('subnet-newb', fresh, '10.5.2.0/24'), 'eu-west-1b');
  const memberA = inZone(subnet('subnet-membera', member, '10.6.1.0/24'), 'eu-west-1a');
  const clashA = inZone(subnet('subnet-clasha', clash, '10.0.129.0/24'), 'eu-west-1a');
  const appAtt = vpcAttachment('tgw-attach-app', hub, app, [appA], 'tgw-rtb-hub');
  const hubTable = transitGatewayRouteTable('tgw-rtb-hub', hub, {
    associations: [appAtt],
    propagations: [appAtt],
    routes: [tgwRoute('10.0.0.0/16', [appAtt], 'propagated'), tgwRoute('172.16.0.0/12', 'blackhole')],
  });
  return topology({
    vpcs: [app, fresh, member, clash, east, stranger],
    subnets: [appA, newA, newA2, newB, memberA, clashA],
    routeTables: [
      routeTable('rtb-app', app, { main: true, routes: [route('10.9.0.0/16', 'tgw-hub'), route('10.6.0.0/16', 'tgw-hub')] }),
      // new's main table serves zone b; zone a's table already sends part of app's block to a peering.
      routeTable('rtb-new', fresh, { main: true }),
      routeTable('rtb-newa', fresh, { subnetIds: [newA.id, newA2.id], routes: [route('10.0.1.0/24', 'pcx-11111111')] }),
      routeTable('rtb-member', member, { main: true }),
    ],
    accounts: [
      { id: OWNER, profiles: ['network'] },
      { id: MEMBER, profiles: ['member'] },
    ],
    transitGateways: [hub, plain, far, pend],
    transitGatewayAttachments: [appAtt],
    transitGatewayRouteTables: [hubTable, transitGatewayRouteTable('tgw-rtb-plain', plain)],
  });
}

function must(r: { ok: true; value: PeeringPlan } | { ok: false; error: { message: string } }): PeeringPlan {
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

describe('validateAttachment', () => {
  const t = estate();

  it('allows a VPC of the owner\'s region and account whose blocks overlap nothing in the default table', () => {
    expect(validateAttachment(t, 'vpc-new', 'tgw-hub')).toMatchObject({ status: 'possible', reasons: [], tables: { associationTableId: 'tgw-rtb-hub', propagationTableId: 'tgw-rtb-hub' } });
    expect(validateAttachment(t, 'vpc-member', 'tgw-hub').status).toBe('possible');
  });

  it('refuses each case AWS refuses, with the reason and a fix', () => {
    const codes = (vpcId: string, tgw: string) => validateAttachment(t, vpcId as never, tgw as never).reasons.map((r) => r.code);
    expect(codes('vpc-east', 'tgw-hub')).toEqual(['other-region']);
    expect(codes('vpc-app', 'tgw-hub')).toEqual(['already-attached']);
    expect(codes('vpc-stranger', 'tgw-hub')).toEqual(['not-shared']);
    expect(codes('vpc-clash', 'tgw-hub')).toEqual(['cidr-overlap']);
    expect(codes('vpc-new', 'tgw-pend')).toEqual(['gateway-not-available']);
    expect(codes('vpc-new', 'tgw-nope')).toEqual(['unknown-gateway']);
    const overlap = validateAttachment(t, 'vpc-clash', 'tgw-hub');
    expect(overlap.summary).toBe('10.0.128.0/17 of clash (vpc-clash) overlaps 10.0.0.0/16 (propagated to vpc-app) in tgw-rtb-hub, the table it would be associated with.');
    expect(overlap.reasons[0]!.fix).toContain('Renumber');
    expect(validateAttachment(t, 'vpc-app', 'tgw-hub').reasons[0]!.message).toContain('tgw-attach-app (available)');
    expect(validateAttachment(t, 'vpc-stranger', 'tgw-hub').reasons[0]!.fix).toContain('share tgw-hub with 444444444444 through AWS RAM');
  });

  it('says the overlap is unknown, not possible, when the gateway\'s routing was not read', () => {
    const v = validateAttachment(t, 'vpc-new', 'tgw-far');
    expect(v.status).toBe('unknown');
    expect(v.unknown?.message).toContain('route tables were not read');
    expect(v.unknown?.fix).toContain(`Scan account ${FAR}`);
  });

  it('checks the table asked for instead of the default, and refuses a table of another gateway', () => {
    expect(validateAttachment(t, 'vpc-clash', 'tgw-plain').status).toBe('possible');
    expect(validateAttachment(t, 'vpc-new', 'tgw-plain', { associationTableId: 'tgw-rtb-hub' }).reasons.map((r) => r.code)).toEqual(['unknown-route-table']);
  });

  it('answers a drag over many hubs from one validator', () => {
    const validate = createAttachmentValidator(t);
    const verdicts = t.transitGateways.map((g) => validate('vpc-new', g.id).status);
    expect(verdicts).toEqual(['possible', 'possible', 'unknown', 'refused']);
  });
});

describe('planAttachment', () => {
  const t = estate();

  it('creates the attachment with one subnet per zone (the largest), and routes what the association table routes', () => {
    const plan = must(planAttachment(t, { vpcId: 'vpc-new', transitGatewayId: 'tgw-hub' }));
    expect(plan.transitGateway).toEqual({ transitGatewayId: 'tgw-hub', name: 'hub', ownerAccountId: OWNER, region: 'eu-west-1' });
    expect(plan.steps.map((s) => `${s.kind} ${s.id}`)).toEqual(['create-tgw-vpc-attachment create', 'create-route route:rtb-new:10.0.0.0/16']);
    const create = plan.steps[0]!;
    expect(create).toMatchObject({
      profile: 'network',
      accountId: OWNER,
      params: { TransitGatewayId: 'tgw-hub', VpcId: 'vpc-new', SubnetIds: ['subnet-newa2', 'subnet-newb'], TagSpecifications: [{ ResourceType: 'transit-gateway-attachment', Tags: [{ Key: 'Name', Value: 'new-to-hub' }] }] },
      cleanup: { action: 'DeleteTransitGatewayVpcAttachment', params: { TransitGatewayAttachmentId: ATTACHMENT_ID_REF } },
    });
    expect(plan.steps[1]).toMatchObject({ params: { RouteTableId: 'rtb-new', DestinationCidrBlock: '10.0.0.0/16', TransitGatewayId: 'tgw-hub' }, dependsOn: ['create'] });
    // The blackhole route is no destination; rtb-newa routes 10.0.1.0/24 more specifically, so it is left out and said.
    expect(plan.notes.map((n) => n.message)).toContain('rtb-newa already routes 10.0.1.0/24 to pcx-11111111, so 10.0.0.0/16 is not routed to tgw-hub there by default.');
  });

  it('takes the user\'s subnets, tables and destinations, and refuses what does not fit', () => {
    const plan = must(planAttachment(t, { vpcId: 'vpc-new', transitGatewayId: 'tgw-hub', subnetIds: ['subnet-newa'], routeTables: ['rtb-newa'], destinations: ['10.0.0.0/16', '0.0.0.0/0'] }));
    expect(plan.steps[0]!.params).toMatchObject({ SubnetIds: ['subnet-newa'] });
    expect(plan.notes.some((n) => n.message.startsWith('No attachment subnet in eu-west-1b'))).toBe(true);
    expect(plan.steps.filter((s) => s.kind === 'create-route').map((s) => s.target?.destination)).toEqual(['10.0.0.0/16', '0.0.0.0/0']);
    const sameZone = planAttachment(t, { vpcId: 'vpc-new', transitGatewayId: 'tgw-hub', subnetIds: ['subnet-newa', 'subnet-newa2'] });
    expect(!sameZone.ok && sameZone.error.message).toBe('subnet-newa and subnet-newa2 are both in eu-west-1a: an attachment takes one subnet per Availability Zone.');
    const foreign = planAttachment(t, { vpcId: 'vpc-new', transitGatewayId: 'tgw-hub', subnetIds: ['subnet-appa'] });
    expect(!foreign.ok && foreign.error.message).toContain('belongs to vpc-app');
    const own = planAttachment(t, { vpcId: 'vpc-new', transitGatewayId: 'tgw-hub', destinations: ['10.5.1.0/24'] });
    expect(!own.ok && own.error.message).toContain('inside 10.5.0.0/16, a block of new (vpc-new) itself');
    const refused = planAttachment(t, { vpcId: 'vpc-clash', transitGatewayId: 'tgw-hub' });
    expect(!refused.ok && refused.error).toMatchObject({ code: 'invalid-input', message: expect.stringContaining('overlaps 10.0.0.0/16') });
  });

  it('has the owner accept a cross-account attachment with its profile, and associates and propagates on the defaults by itself', () => {
    const plan = must(planAttachment(t, { vpcId: 'vpc-member', transitGatewayId: 'tgw-hub' }));
    expect(plan.steps.map((s) => s.kind)).toEqual(['create-tgw-vpc-attachment', 'accept-tgw-vpc-attachment', 'create-route']);
    expect(plan.steps[1]).toMatchObject({ profile: 'network', accountId: OWNER, region: 'eu-west-1', params: { TransitGatewayAttachmentId: ATTACHMENT_ID_REF } });
    expect(plan.steps[2]).toMatchObject({ profile: 'member', dependsOn: ['accept'] });
    const script = planToCliScript(plan);
    expect(script).toContain(`TGW_ATTACH_ID=$(aws ec2 create-transit-gateway-vpc-attachment --transit-gateway-id tgw-hub --vpc-id vpc-member --subnet-ids '["subnet-membera"]'`);
    expect(script).toContain('--query TransitGatewayVpcAttachment.TransitGatewayAttachmentId --output text)');
    expect(script).toMatch(/pendingAcceptance\|available\) break ;;/);
    expect(script).toContain('aws ec2 accept-transit-gateway-vpc-attachment --transit-gateway-attachment-id "$TGW_ATTACH_ID" --profile network');
    execFileSync('sh', ['-n', '-c', script]);
  });

  it('without a profile of the owner, leaves the acceptance to them with console steps and commands', () => {
    const plan = must(planAttachment(t, { vpcId: 'vpc-member', transitGatewayId: 'tgw-hub' }, { [MEMBER]: ['member'] }));
    const accept = plan.steps.find((s) => s.kind === 'accept-tgw-vpc-attachment')!;
    expect(accept.profile).toBeUndefined();
    expect(plan.notes.some((n) => n.message.includes('its owner must accept the attachment'))).toBe(true);
    expect(planCalls(plan).otherSide.map((c) => c.action)).toEqual(['AcceptTransitGatewayVpcAttachment']);
    const handoff = buildAttachmentHandoff(plan, 'tgw-attach-0123456789abcdef0')!;
    expect(handoff).toMatchObject({ accountId: OWNER, region: 'eu-west-1', peeringId: 'tgw-attach-0123456789abcdef0', stepIds: ['accept'] });
    expect(handoff.consoleSteps[1]).toContain('Transit gateway attachments, select tgw-attach-0123456789abcdef0');
    expect(handoff.cliCommands.map((c) => c.command)).toEqual(['aws ec2 accept-transit-gateway-vpc-attachment --transit-gateway-attachment-id tgw-attach-0123456789abcdef0 --region eu-west-1']);
  });

  it('associates and propagates explicitly on a gateway without defaults, and refuses a second association table on one with them', () => {
    const plan = must(planAttachment(t, { vpcId: 'vpc-new', transitGatewayId: 'tgw-plain', destinations: ['10.0.0.0/16'] }));
    expect(plan.steps.map((s) => s.id)).toEqual(['create', 'associate:tgw-rtb-plain', 'propagate:tgw-rtb-plain', 'route:rtb-new:10.0.0.0/16', 'route:rtb-newa:10.0.0.0/16']);
    expect(plan.steps[1]).toMatchObject({ action: 'AssociateTransitGatewayRouteTable', params: { TransitGatewayRouteTableId: 'tgw-rtb-plain', TransitGatewayAttachmentId: ATTACHMENT_ID_REF } });
    expect(plan.steps[2]!.cleanup?.action).toBe('DisableTransitGatewayRouteTablePropagation');
    // The user named it: the more specific peering route is a warning, not a reason to leave it out.
    expect(plan.steps[4]!.warning).toContain('more specific route keeps deciding');
    const twice = planAttachment(t, { vpcId: 'vpc-new', transitGatewayId: 'tgw-hub', associationRouteTableId: 'tgw-rtb-plain' });
    expect(twice.ok).toBe(false);
  });
});

describe('planAttachment with IPv6', () => {
  function dualStack(): Topology {
    const hub = transitGateway('tgw-hub', { name: 'hub', defaultRouteTableId: 'tgw-rtb-hub' });
    const app = vpc('vpc-app', '10.0.0.0/16', { name: 'app', ipv6: ['2600:1f18:aa:100::/56'] });
    const dual = vpc('vpc-dual', '10.5.0.0/16', { name: 'dual', ipv6: ['2600:1f18:aa:500::/56'] });
    const appA = subnet('subnet-appa', app, '10.0.1.0/24', ['2600:1f18:aa:100::/64']);
    // Zone a: a large IPv4-only subnet and a smaller dual-stack one; zone b: IPv4 only.
    const dualBig = { ...subnet('subnet-dualbig', dual, '10.5.16.0/20'), availabilityZone: 'eu-west-1a' };
    const dualA = { ...subnet('subnet-duala', dual, '10.5.1.0/24', ['2600:1f18:aa:500::/64']), availabilityZone: 'eu-west-1a' };
    const dualB = { ...subnet('subnet-dualb', dual, '10.5.2.0/24'), availabilityZone: 'eu-west-1b' };
    const appAtt = { ...vpcAttachment('tgw-attach-app', hub, app, [appA], 'tgw-rtb-hub') };
    const withV6 = { ...appAtt, vpc: { ...appAtt.vpc!, options: { ...appAtt.vpc!.options, ipv6Support: true } } };
    const table = transitGatewayRouteTable('tgw-rtb-hub', hub, {
      associations: [withV6],
      propagations: [withV6],
      routes: [tgwRoute('10.0.0.0/16', [withV6], 'propagated'), tgwRoute('2600:1f18:aa:100::/56', [withV6], 'propagated')],
    });
    return topology({
      vpcs: [app, dual],
      subnets: [appA, dualBig, dualA, dualB],
      routeTables: [routeTable('rtb-app', app, { main: true }), routeTable('rtb-dual', dual, { main: true })],
      accounts: [{ id: OWNER, profiles: ['network'] }],
      transitGateways: [hub],
      transitGatewayAttachments: [withV6],
      transitGatewayRouteTables: [table],
    });
  }

  it('turns IPv6 support on when every attachment subnet has an IPv6 block, and routes the IPv6 destinations the table holds', () => {
    const t = dualStack();
    const plan = must(planAttachment(t, { vpcId: 'vpc-dual', transitGatewayId: 'tgw-hub', subnetIds: ['subnet-duala'] }));
    expect(plan.steps[0]!.params).toMatchObject({ SubnetIds: ['subnet-duala'], Options: { Ipv6Support: 'enable' } });
    expect(plan.steps[0]!.title).toContain('with IPv6 support');
    expect(plan.steps.filter((s) => s.kind === 'create-route').map((s) => s.params)).toEqual([
      { RouteTableId: 'rtb-dual', DestinationCidrBlock: '10.0.0.0/16', TransitGatewayId: 'tgw-hub' },
      { RouteTableId: 'rtb-dual', DestinationIpv6CidrBlock: '2600:1f18:aa:100::/56', TransitGatewayId: 'tgw-hub' },
    ]);
    expect(planToCliScript(plan)).toContain(`--options '{"Ipv6Support":"enable"}'`);
  });

  it('prefers dual-stack subnets by default, and leaves IPv6 off (saying why) when a zone has none', () => {
    const t = dualStack();
    const plan = must(planAttachment(t, { vpcId: 'vpc-dual', transitGatewayId: 'tgw-hub' }));
    expect(plan.steps[0]!.params).toMatchObject({ SubnetIds: ['subnet-duala', 'subnet-dualb'] });
    expect(plan.steps[0]!.params).not.toHaveProperty('Options');
    expect(plan.notes.map((n) => n.message)).toContain(
      'IPv6 support stays off: subnet-dualb has no IPv6 block, so 2600:1f18:aa:500::/56 is not propagated and IPv6 is not routed.',
    );
    expect(plan.notes.map((n) => n.message)).toContain('2600:1f18:aa:100::/56 is not routed: the attachment has no IPv6 support.');
    expect(plan.steps.filter((s) => s.kind === 'create-route').map((s) => s.target?.destination)).toEqual(['10.0.0.0/16']);
  });

  it('refuses IPv6 support asked for on a subnet or a VPC without an IPv6 block', () => {
    const t = dualStack();
    const bare = planAttachment(t, { vpcId: 'vpc-dual', transitGatewayId: 'tgw-hub', ipv6Support: true });
    expect(!bare.ok && bare.error).toMatchObject({
      code: 'invalid-input',
      message: "subnet-dualb (eu-west-1b) has no IPv6 block: with IPv6 support the gateway's interface in each attachment subnet takes an IPv6 address.",
      fix: 'Pick a subnet with an IPv6 block in each zone, or leave IPv6 support off.',
    });
    const v4only = { ...t, vpcs: t.vpcs.map((v) => (v.id === 'vpc-dual' ? { ...v, cidrBlocks: v.cidrBlocks.filter((b) => b.family === 'ipv4') } : v)) };
    const none = planAttachment(v4only, { vpcId: 'vpc-dual', transitGatewayId: 'tgw-hub', ipv6Support: true });
    expect(!none.ok && none.error.message).toBe('dual (vpc-dual) has no IPv6 block: IPv6 support on its attachment would carry nothing.');
    const off = must(planAttachment(t, { vpcId: 'vpc-dual', transitGatewayId: 'tgw-hub', subnetIds: ['subnet-duala'], ipv6Support: false }));
    expect(off.steps[0]!.params).not.toHaveProperty('Options');
  });
});

describe('planAttachmentDeletion', () => {
  const t = estate();

  it('deletes the attached VPC\'s routes to the gateway, then the attachment', () => {
    const plan = must(planAttachmentDeletion(t, 'tgw-attach-app'));
    expect(plan.steps.map((s) => `${s.kind} ${s.id}`)).toEqual(['delete-route delete-route:rtb-app:10.9.0.0/16', 'delete-route delete-route:rtb-app:10.6.0.0/16', 'delete-tgw-vpc-attachment delete']);
    expect(plan.steps[0]!.cleanup).toMatchObject({ action: 'CreateRoute', params: { RouteTableId: 'rtb-app', DestinationCidrBlock: '10.9.0.0/16', TransitGatewayId: 'tgw-hub' } });
    expect(plan.transitGateway?.attachmentId).toBe('tgw-attach-app');
    expect(planToCliScript(plan)).toContain('aws ec2 delete-transit-gateway-vpc-attachment --transit-gateway-attachment-id tgw-attach-app --profile network --region eu-west-1');
    expect(must(planAttachmentDeletion(t, 'tgw-attach-app', undefined, { withoutRoutes: true })).steps.map((s) => s.kind)).toEqual(['delete-tgw-vpc-attachment']);
    expect(planAttachmentDeletion(t, 'tgw-attach-nope').ok).toBe(false);
  });
});
