/** A discovery request checked and filled in: the profiles to scan (every one with credentials when
 * it names none), the regions, and the scheduler's share of the run's limits. */
import { fail, ok, type Result } from '../../shared/core/result';
import { isAccountId, isRegionName, type AccountId } from '../../shared/model/ids';
import { createCallScheduler, type CallLimits, type CallScheduler } from '../aws/call-scheduler';
import type { Env } from '../aws/credentials';
import { listProfiles } from '../aws/profiles';
import type { OrganizationRequest } from '../organization/run-organization';
import type { Slice } from './merge-slices';
import { sharedScanPool, type ScanPoolRun, type ScanWorkerEntry } from './scan-pool';
import type { ScanAction } from './scan-region';

/** What to scan: named profiles (default: every profile that has credentials) and regions (default: each account's enabled ones). */
export interface DiscoveryRequest {
  readonly profiles?: readonly string[];
  readonly regions?: readonly string[];
  /**
   * Scan only these account × region slices (instead of `regions`): each profile scans the
   * regions listed for its account, and none for an account not listed. Merge the result into
   * the snapshot it refreshes with `replaceSlices`.
   */
  readonly scope?: readonly Slice[];
  /** Scan an AWS Organization from one sign-in instead of profiles (then `profiles`, `regions` and `scope` are not used). */
  readonly organization?: OrganizationRequest;
}

/** Limits of a run beyond the scheduler's: credential loading, progress pacing, page sizes. */
export interface DiscoveryLimits extends CallLimits {
  /** Give up loading one profile's credentials (SSO, assume-role, credential_process) after this long. */
  readonly credentialTimeoutMs: number;
  /** Coalesce progress events to at most one per this many ms (the first and last are immediate). */
  readonly progressIntervalMs: number;
  /** Build partial snapshots at most this often: each merges every region so far, which costs CPU on big scans. */
  readonly partialSnapshotIntervalMs: number;
  /** How long an account waits for an earlier-listed profile that may belong to it before scanning. */
  readonly accountChoiceGraceMs: number;
  /** How long alias reads still running when every region scan has ended may hold up the run's end. */
  readonly aliasGraceMs: number;
  /** Worker threads that scan cells (0: scan on the calling thread). See scan-pool.ts. */
  readonly scanThreads: number;
  /** Page size per describe action; default the largest each accepts. */
  readonly pageSizes: Partial<Readonly<Record<ScanAction, number>>>;
}

/** Pick the profiles of a request, or every profile with credentials when it names none. */
export async function chooseProfiles(req: DiscoveryRequest, env: Env, homeDir: string): Promise<Result<readonly string[]>> {
  if (req.profiles && req.profiles.length > 0) {
    const names = [...new Set(req.profiles.map((p) => p.trim()))];
    if (names.some((n) => n === '')) return fail('invalid-input', 'a profile name is empty', 'name each profile, e.g. --profile prod');
    return ok(names);
  }
  const report = await listProfiles(env, homeDir);
  // A config-only profile (just a region, say) has no credentials of its own: scanning it would
  // only fail, so "all profiles" means those the SDK could get credentials for.
  const names = report.profiles.filter((p) => p.kind !== 'unknown').map((p) => p.name);
  if (names.length === 0) {
    return fail(
      'not-found',
      `no AWS profiles with credentials in ${report.configFile} or ${report.credentialsFile}`,
      'run `aws configure` (or `aws configure sso`) to add a profile, or set AWS_CONFIG_FILE to your config file',
    );
  }
  return ok(names);
}

/** Check the request's region names; AWS region names look like `eu-west-1`. */
export function chooseRegions(req: DiscoveryRequest): Result<readonly string[] | undefined> {
  if (!req.regions || req.regions.length === 0) return ok(undefined);
  const names = [...new Set(req.regions.map((r) => r.trim()))];
  const bad = names.filter((r) => !isRegionName(r));
  if (bad.length > 0) {
    return fail(
      'invalid-input',
      `not a region name: ${bad.map((b) => JSON.stringify(b)).join(', ')}`,
      'write regions as AWS names them, e.g. us-east-1 or eu-west-2',
    );
  }
  return ok(names);
}

/** Check a scoped request's slices; the regions of each account, in a stable order, or undefined for an unscoped request. */
export function chooseScope(req: DiscoveryRequest): Result<ReadonlyMap<AccountId, readonly string[]> | undefined> {
  if (!req.scope) return ok(undefined);
  if (req.regions && req.regions.length > 0) {
    return fail('invalid-input', 'a request names either regions or a scope of account × region slices, not both', 'drop the regions: the scope names them per account');
  }
  const bad = req.scope.filter((s) => !isAccountId(s.accountId) || !isRegionName(s.region));
  if (bad.length > 0) {
    return fail(
      'invalid-input',
      `not an account × region slice: ${bad.map((b) => JSON.stringify(b)).join(', ')}`,
      'give each slice a 12-digit account id and a region name such as eu-west-1',
    );
  }
  const byAccount = new Map<AccountId, string[]>();
  for (const s of req.scope) {
    const list = byAccount.get(s.accountId) ?? [];
    if (!list.includes(s.region)) list.push(s.region);
    byAccount.set(s.accountId, list);
  }
  for (const list of byAccount.values()) list.sort();
  return ok(byAccount);
}

export function pickCallLimits(l: Partial<DiscoveryLimits>): Partial<CallLimits> {
  const keys: (keyof CallLimits)[] = [
    'maxConcurrentCalls',
    'bucketCapacity',
    'refillPerSecond',
    'callTimeoutMs',
    'maxAttempts',
    'maxUnansweredAttempts',
    'stsAnswerTimeoutMs',
    'ec2AnswerTimeoutMs',
    'retryBaseDelayMs',
    'retryMaxDelayMs',
  ];
  return Object.fromEntries(keys.filter((k) => l[k] !== undefined).map((k) => [k, l[k]]));
}

/** The run's scheduler: the one given, else a new one with the limits' share, or why the limits are wrong. */
export function schedulerFor(given: CallScheduler | undefined, limits: Partial<DiscoveryLimits>): Result<CallScheduler> {
  try {
    return ok(given ?? createCallScheduler(pickCallLimits(limits)));
  } catch (e) {
    return fail('invalid-input', (e as Error).message, 'pass positive numbers in limits');
  }
}

/** The run's scan threads, checked: a whole number, 0 to scan on the calling thread. */
export function checkScanThreads(scanThreads: number): Result<number> {
  if (Number.isInteger(scanThreads) && scanThreads >= 0) return ok(scanThreads);
  return fail('invalid-input', `limits.scanThreads must be a whole number of at least 0, got ${scanThreads}`, 'use 0 to scan on the calling thread');
}

/** The run's view of the scan threads when `limits.scanThreads` > 0 (none: scan on the calling
 * thread). The threads share the scheduler's global cap and build their own clients from `env`. */
export function startScanThreads(
  runId: string,
  limits: Partial<DiscoveryLimits> & { readonly scanThreads: number },
  scheduler: CallScheduler,
  deps: { readonly env: Env; readonly homeDir: string; readonly scanWorkerEntry?: ScanWorkerEntry },
): ScanPoolRun | undefined {
  if (limits.scanThreads <= 0) return undefined;
  return sharedScanPool(limits.scanThreads, deps.scanWorkerEntry).startRun(runId, {
    env: deps.env,
    homeDir: deps.homeDir,
    limits: { ...pickCallLimits(limits), maxConcurrentCalls: scheduler.limits.maxConcurrentCalls },
    pageSizes: limits.pageSizes ?? {},
  });
}

