/** How each profile reaches AWS: its credential provider, default region and endpoints.
 *
 * Credentials come only from `@aws-sdk/credential-providers` (`fromIni` for every profile in the
 * shared files, `fromEnv` for the environment pseudo-profile): Peerscape never reads, logs or
 * stores a secret. The profile's `endpoint_url` is read with the SDK's own loader and passed
 * explicitly, because the SDK honours it only for the profile named by `AWS_PROFILE`.
 */
import { fromEnv, fromIni, fromSSO } from '@aws-sdk/credential-providers';
import { loadSharedConfigFiles } from '@smithy/shared-ini-file-loader';

import type { ProfileKind } from '../../shared/api/dto';
import { fail, ok, type Result } from '../../shared/core/result';
import {
  CREDENTIALS_CODE,
  errorCodeOf,
  explainFailure,
  type ExplainedFailure,
  messageOf,
  SSO_LOGIN_CODE,
  TIMEOUT_CODE,
} from './aws-errors';
import { ENVIRONMENT_PROFILE, profileKind, resolveConfigPaths } from './profiles';

/** A credential provider as the AWS SDK clients take it. */
export type CredentialProvider = ReturnType<typeof fromIni>;
/** Resolved credentials (opaque to Peerscape: only handed to SDK clients). */
export type ResolvedCredentials = Awaited<ReturnType<CredentialProvider>>;

/** Environment variables as the caller sees them (injected, never `process.env` directly). */
export type Env = Readonly<Record<string, string | undefined>>;

/** The region STS and DescribeRegions use when a profile names none (AWS's global default). */
export const FALLBACK_REGION = 'us-east-1';

/** Everything needed to make SDK clients for one profile. */
export interface ProfileAccess {
  readonly profile: string;
  readonly kind: ProfileKind;
  /** The profile's `region`, else `FALLBACK_REGION`: where STS and DescribeRegions are called. */
  readonly region: string;
  /** Custom endpoints (sandbox, LocalStack, VPC endpoints), per service, when configured. */
  readonly endpoints: {
    readonly ec2?: string;
    readonly sts?: string;
    readonly iam?: string;
    readonly organizations?: string;
    /** The Identity Center portal (`portal.sso.<region>.amazonaws.com` by default). */
    readonly sso?: string;
  };
  /** The profile's Identity Center sign-in, when it signs in through one (`sso_session` or legacy `sso_start_url`). */
  readonly sso?: SsoSignIn;
  /** Memoised across every client of the run, so an assume-role chain runs once, not per region. */
  readonly credentials: CredentialProvider;
  /** The profile to name in `aws sso login --profile …` when the credential chain ends in SSO. */
  readonly ssoLoginProfile?: string;
  /** How long the STS calls behind the credentials (AssumeRole) may stay silent, when bounded. */
  readonly stsAnswerTimeoutMs?: number;
  /** `use_fips_endpoint` / `use_dualstack_endpoint` of the profile, when set. */
  readonly useFipsEndpoint?: boolean;
  readonly useDualstackEndpoint?: boolean;
}

/** Where a profile's Identity Center sign-in is, as `aws sso login` left it. */
export interface SsoSignIn {
  /** The `[sso-session …]` name, or undefined for a legacy profile (its token cache is keyed by the start URL). */
  readonly session?: string;
  readonly startUrl: string;
  /** `sso_region`: where the portal is. */
  readonly region: string;
  /** The account and permission set the profile itself signs in to. */
  readonly accountId?: string;
  readonly roleName?: string;
}

type Settings = Readonly<Record<string, string | undefined>>;

/** Per-service endpoint precedence from the AWS SDKs and Tools Reference Guide, "Service-specific endpoints".
 *
 * 1. `AWS_ENDPOINT_URL_<SERVICE>`, 2. `AWS_ENDPOINT_URL`, 3. the profile's `services` section,
 * 4. the profile's `endpoint_url`; none of them when `ignore_configured_endpoint_urls` is true.
 */
