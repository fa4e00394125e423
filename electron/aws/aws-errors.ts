/** What an AWS SDK error means for a scan: its code, whether to retry, and a sentence saying how to fix it.
 *
 * Codes and their meaning follow "Error codes for the Amazon EC2 API" and "Request throttling for
 * the Amazon EC2 API" (docs.aws.amazon.com/AWSEC2/latest/APIReference/errors-overview.html and
 * throttling.html) and the STS API reference. Messages never carry a secret: the SDK's own text is
 * only quoted after access-key-looking words are masked.
 */
import type { FailureCause } from '../../shared/model/snapshot';

/** Codes AWS services use when a caller is being throttled (EC2, STS, and the SDK's own list). */
const THROTTLING_CODES = new Set([
  'RequestLimitExceeded',
  'Throttling',
  'ThrottlingException',
  'ThrottledException',
  'RequestThrottled',
  'RequestThrottledException',
  'TooManyRequestsException',
  'ProvisionedThroughputExceededException',
  'TransactionInProgressException',
  'BandwidthLimitExceeded',
  'LimitExceededException',
  'SlowDown',
  'PriorRequestNotComplete',
  'EC2ThrottledException',
]);

/** Server-side or network trouble that usually passes on its own. */
const TRANSIENT_CODES = new Set([
  'InternalError',
  'InternalFailure',
  'ServiceUnavailable',
  'Unavailable',
  'RequestTimeout',
  'RequestTimeoutException',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'ECONNABORTED',
  'EAI_AGAIN',
  'TimeoutError',
  'Timeout',
]);

/** Codes that mean the credentials themselves are wrong or stale. */
const CREDENTIAL_CODES = new Set([
  'AuthFailure',
  'InvalidClientTokenId',
  'SignatureDoesNotMatch',
  'UnrecognizedClientException',
  'IncompleteSignature',
  'ExpiredToken',
  'ExpiredTokenException',
  'RequestExpired',
  'InvalidToken',
  'MissingAuthenticationToken',
]);

/** Timeout of one call, as recorded by the scheduler (not an AWS code: AWS never answered). */
export const TIMEOUT_CODE = 'Timeout';
/** An attempt that got no answer: the scheduler's timer, the SDK's connection and socket timeouts, the OS's. */
const UNANSWERED_CODES = new Set([TIMEOUT_CODE, 'TimeoutError', 'ETIMEDOUT']);
/** An SSO profile whose session is missing or expired. */
export const SSO_LOGIN_CODE = 'SsoLoginRequired';
/** Credentials could not be loaded at all (bad profile, failing credential_process, …). */
export const CREDENTIALS_CODE = 'CredentialsProviderError';

/** The AWS error code of `e`, or a network error code, or `Error` when none is known. */
export function errorCodeOf(e: unknown): string {
  if (typeof e !== 'object' || e === null) return 'Error';
  const err = e as { name?: unknown; code?: unknown; Code?: unknown; $metadata?: unknown; cause?: unknown };
  // Network errors from node:http carry `code` (ECONNREFUSED …); SDK service errors carry `name`.
  if (typeof err.code === 'string' && /^E[A-Z]+$/.test(err.code)) return err.code;
  if (typeof err.Code === 'string' && err.Code) return err.Code;
  if (typeof err.name === 'string' && err.name && err.name !== 'Error') return err.name;
  if (typeof err.code === 'string' && err.code) return err.code;
  if (err.cause) return errorCodeOf(err.cause);
  return 'Error';
}

/** True for throttling errors (EC2 `RequestLimitExceeded`, STS `Throttling`, HTTP 429). */
export function isThrottlingError(e: unknown): boolean {
  if (THROTTLING_CODES.has(errorCodeOf(e))) return true;
  const status = (e as { $metadata?: { httpStatusCode?: number } } | undefined)?.$metadata?.httpStatusCode;
  return status === 429;
}

/** True when the endpoint did not answer at all (as opposed to answering with an error, throttling included). */
export function isUnansweredError(e: unknown): boolean {
  return UNANSWERED_CODES.has(errorCodeOf(e));
}

/** True for errors worth another attempt after a pause: server trouble, dropped connections, timeouts. */
export function isTransientError(e: unknown): boolean {
  const code = errorCodeOf(e);
  if (TRANSIENT_CODES.has(code)) return true;
  const status = (e as { $metadata?: { httpStatusCode?: number } } | undefined)?.$metadata?.httpStatusCode;
  return status !== undefined && status >= 500 && status !== 501;
}

