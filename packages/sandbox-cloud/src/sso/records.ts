/** IAM Identity Center as the SSO portal sees it: permission sets, users' access tokens and the
 * accounts and permission sets each user is assigned. Plain JSON, saved with the world. */
import { createHash } from 'node:crypto';

/** A permission set; each account it is assigned in has its role `AWSReservedSSO_<name>_<hash>`. */
export interface SsoPermissionSetRec {
  name: string;
  /** Lifetime of the portal's role credentials, in seconds. */
  sessionDurationSeconds: number;
}

/** An account a user may sign in to, with the permission sets assigned there. */
export interface SsoAssignmentRec {
  accountId: string;
  accountName: string;
  emailAddress: string;
  permissionSets: string[];
}

/** A signed-in Identity Center user: the portal access token and what it reaches. */
export interface SsoUserRec {
  userName: string;
  accessToken: string;
  /** Epoch ms after which the portal refuses the token. */
  expiresAt: number;
  /** Set by Logout. */
  loggedOut?: boolean;
  assignments: SsoAssignmentRec[];
}

/** Everything Identity Center holds in the sandbox. */
export interface SsoStore {
  permissionSets: SsoPermissionSetRec[];
  users: SsoUserRec[];
}

/** The path of the roles Identity Center provisions. */
export const SSO_ROLE_PATH = '/aws-reserved/sso.amazonaws.com/';

/** The name of the role a permission set provisions in an account (the suffix is stable per account and set). */
export function ssoRoleName(accountId: string, permissionSet: string): string {
  const hash = createHash('sha256').update(`${accountId}/${permissionSet}`).digest('hex').slice(0, 16);
  return `AWSReservedSSO_${permissionSet}_${hash}`;
}
