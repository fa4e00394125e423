/** Fault injection: latency, throttling, server errors, failing regions, expiring credentials.
 *
 * Throttling follows "Request throttling for the Amazon EC2 API": a token bucket per account,
 * region and action; a non-mutating (Describe) action holds 100 tokens and gets 20 back per
 * second; mutating actions get a smaller bucket (here 50 tokens, 5 per second, both settable).
 * Over the limit the answer is `RequestLimitExceeded` (HTTP 503), which the SDKs' retry
 * strategies back off on. STS has one bucket per calling account and region, shared by every STS
 * action (AWS's STS request quota: 600 requests per second per account per Region); the sandbox
 * gives it 600 tokens and 600 back per second. Random decisions use a seeded generator so a test run repeats.
 */

/** Size and refill of a token bucket. */
export interface BucketSpec {
  readonly burst: number;
  readonly refillPerSecond: number;
}

/** Throttling: a fixed share of calls refused, or token buckets like EC2's. */
export type ThrottleOptions =
  | { readonly mode: 'rate'; readonly rate: number }
  | { readonly mode: 'bucket'; readonly describe?: BucketSpec; readonly mutating?: BucketSpec; readonly sts?: BucketSpec };

/** An account and region that refuse every EC2 call with the given code. */
export interface FailRegion {
  readonly accountId: string;
  readonly region: string;
  readonly code: 'AuthFailure' | 'OptInRequired';
}

/** What refuses a denied action: a service control policy's explicit deny (`scp`), or an
 * identity policy that does not allow it (`identity`, the default). */
export type DenyKind = 'scp' | 'identity';

/**
 * An action a policy refuses, everywhere or in one account and region. `action` is an EC2
 * action name (`DescribeVpcs`), a qualified one (`ec2:DescribeVpcs`, `sts:AssumeRole`,
 * `ram:GetResourceShares`), a service wildcard (`ec2:*`) or `*` (every action: with a region,
 * a service control policy that denies the whole region).
 */
export interface DenyAction {
  readonly action: string;
  readonly accountId?: string;
  readonly region?: string;
  readonly kind?: DenyKind;
}

/** The shape of a `DenyAction`'s action. */
export const DENY_ACTION_PATTERN = /^(\*|(?:[a-z0-9-]+:)?(?:\*|[A-Z][A-Za-z0-9]+))$/;

/** The deny among `denies` that refuses `qualifiedAction` (`ec2:DescribeVpcs`) in this account
 * and region; an SCP deny wins over a missing permission, as an explicit deny does on AWS. */
export function matchDeny(denies: readonly DenyAction[], accountId: string, region: string, qualifiedAction: string): DenyKind | undefined {
  const [service] = qualifiedAction.split(':') as [string];
  let found: DenyKind | undefined;
  for (const d of denies) {
    if (d.accountId !== undefined && d.accountId !== accountId) continue;
    if (d.region !== undefined && d.region !== region) continue;
    const a = d.action.includes(':') || d.action === '*' ? d.action : `ec2:${d.action}`;
    if (a !== '*' && a !== `${service}:*` && a !== qualifiedAction) continue;
    const kind = d.kind ?? 'identity';
    if (kind === 'scp') return kind;
    found = kind;
  }
  return found;
}

/** Every fault the sandbox can inject; all optional, all changeable at run time. */
export interface FaultOptions {
  /** Added to every answer. */
  readonly latencyMs?: number;
  /** Up to this much more, uniformly at random. */
  readonly jitterMs?: number;
  readonly throttle?: ThrottleOptions;
  /** Share (0–1) of calls answered with a server error (`InternalError` 500 or `Unavailable` 503). */
  readonly serverErrorRate?: number;
  readonly failRegions?: readonly FailRegion[];
  /** Actions refused as a service control policy or an IAM policy without them would refuse them. */
  readonly denyActions?: readonly DenyAction[];
  /**
   * Credentials stop working at this time (sandbox clock, epoch ms): EC2 answers
   * `RequestExpired`, STS `ExpiredToken`. `accounts` limits it to some account ids or profiles.
   */
  readonly expireCredentials?: { readonly atMs: number; readonly accounts?: readonly string[] };
  /** Caps the lifetime of AssumeRole credentials (to exercise refresh). */
  readonly maxSessionDurationMs?: number;
  /** Seed of the random decisions (jitter, rates). */
  readonly seed?: number;
}

/** AWS's default bucket for non-mutating actions. */
export const DESCRIBE_BUCKET: BucketSpec = { burst: 100, refillPerSecond: 20 };
/** The sandbox's default bucket for mutating actions. */
export const MUTATING_BUCKET: BucketSpec = { burst: 50, refillPerSecond: 5 };
/** The sandbox's STS bucket per calling account and region, shared by every STS action. */
export const STS_BUCKET: BucketSpec = { burst: 600, refillPerSecond: 600 };

