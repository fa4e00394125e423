/** Builders for the individual steps of a plan: one EC2 call each, with its inputs and its undo.
 *
 * Parameter names are the EC2 API's (EC2 API reference; botocore's service-2.json), in the input
 * shapes of the AWS SDK for JavaScript v3, so `electron/actions` sends them as they are and the
 * CLI export derives its flags from them.
 */
import type { AccountId, PeeringId, Region, RouteTableId, SecurityGroupId, VpcId } from '../model/ids';
import type { Peering, RouteTarget, Topology, Vpc } from '../model/topology';
import { isHeldBlockState } from '../cidr/vpc-blocks';
import type { PlanSide, PlanSideRole, PlanStep } from './plan-types';
import type { NetworkAclId } from '../model/kinds/network-acl';
import { portWords } from '../words/port-words';

export { portWords };
import { PEERING_ID_REF, type EgressParams, type IngressParams, type IpPermissionParam, type NetworkAclEntryParams, type PeeringRef, type RouteDestinationParams } from './step-params';

/** Where a step runs and who runs it. */
export interface StepPlace {
  readonly side: PlanSideRole;
  readonly accountId: AccountId;
  readonly region: Region;
  readonly profile?: string;
}

/** The held blocks of a VPC as text: IPv4 (primary first) then IPv6. */
export function vpcCidrs(vpc: Vpc): readonly string[] {
  const held = vpc.cidrBlocks.filter((b) => isHeldBlockState(b.state));
  return [...held.filter((b) => b.family === 'ipv4').map((b) => b.cidr), ...held.filter((b) => b.family === 'ipv6').map((b) => b.cidr)];
}

/** True when `cidr` is IPv6 text. */
export function isIpv6Cidr(cidr: string): boolean {
  return cidr.includes(':');
}

/** A VPC's label: `name (vpc-id)` or the id. */
export function vpcLabel(vpc: { readonly id: VpcId; readonly name?: string }): string {
  return vpc.name ? `${vpc.name} (${vpc.id})` : vpc.id;
}

/** A plan side for `vpc`. */
export function planSide(role: PlanSideRole, vpc: Vpc, profile: string | undefined): PlanSide {
  return {
    role,
    vpcId: vpc.id,
    ...(vpc.name ? { vpcName: vpc.name } : {}),
    accountId: vpc.accountId,
    region: vpc.region,
    ...(profile ? { profile } : {}),
    cidrs: vpcCidrs(vpc),
  };
}

/** A plan side for one side of an existing peering (the VPC may not have been scanned). */
export function peeringPlanSide(role: PlanSideRole, peering: Peering, topology: Topology, profile: string | undefined): PlanSide {
  const side = role === 'requester' ? peering.requester : peering.accepter;
  const vpc = topology.vpcs.find((v) => v.id === side.vpcId);
  if (vpc) return planSide(role, vpc, profile);
  return {
    role,
    vpcId: side.vpcId,
    accountId: side.accountId,
    region: side.region,
    ...(profile ? { profile } : {}),
    cidrs: [...side.cidrBlocks, ...side.ipv6CidrBlocks],
  };
}

/** A step's side, title, profile (when there is one), account and region, in that order. */
function placed(place: StepPlace, title: string): Pick<PlanStep, 'side' | 'title' | 'profile' | 'accountId' | 'region'> {
  return { side: place.side, title, ...(place.profile ? { profile: place.profile } : {}), accountId: place.accountId, region: place.region };
}

function where(place: StepPlace): string {
  return `account ${place.accountId}, ${place.region}`;
}

/** Route parameters for one destination (IPv4 or IPv6 field). */
export function routeDestinationParams(routeTableId: RouteTableId, destination: string): RouteDestinationParams {
  return isIpv6Cidr(destination)
    ? { RouteTableId: routeTableId, DestinationIpv6CidrBlock: destination }
    : { RouteTableId: routeTableId, DestinationCidrBlock: destination };
}

/** Words for a route target (`pcx-1`, `local`, `igw-1`). */
export function targetWords(target: RouteTarget): string {
  switch (target.kind) {
    case 'local':
      return 'local';
    case 'peering':
      return target.peeringId;
    case 'other':
      return target.id;
  }
}

/** Step id of a route step. */
export function routeStepId(prefix: 'route' | 'delete-route', routeTableId: RouteTableId, destination: string): string {
  return `${prefix}:${routeTableId}:${destination}`;
}

