/** An organisation scan: the roster read with one sign-in, then every active account × region,
 * each account through one session of the scan's role opened from that sign-in.
 *
 * Cells are account × region (labelled `<role>@<account>`), scanned under the run's scheduler:
 * its global cap, and EC2's throttling buckets, which are per account, region and action, so
 * accounts scan in parallel, each shaped by its own throttling. An account the role cannot enter
 * fails its cells with the cause and what to do; the others go on. Suspended accounts are in the
 * roster (and the snapshot's `organization`) but never scanned.
 *
 * With `limits.scanThreads` > 0 each account goes to the scan thread its id hashes to, which opens
 * the account's session itself from the sign-in profile and scans its regions there, so an
 * account's session and throttling buckets live in one thread and no secret crosses threads. The
 * run's state (the grid, the models, progress) stays on the calling thread, fed by the thread's
 * events. One limit of that split: STS throttles AssumeRole per sign-in account and region, and
 * each thread paces its own share of those calls.
 */
import { randomUUID } from 'node:crypto';
import { setMaxListeners } from 'node:events';
import { threadId } from 'node:worker_threads';

import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';

import { fail, ok, type Result } from '../../shared/core/result';
import { isRegionName } from '../../shared/model/ids';
import { isScannable, unitsUnder, type Organization, type OrganizationAccount } from '../../shared/model/organization';
import type { Snapshot } from '../../shared/model/snapshot';
import type { Account } from '../../shared/model/topology';
import { createAwsClients } from '../aws/aws-clients';
import { explainFailure } from '../aws/aws-errors';
import { checkCredentials, resolveProfileAccess, type ProfileAccess } from '../aws/credentials';
import type { DiscoveryDeps } from '../discovery/run-discovery';
import { DEFAULT_RUN_LIMITS } from '../discovery/run-discovery';
import { checkScanThreads, schedulerFor, startScanThreads } from '../discovery/run-request';
import { RunState } from '../discovery/run-state';
import { DEFAULT_READ_ONLY_ROLE, EXTERNAL_ID_PATTERN, ROLE_NAME_PATTERN, type OrganizationScanRequest } from '../../shared/model/organization-request';
import { readRoster, ssoAccessToken, ssoPortalClient } from './roster';
import { replay, type OrgRunInit } from './account-worker';
import { RoleSessions } from './role-sessions';
import { aboutOf, scanAccount, type AccountScanContext, type AccountSink, type AccountToScan } from './scan-account';

/** Global call slots per account in flight: 256 slots (the default cap) → 8 accounts, each of
 * whose regions scan side by side. */
const ACCOUNT_CALLS_SHARE = 32;

/** What an organisation scan covers and how it enters the accounts (the API's `organization`). */
export type OrganizationRequest = OrganizationScanRequest;

/** Check an organisation request's fields; each problem says what to write instead. */
export function checkOrganizationRequest(req: OrganizationRequest): Result<OrganizationRequest> {
  if (!req.profile?.trim()) return fail('invalid-input', 'an organisation scan needs the profile to sign in with', 'name it, e.g. --profile management');
  if (req.roleName !== undefined && !ROLE_NAME_PATTERN.test(req.roleName)) {
    return fail('invalid-input', `role name ${JSON.stringify(req.roleName)} is not an IAM role name`, 'use 1–64 letters, digits and +=,.@_- (e.g. PeerscapeReadOnly)');
  }
  if (req.externalId !== undefined && !EXTERNAL_ID_PATTERN.test(req.externalId)) {
    return fail('invalid-input', 'the ExternalId must be 2–1224 characters of letters, digits and +=,.@:/_-', 'pass the ExternalId the role trusts, as its trust policy has it');
  }
  const badOu = (req.ous ?? []).filter((o) => !/^(ou-[0-9a-z]+-[0-9a-z]+|r-[0-9a-z]+)$/.test(o));
  if (badOu.length > 0) {
    return fail('invalid-input', `not an OU or root id: ${badOu.map((o) => JSON.stringify(o)).join(', ')}`, 'give OU ids as Organizations shows them, e.g. ou-ab12-cd34ef56, or a root id r-ab12');
  }
  const badRegion = (req.regions ?? []).filter((r) => !isRegionName(r));
  if (badRegion.length > 0) {
    return fail('invalid-input', `not a region name: ${badRegion.map((r) => JSON.stringify(r)).join(', ')}`, 'write regions as AWS names them, e.g. us-east-1 or eu-west-2');
  }
  return ok({ ...req, profile: req.profile.trim() });
}

/** The accounts of `org` a request scans: active ones, in the chosen OUs when it names some. */
export function accountsToScan(org: Organization, ous: readonly string[] | undefined): Result<readonly OrganizationAccount[]> {
  let chosen = org.accounts;
  if (ous && ous.length > 0) {
    if (org.source !== 'organizations') return fail('invalid-input', 'OUs can be chosen only when the organisation is read from AWS Organizations', 'leave out --ou, or sign in with a profile that may list the organisation');
    const known = new Set(org.units.map((u) => u.id));
    const unknown = ous.filter((o) => !known.has(o));
    if (unknown.length > 0) {
      const listed = org.units.slice(0, 20).map((u) => `${u.id} (${u.name})`).join(', ');
      return fail('not-found', `no OU ${unknown.join(', ')} in organisation ${org.id ?? ''}`.trim(), `pick one of: ${listed}`);
    }
    const within = unitsUnder(org, ous);
    chosen = chosen.filter((a) => a.parentId !== undefined && within.has(a.parentId));
  }
  return ok(chosen.filter(isScannable));
}

