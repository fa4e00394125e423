/** One discovery run: every profile's identity and regions, then every account × region at once.
 *
 * Shape of a run:
 * 1. per profile, concurrently: load credentials, then STS GetCallerIdentity and (unless the
 *    request names regions) EC2 DescribeRegions side by side;
 * 2. the first profile of an account that works scans it; other profiles of the same account
 *    are remembered on the `Account` and take over a region that the first profile may not scan;
 * 3. every account × region scan starts as soon as its account is known, all under the
 *    scheduler's global cap and per account + region + action buckets;
 * 4. beside them, once per account, IAM ListAccountAliases with the first profile that resolved
 *    to it; a failure only leaves the alias out (and says so on that profile's identity row).
 * A failure is recorded in its cell and the run goes on; cancelling resolves promptly with
 * every unfinished cell marked `cancelled`.
 */
import { randomUUID } from 'node:crypto';
import { setMaxListeners } from 'node:events';

import { DescribeRegionsCommand } from '@aws-sdk/client-ec2';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';

import type { DiscoveryProgress } from '../../shared/api/events';
import { fail, ok, type Result } from '../../shared/core/result';
import type { AccountId } from '../../shared/model/ids';
import type { Snapshot } from '../../shared/model/snapshot';
import type { Account } from '../../shared/model/topology';
import { createAwsClients } from '../aws/aws-clients';
import { isCredentialError, isPermissionError, type ExplainedFailure } from '../aws/aws-errors';
import type { CallScheduler } from '../aws/call-scheduler';
import { checkCredentials, resolveProfileAccess, type Env, type ProfileAccess } from '../aws/credentials';
import { scanCell, explainCallFailure, type CellCost, type CellRequest } from './scan-cell';
import type { ScanWorkerEntry } from './scan-pool';
import { startAliasReads } from './read-alias';
import { checkScanThreads, chooseProfiles, chooseRegions, chooseScope, schedulerFor, startScanThreads, type DiscoveryLimits, type DiscoveryRequest } from './run-request';
import { RunState } from './run-state';
import { runOrganizationDiscovery } from '../organization/run-organization';
import type { SessionCost } from '../organization/scan-account';

export type { DiscoveryLimits, DiscoveryRequest } from './run-request';

/** Defaults of the limits not owned by the scheduler. */
export const DEFAULT_RUN_LIMITS = {
  credentialTimeoutMs: 60_000,
  progressIntervalMs: 100,
  partialSnapshotIntervalMs: 1000,
  accountChoiceGraceMs: 500,
  aliasGraceMs: 2000,
  scanThreads: 0,
} as const;

/** What a run needs from its host: injected, so the app, the CLI and tests each supply their own. */
export interface DiscoveryDeps {
  /** Environment as the SDK would see it (`AWS_CONFIG_FILE`, `AWS_PROFILE`, `AWS_ENDPOINT_URL`, …). */
  readonly env: Env;
  readonly homeDir: string;
  now(): Date;
  /** The profile × region grid, whole, each time it changes (coalesced). */
  onProgress?(progress: DiscoveryProgress): void;
  /** The topology so far, as regions finish, so a graph can fill in (coalesced with progress). */
  onPartialSnapshot?(snapshot: Snapshot): void;
  /** Aborting resolves the run promptly with unfinished cells `cancelled`. */
  readonly signal?: AbortSignal;
  readonly limits?: Partial<DiscoveryLimits>;
  /** Reuse one scheduler across runs so its throttling buckets remember recent calls. */
  readonly scheduler?: CallScheduler;
  readonly runId?: string;
  /** `Snapshot.source`: `aws` (default) or `sandbox:<scenario>`. */
  readonly source?: string;
  /** Where the scan-thread code is when `limits.scanThreads` > 0 (default: next to scan-pool). */
  readonly scanWorkerEntry?: ScanWorkerEntry;
  /** What each account × region cost (pages per action, attempts, throttled attempts): benchmarks and diagnostics. */
  onCellScanned?(cell: CellRequest & CellCost & { readonly ok: boolean }): void;
  /** What opening each account's session of an organisation scan cost (attempts, throttled attempts, thread). */
  onSessionOpened?(cost: SessionCost): void;
}

interface AccountState {
  readonly id: AccountId;
  readonly profiles: string[];
  scanner?: string;
  alias?: string;
}

function accountFromArn(arn: string | undefined): string | undefined {
  return /^arn:[^:]+:[^:]*:[^:]*:(\d{12}):/.exec(arn ?? '')?.[1];
}

