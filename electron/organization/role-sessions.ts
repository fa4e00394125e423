/** Sessions in the accounts of an organisation scan: one per account, each from the original
 * sign-in's credentials, never chained from another account's session.
 *
 * AssumeRole goes to a regional STS endpoint: the account's first scanned region's, or, where that
 * endpoint refuses for its region alone, the next region's, and so on. Two refusals are the
 * region's alone: STS deactivated there (RegionDisabledException), and a service control policy
 * denying sts:AssumeRole there (AccessDenied "with an explicit deny in a service control policy",
 * from an `aws:RequestedRegion` condition). A missing role, a trust policy without the sign-in or
 * an identity policy's deny fail at once: every endpoint would refuse alike. A session from a
 * regional endpoint is valid in every region, so the account's every region uses it. Each call
 * carries the ExternalId, a session name that says who scanned (`peerscape-<user or host>`) and a
 * duration within AWS's limits: a role assumed with credentials that are themselves a role
 * session (an SSO permission set, or a role profile) is capped at one hour, so sessions are
 * refreshed shortly before they expire and long scans go on. With an Identity Center sign-in and
 * no Organizations rights, the portal's GetRoleCredentials for the chosen permission set
 * replaces AssumeRole.
 */
import { hostname, userInfo } from 'node:os';

import { GetRoleCredentialsCommand, type SSOClient } from '@aws-sdk/client-sso';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';

import { errorCodeOf, messageOf } from '../aws/aws-errors';
import { type CredentialProvider, type ProfileAccess, type ResolvedCredentials } from '../aws/credentials';

/** The role Organizations creates in the accounts it creates (full administrator: used only when allowed). */
export const ORGANIZATION_ACCOUNT_ACCESS_ROLE = 'OrganizationAccountAccessRole';
/** AWS's limit on a role-chained session, and the duration asked for by default. */
export const CHAINED_SESSION_LIMIT_SECONDS = 3600;
/** Refresh a session this long before it expires. */
const REFRESH_BEFORE_MS = 5 * 60_000;

/** How sessions are made. */
export interface RoleSessionOptions {
  readonly roleName: string;
  readonly externalId?: string;
  readonly allowOrganizationAccountAccessRole?: boolean;
  /** 900–43200; capped at one hour when the sign-in is itself a role session. Default 3600. */
  readonly durationSeconds?: number;
  /** True when the sign-in's credentials are a role session (assumed role, SSO permission set). */
  readonly chained: boolean;
  readonly sessionName?: string;
  /** Identity Center: the portal client and access token that replace AssumeRole. */
  readonly portal?: { readonly client: SSOClient; readonly accessToken: string };
}

/** `peerscape-<user or host>`, in the characters RoleSessionName allows, 2–64 long. */
export function defaultSessionName(): string {
  let who: string;
  try {
    who = userInfo().username || hostname();
  } catch {
    // No user entry for this uid (some containers): the host names the scanner instead.
    who = hostname();
  }
  const cleaned = `peerscape-${who}`.replace(/[^\w+=,.@-]/g, '-').slice(0, 64);
  return cleaned.length >= 2 ? cleaned : 'peerscape';
}

/** The session's duration: the asked one within 900–43200, at most an hour when chained. */
export function sessionDuration(opts: Pick<RoleSessionOptions, 'durationSeconds' | 'chained'>): number {
  const asked = opts.durationSeconds ?? CHAINED_SESSION_LIMIT_SECONDS;
  const bounded = Math.min(43_200, Math.max(900, Math.round(asked)));
  return opts.chained ? Math.min(bounded, CHAINED_SESSION_LIMIT_SECONDS) : bounded;
}

/** An error a session's credential provider throws, with the action that failed. */
export class SessionError extends Error {
  constructor(
    readonly action: string,
    readonly roleName: string,
    override readonly cause: unknown,
  ) {
    super(messageOf(cause));
    this.name = errorCodeOf(cause);
  }
}

/** Why a regional STS endpoint refused to open a session: STS deactivated in the region, or a
 * service control policy denying sts:AssumeRole there. */
export type RegionRefusal = 'sts-off' | 'scp';

/** The refusal of `e` that another region's endpoint may not repeat; undefined for one it would. */
export function regionRefusalOf(e: unknown): RegionRefusal | undefined {
  if (!(e instanceof SessionError)) return undefined;
  const code = errorCodeOf(e.cause);
  if (code === 'RegionDisabledException') return 'sts-off';
  if (code === 'AccessDenied' && /explicit deny in a service control policy/i.test(messageOf(e.cause))) return 'scp';
  return undefined;
}