/** Read the roster only (the Add-organization dialog): the organisation, or the Identity Center accounts. */
export async function readOrganizationRoster(profile: string, deps: Pick<DiscoveryDeps, 'env' | 'homeDir' | 'now' | 'signal'>): Promise<Result<Organization>> {
  const access = await signInOf(profile, deps, DEFAULT_RUN_LIMITS.credentialTimeoutMs, 'read the organisation again');
  if (!access.ok) return access;
  return readRoster(access.value, deps.now, deps.signal);
}

/** The sign-in profile's access, once its credentials load; `then` is what the fix tells the user to do after fixing it. */
async function signInOf(
  profile: string,
  deps: Pick<DiscoveryDeps, 'env' | 'homeDir' | 'signal'>,
  credentialTimeoutMs: number,
  then: string,
  limits?: Parameters<typeof resolveProfileAccess>[3],
): Promise<Result<ProfileAccess>> {
  const access = (await resolveProfileAccess([profile], deps.env, deps.homeDir, limits)).get(profile);
  if (!access) return fail('not-found', `profile "${profile}" is not defined`, 'pick one of the listed profiles');
  if (!access.ok) return access;
  const creds = await checkCredentials(access.value, credentialTimeoutMs, deps.signal);
  if (!creds.ok) return fail(creds.cancelled ? 'cancelled' : `aws:${creds.failure.errorCode}`, creds.failure.message, `fix the sign-in, then ${then}`);
  return access;
}