export function resolveEndpoint(
  service: 'ec2' | 'sts' | 'iam' | 'organizations' | 'sso',
  settings: Settings,
  servicesSection: Settings | undefined,
  env: Env,
): string | undefined {
  const ignore = (env.AWS_IGNORE_CONFIGURED_ENDPOINT_URLS ?? settings.ignore_configured_endpoint_urls ?? '').toLowerCase();
  if (ignore === 'true') return undefined;
  return (
    nonEmpty(env[`AWS_ENDPOINT_URL_${service.toUpperCase()}`]) ??
    nonEmpty(env.AWS_ENDPOINT_URL) ??
    nonEmpty(servicesSection?.[`${service}.endpoint_url`]) ??
    nonEmpty(settings.endpoint_url)
  );
}

function nonEmpty(s: string | undefined): string | undefined {
  const t = s?.trim();
  return t ? t : undefined;
}

/** Wrap a provider so every client of a run shares one resolution, refreshed shortly before expiry. */
export function memoiseCredentials(provider: CredentialProvider, refreshBeforeMs = 60_000): CredentialProvider {
  let current: Promise<ResolvedCredentials> | undefined;
  let expiresAtMs = Number.POSITIVE_INFINITY;
  return async (props) => {
    if (!current || Date.now() >= expiresAtMs - refreshBeforeMs) {
      const pending = provider(props);
      current = pending;
      expiresAtMs = Number.POSITIVE_INFINITY;
      pending.then(
        (c) => {
          if (current === pending) expiresAtMs = c.expiration ? c.expiration.getTime() : Number.POSITIVE_INFINITY;
        },
        () => undefined,
      );
    }
    return current;
  };
}

/**
 * Load the shared files once and build the access of each named profile (unknown names fail with a fix).
 *
 * `stsAnswerTimeoutMs` bounds each attempt of the STS calls the SDK makes to get credentials
 * (AssumeRole of a `role_arn` profile), as aws-clients.ts does for discovery's own calls.
 */
export async function resolveProfileAccess(
  names: readonly string[],
  env: Env,
  homeDir: string,
  opts: { readonly stsAnswerTimeoutMs?: number } = {},
): Promise<ReadonlyMap<string, Result<ProfileAccess>>> {
  const { configFile, credentialsFile } = resolveConfigPaths(env, homeDir);
  const loaded = await loadSharedConfigFiles({ filepath: credentialsFile, configFilepath: configFile, ignoreCache: true });
  const settingsOf = (name: string): Settings | undefined => {
    const c = loaded.configFile[name];
    const k = loaded.credentialsFile[name];
    return c || k ? { ...c, ...k } : undefined;
  };
  const result = new Map<string, Result<ProfileAccess>>();
  for (const name of names) {
    if (name === ENVIRONMENT_PROFILE) {
      result.set(name, environmentAccess(env));
      continue;
    }
    const settings = settingsOf(name);
    if (!settings) {
      result.set(
        name,
        fail(
          'not-found',
          `profile "${name}" is not defined in ${configFile} or ${credentialsFile}`,
          `add a [profile ${name}] section to ${configFile} (or [${name}] to ${credentialsFile}), or pick one of the listed profiles`,
        ),
      );
      continue;
    }
    const servicesName = settings.services;
    const servicesSection = servicesName ? loaded.configFile[`services.${servicesName}`] : undefined;
    const endpoints = {
      ...optional('ec2', resolveEndpoint('ec2', settings, servicesSection, env)),
      ...optional('sts', resolveEndpoint('sts', settings, servicesSection, env)),
      ...optional('iam', resolveEndpoint('iam', settings, servicesSection, env)),
      ...optional('organizations', resolveEndpoint('organizations', settings, servicesSection, env)),
      ...optional('sso', resolveEndpoint('sso', settings, servicesSection, env)),
    };
    const sso = ssoSignInOf(settings, (n) => loaded.configFile[`sso-session.${n}`]);
    const region = nonEmpty(settings.region) ?? FALLBACK_REGION;
    const ssoLoginProfile = findSsoProfile(name, settingsOf);
    // Passing `region` to fromIni's clientConfig would override `sso_region` for the SSO portal
    // client (credential-provider-sso: `region: clientConfig?.region ?? ssoRegion`), so chains that
    // end in SSO get only the endpoint; their inner STS takes the profile's region instead.
    const clientConfig = {
      ...(endpoints.sts ? { endpoint: endpoints.sts } : {}),
      ...(ssoLoginProfile ? {} : { region }),
      ...(opts.stsAnswerTimeoutMs ? { requestHandler: { connectionTimeout: opts.stsAnswerTimeoutMs, socketTimeout: opts.stsAnswerTimeoutMs } } : {}),
    };
    // The loadSharedConfigFiles call above re-read both files into the SDK's file cache
    // (ignoreCache refreshes it), so the providers can use that cache instead of reading again.
    const files = { profile: name, filepath: credentialsFile, configFilepath: configFile, ignoreCache: false, clientConfig };
    // An SSO profile goes straight to fromSSO: fromIni's SSO branch (credential-provider-ini
    // 3.1169, resolveSsoCredentials) drops filepath/configFilepath and would read ~/.aws/config
    // instead of the files named here. Chains whose source is SSO still go through fromIni, which
    // then reads the process's AWS_CONFIG_FILE for the SSO step.
    const provider = settings.sso_session || settings.sso_start_url ? fromSSO(files) : fromIni(files);
    result.set(
      name,
      ok({
        profile: name,
        kind: profileKind(settings),
        region,
        endpoints,
        credentials: memoiseCredentials(provider),
        ...(ssoLoginProfile ? { ssoLoginProfile } : {}),
        ...(sso ? { sso } : {}),
        ...(opts.stsAnswerTimeoutMs ? { stsAnswerTimeoutMs: opts.stsAnswerTimeoutMs } : {}),
        ...flag('useFipsEndpoint', settings.use_fips_endpoint),
        ...flag('useDualstackEndpoint', settings.use_dualstack_endpoint),
      }),
    );
  }
  return result;
}

