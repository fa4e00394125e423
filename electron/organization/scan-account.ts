/** One account of an organisation scan: open its session of the scan's role, list its regions
 * (unless the request names them), then scan each region. The same code runs on the calling
 * thread and on a scan worker; it tells what happens through an `AccountSink`, whose calls are
 * plain data that can cross to the thread that keeps the run's state.
 */
import { DescribeRegionsCommand } from '@aws-sdk/client-ec2';

import type { AccountId } from '../../shared/model/ids';
import type { OrganizationAccount } from '../../shared/model/organization';
import type { AwsClients } from '../aws/aws-clients';
import { explainOrganizationFailure, isThrottlingError, type ExplainedFailure, type FailureContext } from '../aws/aws-errors';
import type { CallScheduler } from '../aws/call-scheduler';
import type { ProfileAccess } from '../aws/credentials';
import type { RunState } from '../discovery/run-state';
import { explainCallFailure, scanCell, type CellCost, type CellRequest } from '../discovery/scan-cell';
import type { ScanAction } from '../discovery/scan-region';
import type { RegionModel } from '../discovery/to-topology';
import { RoleSessions, SessionError, sessionOriginNote } from './role-sessions';

/** A change to one of the account's cells (`*` is its identity row). */
export type CellPatch = Parameters<RunState['cell']>[2];

/** The account's part of an organisation scan as it names it: what a worker sends back. */
export type AccountToScan = Pick<OrganizationAccount, 'id' | 'name' | 'ouPath' | 'roles'>;

/** What opening an account's session cost: AssumeRole (or GetRoleCredentials) attempts, throttled ones included. */
export interface SessionCost {
  readonly accountId: string;
  readonly attempts: number;
  readonly throttled: number;
  readonly threadId: number;
}

/** Where an account's scan reports; the calls are in the order they happened. */
export interface AccountSink {
  cell(region: string, patch: CellPatch): void;
  /** A batch of cell changes is complete: time to tell the run's listeners. */
  changed(): void;
  model(m: RegionModel): void;
  scanned(cell: CellRequest & CellCost & { readonly ok: boolean }): void;
  entered(cost: SessionCost): void;
}

/** What scanning an account needs, on whichever thread it runs. */
export interface AccountScanContext {
  readonly clients: AwsClients;
  readonly scheduler: CallScheduler;
  readonly sessions: RoleSessions;
  readonly signIn: ProfileAccess;
  /** The sign-in's account: STS throttles AssumeRole per calling account and region. */
  readonly signInAccount: string;
  /** The role to use (an Identity Center permission set when `portal`). */
  readonly roleName: string;
  /** Sessions come from the Identity Center portal: an account without the permission set is refused up front. */
  readonly portal: boolean;
  readonly requestedRegions: readonly string[] | undefined;
  readonly pageSizes?: Partial<Readonly<Record<ScanAction, number>>>;
  readonly threadId: number;
}

/** The account's fields its cells carry in progress: id, name and OU path. */
export function aboutOf(a: AccountToScan): CellPatch {
  return { accountId: a.id, ...(a.name ? { accountName: a.name } : {}), ...(a.ouPath !== undefined ? { ouPath: a.ouPath } : {}) };
}

/** How failures in account `a` are told: its name, the role, the sign-in and its SSO session. */
export function explainerFor(signIn: ProfileAccess, sessions: RoleSessions, a: AccountToScan) {
  return (e: unknown, ctx: FailureContext): ExplainedFailure => {
    const err = e instanceof SessionError ? e.cause : e;
    return explainOrganizationFailure(err, {
      profile: signIn.profile,
      accountId: a.id,
      ...(a.name ? { accountName: a.name } : {}),
      ...(ctx.region ? { region: ctx.region } : {}),
      roleName: e instanceof SessionError ? e.roleName : sessions.roleIn(a.id),
      action: e instanceof SessionError ? e.action : (ctx.action ?? 'ec2:Describe*'),
      ...(ctx.endpoint ? { endpoint: ctx.endpoint } : {}),
      ...(ctx.attempts ? { attempts: ctx.attempts } : {}),
      ...(ctx.timeoutMs ? { timeoutMs: ctx.timeoutMs } : {}),
      ...(signIn.sso?.session ? { ssoSession: signIn.sso.session } : {}),
      ...(signIn.ssoLoginProfile ? { ssoLoginProfile: signIn.ssoLoginProfile } : {}),
    });
  };
}

