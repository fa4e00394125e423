/** The organisation side of a scan worker: scans the accounts a run sends it, opening each
 * account's session itself from the sign-in profile (and, for an Identity Center sign-in, the
 * token `aws sso login` cached), so no secret crosses a thread boundary.
 *
 * The role sessions and the portal client are built once per run, on its first account, and
 * closed when the run ends.
 */
import type { SSOClient } from '@aws-sdk/client-sso';

import type { AwsClients } from '../aws/aws-clients';
import type { CallScheduler } from '../aws/call-scheduler';
import type { ProfileAccess } from '../aws/credentials';
import type { ScanAction } from '../discovery/scan-region';
import { RoleSessions } from './role-sessions';
import { ssoAccessToken, ssoPortalClient } from './roster';
import { scanAccount, type AccountScanContext, type AccountSink, type AccountToScan } from './scan-account';

/** What a worker needs to enter a run's accounts: names and options, never credentials. */
export interface OrgRunInit {
  readonly signInProfile: string;
  readonly signInAccount: string;
  readonly roleName: string;
  /** The sign-in's credentials are a role session: AssumeRole from them is role chaining. */
  readonly chained: boolean;
  readonly externalId?: string;
  readonly allowOrganizationAccountAccessRole?: boolean;
  /** Sessions come from the Identity Center portal (GetRoleCredentials) instead of AssumeRole. */
  readonly portal: boolean;
  readonly requestedRegions?: readonly string[];
  /** The run's clock when it began: the cached SSO token is checked against it, as on the calling thread. */
  readonly nowMs: number;
  readonly stsAnswerTimeoutMs: number;
}

/** One call of an `AccountSink`, as a message. */
export type AccountEvent =
  | { readonly kind: 'cell'; readonly region: string; readonly patch: Parameters<AccountSink['cell']>[1] }
  | { readonly kind: 'changed' }
  | { readonly kind: 'model'; readonly model: Parameters<AccountSink['model']>[0] }
  | { readonly kind: 'scanned'; readonly cell: Parameters<AccountSink['scanned']>[0] }
  | { readonly kind: 'entered'; readonly cost: Parameters<AccountSink['entered']>[0] };

/** A sink whose every call becomes an event. */
export function sinkOf(post: (e: AccountEvent) => void): AccountSink {
  return {
    cell: (region, patch) => post({ kind: 'cell', region, patch }),
    changed: () => post({ kind: 'changed' }),
    model: (model) => post({ kind: 'model', model }),
    scanned: (cell) => post({ kind: 'scanned', cell }),
    entered: (cost) => post({ kind: 'entered', cost }),
  };
}

/** Replay an event on a sink. */
export function replay(sink: AccountSink, e: AccountEvent): void {
  switch (e.kind) {
    case 'cell':
      return sink.cell(e.region, e.patch);
    case 'changed':
      return sink.changed();
    case 'model':
      return sink.model(e.model);
    case 'scanned':
      return sink.scanned(e.cell);
    case 'entered':
      return sink.entered(e.cost);
  }
}

interface OrgContext {
  readonly sessions: RoleSessions;
  readonly signIn: ProfileAccess;
  readonly portalClient?: SSOClient;
}

/** What the worker's run gives an account job. */
export interface WorkerRun {
  readonly clients: AwsClients;
  readonly scheduler: CallScheduler;
  readonly pageSizes: Partial<Readonly<Record<ScanAction, number>>>;
  signIn(profile: string): Promise<ProfileAccess | string>;
}

const contexts = new Map<string, Promise<OrgContext | string>>();

async function contextOf(org: OrgRunInit, run: WorkerRun): Promise<OrgContext | string> {
  const signIn = await run.signIn(org.signInProfile);
  if (typeof signIn === 'string') return signIn;
  let portal: { client: SSOClient; accessToken: string } | undefined;
  if (org.portal) {
    if (!signIn.sso) return `profile "${signIn.profile}" has no IAM Identity Center sign-in on this scan thread`;
    const token = await ssoAccessToken(signIn, signIn.sso, () => new Date(org.nowMs));
    if (!token.ok) return `${token.error.message}: ${token.error.fix}`;
    portal = { client: ssoPortalClient(signIn, signIn.sso), accessToken: token.value };
  }
  const sessions = new RoleSessions(
    signIn,
    {
      roleName: org.roleName,
      chained: org.chained,
      ...(org.externalId ? { externalId: org.externalId } : {}),
      ...(org.allowOrganizationAccountAccessRole ? { allowOrganizationAccountAccessRole: true } : {}),
      ...(portal ? { portal } : {}),
    },
    org.stsAnswerTimeoutMs,
  );
  return { sessions, signIn, ...(portal ? { portalClient: portal.client } : {}) };
}

/** Scan one account of run `runId` on this thread, posting what happens; resolves with why this
 * thread could not scan it at all (before posting anything), so the calling thread scans it instead. */
export async function scanAccountJob(
  runId: string,
  org: OrgRunInit,
  account: AccountToScan,
  run: WorkerRun,
  threadId: number,
  post: (e: AccountEvent) => void,
  signal: AbortSignal,
): Promise<string | undefined> {
  let pending = contexts.get(runId);
  if (!pending) {
    pending = contextOf(org, run);
    contexts.set(runId, pending);
  }
  const c = await pending;
  if (typeof c === 'string') return `the scan thread could not sign in (${c})`;
  const ctx: AccountScanContext = {
    clients: run.clients,
    scheduler: run.scheduler,
    sessions: c.sessions,
    signIn: c.signIn,
    signInAccount: org.signInAccount,
    roleName: org.roleName,
    portal: org.portal,
    requestedRegions: org.requestedRegions,
    pageSizes: run.pageSizes,
    threadId,
  };
  await scanAccount(ctx, account, sinkOf(post), signal);
  return undefined;
}

/** Close a run's sessions and portal client. */
export async function endOrgRun(runId: string): Promise<void> {
  const pending = contexts.get(runId);
  contexts.delete(runId);
  const c = await pending;
  if (!c || typeof c === 'string') return;
  c.sessions.close();
  c.portalClient?.destroy();
}