/** Scan every chosen profile and region and return the snapshot (failed cells are in its coverage). */
export async function runDiscovery(req: DiscoveryRequest, deps: DiscoveryDeps): Promise<Result<Snapshot>> {
  if (req.organization) {
    if (req.profiles?.length || req.regions?.length || req.scope) {
      return fail('invalid-input', 'an organisation scan names its sign-in profile and regions inside `organization`', 'drop profiles, regions and scope from the request, or the organization');
    }
    return runOrganizationDiscovery(req.organization, deps);
  }
  const regionsChoice = chooseRegions(req);
  if (!regionsChoice.ok) return regionsChoice;
  const scopeChoice = chooseScope(req);
  if (!scopeChoice.ok) return scopeChoice;
  const scope = scopeChoice.value;
  const profilesChoice = await chooseProfiles(req, deps.env, deps.homeDir);
  if (!profilesChoice.ok) return profilesChoice;
  const limits = { ...DEFAULT_RUN_LIMITS, ...deps.limits };
  const schedulerChoice = schedulerFor(deps.scheduler, limits);
  if (!schedulerChoice.ok) return schedulerChoice;
  const scheduler = schedulerChoice.value;
  const accessByName = await resolveProfileAccess(profilesChoice.value, deps.env, deps.homeDir, scheduler.limits);
  const unknown = [...accessByName.values()].flatMap((r) => (r.ok ? [] : [r.error]));
  if (unknown[0]) return fail('invalid-input', unknown.map((e) => e.message).join('; '), unknown[0].fix);
  const accesses = profilesChoice.value.map((n) => {
    const r = accessByName.get(n);
    if (!r?.ok) throw new Error(`no access for ${n}`);
    return r.value;
  });
  const threadsChoice = checkScanThreads(limits.scanThreads);
  if (!threadsChoice.ok) return threadsChoice;
  const requestedRegions = regionsChoice.value;
  const runId = deps.runId ?? randomUUID();
  const signal = deps.signal;
  // Every cell and call listens on the run's signal: a scan of many regions has far more than
  // Node's default of 10 listeners, which is no leak, so the warning is turned off.
  if (signal) setMaxListeners(0, signal);
  const clients = createAwsClients(scheduler.limits.maxConcurrentCalls, scheduler.limits);
  const run = new RunState(runId, deps, limits.progressIntervalMs, limits.partialSnapshotIntervalMs, accesses.map((a) => a.profile));

  const accounts = new Map<AccountId, AccountState>();
  const profileOrder = accesses.map((a) => a.profile);
  const settled = new Set<string>();
  const regionsOf = new Map<string, readonly string[]>();
  const readyAtMs = new Map<string, number>();
  const graceTimers: NodeJS.Timeout[] = [];
  const regionScans: Promise<void>[] = [];
  const accessOf = new Map(accesses.map((a) => [a.profile, a] as const));
  // Many read-only roles may not read the alias, so a failure costs no cell, only the alias.
  const aliases = startAliasReads(
    clients,
    scheduler,
    signal,
    limits.aliasGraceMs,
    (accountId, alias) => {
      accounts.get(accountId as AccountId)!.alias = alias;
      run.setAccounts(accountsOf(accounts));
      run.changed();
    },
    (profile, message) => {
      run.note(profile, '*', message);
      run.changed();
    },
  );

  const startAccount = (account: AccountState, scanner: ProfileAccess, regions: readonly string[]) => {
    account.scanner = scanner.profile;
    for (const region of regions) run.cell(scanner.profile, region, { state: 'queued', accountId: account.id });
    run.changed();
    for (const region of regions) {
      regionScans.push(scanAccountRegion(account, scanner, region));
    }
  };

  const scanAccountRegion = async (account: AccountState, scanner: ProfileAccess, region: string): Promise<void> => {
    const tried: string[] = [];
    let candidate: ProfileAccess | undefined = scanner;
    let firstFailure: ExplainedFailure | undefined;
    while (candidate) {
      tried.push(candidate.profile);
      const outcome = await scanOnce(account.id, candidate, region, scanner.profile);
      if (outcome.ok) {
        if (candidate !== scanner) {
          run.cell(scanner.profile, region, {
            scannedBy: candidate.profile,
            message: `Scanned through profile "${candidate.profile}" because "${scanner.profile}" failed: ${firstFailure?.message ?? ''}`,
          });
        }
        run.changed();
        return;
      }
      if (outcome.cancelled) return;
      firstFailure ??= outcome.failure;
      // Another profile of the same account may have the permission or working keys this one
      // lacks; profiles still loading may turn out to be in this account, so wait for them first.
      const retryable = isCredentialError(outcome.failure.errorCode) || isPermissionError(outcome.failure.errorCode);
      if (retryable) await profilesSettled;
      candidate = retryable
        ? account.profiles.map((p) => accessOf.get(p)).find((a): a is ProfileAccess => !!a && !tried.includes(a.profile))
        : undefined;
    }
    if (signal?.aborted) {
      run.cell(scanner.profile, region, { state: 'cancelled' });
      run.changed();
      return;
    }
    const triedNote = tried.length > 1 ? ` (Tried profiles ${tried.map((t) => `"${t}"`).join(', ')}.)` : '';
    run.cell(scanner.profile, region, { state: 'failed', errorCode: firstFailure!.errorCode, message: firstFailure!.message + triedNote });
    run.changed();
  };

  const poolRun = startScanThreads(runId, limits, scheduler, deps);

  const scanOnce = async (
    accountId: AccountId,
    access: ProfileAccess,
    region: string,
    cellProfile: string,
  ): Promise<{ ok: true } | { ok: false; cancelled: boolean; failure: ExplainedFailure }> => {
    if (signal?.aborted) return { ok: false, cancelled: true, failure: { errorCode: 'Cancelled', message: '' } };
    run.cell(cellProfile, region, { state: 'running' });
    run.changed();
    const cell = { profile: access.profile, accountId, region };
    const inThread = () => scanCell({ clients, scheduler, access, ...(limits.pageSizes ? { pageSizes: limits.pageSizes } : {}) }, cell, signal);
    let outcome = poolRun ? await poolRun.scan(cell, signal) : await inThread();
    // A scan thread that died or cannot start must not cost the user a region: scan it here.
    if (!outcome.ok && outcome.failure.errorCode === 'ScanThreadFailed' && !signal?.aborted) outcome = await inThread();
    if (outcome.cost) deps.onCellScanned?.({ ...cell, ok: outcome.ok, ...outcome.cost });
    if (outcome.ok) {
      run.addModel(outcome.model);
      run.cell(cellProfile, region, { state: 'done', counts: outcome.counts, unread: outcome.unread });
      return { ok: true };
    }
    if (outcome.cancelled) run.cell(cellProfile, region, { state: 'cancelled' });
    return outcome;
  };

  const resolveProfile = async (access: ProfileAccess): Promise<void> => {
    const p = access.profile;
    run.cell(p, '*', { state: 'running' });
    run.changed();
    const creds = await checkCredentials(access, limits.credentialTimeoutMs, signal);
    if (!creds.ok) {
      run.cell(p, '*', creds.cancelled ? { state: 'cancelled' } : { state: 'failed', ...creds.failure });
      run.changed();
      return;
    }
    const ctx = { profile: p, region: access.region };
    const limitsNow = scheduler.limits;
    // When STS fails, the account is unknown and DescribeRegions' answer is of no use: stop waiting for it.
    const regionsController = new AbortController();
    const regionsSignal = signal ? AbortSignal.any([signal, regionsController.signal]) : regionsController.signal;
    const identityP = scheduler
      .run(`${p}/${access.region}/GetCallerIdentity`, (s) => clients.sts(access, access.region).send(new GetCallerIdentityCommand({}), { abortSignal: s }), signal)
      .then(
        (out) => {
          const id = out.Account ?? accountFromArn(out.Arn);
          return id
            ? ({ ok: true, accountId: id } as const)
            : ({ ok: false, failure: { errorCode: 'InvalidIdentity', message: `STS GetCallerIdentity for profile "${p}" returned no account id: check the profile's endpoint_url.` } } as const);
        },
        (e: unknown) => {
          regionsController.abort(new Error('identity failed'));
          const timeoutMs = Math.min(limitsNow.callTimeoutMs, limitsNow.stsAnswerTimeoutMs);
          return { ok: false, failure: explainCallFailure(e, { ...ctx, timeoutMs, action: 'sts:GetCallerIdentity', ...endpointOf(access.endpoints.sts) }) } as const;
        },
      );
    // A scoped scan learns its regions from the account's identity, below.
    const regionsP: Promise<{ ok: true; regions: readonly string[] } | { ok: false; failure: ExplainedFailure }> = scope
      ? Promise.resolve({ ok: true, regions: [] })
      : requestedRegions
      ? Promise.resolve({ ok: true, regions: requestedRegions })
      : scheduler
          .run(`${p}/${access.region}/DescribeRegions`, (s) => clients.ec2(access, access.region).send(new DescribeRegionsCommand({}), { abortSignal: s }), regionsSignal)
          .then(
            (out) => {
              // Without AllRegions, DescribeRegions lists only regions enabled for the account.
              const regions = (out.Regions ?? [])
                .filter((r) => r.RegionName && r.OptInStatus !== 'not-opted-in')
                .map((r) => r.RegionName!)
                .sort();
              return { ok: true as const, regions };
            },
            (e: unknown) => ({
              ok: false as const,
              failure: explainCallFailure(e, { ...ctx, timeoutMs: Math.min(limitsNow.callTimeoutMs, limitsNow.ec2AnswerTimeoutMs), action: 'ec2:DescribeRegions', ...endpointOf(access.endpoints.ec2) }),
            }),
          );
    const [identity, regions] = await Promise.all([identityP, regionsP]);
    if (signal?.aborted) {
      run.cell(p, '*', { state: 'cancelled' });
      run.changed();
      return;
    }
    if (!identity.ok) {
      run.cell(p, '*', { state: 'failed', ...identity.failure });
      run.changed();
      return;
    }
    const accountId = identity.accountId;
    let account = accounts.get(accountId);
    if (!account) {
      account = { id: accountId, profiles: [] };
      accounts.set(accountId, account);
      aliases.read(accountId, access);
    }
    account.profiles.push(p);
    // Request order, not answer order, so the same request always lists profiles the same way.
    account.profiles.sort((x, y) => profileOrder.indexOf(x) - profileOrder.indexOf(y));
    run.setAccounts(accountsOf(accounts));
    run.cell(p, '*', { accountId });
    if (regions.ok) {
      regionsOf.set(p, scope ? (scope.get(accountId) ?? []) : regions.regions);
      readyAtMs.set(p, performance.now());
    } else {
      // Failed unless another profile of the account scans it (assignScanners marks it done then).
      run.cell(p, '*', { state: 'failed', ...regions.failure });
    }
    run.changed();
  };

  /** Give each account its scanner: the first profile in request order that works.
   *
   * A profile earlier in the request that is still loading might belong to the same account, so
   * the choice waits for it, but never longer than `accountChoiceGraceMs`: a slow
   * credential_process must not hold up other accounts' scans.
   */
  const assignScanners = (): void => {
    if (signal?.aborted) return;
    for (const account of accounts.values()) {
      if (!account.scanner) {
        const first = account.profiles.find((q) => regionsOf.has(q));
        if (!first) continue;
        const earlierPending = profileOrder.slice(0, profileOrder.indexOf(first)).some((q) => !settled.has(q));
        const waitedMs = performance.now() - (readyAtMs.get(first) ?? 0);
        if (earlierPending && waitedMs < limits.accountChoiceGraceMs) {
          graceTimers.push(setTimeout(assignScanners, limits.accountChoiceGraceMs - waitedMs + 1));
          continue;
        }
        const regions = regionsOf.get(first)!;
        run.cell(first, '*', { state: 'done', counts: { regions: regions.length } });
        startAccount(account, accessOf.get(first)!, regions);
      }
      for (const q of account.profiles) {
        if (q === account.scanner) continue;
        run.cell(q, '*', { state: 'done', scannedBy: account.scanner, message: `Account ${account.id} is scanned through profile "${account.scanner}".` });
      }
    }
    run.changed();
  };

  const settleProfile = async (access: ProfileAccess): Promise<void> => {
    try {
      await resolveProfile(access);
    } finally {
      settled.add(access.profile);
      assignScanners();
    }
  };

  let markSettled: () => void = () => undefined;
  const profilesSettled = new Promise<void>((resolve) => (markSettled = resolve));
  try {
    await Promise.all(accesses.map(settleProfile)).finally(() => markSettled());
    // Region scans are pushed while profiles resolve; wait until every one has settled.
    for (let i = 0; i < regionScans.length; i++) await regionScans[i];
    await aliases.settle();
  } finally {
    for (const t of graceTimers) clearTimeout(t);
    poolRun?.end();
    clients.close();
  }
  run.cancelUnfinished();
  const snapshot = run.snapshot(accountsOf(accounts), true);
  run.finish();
  return ok(snapshot);
}

function accountsOf(accounts: ReadonlyMap<AccountId, AccountState>): Account[] {
  return [...accounts.values()].map((a) => ({ id: a.id, ...(a.alias ? { alias: a.alias } : {}), profiles: [...a.profiles] }));
}

function endpointOf(endpoint: string | undefined): { endpoint?: string } {
  return endpoint ? { endpoint } : {};
}
