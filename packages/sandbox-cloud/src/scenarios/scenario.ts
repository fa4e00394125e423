/** The scenario format: an organisation to load into the sandbox cloud (see README.md here).
 *
 * A scenario names accounts (with the profile names written to the AWS config files), VPCs
 * with all their CIDR blocks, subnets, gateways, route tables, security groups and peerings in
 * any status. Everything refers to everything else by a local `key`. The loader builds it through
 * the same EC2 actions the SDK calls, so every scenario is a state AWS itself could be in.
 */
import { z } from 'zod';

const key = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'keys are letters, digits, ".", "_" and "-"');
const cidr = z.string().regex(/^[0-9a-fA-F:.]+\/\d{1,3}$/, 'expected a CIDR block such as 10.0.0.0/16');
const tags = z.record(z.string(), z.string());

/** An IAM role of an account, with the part of its trust policy AssumeRole checks. */
export const scenarioRoleSchema = z.object({
  name: z.string().regex(/^[\w+=,.@-]{1,64}$/, 'role names are 1–64 letters, digits and "+=,.@_-"'),
  /** `/` (default) or `/a/b/`. */
  path: z.string().regex(/^\/(?:[\w+=,.@-]+\/)*$/, 'a role path starts and ends with "/"').default('/'),
  /** Principals the trust policy names: account ids or profiles (the account's root), role ARNs
   * (sessions of that role) or user ARNs. */
  trust: z.array(z.string().min(1)).default([]),
  /** The `sts:ExternalId` the trust policy's condition requires. */
  externalId: z.string().regex(/^[\w+=,.@:/-]{2,1224}$/, 'an ExternalId is 2–1224 letters, digits and "+=,.@:/_-"').optional(),
  /** Seconds, 3600 (default) to 43200. */
  maxSessionDuration: z.number().int().min(3600).max(43200).default(3600),
});

/** An action a policy refuses (`ec2:DescribeVpcs`, `sts:AssumeRole`, `ec2:*`, `*`; a bare name is EC2's):
 * by a service control policy's explicit deny (`scp`) or for want of an identity policy allowing it. */
export const scenarioDenySchema = z.object({
  action: z.string().regex(/^(\*|(?:[a-z0-9-]+:)?(?:\*|[A-Z][A-Za-z0-9]+))$/, 'an action is DescribeVpcs, ec2:DescribeVpcs, sts:AssumeRole, ec2:* or *'),
  kind: z.enum(['scp', 'identity']),
  /** Account profile or id (default: every account). */
  account: z.string().optional(),
  /** Default: every region. */
  region: z.string().optional(),
});

/** IAM Identity Center: permission sets, and signed-in users with their portal access tokens. */
export const scenarioSsoSchema = z.object({
  permissionSets: z.array(z.object({ name: z.string().regex(/^[\w+=,.@-]{1,32}$/), sessionDurationSeconds: z.number().int().min(3600).max(43200).default(3600) })).default([]),
  users: z
    .array(
      z.object({
        userName: z.string().min(1),
        accessToken: z.string().min(8),
        /** The token stops working this long after the scenario loads (default 8 hours). */
        expiresInSeconds: z.number().int().default(28800),
        assignments: z.array(
          z.object({
            /** Account profile or id. */
            account: z.string(),
            permissionSets: z.array(z.string()).min(1),
            accountName: z.string().optional(),
            emailAddress: z.string().optional(),
          }),
        ),
      }),
    )
    .default([]),
});

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
  alias: z.string().regex(/^[a-z0-9]([a-z0-9]|-(?!-)){1,61}[a-z0-9]$/, 'an account alias is 3 to 63 lowercase letters, digits and single hyphens, not starting or ending with a hyphen').optional(),
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

/** An organisational unit: `parent` is another OU's key (default: the root). */
export const scenarioOrgUnitSchema = z.strictObject({
  key,
  name: z.string().min(1).max(128),
  parent: key.optional(),
});

/** An account of the organisation: `account` names one of the scenario's accounts (profile or
 * id); `id` instead makes an account that exists only in the organisation (nobody can sign in to
 * it in the sandbox, as for a suspended account). */
export const scenarioOrgAccountSchema = z
  .strictObject({
    account: z.string().optional(),
    id: z.string().regex(/^\d{12}$/, 'account ids are 12 digits').optional(),
    /** Key of the OU it is in (default: the root). */
    ou: key.optional(),
    /** Account name (default: the profile name, or `Account <id>`). */
    name: z.string().min(1).max(50).optional(),
    /** Email of its root user (default: `aws+<id>@example.com`). */
    email: z.email().optional(),
    status: z.enum(['ACTIVE', 'SUSPENDED']).default('ACTIVE'),
    joinedMethod: z.enum(['INVITED', 'CREATED']).optional(),
    /** When it joined (ISO 8601; default: 2020-01-01 plus one day per account, in order). */
    joined: z.iso.datetime().optional(),
    /** IAM account alias (the same as the scenario account's `alias`). */
    alias: scenarioAccountSchema.shape.alias,
  })
  .refine((a) => (a.account === undefined) !== (a.id === undefined), {
    message: 'an organisation account needs exactly one of account (a scenario account\'s profile or id) or id (an account only in the organisation)',
  });

