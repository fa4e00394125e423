/** Values that cross the API boundary and are not part of the topology model. */
import type { ApiError } from '../core/result';
import type { AccountId, PeeringId, Region, VpcId } from '../model/ids';
import type { RememberedOrganizationRequests } from '../model/organization-request';
import type { Snapshot } from '../model/snapshot';

/** What the app reports about itself. */
export interface AppInfo {
  readonly name: string;
  readonly version: string;
  /** `electron` inside the desktop app, `browser` through the loopback harness. */
  readonly shell: 'electron' | 'browser';
}

/** How a profile gets its credentials, as the AWS SDK would resolve them. */
export type ProfileKind =
  | 'static'
  | 'sso'
  | 'assume-role'
  | 'credential-process'
  | 'environment'
  | 'unknown';

/** A named profile from the shared config and credentials files (never a secret). */
export interface ProfileSummary {
  readonly name: string;
  readonly kind: ProfileKind;
  /** The profile's default region, if set. */
  readonly region?: string;
  /** `endpoint_url` of the profile (e.g. the sandbox cloud). */
  readonly endpointUrl?: string;
  /** For SSO profiles: the `sso_session` name or start URL, to tell the user what to log in to. */
  readonly ssoSession?: string;
  /** For assume-role profiles. */
  readonly roleArn?: string;
  readonly sourceProfile?: string;
  readonly credentialSource?: string;
  /** Which files define it. */
  readonly definedIn: readonly ('config' | 'credentials')[];
}

/** A line of a shared config file that could not be understood. */
export interface ConfigProblem {
  readonly file: string;
  /** 1-based line number. */
  readonly line: number;
  readonly message: string;
}

/** The profiles found, where they were looked for, and what was wrong with the files. */
export interface ProfilesReport {
  readonly configFile: string;
  readonly credentialsFile: string;
  readonly profiles: readonly ProfileSummary[];
  readonly problems: readonly ConfigProblem[];
}

/** A diagram position the user chose for a node, kept per workspace. */
export interface NodePosition {
  readonly x: number;
  readonly y: number;
}

/** The sandbox cloud, when the app runs it in-process. */
export interface SandboxStatus {
  readonly running: boolean;
  readonly endpoint?: string;
  readonly scenario?: string;
  /** Profiles (one per sandbox account) discovery can use. */
  readonly profiles: readonly string[];
}

/** Everything the window needs at start: the last snapshot and the user's choices. */
export interface WorkspaceState {
  /** The last saved snapshot; absent before the first scan. */
  readonly snapshot?: Snapshot;
  /** Node id → position the user dragged it to. */
  readonly positions: Readonly<Record<string, NodePosition>>;
  /** The regions the user picked last time (all enabled regions when absent). */
  readonly regions?: readonly string[];
  /** The profiles the user picked last time (all when absent). */
  readonly profiles?: readonly string[];
  /** The last organisation request per source: what the Add-organization dialog offers again and Rescan organization scans. */
  readonly organizationRequests?: RememberedOrganizationRequests;
  readonly source: 'aws' | 'sandbox';
  readonly sandbox: SandboxStatus;
  /** Changes the snapshot already shows that a rescan has not confirmed yet. */
  readonly updates: WorkspaceUpdates;
}

/** One account × region a rescan covers. */
export interface ScanSlice {
  readonly accountId: AccountId;
  readonly region: Region;
}

/**
 * A run that changed AWS, shown at once from what its calls did and marked until a rescan of
 * the accounts and regions it touched confirms it (then it leaves the list).
 */
export interface PendingUpdate {
  readonly runId: string;
  /** The plan's title ("Delete pcx-…"). */
  readonly title: string;
  /** `confirming` while the rescan runs; `failed` when it could not finish (see `error`). */
  readonly state: 'confirming' | 'failed';
  /** Peerings and VPCs whose drawing is not confirmed yet. */
  readonly peeringIds: readonly PeeringId[];
  readonly vpcIds: readonly VpcId[];
  /** What the rescan covers: both sides of the peering and every account and region a call went to. */
  readonly scope: readonly ScanSlice[];
  /** When the run finished (ISO 8601). */
  readonly since: string;
  /** Why the rescan did not confirm it, and what to do. */
  readonly error?: ApiError;
}

/** How the last rescan after a change went: what it scanned, in how long. */
export interface ConfirmedUpdate {
  readonly runId: string;
  /** Each profile × region the rescan scanned, and how it ended. */
  readonly scanned: readonly { readonly profile: string; readonly accountId?: AccountId; readonly region: Region; readonly state: 'complete' | 'failed' | 'cancelled' }[];
  /** From the run's end to the rescan's merged snapshot. */
  readonly ms: number;
}

/** What the workspace shows that AWS has not confirmed yet, and the last confirmation. */
export interface WorkspaceUpdates {
  readonly pending: readonly PendingUpdate[];
  readonly lastConfirmed?: ConfirmedUpdate;
}

/** A discovery run that has started. */
export interface DiscoveryStarted {
  readonly runId: string;
}

/** A snapshot as a file to save. */
export interface SnapshotFile {
  readonly filename: string;
  readonly json: string;
}
