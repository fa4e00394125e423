/** What an organisation scan asks for, as the Add-organization dialog and a rescan send it. */
import { z } from 'zod';

/** The read-only role's name when the request names none (the role template's default too). */
export const DEFAULT_READ_ONLY_ROLE = 'PeerscapeReadOnly';

/** The role Organizations creates in the accounts it creates: full administrator, used only when allowed. */
export const ORGANIZATION_ACCOUNT_ACCESS_ROLE = 'OrganizationAccountAccessRole';

/** The `organization` of a `startDiscovery` request. */
export interface OrganizationScanRequest {
  /** The sign-in profile: management account, delegated administrator, or an Identity Center sign-in. */
  readonly profile: string;
  readonly roleName?: string;
  readonly externalId?: string;
  readonly allowOrganizationAccountAccessRole?: boolean;
  /** OU (or root) ids whose accounts, and every OU below, are scanned; all when absent. */
  readonly ous?: readonly string[];
  readonly regions?: readonly string[];
}

/** IAM role names: 1–64 of letters, digits and `+=,.@_-`. */
export const ROLE_NAME_PATTERN = /^[\w+=,.@-]{1,64}$/;
/** ExternalIds: 2–1224 of letters, digits and `+=,.@:/_-`. */
export const EXTERNAL_ID_PATTERN = /^[\w+=,.@:/-]{2,1224}$/;

/** What is wrong with a role name or ExternalId the user typed, and what to type; undefined when fine. */
export function organizationRequestProblem(req: Pick<OrganizationScanRequest, 'roleName' | 'externalId'>): string | undefined {
  if (req.roleName !== undefined && !ROLE_NAME_PATTERN.test(req.roleName)) {
    return `Role name "${req.roleName}" is not an IAM role name: use 1–64 letters, digits or + = , . @ _ - (such as ${DEFAULT_READ_ONLY_ROLE}).`;
  }
  if (req.externalId !== undefined && !EXTERNAL_ID_PATTERN.test(req.externalId)) {
    return 'The ExternalId must be 2–1224 letters, digits or + = , . @ : / _ - : type the one the role trusts, or leave it empty.';
  }
  return undefined;
}

/** Schema of an `OrganizationScanRequest`: the API's `organization`, and the request remembered in the workspace settings. */
export const organizationScanRequestSchema = z.strictObject({
  profile: z.string().min(1).max(256),
  roleName: z.string().regex(ROLE_NAME_PATTERN, 'an IAM role name such as PeerscapeReadOnly').optional(),
  externalId: z.string().regex(EXTERNAL_ID_PATTERN, 'the ExternalId the role trusts (2–1224 characters)').optional(),
  allowOrganizationAccountAccessRole: z.boolean().optional(),
  ous: z.array(z.string().regex(/^(ou-[0-9a-z]+-[0-9a-z]+|r-[0-9a-z]+)$/, 'an OU id like ou-ab12-cd34ef56 or a root id like r-ab12')).max(1000).readonly().optional(),
  regions: z.array(z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d+$/, 'a region name like eu-west-1')).max(64).readonly().optional(),
});

// Compile-time check that the schema produces exactly the type.
((r: z.infer<typeof organizationScanRequestSchema>): OrganizationScanRequest => r) satisfies unknown;
((r: OrganizationScanRequest): z.infer<typeof organizationScanRequestSchema> => r) satisfies unknown;

/** The last organisation request per source (`aws`, `sandbox`), as the workspace remembers it. */
export type RememberedOrganizationRequests = Readonly<Partial<Record<'aws' | 'sandbox', OrganizationScanRequest>>>;