/** An AWS Organization over the scenario's accounts. */
export const scenarioOrganizationSchema = z.strictObject({
  /** `o-` and 10 to 32 lowercase letters or digits (default: derived from the seed). */
  id: z.string().regex(/^o-[a-z0-9]{10,32}$/, 'organisation ids are "o-" and 10 to 32 lowercase letters or digits').optional(),
  /** The management account: a scenario account's profile or id. */
  management: z.string(),
  /** Accounts (profiles or ids) registered as delegated administrators: they may list too. */
  delegatedAdministrators: z.array(z.string()).default([]),
  featureSet: z.enum(['ALL', 'CONSOLIDATED_BILLING']).default('ALL'),
  ous: z.array(scenarioOrgUnitSchema).default([]),
  /** The accounts; the management account is in it whether listed or not. */
  accounts: z.array(scenarioOrgAccountSchema).default([]),
  /** Every Nth page of a listing that has more to come is empty, with a NextToken (0: never), as
   * AWS sometimes answers. */
  emptyPageEvery: z.number().int().min(0).refine((n) => n !== 1, 'emptyPageEvery 1 would make every page empty: use 0 (never) or 2 or more').default(3),
});
/** One role of a scenario account. */
export type ScenarioRole = z.output<typeof scenarioRoleSchema>;

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

/** The organisation's references: accounts and OUs that exist, each with one parent, OUs
 * without cycles, and no conflicting aliases. */
function checkOrganization(
  org: z.output<typeof scenarioOrganizationSchema>,
  accounts: readonly z.output<typeof scenarioAccountSchema>[],
  issue: (message: string, path: (string | number)[]) => void,
): void {
  const byRef = new Map<string, z.output<typeof scenarioAccountSchema>>();
  for (const a of accounts) {
    byRef.set(a.id, a);
    byRef.set(a.profile, a);
  }
  const known = `use a profile name or account id from "accounts"`;
  if (!byRef.has(org.management)) issue(`unknown account "${org.management}" (${known})`, ['management']);
  org.delegatedAdministrators.forEach((d, i) => {
    if (!byRef.has(d)) issue(`unknown account "${d}" (${known})`, ['delegatedAdministrators', i]);
  });
  const ouParent = new Map<string, string | undefined>();
  org.ous.forEach((ou, i) => {
    if (ouParent.has(ou.key)) {
      const before = ouParent.get(ou.key);
      issue(
        before === ou.parent ? `the OU "${ou.key}" is listed twice` : `the OU "${ou.key}" has two parents ("${before ?? 'root'}" and "${ou.parent ?? 'root'}"); an OU has exactly one`,
        ['ous', i, 'key'],
      );
    } else ouParent.set(ou.key, ou.parent);
  });
  org.ous.forEach((ou, i) => {
    if (ou.parent !== undefined && !ouParent.has(ou.parent)) issue(`unknown parent OU "${ou.parent}" (use the key of one of "ous", or leave parent out for the root)`, ['ous', i, 'parent']);
  });
  for (const start of ouParent.keys()) {
    const seen: string[] = [];
    for (let at: string | undefined = start; at !== undefined && ouParent.has(at); at = ouParent.get(at)) {
      if (seen.includes(at)) {
        if (at === start) issue(`the OUs form a cycle: ${[...seen, at].join(' → ')}; every OU must lead up to the root`, ['ous', org.ous.findIndex((o) => o.key === start), 'parent']);
        break;
      }
      seen.push(at);
    }
  }
  const placed = new Map<string, string | undefined>();
  org.accounts.forEach((a, i) => {
    const acct = a.account === undefined ? undefined : byRef.get(a.account);
    if (a.account !== undefined && !acct) issue(`unknown account "${a.account}" (${known}, or give "id" for an account that is only in the organisation)`, ['accounts', i, 'account']);
    if (a.id !== undefined && byRef.has(a.id)) issue(`the account ${a.id} is one of "accounts": name it with "account" instead of "id"`, ['accounts', i, 'id']);
    const id = acct?.id ?? a.id;
    if (id !== undefined) {
      if (placed.has(id)) issue(`the account ${id} is listed twice (in "${placed.get(id) ?? 'root'}" and "${a.ou ?? 'root'}"); an account has exactly one parent`, ['accounts', i]);
      else placed.set(id, a.ou);
    }
    if (a.ou !== undefined && !ouParent.has(a.ou)) issue(`unknown OU "${a.ou}" (use the key of one of "ous", or leave ou out for the root)`, ['accounts', i, 'ou']);
    if (acct?.alias !== undefined && a.alias !== undefined && acct.alias !== a.alias) {
      issue(`the account ${acct.id} has the alias "${acct.alias}" in "accounts" and "${a.alias}" here; give it once`, ['accounts', i, 'alias']);
    }
  });
}

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