/** True for errors that mean this profile's credentials do not work (try another profile of the account). */
export function isCredentialError(code: string): boolean {
  return CREDENTIAL_CODES.has(code) || code === SSO_LOGIN_CODE || code === CREDENTIALS_CODE;
}

/** True when the caller lacks permission for an action (another profile of the account may have it). */
export function isPermissionError(code: string): boolean {
  return code === 'UnauthorizedOperation' || code === 'AccessDenied' || code === 'AccessDeniedException';
}

/** Mask anything that looks like an access key id, so quoted SDK messages never carry one. */
export function redact(text: string): string {
  return text.replace(/\b(AKIA|ASIA|AIDA|AROA)[A-Z0-9]{8,}\b/g, '$1…');
}

/** The SDK's message of `e`, masked and shortened to one line. */
export function messageOf(e: unknown): string {
  const raw = e instanceof Error ? e.message : typeof e === 'string' ? e : JSON.stringify(e);
  const oneLine = redact(String(raw ?? '')).replace(/\s+/g, ' ').trim();
  return oneLine.length > 240 ? `${oneLine.slice(0, 237)}…` : oneLine;
}

/** Where a failure happened, to phrase its sentence. */
export interface FailureContext {
  readonly profile: string;
  readonly region?: string;
  readonly accountId?: string;
  readonly action?: string;
  readonly endpoint?: string;
  readonly attempts?: number;
  /** How long an attempt waited for an answer (the last one, when measured). */
  readonly timeoutMs?: number;
}

/** A failure as the progress grid and the snapshot's coverage record it. */
export interface ExplainedFailure {
  readonly errorCode: string;
  /** What went wrong and how to fix it, as one or two sentences. */
  readonly message: string;
  /** The kind of failure, when an organisation scan classified it. */
  readonly cause?: FailureCause;
}

/** The code a failure is recorded under: every way of not answering reads the same to the user (a silent service, named). */
function failureCodeOf(e: unknown): string {
  return isUnansweredError(e) ? TIMEOUT_CODE : errorCodeOf(e);
}

/** Explain an error for the user: its code and a sentence that says what to do about it. */
export function explainFailure(e: unknown, ctx: FailureContext): ExplainedFailure {
  const errorCode = failureCodeOf(e);
  return { errorCode, message: sentenceFor(errorCode, messageOf(e), ctx) };
}

/** "1.5 s", "5 s", "13 s": seconds as a person reads them. */
function seconds(ms: number): string {
  return ms < 10_000 ? `${Number((ms / 1000).toFixed(1))} s` : `${Math.round(ms / 1000)} s`;
}

/** The service an action belongs to (`sts:GetCallerIdentity` → STS), and where it was called. */
function serviceOf(ctx: FailureContext): { name: string; at: string } {
  const prefix = /^(\w+):/.exec(ctx.action ?? '')?.[1] ?? 'ec2';
  const name = prefix.toUpperCase();
  if (ctx.endpoint) return { name, at: ctx.endpoint };
  const region = ctx.region && ctx.region !== '*' ? ctx.region : 'us-east-1';
  return { name, at: `https://${prefix.toLowerCase()}.${region}.amazonaws.com${region.startsWith('cn-') ? '.cn' : ''}` };
}

/** The sentence for a call its service never answered: which service, at which endpoint, how long and how often. */
function noAnswerSentence(ctx: FailureContext): string {
  const service = serviceOf(ctx);
  const where = ctx.region && ctx.region !== '*' ? ` in ${ctx.region}` : '';
  const waited = ctx.timeoutMs ? `no answer within ${seconds(ctx.timeoutMs)}` : 'no answer';
  const attempts = ctx.attempts ?? 1;
  return (
    `${service.name} at ${service.at} did not answer ${ctx.action ?? 'the call'} for profile "${ctx.profile}"${where} (${waited}, ${attempts} attempt${attempts === 1 ? '' : 's'}): ` +
    (ctx.endpoint
      ? `check the profile's endpoint_url and that the service behind it is running, then scan again.`
      : 'check the network, a proxy or a firewall, then scan again.')
  );
}

