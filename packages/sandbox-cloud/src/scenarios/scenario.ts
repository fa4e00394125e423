/** The scenario format: an organisation to load into the sandbox cloud (see README.md here).
 *
 * A scenario names accounts (with the profile names written to the AWS config files), VPCs
 * with all their CIDR blocks, subnets, gateways, route tables, security groups and peerings in
 * any status. Everything refers to everything else by a local `key`. The loader builds it through
 * the same EC2 actions the SDK calls, so every scenario is a state AWS itself could be in.
 */
import { z } from 'zod';

import { scenarioDenySchema, scenarioRoleSchema, scenarioSsoSchema } from './scenario-iam';
import { cidr, key, tags } from './scenario-key';
import { accountAliasSchema, checkOrganization, scenarioOrganizationSchema } from './scenario-org';

export { scenarioDenySchema, scenarioRoleSchema, scenarioSsoSchema, type ScenarioRole } from './scenario-iam';
export { scenarioOrganizationSchema, scenarioOrgAccountSchema, scenarioOrgUnitSchema } from './scenario-org';

/** One account of the organisation. */
export const scenarioAccountSchema = z.object({
  /** 12-digit account id. */
  id: z.string().regex(/^\d{12}$/, 'account ids are 12 digits'),
  /** Profile name in the generated AWS config files; also how VPCs name their account. */
  profile: z.string().regex(/^[A-Za-z0-9._-]+$/, 'profile names are letters, digits, ".", "_" and "-"'),
  /** IAM user shown by GetCallerIdentity (default `sandbox-admin`). */
  userName: z.string().optional(),
  /** Fixed keys (default: derived from the account id, so they are stable across runs). */
  accessKeyId: z.string().regex(/^AKIA[A-Z0-9]{16}$/).optional(),
  secretAccessKey: z.string().min(16).optional(),
  /** Opt-in regions this account enabled. */
  optInRegions: z.array(z.string()).optional(),
  /** The only regions in which this account has a default VPC (made with CreateDefaultVpc while
   * the scenario loads); replaces the scenario's `defaultVpcs` for this account. */
  defaultVpcRegions: z.array(z.string()).optional(),
  /** IAM account alias (ListAccountAliases), for an account in an organisation or not. */
  alias: accountAliasSchema.optional(),
  /** IAM roles that AssumeRole can enter. */
  roles: z.array(scenarioRoleSchema).optional(),
  /** Regions where the account deactivated STS. */
  stsDisabledRegions: z.array(z.string()).optional(),
});

/** A route: a destination and exactly one target. `vpc:<key>` as destination means that VPC's
 * primary CIDR. Gateways are named by their keys: `gateway` an internet or virtual private
 * gateway of the VPC, `natGateway` a NAT gateway of it, `egressOnlyGateway` its egress-only
 * internet gateway. `transitGateway` is the key of one of `transitGateways` (its own account's, or one
 * shared with the VPC's account), or a bare `tgw-` id the sandbox does not have, kept as given. */
export const scenarioRouteSchema = z
  .object({
    destination: z.union([cidr, z.string().regex(/^vpc:[A-Za-z0-9._-]+$/)]),
    peering: key.optional(),
    gateway: key.optional(),
    natGateway: key.optional(),
    egressOnlyGateway: key.optional(),
    transitGateway: key.optional(),
  })
  .refine((r) => [r.peering, r.gateway, r.natGateway, r.egressOnlyGateway, r.transitGateway].filter((x) => x !== undefined).length === 1, {
    message: 'a route needs exactly one target: peering, gateway, natGateway, egressOnlyGateway or transitGateway',
  });

/** A gateway of a VPC (internet, egress-only or virtual private), named by its key. */
export const scenarioGatewaySchema = z.object({
  key,
  name: z.string().optional(),
  tags: tags.optional(),
});

/** A NAT gateway in one of the VPC's subnets; a public one gets an Elastic IP of its own. */
export const scenarioNatGatewaySchema = z.object({
  key,
  /** Key of the subnet it lives in. */
  subnet: key,
  connectivity: z.enum(['public', 'private']).default('public'),
  name: z.string().optional(),
  tags: tags.optional(),
});

/** A subnet of a VPC. */
export const scenarioSubnetSchema = z.object({
  key,
  cidr,
  /** Zone letter (`a` to `f`, one the region has: us-east-1 has six, us-west-1 `a` and `b`); default: AWS's choice. */
  zone: z.enum(['a', 'b', 'c', 'd', 'e', 'f']).optional(),
  /** Give the subnet the next /64 of the VPC's first IPv6 block. */
  ipv6: z.boolean().optional(),
  name: z.string().optional(),
  tags: tags.optional(),
});

