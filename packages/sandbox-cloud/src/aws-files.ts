/** Writes an AWS `config` + `credentials` pair with one profile per sandbox account, and the
 * files of an IAM Identity Center sign-in (`writeSsoSignIn`).
 *
 * Each profile sets `region` and `endpoint_url` (honoured by AWS CLI ≥ 2.13, botocore ≥ 1.31 and
 * the JS SDK for the profile named by AWS_PROFILE; Debian's AWS CLI 2.9 ignores it, hence the
 * `--endpoint-url` in the printed command; the repository's docs/toolchain.md has the details).
 */
import { createHash } from 'node:crypto';
import { chmod, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** One profile to write. */
export interface ProfileSpec {
  readonly profile: string;
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly region: string;
}

/** Writes `config` and `credentials` into `dir` (created if needed); returns their paths. */
export async function writeAwsFiles(
  dir: string,
  endpoint: string,
  profiles: readonly ProfileSpec[],
): Promise<{ configFile: string; credentialsFile: string }> {
  await mkdir(dir, { recursive: true });
  const configFile = join(dir, 'config');
  const credentialsFile = join(dir, 'credentials');
  const config = profiles
    .map((p) => `[profile ${p.profile}]\nregion = ${p.region}\noutput = json\nendpoint_url = ${endpoint}\n`)
    .join('\n');
  const credentials = profiles
    .map((p) => `[${p.profile}]\naws_access_key_id = ${p.accessKeyId}\naws_secret_access_key = ${p.secretAccessKey}\n`)
    .join('\n');
  await writeFile(configFile, `# Peerscape sandbox cloud at ${endpoint}\n${config}`, 'utf8');
  await writeFile(credentialsFile, `# Peerscape sandbox cloud keys (not AWS keys)\n${credentials}`, { encoding: 'utf8', mode: 0o600 });
  await chmod(credentialsFile, 0o600);
  return { configFile, credentialsFile };
}

/** The ready-to-paste AWS CLI command for one profile. */
export function awsCliExample(files: { configFile: string; credentialsFile: string }, profile: string, endpoint: string): string {
  return `AWS_CONFIG_FILE=${files.configFile} AWS_SHARED_CREDENTIALS_FILE=${files.credentialsFile} /usr/bin/aws ec2 describe-vpcs --profile ${profile} --endpoint-url ${endpoint}`;
}

/** One SSO profile: an account and the permission set (role name) to sign in with there. */
export interface SsoProfileSpec {
  readonly profile: string;
  readonly accountId: string;
  readonly roleName: string;
  readonly region: string;
}

/** An Identity Center sign-in to write as the AWS CLI (`aws sso login`) leaves it behind. */
export interface SsoSignInSpec {
  /** Name of the `[sso-session …]` section; the token cache file is named by its SHA-1. */
  readonly sessionName: string;
  readonly startUrl: string;
  /** The portal's region (`sso_region`). */
  readonly ssoRegion: string;
  readonly accessToken: string;
  readonly expiresAt: Date;
  readonly profiles: readonly SsoProfileSpec[];
}

/** AWS's timestamp form in the token cache (`2026-12-08T07:00:00Z`). */
function cacheTime(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/**
 * Writes `<home>/.aws/config` (an `sso-session` section and one profile per account and role,
 * each with `endpoint_url` set to the sandbox) and the token cache
 * `<home>/.aws/sso/cache/<sha1(sessionName)>.json` that the AWS CLI and the SDKs' SSO providers
 * read. The SDKs send the portal calls to the endpoint they are given (the JS SDK's `fromSSO` and
 * `fromIni` take it as `clientConfig.endpoint`); the cache has no refresh token, so a sign-in
 * that expires stays expired, as after `aws sso login` once the refresh is gone.
 */
export async function writeSsoSignIn(home: string, endpoint: string, spec: SsoSignInSpec): Promise<{ configFile: string; cacheFile: string }> {
  if (!/^[A-Za-z0-9._-]+$/.test(spec.sessionName)) throw new Error(`SSO session name "${spec.sessionName}" must be letters, digits, ".", "_" and "-"`);
  const awsDir = join(home, '.aws');
  const cacheDir = join(awsDir, 'sso', 'cache');
  await mkdir(cacheDir, { recursive: true });
  const configFile = join(awsDir, 'config');
  const session =
    `[sso-session ${spec.sessionName}]\nsso_start_url = ${spec.startUrl}\nsso_region = ${spec.ssoRegion}\n` +
    'sso_registration_scopes = sso:account:access\n';
  const profiles = spec.profiles
    .map(
      (p) =>
        `[profile ${p.profile}]\nsso_session = ${spec.sessionName}\nsso_account_id = ${p.accountId}\nsso_role_name = ${p.roleName}\n` +
        `region = ${p.region}\noutput = json\nendpoint_url = ${endpoint}\n`,
    )
    .join('\n');
  await writeFile(configFile, `# Peerscape sandbox cloud sign-in at ${endpoint}\n${session}\n${profiles}`, 'utf8');
  const cacheFile = join(cacheDir, `${createHash('sha1').update(spec.sessionName).digest('hex')}.json`);
  const token = {
    startUrl: spec.startUrl,
    region: spec.ssoRegion,
    accessToken: spec.accessToken,
    expiresAt: cacheTime(spec.expiresAt),
  };
  await writeFile(cacheFile, `${JSON.stringify(token, null, 2)}\n`, { encoding: 'utf8', mode: 0o600 });
  return { configFile, cacheFile };
}