/** A small seeded generator (mulberry32): enough for fault decisions, repeatable in tests. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Bucket {
  tokens: number;
  at: number;
}

/** Throws a readable error unless the options make sense. */
export function validateFaults(f: FaultOptions): void {
  const bad = (what: string): never => {
    throw new Error(`Invalid fault option: ${what}`);
  };
  if (f.latencyMs !== undefined && !(f.latencyMs >= 0)) bad('latencyMs must be >= 0');
  if (f.jitterMs !== undefined && !(f.jitterMs >= 0)) bad('jitterMs must be >= 0');
  if (f.serverErrorRate !== undefined && !(f.serverErrorRate >= 0 && f.serverErrorRate <= 1)) bad('serverErrorRate must be between 0 and 1');
  if (f.throttle?.mode === 'rate' && !(f.throttle.rate >= 0 && f.throttle.rate <= 1)) bad('throttle.rate must be between 0 and 1');
  if (f.throttle?.mode === 'bucket') {
    for (const b of [f.throttle.describe, f.throttle.mutating, f.throttle.sts]) {
      if (b && !(b.burst >= 1 && b.refillPerSecond >= 0)) bad('a bucket needs burst >= 1 and refillPerSecond >= 0');
    }
  }
  for (const r of f.failRegions ?? []) {
    if (!/^\d{12}$/.test(r.accountId)) bad(`failRegions account "${r.accountId}" is not a 12-digit account id`);
    if (r.code !== 'AuthFailure' && r.code !== 'OptInRequired') bad(`failRegions code must be AuthFailure or OptInRequired, not "${String(r.code)}"`);
  }
  for (const d of f.denyActions ?? []) {
    if (!DENY_ACTION_PATTERN.test(d.action)) bad(`denyActions action "${d.action}" is not an action name (DescribeVpcs, ec2:DescribeVpcs, sts:AssumeRole, ec2:* or *)`);
    if (d.kind !== undefined && d.kind !== 'scp' && d.kind !== 'identity') bad(`denyActions kind must be scp or identity, not "${String(d.kind)}"`);
    if (d.accountId !== undefined && !/^\d{12}$/.test(d.accountId)) bad(`denyActions account "${d.accountId}" is not a 12-digit account id`);
  }
  if (f.maxSessionDurationMs !== undefined && !(f.maxSessionDurationMs > 0)) bad('maxSessionDurationMs must be > 0');
}

/** Live fault state: the options plus the token buckets and the random stream. */
export class FaultInjector {
  private options: FaultOptions = {};
  private buckets = new Map<string, Bucket>();
  private random: () => number = seededRandom(1);

  constructor(options: FaultOptions = {}) {
    this.set(options);
  }

  /** Replaces every fault option (buckets start full again). */
  set(options: FaultOptions): void {
    validateFaults(options);
    this.options = { ...options };
    this.buckets.clear();
    this.random = seededRandom(options.seed ?? 1);
  }

  /** The current options. */
  get(): FaultOptions {
    return this.options;
  }

  /** Milliseconds to hold this answer back. */
  delayMs(): number {
    const base = this.options.latencyMs ?? 0;
    const jitter = this.options.jitterMs ?? 0;
    return base + (jitter > 0 ? this.random() * jitter : 0);
  }

  /** The fail-region code for this account and region, if one is set. */
  regionFailure(accountId: string, region: string): 'AuthFailure' | 'OptInRequired' | undefined {
    return this.options.failRegions?.find((r) => r.accountId === accountId && r.region === region)?.code;
  }

  /** Which kind of `denyActions` entry refuses `qualifiedAction` (`ec2:DescribeVpcs`) in this account and region, if any. */
  actionDenied(accountId: string, region: string, qualifiedAction: string): DenyKind | undefined {
    return matchDeny(this.options.denyActions ?? [], accountId, region, qualifiedAction);
  }

  /** True when the credentials of this account (or profile) have expired by `now`. */
  credentialsExpired(accountId: string, profile: string | undefined, now: number): boolean {
    const e = this.options.expireCredentials;
    if (!e || now < e.atMs) return false;
    return !e.accounts || e.accounts.includes(accountId) || (profile !== undefined && e.accounts.includes(profile));
  }

  /** True when this call is throttled (a token is taken when it is not). */
  throttled(accountId: string, region: string, action: string, mutating: boolean, nowMs: number): boolean {
    const t = this.options.throttle;
    if (!t) return false;
    if (t.mode === 'rate') return this.random() < t.rate;
    const spec = mutating ? (t.mutating ?? MUTATING_BUCKET) : (t.describe ?? DESCRIBE_BUCKET);
    return this.take(`${accountId}/${region}/${action}`, spec, nowMs);
  }

  /** True when an STS call of this calling account in this region is throttled: one bucket per
   * account and region for every STS action, unlike EC2's per-action buckets. */
  stsThrottled(accountId: string, region: string, nowMs: number): boolean {
    const t = this.options.throttle;
    if (!t) return false;
    if (t.mode === 'rate') return this.random() < t.rate;
    return this.take(`sts/${accountId}/${region}`, t.sts ?? STS_BUCKET, nowMs);
  }

  /** Take a token from the bucket `key` (made full with `spec`); true when it had none. */
  private take(key: string, spec: BucketSpec, nowMs: number): boolean {
    let b = this.buckets.get(key);
    if (!b) {
      b = { tokens: spec.burst, at: nowMs };
      this.buckets.set(key, b);
    }
    b.tokens = Math.min(spec.burst, b.tokens + ((nowMs - b.at) / 1000) * spec.refillPerSecond);
    b.at = nowMs;
    if (b.tokens < 1) return true;
    b.tokens -= 1;
    return false;
  }

  /** A server error to answer with, or undefined. */
  serverError(): { code: string; status: number; message: string } | undefined {
    const rate = this.options.serverErrorRate ?? 0;
    if (rate <= 0 || this.random() >= rate) return undefined;
    return this.random() < 0.5
      ? { code: 'InternalError', status: 500, message: 'An internal error has occurred.' }
      : { code: 'Unavailable', status: 503, message: "The server is overloaded and can't handle the request." };
  }

  /** The lifetime of new AssumeRole credentials, capped by the fault option. */
  sessionDurationMs(requestedMs: number): number {
    const cap = this.options.maxSessionDurationMs;
    return cap !== undefined ? Math.min(cap, requestedMs) : requestedMs;
  }
}
