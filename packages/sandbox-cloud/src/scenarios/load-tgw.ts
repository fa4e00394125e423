/** Loads a scenario's transit gateways through the same EC2 and RAM handlers the SDK reaches:
 * CreateTransitGateway; a RAM resource share with the accounts it is shared with, whose
 * invitations they accept; each VPC attachment, made by the VPC's account and accepted or
 * rejected by the gateway's owner as its status asks; the peerings between gateways, accepted by
 * the accepter and associated with both default route tables; last the static routes of the
 * default route tables. A wish AWS would not grant (a `pendingAcceptance` attachment in the
 * gateway's own account, a VPC in another region) fails with the entry to fix.
 */
import type { Ec2Action } from '../ec2/dispatch';
import { AwsError } from '../errors';
import type { RamContext } from '../ram/common';
import { acceptResourceShareInvitation, getResourceShareInvitations } from '../ram/invitations';
import { createResourceShare } from '../ram/shares';
import type { World } from '../state/world';
import type { Scenario, ScenarioAccount, ScenarioTransitGateway, ScenarioVpc } from './scenario';

/** What the scenario loader lends this part of it. */
export interface TgwLoadTools {
  readonly world: World;
  readonly refs: Record<string, string>;
  call(accountId: string, region: string, action: Ec2Action, input: Record<string, unknown>, where: string): Record<string, unknown>;
  fail(where: string, what: string): never;
  remember(ref: string, id: string, where: string): void;
  account(ref: string, where: string): ScenarioAccount;
  vpc(key: string, where: string): { vpc: ScenarioVpc; account: ScenarioAccount; id: string };
  tagSpec(type: string, name: string | undefined, tags: Record<string, string> | undefined): Record<string, unknown>[];
}

interface Made {
  readonly g: ScenarioTransitGateway;
  readonly owner: ScenarioAccount;
  readonly id: string;
  readonly table: string | undefined;
}

/** Loads `scenario.transitGateways` and `scenario.transitGatewayPeerings`; refs gain `tgw:<key>`,
 * `tgw-rtb:<key>` (its default route table), `ram:<key>` (its share) and `tgw-attach:<key>`. */