/** A CreateRoute step: `destination` → the peering, in `routeTableId`. */
export function createRouteStep(
  place: StepPlace,
  vpcId: VpcId,
  routeTableId: RouteTableId,
  destination: string,
  peering: PeeringRef,
  dependsOn: readonly string[],
  warning?: string,
): PlanStep {
  const dest = routeDestinationParams(routeTableId, destination);
  return {
    id: routeStepId('route', routeTableId, destination),
    kind: 'create-route',
    ...placed(place, `Route ${destination} → ${peering === PEERING_ID_REF ? 'the peering' : peering} in ${routeTableId} (${place.side} ${vpcId}, ${where(place)})`),
    action: 'CreateRoute',
    params: { ...dest, VpcPeeringConnectionId: peering },
    cleanup: { action: 'DeleteRoute', params: dest, title: `Delete the route ${destination} from ${routeTableId}` },
    enabled: true,
    dependsOn,
    needsActive: false,
    target: { vpcId, routeTableId, destination },
    ...(warning ? { warning } : {}),
  };
}

/** A DeleteRoute step for a route that points at `peeringId`. */
export function deleteRouteStep(place: StepPlace, vpcId: VpcId, routeTableId: RouteTableId, destination: string, peeringId: PeeringId, dependsOn: readonly string[]): PlanStep {
  const dest = routeDestinationParams(routeTableId, destination);
  return {
    id: routeStepId('delete-route', routeTableId, destination),
    kind: 'delete-route',
    ...placed(place, `Delete the route ${destination} → ${peeringId} from ${routeTableId} (${place.side} ${vpcId}, ${where(place)})`),
    action: 'DeleteRoute',
    params: dest,
    cleanup: {
      action: 'CreateRoute',
      params: { ...dest, VpcPeeringConnectionId: peeringId },
      title: `Route ${destination} → ${peeringId} in ${routeTableId} again`,
    },
    enabled: true,
    dependsOn,
    needsActive: false,
    target: { vpcId, routeTableId, destination },
    needsConfirmation: true,
  };
}

/**
 * An AuthorizeSecurityGroupIngress or AuthorizeSecurityGroupEgress step, by `direction`, with its
 * RevokeSecurityGroupIngress or RevokeSecurityGroupEgress undo.
 */
export function authorizeRuleStep(
  direction: 'ingress' | 'egress',
  place: StepPlace,
  vpcId: VpcId,
  groupId: SecurityGroupId,
  id: string,
  permission: IpPermissionParam,
  what: string,
  dependsOn: readonly string[],
  needsActive: boolean,
  warning?: string,
): PlanStep {
  const params: IngressParams | EgressParams = { GroupId: groupId, IpPermissions: [permission] };
  const calls =
    direction === 'ingress'
      ? ({ kind: 'authorize-ingress', action: 'AuthorizeSecurityGroupIngress', undo: 'RevokeSecurityGroupIngress', way: 'into', undoTitle: `Revoke ${what} from ${groupId}` } as const)
      : ({ kind: 'authorize-egress', action: 'AuthorizeSecurityGroupEgress', undo: 'RevokeSecurityGroupEgress', way: 'out of', undoTitle: `Revoke ${what} from ${groupId}'s egress` } as const);
  // `calls` picks kind, action and undo together; TypeScript cannot follow the pairing through a union.
  const step = {
    id,
    kind: calls.kind,
    ...placed(place, `Allow ${what} ${calls.way} ${groupId} (${place.side} ${vpcId}, ${where(place)})`),
    action: calls.action,
    params,
    cleanup: { action: calls.undo, params, title: calls.undoTitle },
    enabled: true,
    dependsOn,
    needsActive,
    target: { vpcId, groupId },
    ...(warning ? { warning } : {}),
  };
  return step as PlanStep;
}

/** A RevokeSecurityGroupIngress step with its AuthorizeSecurityGroupIngress undo. */
export function revokeIngressStep(
  place: StepPlace,
  vpcId: VpcId,
  groupId: SecurityGroupId,
  id: string,
  permission: IpPermissionParam,
  what: string,
  dependsOn: readonly string[],
  enabled: boolean,
  warning?: string,
): PlanStep {
  const params: IngressParams = { GroupId: groupId, IpPermissions: [permission] };
  return {
    id,
    kind: 'revoke-ingress',
    ...placed(place, `Revoke ${what} from ${groupId} (${place.side} ${vpcId}, ${where(place)})`),
    action: 'RevokeSecurityGroupIngress',
    params,
    cleanup: { action: 'AuthorizeSecurityGroupIngress', params, title: `Allow ${what} into ${groupId} again` },
    enabled,
    dependsOn,
    needsActive: false,
    target: { vpcId, groupId },
    needsConfirmation: true,
    ...(warning ? { warning } : {}),
  };
}