/** A route table; `main: true` describes (and extends) the VPC's main table instead of creating one. */
export const scenarioRouteTableSchema = z.object({
  key,
  main: z.boolean().optional(),
  name: z.string().optional(),
  /** Keys of subnets explicitly associated with this table. */
  subnets: z.array(key).optional(),
  routes: z.array(scenarioRouteSchema).optional(),
  tags: tags.optional(),
});

/** A security-group rule with one peer: a CIDR or another group (by key). */
export const scenarioRuleSchema = z
  .object({
    protocol: z.string().default('tcp'),
    fromPort: z.number().int().optional(),
    toPort: z.number().int().optional(),
    cidr: cidr.optional(),
    /** Key of a security group: the same VPC's, or one in a VPC peered (active, same region) with it. */
    group: key.optional(),
    description: z.string().optional(),
  })
  .refine((r) => (r.cidr === undefined) !== (r.group === undefined), { message: 'a rule needs exactly one of cidr or group' });

/** A security group; `name: "default"` adds rules to the VPC's default group. */
export const scenarioSecurityGroupSchema = z.object({
  key,
  name: z.string().min(1),
  description: z.string().default('Sandbox security group'),
  ingress: z.array(scenarioRuleSchema).optional(),
  egress: z.array(scenarioRuleSchema).optional(),
  tags: tags.optional(),
});

/** A VPC with everything inside it. */
export const scenarioVpcSchema = z.object({
  key,
  /** Account profile or id. */
  account: z.string(),
  region: z.string(),
  cidr,
  /** Further IPv4 blocks (AssociateVpcCidrBlock). */
  secondaryCidrs: z.array(cidr).optional(),
  /** Associate an Amazon-provided IPv6 /56. */
  ipv6: z.boolean().optional(),
  name: z.string().optional(),
  tags: tags.optional(),
  /** DNS hostnames (needed for peering DNS resolution); default false as for new VPCs. */
  dnsHostnames: z.boolean().optional(),
  subnets: z.array(scenarioSubnetSchema).optional(),
  /** An internet gateway, attached. */
  internetGateway: scenarioGatewaySchema.optional(),
  /** An egress-only internet gateway (for IPv6 traffic out). */
  egressOnlyGateway: scenarioGatewaySchema.optional(),
  /** A virtual private gateway (type ipsec.1), attached. */
  vpnGateway: scenarioGatewaySchema.optional(),
  natGateways: z.array(scenarioNatGatewaySchema).optional(),
  routeTables: z.array(scenarioRouteTableSchema).optional(),
  securityGroups: z.array(scenarioSecurityGroupSchema).optional(),
});

/** States a transit gateway attachment of a scenario can end in, each reached by the real calls. */
export const SCENARIO_TGW_ATTACHMENT_STATES = ['available', 'pendingAcceptance', 'rejected'] as const;

/** A VPC attachment of a transit gateway, made by the VPC's account. */
export const scenarioTgwAttachmentSchema = z.object({
  key,
  vpc: key,
  /** Subnet keys of the VPC, at most one per zone (default: the VPC's first subnet). */
  subnets: z.array(key).optional(),
  /** `pendingAcceptance` and `rejected` need the VPC in another account than the gateway's and a
   * gateway that does not auto-accept; `available` is accepted by the gateway's owner when needed. */
  status: z.enum(SCENARIO_TGW_ATTACHMENT_STATES).default('available'),
  name: z.string().optional(),
  tags: tags.optional(),
});

/** A static route in a transit gateway's default route table: to an attachment (a VPC
 * attachment's key or a transit gateway peering's key) or a blackhole. */
export const scenarioTgwRouteSchema = z
  .object({
    destination: z.union([cidr, z.string().regex(/^vpc:[A-Za-z0-9._-]+$/)]),
    attachment: key.optional(),
    blackhole: z.boolean().optional(),
  })
  .refine((r) => (r.attachment === undefined) !== (r.blackhole !== true), { message: 'a transit gateway route needs exactly one of attachment or blackhole: true' });

/** A transit gateway with its VPC attachments, its sharing through AWS RAM and its static routes. */
export const scenarioTransitGatewaySchema = z.object({
  key,
  /** Account profile or id of the owner. */
  account: z.string(),
  region: z.string(),
  name: z.string().optional(),
  description: z.string().optional(),
  tags: tags.optional(),
  amazonSideAsn: z.number().int().optional(),
  autoAcceptSharedAttachments: z.boolean().optional(),
  /** Accounts (profiles or ids) the gateway is shared with through a RAM resource share; each
   * accepts the invitation, so it can attach its VPCs and route to the gateway. */
  shareWith: z.array(z.string()).optional(),
  attachments: z.array(scenarioTgwAttachmentSchema).optional(),
  routes: z.array(scenarioTgwRouteSchema).optional(),
});