function sentenceFor(code: string, detail: string, ctx: FailureContext): string {
  const p = `profile "${ctx.profile}"`;
  const where = ctx.region && ctx.region !== '*' ? ` in ${ctx.region}` : '';
  const action = ctx.action ?? 'the call';
  switch (code) {
    case 'AuthFailure':
    case 'InvalidClientTokenId':
    case 'SignatureDoesNotMatch':
    case 'UnrecognizedClientException':
    case 'IncompleteSignature':
    case 'MissingAuthenticationToken':
      return `AWS rejected the credentials of ${p}${where} (${code}): check its access key and secret in the shared credentials file, or refresh the credentials it comes from, then scan again.`;
    case 'ExpiredToken':
    case 'ExpiredTokenException':
    case 'RequestExpired':
    case 'InvalidToken':
      return `The session credentials of ${p} have expired (${code}): refresh them (for SSO run \`aws sso login --profile ${ctx.profile}\`), then scan again.`;
    case 'OptInRequired':
      return `Region ${ctx.region ?? '?'} is not enabled for account ${ctx.accountId ?? 'of ' + p} (OptInRequired): enable it under Account → AWS Regions in the console, or leave it out of the scan.`;
    case 'UnauthorizedOperation':
    case 'AccessDenied':
    case 'AccessDeniedException':
      return `${capitalise(p)} may not call ${action}${where} (${code}): grant it read access to EC2 (for example the AWS managed policy ReadOnlyAccess or AmazonEC2ReadOnlyAccess), or scan this account with another profile.`;
    case 'InvalidAction':
      return `The endpoint${ctx.endpoint ? ' ' + ctx.endpoint : ''} does not support ${action} (InvalidAction): check the profile's endpoint_url.`;
    case TIMEOUT_CODE:
      return noAnswerSentence(ctx);
    case 'ECONNREFUSED':
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
    case 'ECONNRESET':
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return `Could not reach ${ctx.endpoint ?? 'AWS'}${where} (${code}): check the network, a proxy, or the profile's endpoint_url, then scan again.`;
    case SSO_LOGIN_CODE:
      return `The SSO session of ${p} is missing or has expired: run \`aws sso login --profile ${ctx.profile}\`, then scan again.`;
    case CREDENTIALS_CODE:
      return `Could not load credentials for ${p}: ${detail.replace(/\.+$/, '') || 'no credentials found'}. Fix the profile in the shared config or credentials file, then scan again.`;
    default:
      if (THROTTLING_CODES.has(code)) {
        return `AWS kept throttling ${action}${where} (${code}) after ${ctx.attempts ?? 1} attempts: scan again in a minute, or scan fewer profiles or regions at once.`;
      }
      if (TRANSIENT_CODES.has(code)) {
        return `AWS had trouble answering ${action}${where} (${code}) after ${ctx.attempts ?? 1} attempts: scan again in a minute.`;
      }
      return `AWS answered ${action} for ${p}${where} with ${code}${detail && detail !== code ? ` (${detail})` : ''}: check the profile's permissions and settings, then scan again.`;
  }
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** Where an organisation scan's call failed: the account, its role, and the sign-in it came from. */
export interface OrganizationFailureContext {
  /** The sign-in profile every session of the scan comes from. */
  readonly profile: string;
  readonly accountId: string;
  readonly accountName?: string;
  readonly region?: string;
  /** The role assumed in the account (or the Identity Center permission set). */
  readonly roleName: string;
  readonly action: string;
  readonly endpoint?: string;
  readonly attempts?: number;
  readonly timeoutMs?: number;
  /** The `[sso-session …]` of the sign-in, when it is one, to name in `aws sso login --sso-session`. */
  readonly ssoSession?: string;
  /** The profile to name in `aws sso login --profile`, when the sign-in goes through Identity Center. */
  readonly ssoLoginProfile?: string;
}

/** Words AWS puts in an access-denied message when a service control policy denies the call. */
const SCP_DENY = /explicit deny in a service control policy/i;

/** Which kind of failure an error of an organisation scan is. */
export function failureCauseOf(e: unknown, action: string): FailureCause {
  const code = failureCodeOf(e);
  const text = messageOf(e);
  if (isPermissionError(code)) {
    if (SCP_DENY.test(text)) return 'scp-denied';
    return action === 'sts:AssumeRole' ? 'role-missing' : 'identity-denied';
  }
  if (code === 'ForbiddenException' && action === 'sso:GetRoleCredentials') return 'role-missing';
  if (code === 'RegionDisabledException') return 'sts-region-disabled';
  // The session was just issued by STS: a region that does not know it has not been enabled.
  if (code === 'OptInRequired' || code === 'AuthFailure' || code === 'InvalidClientTokenId' || code === 'UnrecognizedClientException') return 'region-disabled';
  if (code === SSO_LOGIN_CODE || code === 'UnauthorizedException' || code === 'ExpiredToken' || code === 'ExpiredTokenException') return 'session-expired';
  if (code === CREDENTIALS_CODE && /sso|token|login/i.test(text)) return 'session-expired';
  if (isThrottlingError(e)) return 'throttled';
  if (code === TIMEOUT_CODE || /^E[A-Z]+$/.test(code)) return 'unanswered';
  return 'other';
}

/** Explain a failure of an organisation scan: its code, its cause, and one sentence on what to do. */
export function explainOrganizationFailure(e: unknown, ctx: OrganizationFailureContext): ExplainedFailure & { readonly cause: FailureCause } {
  const errorCode = failureCodeOf(e);
  const cause = failureCauseOf(e, ctx.action);
  const account = `account ${ctx.accountId}${ctx.accountName ? ` (${ctx.accountName})` : ''}`;
  const where = ctx.region && ctx.region !== '*' ? ` in ${ctx.region}` : '';
  const region = ctx.region && ctx.region !== '*' ? ctx.region : 'the region';
  const message = ((): string => {
    switch (cause) {
      case 'role-missing':
        if (ctx.action === 'sso:GetRoleCredentials') {
          return `IAM Identity Center does not let profile "${ctx.profile}" use permission set ${ctx.roleName} in ${account} (${errorCode}): assign it to you there, or choose a permission set you have in every account.`;
        }
        return (
          `Could not assume role ${ctx.roleName} in ${account} from profile "${ctx.profile}" (${errorCode} on sts:AssumeRole): the role is missing or does not trust this sign-in. ` +
          `Deploy it to every account with \`peerscape role-template\` (a CloudFormation StackSet), or check that its trust policy names the signing-in account and that the ExternalId matches.`
        );
      case 'scp-denied':
        return (
          `A service control policy denies ${ctx.action}${where} for ${account} (${errorCode}, explicit deny in a service control policy): ` +
          `this is the organisation's policy, not the role's, so ask the organisation's administrators to allow it, or leave ${region} out of the scan.`
        );
      case 'identity-denied':
        return (
          `Role ${ctx.roleName} in ${account} may not call ${ctx.action}${where} (${errorCode}, no identity-based policy allows it): ` +
          `give the role the actions of \`peerscape role-template\`, then scan again.`
        );
      case 'region-disabled':
        return `Region ${region} is not enabled for ${account} (${errorCode}): enable it under Account → AWS Regions in the console, or leave it out of the scan.`;
      case 'sts-region-disabled':
        return (
          `STS is not activated in ${region} for ${account} (${errorCode}): activate it in the IAM console (Account settings → Security Token Service), ` +
          `or leave ${region} out of the scan.`
        );
      case 'session-expired': {
        if (!ctx.ssoSession && !ctx.ssoLoginProfile) {
          return `The credentials of profile "${ctx.profile}" have expired (${errorCode}): refresh them (a new session token, or the source they come from), then scan again.`;
        }
        const login = ctx.ssoSession
          ? `\`aws sso login --sso-session ${ctx.ssoSession}\` (or \`aws sso login --profile ${ctx.ssoLoginProfile ?? ctx.profile}\`)`
          : `\`aws sso login --profile ${ctx.ssoLoginProfile ?? ctx.profile}\``;
        return `The sign-in of profile "${ctx.profile}" has expired or is missing (${errorCode}): run ${login}, then scan again.`;
      }
      case 'throttled':
        return `AWS kept throttling ${ctx.action} for ${account}${where} (${errorCode}) after ${ctx.attempts ?? 1} attempts: scan again in a minute, or scan fewer accounts at once.`;
      case 'unanswered':
        return sentenceFor(errorCode, messageOf(e), { profile: ctx.profile, action: ctx.action, ...optionalCtx(ctx) });
      default:
        return `AWS answered ${ctx.action} for ${account}${where} with ${errorCode}${messageOf(e) && messageOf(e) !== errorCode ? ` (${messageOf(e)})` : ''}: check the role ${ctx.roleName} and the sign-in of profile "${ctx.profile}", then scan again.`;
    }
  })();
  return { errorCode, message, cause };
}

function optionalCtx(ctx: OrganizationFailureContext): Partial<FailureContext> {
  return {
    ...(ctx.region ? { region: ctx.region } : {}),
    accountId: ctx.accountId,
    ...(ctx.endpoint ? { endpoint: ctx.endpoint } : {}),
    ...(ctx.attempts ? { attempts: ctx.attempts } : {}),
    ...(ctx.timeoutMs ? { timeoutMs: ctx.timeoutMs } : {}),
  };
}
