/** The scenario format's IAM side: roles (with the part of the trust policy AssumeRole checks),
 * actions refused by policy, and IAM Identity Center. */
import { z } from 'zod';

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

/** One role of a scenario account. */
export type ScenarioRole = z.output<typeof scenarioRoleSchema>;