/** Where an account's session came from: the STS region, and the regions that refused first, in order. */
export interface SessionOrigin {
  readonly region: string;
  readonly refused: readonly string[];
  /** Why each of `refused` refused, by region. */
  readonly why: Readonly<Record<string, RegionRefusal>>;
}

/** What an account's cells say when its session came from another region than its first: which
 * regions refused and why; undefined when the first region opened it. */
export function sessionOriginNote(accountId: string, from: SessionOrigin | undefined): string | undefined {
  if (!from || from.refused.length === 0) return undefined;
  const off = from.refused.filter((r) => from.why[r] !== 'scp');
  const scp = from.refused.filter((r) => from.why[r] === 'scp');
  const parts = [
    ...(off.length > 0 ? [`STS is not activated in ${off.join(', ')} for account ${accountId}`] : []),
    ...(scp.length > 0 ? [`a service control policy of the sign-in's account denies sts:AssumeRole in ${scp.join(', ')}`] : []),
  ];
  const said = parts.join('; ');
  return `${said.charAt(0).toUpperCase()}${said.slice(1)}: its session came from STS in ${from.region}.`;
}

/** Share one session among every client of an account, opening a new one shortly before
 * it expires; a failure is not kept, so the next call (the scheduler's retry) tries again. */
function sessionCache(open: () => Promise<ResolvedCredentials>): CredentialProvider {
  let current: Promise<ResolvedCredentials> | undefined;
  let expiresAtMs = Number.POSITIVE_INFINITY;
  return () => {
    if (!current || Date.now() >= expiresAtMs - REFRESH_BEFORE_MS) {
      const pending = open();
      current = pending;
      expiresAtMs = Number.POSITIVE_INFINITY;
      pending.then(
        (c) => {
          if (current === pending) expiresAtMs = c.expiration ? c.expiration.getTime() : Number.POSITIVE_INFINITY;
        },
        () => {
          if (current === pending) current = undefined;
        },
      );
    }
    return current;
  };
}

/** Makes and caches the sessions of one scan. */
export class RoleSessions {
  private readonly sts = new Map<string, STSClient>();
  private readonly sessions = new Map<string, ProfileAccess>();
  /** The role that worked in each account (the fallback role once the main one was refused). */
  private readonly roleOf = new Map<string, string>();
  /** The region whose STS endpoint issued each account's session, and the regions that refused first. */
  private readonly openedIn = new Map<string, SessionOrigin>();
  readonly sessionName: string;
  readonly durationSeconds: number;

  constructor(
    private readonly signIn: ProfileAccess,
    private readonly opts: RoleSessionOptions,
    private readonly stsAnswerTimeoutMs?: number,
  ) {
    this.sessionName = opts.sessionName ?? defaultSessionName();
    this.durationSeconds = sessionDuration(opts);
  }

  /** The label of an account's cells in progress and coverage: the role and the account. */
  label(accountId: string): string {
    return `${this.opts.roleName}@${accountId}`;
  }

  /** The role in use in `accountId` (after a fallback, OrganizationAccountAccessRole). */
  roleIn(accountId: string): string {
    return this.roleOf.get(accountId) ?? this.opts.roleName;
  }

  /** Where `accountId`'s session came from: the STS region, and the regions that refused before
   * it, STS deactivated or AssumeRole denied there by an SCP (empty when the first region
   * answered). Unknown until it is opened. */
  openedFrom(accountId: string): SessionOrigin | undefined {
    return this.openedIn.get(accountId);
  }

  /** The access of `accountId`, the same in every region: the sign-in's endpoints, credentials of
   * one session opened at the STS endpoint of the first of `stsRegions` that has STS activated.
   * The session (and so `stsRegions`) is fixed by the first call for the account. */
  session(accountId: string, stsRegions: readonly string[]): ProfileAccess {
    let s = this.sessions.get(accountId);
    if (!s) {
      if (stsRegions.length === 0) throw new Error(`no region to open a session of account ${accountId} in`);
      const regions = [...stsRegions];
      s = {
        ...this.signIn,
        profile: this.label(accountId),
        region: regions[0]!,
        credentials: sessionCache(() => this.open(accountId, regions)),
      };
      this.sessions.set(accountId, s);
    }
    return s;
  }

  /** Forget an account's session once its scan is done. */
  drop(accountId: string): void {
    this.sessions.delete(accountId);
  }