/** Scan account `a`: its identity row, then each region; never throws for AWS trouble. */
export async function scanAccount(ctx: AccountScanContext, a: AccountToScan, sink: AccountSink, signal?: AbortSignal): Promise<void> {
  const { clients, scheduler, sessions, signIn, requestedRegions } = ctx;
  const about = aboutOf(a);
  const explain = explainerFor(signIn, sessions, a);
  const failCell = (region: string, f: ExplainedFailure) => sink.cell(region, { state: 'failed', errorCode: f.errorCode, message: f.message, ...(f.cause ? { cause: f.cause } : {}) });
  sink.cell('*', { state: 'running', ...about });
  for (const r of requestedRegions ?? []) sink.cell(r, { state: 'queued', ...about });
  sink.changed();
  const failAll = (f: ExplainedFailure) => {
    failCell('*', f);
    for (const r of requestedRegions ?? []) failCell(r, f);
    sink.changed();
  };
  if (ctx.portal && a.roles && !a.roles.includes(ctx.roleName)) {
    const refusal = Object.assign(new Error(`Permission set ${ctx.roleName} is not assigned in this account`), { name: 'ForbiddenException' });
    failAll(explain(new SessionError('sso:GetRoleCredentials', ctx.roleName, refusal), { profile: signIn.profile }));
    return;
  }
  // The account's first region, where its regions are listed and its one session is opened:
  // the sign-in's, unless the request names regions without it (then the first of those). Where
  // STS is deactivated there, the session comes from the next requested region's endpoint.
  const home = !requestedRegions || requestedRegions.includes(signIn.region) ? signIn.region : requestedRegions[0]!;
  const stsRegions = [home, ...(requestedRegions ?? []).filter((r) => r !== home)];
  const access = sessions.session(a.id, stsRegions);
  let attempts = 0;
  let throttled = 0;
  try {
    // Open the session now, so a refusal is told as the session's, not as a scan call's. STS
    // throttles per calling account and region: the sign-in's AssumeRole calls at the first region's endpoint.
    await scheduler.run(
      `sts/${ctx.signInAccount}/${stsRegions[0]}/AssumeRole`,
      () => {
        attempts += 1;
        return access.credentials().catch((e: unknown) => {
          if (isThrottlingError(e)) throttled += 1;
          throw e;
        });
      },
      signal,
    );
  } catch (e) {
    sink.entered({ accountId: a.id, attempts, throttled, threadId: ctx.threadId });
    if (signal?.aborted) return;
    const stsTimeout = Math.min(scheduler.limits.callTimeoutMs, scheduler.limits.stsAnswerTimeoutMs);
    const region = stsRegions[stsRegions.length - 1]!;
    // A refusal names its own action (SessionError); silence does not, so the session's call is named here.
    const action = ctx.portal ? 'sso:GetRoleCredentials' : 'sts:AssumeRole';
    const failure = explainCallFailure(e, { profile: signIn.profile, region, accountId: a.id, action, timeoutMs: stsTimeout, ...(signIn.endpoints.sts ? { endpoint: signIn.endpoints.sts } : {}) }, explain);
    sessions.drop(a.id);
    if (!requestedRegions) return failAll(failure);
    // Named regions need no listing: the failure is each region's.
    sink.cell('*', { state: 'done', counts: { regions: requestedRegions.length } });
    for (const r of requestedRegions) failCell(r, failure);
    sink.changed();
    return;
  }
  sink.entered({ accountId: a.id, attempts, throttled, threadId: ctx.threadId });
  const note = sessionOriginNote(a.id, sessions.openedFrom(a.id));
  try {
    let regions = requestedRegions;
    if (!regions) {
      try {
        const out = await scheduler.run(`${a.id}/${home}/DescribeRegions`, (s) => clients.ec2(access, home).send(new DescribeRegionsCommand({}), { abortSignal: s }), signal);
        regions = (out.Regions ?? [])
          .filter((r) => r.RegionName && r.OptInStatus !== 'not-opted-in')
          .map((r) => r.RegionName!)
          .sort();
      } catch (e) {
        if (signal?.aborted) return;
        const ec2Timeout = Math.min(scheduler.limits.callTimeoutMs, scheduler.limits.ec2AnswerTimeoutMs);
        failCell('*', explainCallFailure(e, { profile: signIn.profile, region: home, accountId: a.id, action: 'ec2:DescribeRegions', timeoutMs: ec2Timeout }, explain));
        sink.changed();
        return;
      }
    }
    sink.cell('*', { state: 'done', counts: { regions: regions.length }, ...(note ? { message: note } : {}) });
    for (const r of regions) sink.cell(r, { state: 'queued', ...about });
    sink.changed();
    await Promise.all(regions.map((region) => scanRegionOf(ctx, a, region, access, note, sink, signal)));
  } finally {
    // The account is done: its clients and session are not needed again.
    clients.release(access);
    sessions.drop(a.id);
  }
}

async function scanRegionOf(
  ctx: AccountScanContext,
  a: AccountToScan,
  region: string,
  access: ProfileAccess,
  note: string | undefined,
  sink: AccountSink,
  signal: AbortSignal | undefined,
): Promise<void> {
  if (signal?.aborted) return;
  sink.cell(region, { state: 'running' });
  sink.changed();
  const cell = { profile: ctx.sessions.label(a.id), accountId: a.id as AccountId, region };
  const explain = explainerFor(ctx.signIn, ctx.sessions, a);
  const outcome = await scanCell({ clients: ctx.clients, scheduler: ctx.scheduler, access, explain, ...(ctx.pageSizes ? { pageSizes: ctx.pageSizes } : {}) }, cell, signal);
  if (outcome.cost) sink.scanned({ ...cell, ok: outcome.ok, ...outcome.cost });
  if (outcome.ok) {
    sink.model(outcome.model);
    sink.cell(region, { state: 'done', counts: outcome.counts, unread: outcome.unread, ...(note ? { message: note } : {}) });
  } else if (outcome.cancelled) {
    sink.cell(region, { state: 'cancelled' });
  } else {
    sink.cell(region, { state: 'failed', errorCode: outcome.failure.errorCode, message: outcome.failure.message, ...(outcome.failure.cause ? { cause: outcome.failure.cause } : {}) });
  }
  sink.changed();
}