export function loadTransitGateways(scenario: Scenario, t: TgwLoadTools): void {
  const ram = <T>(accountId: string, region: string, run: (ctx: RamContext) => T, where: string): T => {
    try {
      return run({ world: t.world, accountId, region });
    } catch (e) {
      if (e instanceof AwsError) return t.fail(where, `RAM refused: ${e.code}: ${e.message}`);
      throw e;
    }
  };
  const made = new Map<string, Made>();
  for (const g of scenario.transitGateways) {
    const where = `transit gateway ${g.key}`;
    const owner = t.account(g.account, where);
    const options = {
      ...(g.amazonSideAsn !== undefined ? { AmazonSideAsn: g.amazonSideAsn } : {}),
      AutoAcceptSharedAttachments: g.autoAcceptSharedAttachments ? 'enable' : 'disable',
    };
    const out = t.call(owner.id, g.region, 'CreateTransitGateway', { Description: g.description, Options: options, TagSpecifications: t.tagSpec('transit-gateway', g.name, g.tags) }, where);
    const tgw = out.TransitGateway as { TransitGatewayId: string; TransitGatewayArn: string; Options: { AssociationDefaultRouteTableId?: string } };
    t.remember(`tgw:${g.key}`, tgw.TransitGatewayId, where);
    const table = tgw.Options.AssociationDefaultRouteTableId;
    if (table) t.remember(`tgw-rtb:${g.key}`, table, where);
    made.set(g.key, { g, owner, id: tgw.TransitGatewayId, table });

    if (g.shareWith?.length) {
      const principals = g.shareWith.map((ref) => t.account(ref, `${where} shareWith`).id);
      const share = ram(owner.id, g.region, (ctx) => createResourceShare(ctx, { name: `${g.name ?? g.key}-share`, resourceArns: [tgw.TransitGatewayArn], principals }), where);
      const shareArn = (share as { resourceShare: { resourceShareArn: string } }).resourceShare.resourceShareArn;
      t.remember(`ram:${g.key}`, shareArn, where);
      for (const p of principals) {
        const listed = ram(p, g.region, (ctx) => getResourceShareInvitations(ctx, { resourceShareArns: [shareArn] }), where) as {
          resourceShareInvitations: { resourceShareInvitationArn: string }[];
        };
        for (const i of listed.resourceShareInvitations) {
          ram(p, g.region, (ctx) => acceptResourceShareInvitation(ctx, { resourceShareInvitationArn: i.resourceShareInvitationArn }), `${where} invitation to ${p}`);
        }
      }
    }

    for (const a of g.attachments ?? []) {
      const aw = `transit gateway attachment ${a.key}`;
      const v = t.vpc(a.vpc, aw);
      if (v.vpc.region !== g.region) t.fail(aw, `VPC ${a.vpc} is in ${v.vpc.region}, the gateway in ${g.region}: attach VPCs of the gateway's region`);
      const subnetKeys = a.subnets ?? (v.vpc.subnets?.[0] ? [v.vpc.subnets[0].key] : t.fail(aw, `VPC ${a.vpc} has no subnets: give it one, or name "subnets"`));
      const subnetIds = subnetKeys.map((k) => (v.vpc.subnets ?? []).some((s) => s.key === k) ? (t.refs[`subnet:${k}`] as string) : t.fail(aw, `"${k}" is not a subnet key of VPC ${a.vpc}`));
      const att = t.call(
        v.account.id,
        g.region,
        'CreateTransitGatewayVpcAttachment',
        { TransitGatewayId: tgw.TransitGatewayId, VpcId: v.id, SubnetIds: subnetIds, TagSpecifications: t.tagSpec('transit-gateway-attachment', a.name, a.tags) },
        aw,
      ).TransitGatewayVpcAttachment as { TransitGatewayAttachmentId: string; State: string };
      t.remember(`tgw-attach:${a.key}`, att.TransitGatewayAttachmentId, aw);
      if (att.State === 'pendingAcceptance' && a.status !== 'pendingAcceptance') {
        const action = a.status === 'rejected' ? 'RejectTransitGatewayVpcAttachment' : 'AcceptTransitGatewayVpcAttachment';
        t.call(owner.id, g.region, action, { TransitGatewayAttachmentId: att.TransitGatewayAttachmentId }, aw);
      } else if (att.State !== 'pendingAcceptance' && a.status !== 'available') {
        t.fail(aw, `wanted status ${a.status}, but the attachment needs no acceptance: only a VPC of another account than the gateway's, to a gateway that does not auto-accept, waits for one`);
      }
    }
  }

  for (const p of scenario.transitGatewayPeerings) {
    const where = `transit gateway peering ${p.key}`;
    const req = made.get(p.requester) ?? t.fail(where, `unknown transit gateway key "${p.requester}"`);
    const acc = made.get(p.accepter) ?? t.fail(where, `unknown transit gateway key "${p.accepter}"`);
    const out = t.call(
      req.owner.id,
      req.g.region,
      'CreateTransitGatewayPeeringAttachment',
      {
        TransitGatewayId: req.id,
        PeerTransitGatewayId: acc.id,
        PeerAccountId: acc.owner.id,
        PeerRegion: acc.g.region,
        TagSpecifications: t.tagSpec('transit-gateway-attachment', p.name, p.tags),
      },
      where,
    );
    const id = (out.TransitGatewayPeeringAttachment as { TransitGatewayAttachmentId: string }).TransitGatewayAttachmentId;
    t.remember(`tgw-attach:${p.key}`, id, where);
    if (p.status === 'pendingAcceptance') continue;
    const action = p.status === 'rejected' ? 'RejectTransitGatewayPeeringAttachment' : 'AcceptTransitGatewayPeeringAttachment';
    t.call(acc.owner.id, acc.g.region, action, { TransitGatewayAttachmentId: id }, where);
    if (p.status !== 'available') continue;
    for (const side of [req, acc]) {
      if (side.table) t.call(side.owner.id, side.g.region, 'AssociateTransitGatewayRouteTable', { TransitGatewayRouteTableId: side.table, TransitGatewayAttachmentId: id }, where);
    }
  }

  for (const m of made.values()) {
    for (const r of m.g.routes ?? []) {
      const where = `transit gateway ${m.g.key} route to ${r.destination}`;
      if (!m.table) t.fail(where, 'the gateway has no default route table to hold the route');
      const cidr = r.destination.startsWith('vpc:') ? t.vpc(r.destination.slice(4), where).vpc.cidr : r.destination;
      const target = r.blackhole ? { Blackhole: true } : { TransitGatewayAttachmentId: t.refs[`tgw-attach:${r.attachment ?? ''}`] ?? t.fail(where, `unknown attachment key "${r.attachment ?? ''}"`) };
      t.call(m.owner.id, m.g.region, 'CreateTransitGatewayRoute', { TransitGatewayRouteTableId: m.table, DestinationCidrBlock: cidr, ...target }, where);
    }
  }
}
