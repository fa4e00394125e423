/** The sandbox's base records: settings, accounts and sessions, and what every stored resource has.
 *
 * Each kind's own record lives in its folder (`kinds/<kind>/records.ts`). Records are plain JSON,
 * saved and loaded as they are; they carry their owner account and region so that the world can
 * rebuild its per account+region indexes from a saved file. Times are epoch milliseconds.
 */

/** Tags of one resource. */
export type TagMap = Record<string, string>;

/** What every resource kept in an account+region cell has. */
export interface CellRec {
  id: string;
  ownerId: string;
  region: string;
  tags: TagMap;
}

/** Tunable behaviour; the defaults are AWS's documented values. */
export interface SandboxSettings {
  /** How long a request stays pending before it expires (AWS: 7 days). */
  pendingExpiryMs: number;
  /** Active peerings per VPC (Amazon VPC quotas: 50, adjustable to 125). */
  activePeeringsPerVpc: number;
  /** Outstanding (pending) requests an account may have made (Amazon VPC quotas: 25). */
  outstandingRequestsPerAccount: number;
  /** VPCs per account and region (AWS default 5; the sandbox defaults higher for scale scenarios). */
  vpcsPerRegion: number;
  /** Non-propagated routes per route table (Amazon VPC quotas: 50). */
  routesPerTable: number;
  /** How long `initiating-request`, `provisioning` and `deleting` last (AWS: about a second; 0 = settle at once). */
  initiatingRequestMs: number;
  provisioningMs: number;
  deletingMs: number;
  /** Visibility of finished peerings (VPC peering lifecycle table). */
  failedVisibleMs: number;
  expiredVisibleMs: number;
  rejectedRequesterVisibleMs: number;
  rejectedAccepterVisibleMs: number;
  deletedByDeleterVisibleMs: number;
  deletedOtherSideVisibleMs: number;
  /** When requester and accepter are one account, rejected/deleted peerings stay visible this long. */
  sameAccountFinishedVisibleMs: number;
  /** How long a NAT gateway stays pending (or deleting), a VPN gateway attachment attaching (or
   * detaching) and a VPN gateway deleting (AWS: seconds to minutes; 0 = settle at once). */
  gatewayTransitionMs: number;
  /** How long a failed or deleted NAT gateway, or a deleted VPN gateway, stays visible ("NAT
   * gateways", Amazon VPC user guide: about an hour). */
  deletedGatewayVisibleMs: number;
  /** How long DescribeInstances still shows a terminated instance ("Terminate Amazon EC2
   * instances", EC2 user guide: about an hour). */
  terminatedInstanceVisibleMs: number;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** AWS's documented values. */
export const DEFAULT_SETTINGS: SandboxSettings = {
  pendingExpiryMs: 7 * DAY,
  activePeeringsPerVpc: 50,
  outstandingRequestsPerAccount: 25,
  vpcsPerRegion: 100,
  routesPerTable: 50,
  initiatingRequestMs: 0,
  provisioningMs: 0,
  deletingMs: 0,
  failedVisibleMs: 2 * HOUR,
  expiredVisibleMs: 2 * DAY,
  rejectedRequesterVisibleMs: 2 * DAY,
  rejectedAccepterVisibleMs: 2 * HOUR,
  deletedByDeleterVisibleMs: 2 * HOUR,
  deletedOtherSideVisibleMs: 2 * DAY,
  sameAccountFinishedVisibleMs: 2 * HOUR,
  gatewayTransitionMs: 0,
  deletedGatewayVisibleMs: HOUR,
  terminatedInstanceVisibleMs: HOUR,
};

/** An account and its long-term access key. */
export interface AccountRec {
  accountId: string;
  /** Profile name written to the AWS config files. */
  profile: string;
  /** IAM user name shown by GetCallerIdentity. */
  userName: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** Opt-in regions enabled for this account (the 17 default regions are always enabled). */
  optInRegions: string[];
  /** Regions whose default VPC the account has from the start but that is not made yet: it is
   * made, with ids of its own (`World.withAccountRegionIds`), by the first call in the region. */
  defaultVpcsDue?: string[];
  /** IAM account alias (ListAccountAliases). */
  alias?: string;
  /** IAM roles of the account, the ones AssumeRole can enter (absent from older state files). */
  roles?: RoleRec[];
  /** Regions where the account's administrator deactivated STS (answers `RegionDisabledException`). */
  stsDisabledRegions?: string[];
}

/** An IAM role and the part of its trust policy the sandbox checks. */
export interface RoleRec {
  name: string;
  /** `/` or `/a/b/`. */
  path: string;
  /** `arn:aws:iam::<acct>:role<path><name>`. */
  arn: string;
  /** `AROA…`. */
  roleId: string;
  /** Principals the trust policy names: account ids (any principal of that account, as
   * `arn:aws:iam::<id>:root`), role ARNs (their sessions) or user ARNs. */
  trust: string[];
  /** The `sts:ExternalId` the trust policy's condition requires, if any. */
  externalId?: string;
  /** Longest session AssumeRole may ask for, in seconds (3600–43200). */
  maxSessionDuration: number;
}

/** Temporary credentials issued by STS AssumeRole. */
export interface SessionRec {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  accountId: string;
  /** `arn:aws:sts::<acct>:assumed-role/<role>/<session>`. */
  arn: string;
  /** `AROA…:<session>`. */
  userId: string;
  expiresAt: number;
  /** ARN of the role the session acts as (absent from older state files). */
  roleArn?: string;
}