  /** Open a session at the first region's STS endpoint, moving on while that region's endpoint
   * refuses for its region alone (STS deactivated, or an SCP denying AssumeRole there). */
  private async open(accountId: string, regions: readonly string[]): Promise<ResolvedCredentials> {
    if (this.opts.portal) return this.fromPortal(accountId);
    const refused: string[] = [];
    const why: Record<string, RegionRefusal> = {};
    for (const region of regions) {
      try {
        const creds = await this.openIn(accountId, region);
        this.openedIn.set(accountId, { region, refused, why });
        return creds;
      } catch (e) {
        const refusal = regionRefusalOf(e);
        if (region === regions[regions.length - 1] || !refusal) throw e;
        refused.push(region);
        why[region] = refusal;
      }
    }
    throw new Error('unreachable: the last region rethrows');
  }

  /** AssumeRole at one region's endpoint (falling back to OrganizationAccountAccessRole when allowed). */
  private async openIn(accountId: string, region: string): Promise<ResolvedCredentials> {
    const role = this.roleIn(accountId);
    try {
      return await this.assume(accountId, region, role);
    } catch (e) {
      const code = errorCodeOf(e);
      const refused = code === 'AccessDenied' && !/service control policy/i.test(messageOf(e));
      if (refused && this.opts.allowOrganizationAccountAccessRole && role !== ORGANIZATION_ACCOUNT_ACCESS_ROLE) {
        try {
          const creds = await this.assume(accountId, region, ORGANIZATION_ACCOUNT_ACCESS_ROLE);
          this.roleOf.set(accountId, ORGANIZATION_ACCOUNT_ACCESS_ROLE);
          return creds;
        } catch {
          // The main role's refusal is the one to explain.
        }
      }
      throw new SessionError('sts:AssumeRole', role, e);
    }
  }

  private async assume(accountId: string, region: string, role: string): Promise<ResolvedCredentials> {
    const out = await this.stsIn(region).send(
      new AssumeRoleCommand({
        RoleArn: `arn:aws:iam::${accountId}:role/${role}`,
        RoleSessionName: this.sessionName,
        DurationSeconds: this.durationSeconds,
        ...(this.opts.externalId ? { ExternalId: this.opts.externalId } : {}),
      }),
    );
    const c = out.Credentials;
    if (!c?.AccessKeyId || !c.SecretAccessKey) throw Object.assign(new Error('AssumeRole returned no credentials'), { name: 'InvalidResponse' });
    return { accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey, ...(c.SessionToken ? { sessionToken: c.SessionToken } : {}), ...(c.Expiration ? { expiration: c.Expiration } : {}) };
  }

  private async fromPortal(accountId: string): Promise<ResolvedCredentials> {
    const portal = this.opts.portal!;
    try {
      const out = await portal.client.send(new GetRoleCredentialsCommand({ accessToken: portal.accessToken, accountId, roleName: this.opts.roleName }));
      const c = out.roleCredentials;
      if (!c?.accessKeyId || !c.secretAccessKey) throw Object.assign(new Error('GetRoleCredentials returned no credentials'), { name: 'InvalidResponse' });
      return {
        accessKeyId: c.accessKeyId,
        secretAccessKey: c.secretAccessKey,
        ...(c.sessionToken ? { sessionToken: c.sessionToken } : {}),
        ...(c.expiration ? { expiration: new Date(c.expiration) } : {}),
      };
    } catch (e) {
      throw new SessionError('sso:GetRoleCredentials', this.opts.roleName, e);
    }
  }

  /** The STS client of a region, signing with the original sign-in's credentials. */
  private stsIn(region: string): STSClient {
    let c = this.sts.get(region);
    if (!c) {
      c = new STSClient({
        region,
        credentials: this.signIn.credentials,
        // The scan's scheduler owns retries, shaping them by STS's throttling of the sign-in.
        maxAttempts: 1,
        ...(this.signIn.endpoints.sts ? { endpoint: this.signIn.endpoints.sts } : {}),
        ...(this.stsAnswerTimeoutMs ? { requestHandler: { connectionTimeout: this.stsAnswerTimeoutMs, socketTimeout: this.stsAnswerTimeoutMs } } : {}),
        useFipsEndpoint: this.signIn.useFipsEndpoint ?? false,
        useDualstackEndpoint: this.signIn.useDualstackEndpoint ?? false,
      });
      this.sts.set(region, c);
    }
    return c;
  }

  close(): void {
    for (const c of this.sts.values()) c.destroy();
    this.sts.clear();
  }
}