/** A peering attachment between two transit gateways of the scenario; once `available` each side
 * is associated with its gateway's default route table. */
export const scenarioTgwPeeringSchema = z.object({
  key,
  requester: key,
  accepter: key,
  status: z.enum(SCENARIO_TGW_ATTACHMENT_STATES),
  name: z.string().optional(),
  tags: tags.optional(),
});

/** Statuses a scenario can ask for; each is reached by the real transitions. */
export const SCENARIO_PEERING_STATUSES = [
  'initiating-request',
  'pending-acceptance',
  'provisioning',
  'active',
  'deleting',
  'deleted',
  'rejected',
  'failed',
  'expired',
] as const;

/** A peering between two VPCs of the scenario. */
export const scenarioPeeringSchema = z.object({
  key,
  requester: key,
  accepter: key,
  status: z.enum(SCENARIO_PEERING_STATUSES),
  name: z.string().optional(),
  tags: tags.optional(),
  /** Who deletes a `deleted` peering (default: the requester). */
  deletedBy: z.enum(['requester', 'accepter']).optional(),
  /** DNS resolution options to switch on once active. */
  requesterDnsResolution: z.boolean().optional(),
  accepterDnsResolution: z.boolean().optional(),
});


/** A whole scenario. */
export const scenarioSchema = z.object({
  name: z.string().min(1),
  description: z.string().optional(),
  /** Seed of the resource ids (default: the name), so ids repeat from run to run. */
  seed: z.string().optional(),
  /** Overrides of the sandbox settings (quotas, expiry, transient durations). */
  settings: z.record(z.string(), z.number()).optional(),
  /** Where accounts have the default VPC AWS gives them: in every region they have enabled
   * (`all`, the default), nowhere (`none`, as organisations that delete them), or in the regions
   * listed. An account's own `defaultVpcRegions` replaces this for that account. */
  defaultVpcs: z.union([z.enum(['all', 'none']), z.strictObject({ regions: z.array(z.string()) })]).default('all'),
  accounts: z.array(scenarioAccountSchema).min(1, 'a scenario needs at least one account'),
  vpcs: z.array(scenarioVpcSchema).default([]),
  peerings: z.array(scenarioPeeringSchema).default([]),
  transitGateways: z.array(scenarioTransitGatewaySchema).default([]),
  transitGatewayPeerings: z.array(scenarioTgwPeeringSchema).default([]),
  /** Actions refused by policy (service control policies or missing permissions). */
  denyActions: z.array(scenarioDenySchema).default([]),
  sso: scenarioSsoSchema.optional(),
  organization: scenarioOrganizationSchema.optional(),
}).superRefine((s, ctx) => {
  if (s.organization) checkOrganization(s.organization, s.accounts, (message, path) => ctx.addIssue({ code: 'custom', message, path: ['organization', ...path] }));
});

/** A scenario, as written (before defaults). */
export type ScenarioInput = z.input<typeof scenarioSchema>;
/** A validated scenario. */
export type Scenario = z.output<typeof scenarioSchema>;
/** One account of a scenario. */
export type ScenarioAccount = z.output<typeof scenarioAccountSchema>;
/** One VPC of a scenario. */
export type ScenarioVpc = z.output<typeof scenarioVpcSchema>;
/** One subnet of a scenario. */
export type ScenarioSubnet = z.output<typeof scenarioSubnetSchema>;
/** One peering of a scenario. */
export type ScenarioPeering = z.output<typeof scenarioPeeringSchema>;
/** One route of a scenario. */
export type ScenarioRoute = z.output<typeof scenarioRouteSchema>;
/** One transit gateway of a scenario. */
export type ScenarioTransitGateway = z.output<typeof scenarioTransitGatewaySchema>;
/** One NAT gateway of a scenario. */
export type ScenarioNatGateway = z.output<typeof scenarioNatGatewaySchema>;

/** The organisation of a scenario. */
export type ScenarioOrganization = z.output<typeof scenarioOrganizationSchema>;

/** Validates a scenario; the error lists every problem with its path. */
export function parseScenario(input: unknown): Scenario {
  const r = scenarioSchema.safeParse(input);
  if (!r.success) throw new Error(`Invalid scenario:\n${z.prettifyError(r.error)}`);
  return r.data;
}