/** A CreateNetworkAclEntry step (an allow entry) with its DeleteNetworkAclEntry undo. */
export function networkAclEntryStep(place: StepPlace, vpcId: VpcId, params: NetworkAclEntryParams, what: string, dependsOn: readonly string[]): PlanStep {
  const direction = params.Egress ? 'outbound' : 'inbound';
  const key = { NetworkAclId: params.NetworkAclId, RuleNumber: params.RuleNumber, Egress: params.Egress };
  return {
    id: networkAclEntryStepId(params.NetworkAclId, params.Egress, params.RuleNumber),
    kind: 'create-network-acl-entry',
    ...placed(place, `Let ${what} ${params.Egress ? 'leave' : 'enter'} through ${params.NetworkAclId}: ${direction} rule ${params.RuleNumber} ${params.RuleAction} (${place.side} ${vpcId}, ${where(place)})`),
    action: 'CreateNetworkAclEntry',
    params,
    cleanup: { action: 'DeleteNetworkAclEntry', params: key, title: `Delete ${direction} rule ${params.RuleNumber} of ${params.NetworkAclId}` },
    enabled: true,
    dependsOn,
    needsActive: false,
    target: { vpcId },
  };
}

/** Step id of a network ACL entry step. */
export function networkAclEntryStepId(aclId: NetworkAclId, egress: boolean, ruleNumber: number): string {
  return `acl:${aclId}:${egress ? 'out' : 'in'}:${ruleNumber}`;
}

/**
 * A RevokeSecurityGroupEgress step. It has no undo: an outbound rule is only revoked here when it
 * is stale, and a reference across a peering that is gone cannot be authorized again.
 */
export function revokeEgressStep(place: StepPlace, vpcId: VpcId, groupId: SecurityGroupId, id: string, permission: IpPermissionParam, what: string, dependsOn: readonly string[]): PlanStep {
  const params: EgressParams = { GroupId: groupId, IpPermissions: [permission] };
  return {
    id,
    kind: 'revoke-egress',
    ...placed(place, `Revoke ${what} (outbound) from ${groupId} (${place.side} ${vpcId}, ${where(place)})`),
    action: 'RevokeSecurityGroupEgress',
    params,
    enabled: true,
    dependsOn,
    needsActive: false,
    target: { vpcId, groupId },
    needsConfirmation: true,
  };
}

/** The parameter holding one side's options in ModifyVpcPeeringConnectionOptions. */
export function optionsParamName(side: PlanSideRole): 'RequesterPeeringConnectionOptions' | 'AccepterPeeringConnectionOptions' {
  return side === 'requester' ? 'RequesterPeeringConnectionOptions' : 'AccepterPeeringConnectionOptions';
}

/**
 * A ModifyVpcPeeringConnectionOptions step for one side's DNS resolution. Each side's option is
 * set by that side's owner in its own region, on an active peering ("Enable DNS resolution for
 * a VPC peering connection", VPC Peering Guide).
 */
export function dnsStep(place: StepPlace, vpcId: VpcId, peering: PeeringRef, allow: boolean, dependsOn: readonly string[], warning?: string): PlanStep {
  const name = optionsParamName(place.side);
  return {
    id: `dns:${place.side}`,
    kind: 'modify-options',
    ...placed(place, `${allow ? 'Let' : 'Stop'} ${vpcId} resolve the peer VPC's private DNS names to private IPs (${place.side} side, ${where(place)})`),
    action: 'ModifyVpcPeeringConnectionOptions',
    params: { VpcPeeringConnectionId: peering, [name]: { AllowDnsResolutionFromRemoteVpc: allow } },
    cleanup: {
      action: 'ModifyVpcPeeringConnectionOptions',
      params: { VpcPeeringConnectionId: peering, [name]: { AllowDnsResolutionFromRemoteVpc: !allow } },
      title: `Set DNS resolution from the peer back to ${!allow} (${place.side} side)`,
    },
    enabled: true,
    dependsOn,
    needsActive: true,
    target: { vpcId },
    ...(warning ? { warning } : {}),
  };
}

/** The accept step: the accepter's account, in the accepter VPC's region. */
export function acceptStep(place: StepPlace, accepterVpcId: VpcId, peering: PeeringRef, dependsOn: readonly string[], sameAccount: boolean): PlanStep {
  const who = place.profile
    ? `with profile ${place.profile}${sameAccount ? ' (same account: Peerscape accepts its own request)' : ''}`
    : '(no local profile: its owner must accept; Peerscape shows them how and waits)';
  return {
    id: 'accept',
    kind: 'accept',
    side: 'accepter',
    title: `Accept ${peering === PEERING_ID_REF ? 'the request' : peering} as account ${place.accountId} in ${place.region} ${who}`,
    ...(place.profile ? { profile: place.profile } : {}),
    accountId: place.accountId,
    region: place.region,
    action: 'AcceptVpcPeeringConnection',
    params: { VpcPeeringConnectionId: peering },
    enabled: true,
    dependsOn,
    needsActive: false,
    target: { vpcId: accepterVpcId },
  };
}

/** The marker Peerscape puts in rule descriptions, so deletion can find the rules it added. */
export function ruleDescription(peering: PeeringRef, peerVpcId: VpcId): string {
  // SG rule descriptions allow a-zA-Z0-9. _-:/()#,@[]+=&;{}!$* (AuthorizeSecurityGroupIngress, IpRange.Description).
  return `peerscape ${peering} from ${peerVpcId}`;
}