/** Scan every active account × region of an organisation; failed cells carry their cause and fix. */
export async function runOrganizationDiscovery(input: OrganizationRequest, deps: DiscoveryDeps): Promise<Result<Snapshot>> {
  const checked = checkOrganizationRequest(input);
  if (!checked.ok) return checked;
  const req = checked.value;
  const limits = { ...DEFAULT_RUN_LIMITS, ...deps.limits };
  const threadsChoice = checkScanThreads(limits.scanThreads);
  if (!threadsChoice.ok) return threadsChoice;
  const schedulerChoice = schedulerFor(deps.scheduler, limits);
  if (!schedulerChoice.ok) return schedulerChoice;
  const scheduler = schedulerChoice.value;
  const signal = deps.signal;
  if (signal) setMaxListeners(0, signal);
  // The sign-in itself: its credentials, and whether they are a role session (AssumeRole from
  // them is then role chaining, limited to an hour).
  const accessR = await signInOf(req.profile, deps, limits.credentialTimeoutMs, 'scan again', scheduler.limits);
  if (!accessR.ok) return accessR;
  const signIn = accessR.value;
  const identity = await callerArn(signIn, signal);
  if (!identity.ok) return identity;
  const chained = /:assumed-role\//.test(identity.value);
  const signInAccount = /^arn:[^:]+:[^:]*:[^:]*:(\d{12}):/.exec(identity.value)?.[1] ?? signIn.profile;

  const roster = await readRoster(signIn, deps.now, signal);
  if (!roster.ok) return roster;
  const org = roster.value;
  const chosen = accountsToScan(org, req.ous);
  if (!chosen.ok) return chosen;

  let portal: { client: ReturnType<typeof ssoPortalClient>; accessToken: string } | undefined;
  let roleName = req.roleName ?? DEFAULT_READ_ONLY_ROLE;
  if (org.source === 'identity-center' && signIn.sso) {
    const token = await ssoAccessToken(signIn, signIn.sso, deps.now);
    if (!token.ok) return token;
    portal = { client: ssoPortalClient(signIn, signIn.sso), accessToken: token.value };
    roleName = req.roleName ?? signIn.sso.roleName ?? roleName;
  }
  const sessions = new RoleSessions(
    signIn,
    {
      roleName,
      chained,
      ...(req.externalId ? { externalId: req.externalId } : {}),
      ...(req.allowOrganizationAccountAccessRole ? { allowOrganizationAccountAccessRole: true } : {}),
      ...(portal ? { portal } : {}),
    },
    scheduler.limits.stsAnswerTimeoutMs,
  );

  const runId = deps.runId ?? randomUUID();
  const accounts = chosen.value;
  const clients = createAwsClients(scheduler.limits.maxConcurrentCalls, scheduler.limits);
  const run = new RunState(runId, deps, limits.progressIntervalMs, limits.partialSnapshotIntervalMs, accounts.map((a) => sessions.label(a.id)));
  run.organization = org;
  const topologyAccounts: Account[] = accounts.map((a) => ({ id: a.id, profiles: [], ...(a.name ? { name: a.name } : {}), ...(a.ouPath !== undefined ? { ouPath: a.ouPath } : {}) }));
  run.setAccounts(topologyAccounts);
  // Accounts wait their turn (a few are in flight at once): each is named from the start, also
  // when the scan is cancelled before it begins.
  for (const a of accounts) run.cell(sessions.label(a.id), '*', { state: 'queued', ...aboutOf(a) });
  const requestedRegions = req.regions && req.regions.length > 0 ? [...new Set(req.regions)].sort() : undefined;

  const here: AccountScanContext = {
    clients,
    scheduler,
    sessions,
    signIn,
    signInAccount,
    roleName,
    portal: !!portal,
    requestedRegions,
    ...(limits.pageSizes ? { pageSizes: limits.pageSizes } : {}),
    threadId,
  };
  const poolRun = startScanThreads(runId, limits, scheduler, deps);
  const orgInit: OrgRunInit = {
    signInProfile: signIn.profile,
    signInAccount,
    roleName,
    chained,
    ...(req.externalId ? { externalId: req.externalId } : {}),
    ...(req.allowOrganizationAccountAccessRole ? { allowOrganizationAccountAccessRole: true } : {}),
    portal: !!portal,
    ...(requestedRegions ? { requestedRegions } : {}),
    nowMs: deps.now().getTime(),
    stsAnswerTimeoutMs: scheduler.limits.stsAnswerTimeoutMs,
  };

  const sinkOf = (a: OrganizationAccount, seen?: Map<string, string>): AccountSink => {
    const label = sessions.label(a.id);
    return {
      cell: (region, patch) => {
        if (seen && patch.state) seen.set(region, patch.state);
        run.cell(label, region, patch);
      },
      changed: () => run.changed(),
      model: (m) => run.addModel(m),
      scanned: (c) => deps.onCellScanned?.(c),
      entered: (cost) => deps.onSessionOpened?.(cost),
    };
  };

  const scanAccountOf = async (a: OrganizationAccount): Promise<void> => {
    if (!poolRun) return scanAccount(here, a, sinkOf(a), signal);
    const seen = new Map<string, string>();
    const sink = sinkOf(a, seen);
    const account: AccountToScan = { id: a.id, ...(a.name ? { name: a.name } : {}), ...(a.ouPath !== undefined ? { ouPath: a.ouPath } : {}), ...(a.roles ? { roles: a.roles } : {}) };
    const done = await poolRun.account(orgInit, account, (e) => replay(sink, e), signal);
    if (done.ok) return;
    // A thread that failed before it told anything (it could not start, or not sign in) must not
    // cost the user the account: scan it here.
    if (seen.size === 0 && !signal?.aborted) {
      await scanAccount(here, a, sink, signal);
      run.note(sessions.label(a.id), '*', `The scan threads could not take this account (${done.reason}): it was scanned on the main thread.`);
      return;
    }
    const message = `The scan of account ${a.id}${a.name ? ` (${a.name})` : ''} stopped: ${done.reason}. Scan again; if it repeats, scan with limits.scanThreads = 0.`;
    for (const [region, state] of seen) {
      if (state === 'queued' || state === 'running') sink.cell(region, { state: 'failed', errorCode: 'ScanThreadFailed', message });
    }
    if (!seen.has('*')) sink.cell('*', { state: 'failed', errorCode: 'ScanThreadFailed', message });
    sink.changed();
  };

  // Accounts in flight: each offers its regions × describe actions at once, so a few fill the
  // global cap twice over; more would only hold more SDK clients and responses in memory at once.
  const accountsInFlight = Math.max(2, Math.ceil(scheduler.limits.maxConcurrentCalls / ACCOUNT_CALLS_SHARE));
  let nextAccount = 0;
  const accountLane = async (): Promise<void> => {
    while (nextAccount < accounts.length && !signal?.aborted) await scanAccountOf(accounts[nextAccount++]!);
  };
  try {
    await Promise.all(Array.from({ length: Math.min(accountsInFlight, accounts.length) }, accountLane));
  } finally {
    poolRun?.end();
    sessions.close();
    portal?.client.destroy();
    clients.close();
  }
  run.cancelUnfinished();
  const snapshot = run.snapshot(topologyAccounts, true);
  run.finish();
  return ok(snapshot);
}

/** The ARN the sign-in acts as (GetCallerIdentity needs no permission). */
async function callerArn(access: ProfileAccess, signal?: AbortSignal): Promise<Result<string>> {
  const client = new STSClient({ region: access.region, credentials: access.credentials, maxAttempts: 3, ...(access.endpoints.sts ? { endpoint: access.endpoints.sts } : {}) });
  try {
    const out = await client.send(new GetCallerIdentityCommand({}), signal ? { abortSignal: signal } : {});
    return ok(out.Arn ?? '');
  } catch (e) {
    const f = explainFailure(e, { profile: access.profile, region: access.region, action: 'sts:GetCallerIdentity', ...(access.endpoints.sts ? { endpoint: access.endpoints.sts } : {}) });
    return fail(`aws:${f.errorCode}`, f.message, 'fix the sign-in, then scan again');
  } finally {
    client.destroy();
  }
}