/** The Identity Center sign-in a profile names (sso-session section or legacy settings), if complete. */
function ssoSignInOf(settings: Settings, sessionOf: (name: string) => Settings | undefined): SsoSignIn | undefined {
  const session = nonEmpty(settings.sso_session);
  const section = session ? sessionOf(session) : undefined;
  const startUrl = nonEmpty(section?.sso_start_url ?? settings.sso_start_url);
  const region = nonEmpty(section?.sso_region ?? settings.sso_region);
  if (!startUrl || !region) return undefined;
  const accountId = nonEmpty(settings.sso_account_id);
  const roleName = nonEmpty(settings.sso_role_name);
  return { ...(session ? { session } : {}), startUrl, region, ...(accountId ? { accountId } : {}), ...(roleName ? { roleName } : {}) };
}

function environmentAccess(env: Env): Result<ProfileAccess> {
  const endpoints = {
    ...optional('ec2', resolveEndpoint('ec2', {}, undefined, env)),
    ...optional('sts', resolveEndpoint('sts', {}, undefined, env)),
    ...optional('iam', resolveEndpoint('iam', {}, undefined, env)),
  };
  return ok({
    profile: ENVIRONMENT_PROFILE,
    kind: 'environment',
    region: nonEmpty(env.AWS_REGION) ?? nonEmpty(env.AWS_DEFAULT_REGION) ?? FALLBACK_REGION,
    endpoints,
    // fromEnv reads the process environment itself, so Peerscape never touches the secret.
    credentials: memoiseCredentials(fromEnv()),
  });
}

function flag<K extends string>(key: K, value: string | undefined): { [P in K]?: boolean } {
  const v = value?.trim().toLowerCase();
  return (v === 'true' || v === 'false' ? { [key]: v === 'true' } : {}) as { [P in K]?: boolean };
}

function optional<K extends string>(key: K, value: string | undefined): { [P in K]?: string } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: string };
}

/** The profile in `name`'s source_profile chain that uses SSO, if any (cycles end the walk). */
function findSsoProfile(name: string, settingsOf: (n: string) => Settings | undefined): string | undefined {
  const seen = new Set<string>();
  let current: string | undefined = name;
  while (current && !seen.has(current)) {
    seen.add(current);
    const s = settingsOf(current);
    if (!s) return undefined;
    if (s.sso_session || s.sso_start_url) return current;
    current = s.role_arn ? s.source_profile : undefined;
  }
  return undefined;
}

/** The outcome of loading a profile's credentials: fine, or a failure with its code and fix. */
export type CredentialCheck =
  | { readonly ok: true }
  | { readonly ok: false; readonly cancelled: boolean; readonly failure: ExplainedFailure };

/** Resolve a profile's credentials once, within `timeoutMs`, turning failures into a code and a fix. */
export async function checkCredentials(access: ProfileAccess, timeoutMs: number, signal?: AbortSignal): Promise<CredentialCheck> {
  let timer: NodeJS.Timeout | undefined;
  let onAbort: (() => void) | undefined;
  try {
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(Object.assign(new Error('timed out'), { name: TIMEOUT_CODE })), timeoutMs);
    });
    const aborted = new Promise<never>((_, reject) => {
      onAbort = () => reject(signal?.reason);
      if (signal?.aborted) onAbort();
      else signal?.addEventListener('abort', onAbort, { once: true });
    });
    await Promise.race([access.credentials(), timeout, aborted]);
    return { ok: true };
  } catch (e) {
    if (signal?.aborted) {
      return { ok: false, cancelled: true, failure: { errorCode: 'Cancelled', message: 'The scan was cancelled.' } };
    }
    return { ok: false, cancelled: false, failure: explainCredentialFailure(access, e, timeoutMs) };
  } finally {
    clearTimeout(timer);
    if (onAbort) signal?.removeEventListener('abort', onAbort);
  }
}

/** Explain why a profile's credentials could not be loaded, naming `aws sso login` for SSO chains. */
export function explainCredentialFailure(access: ProfileAccess, e: unknown, timeoutMs: number): ExplainedFailure {
  const code = errorCodeOf(e);
  if (access.ssoLoginProfile && isSsoSessionProblem(e)) {
    return explainFailure(Object.assign(new Error(messageOf(e)), { name: SSO_LOGIN_CODE }), {
      profile: access.ssoLoginProfile,
    });
  }
  if (code === TIMEOUT_CODE) {
    return {
      errorCode: TIMEOUT_CODE,
      message: `Loading the credentials of profile "${access.profile}" took longer than ${Math.round(timeoutMs / 1000)} s: check its credential_process, role_arn or SSO settings and the network, then scan again.`,
    };
  }
  if (code === 'CredentialsProviderError' || code === 'TokenProviderError' || code === 'Error') {
    return explainFailure(Object.assign(new Error(messageOf(e)), { name: CREDENTIALS_CODE }), { profile: access.profile });
  }
  // The inner STS call (AssumeRole) failed, or got no answer: its code says what is wrong.
  const attempts = (e as { $metadata?: { attempts?: number } } | undefined)?.$metadata?.attempts;
  return explainFailure(e, {
    profile: access.profile,
    region: access.region,
    action: 'sts:AssumeRole',
    ...endpointCtx(access.endpoints.sts),
    ...(attempts ? { attempts } : {}),
    ...(access.stsAnswerTimeoutMs ? { timeoutMs: access.stsAnswerTimeoutMs } : {}),
  });
}

function endpointCtx(endpoint: string | undefined): { endpoint?: string } {
  return endpoint ? { endpoint } : {};
}

/** True when an SSO chain failed because its token is missing, expired or refused. */
function isSsoSessionProblem(e: unknown): boolean {
  const code = errorCodeOf(e);
  if (code === 'TokenProviderError' || code === 'UnauthorizedException' || code === 'ExpiredTokenException') return true;
  const text = messageOf(e).toLowerCase();
  return code === 'CredentialsProviderError' && /sso|token|login/.test(text);
}
