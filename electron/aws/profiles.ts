/** The AWS profiles a user has, read with the SDK's own loader, with their kinds and file problems.
 *
 * Never reads or returns a secret: only the names of keys decide a profile's kind.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

import { loadSharedConfigFiles } from '@smithy/shared-ini-file-loader';

import type { ConfigProblem, ProfileKind, ProfileSummary, ProfilesReport } from '../../shared/api/dto';

/** Where the shared files live: `AWS_CONFIG_FILE` / `AWS_SHARED_CREDENTIALS_FILE`, else ~/.aws. */
export function resolveConfigPaths(
  env: Readonly<Record<string, string | undefined>>,
  homeDir: string,
): { configFile: string; credentialsFile: string } {
  return {
    configFile: env.AWS_CONFIG_FILE || join(homeDir, '.aws', 'config'),
    credentialsFile: env.AWS_SHARED_CREDENTIALS_FILE || join(homeDir, '.aws', 'credentials'),
  };
}

/** The name the pseudo-profile for `AWS_ACCESS_KEY_ID` credentials in the environment gets. */
export const ENVIRONMENT_PROFILE = '(environment)';

const KEY_LINE = /^[A-Za-z0-9_.-]+\s*=/;

/** Lines of an INI file the AWS SDK would silently skip or misread, with 1-based line numbers.
 *
 * The SDK's parser ignores lines it does not understand, so a typo quietly drops a setting;
 * telling the user the file and line is kinder than a profile that mysteriously lacks its role.
 */
export function checkIniText(file: string, text: string, kind: 'config' | 'credentials'): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  let inSection = false;
  let lastKeyHadEmptyValue = false;
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = index + 1;
    const trimmed = raw.trim();
    if (trimmed === '' || trimmed.startsWith('#') || trimmed.startsWith(';')) return;
    if (trimmed.startsWith('[')) {
      lastKeyHadEmptyValue = false;
      const close = trimmed.indexOf(']');
      const name = close > 0 ? trimmed.slice(1, close).trim() : '';
      const after = close > 0 ? trimmed.slice(close + 1).trim() : '';
      if (close < 0 || name === '' || (after !== '' && !after.startsWith('#') && !after.startsWith(';'))) {
        problems.push({ file, line, message: `section header "${trimmed}" is malformed: write it as [profile name]` });
        inSection = false;
        return;
      }
      inSection = true;
      if (kind === 'config' && name !== 'default' && !/^(profile|sso-session|services)\s+\S/.test(name)) {
        problems.push({
          file,
          line,
          message: `section [${name}] is ignored in the config file: write [profile ${name}] (only the credentials file uses bare names)`,
        });
      }
      return;
    }
    if (/^\s/.test(raw) && lastKeyHadEmptyValue && KEY_LINE.test(trimmed)) return; // nested sub-setting
    if (!inSection) {
      problems.push({ file, line, message: `"${trimmed.slice(0, 40)}" is outside any [section]: put it under a [profile …] header` });
      return;
    }
    if (!KEY_LINE.test(trimmed)) {
      problems.push({ file, line, message: `"${trimmed.slice(0, 40)}" is not a "key = value" setting: fix or remove the line` });
      return;
    }
    lastKeyHadEmptyValue = trimmed.slice(trimmed.indexOf('=') + 1).trim() === '';
  });
  return problems;
}

/** The kind of credentials a profile's settings describe (the SDK's credential chain order). */
export function profileKind(settings: Readonly<Record<string, string | undefined>>): ProfileKind {
  if (settings.role_arn) return 'assume-role';
  if (settings.sso_session || settings.sso_start_url) return 'sso';
  if (settings.credential_process) return 'credential-process';
  if (settings.aws_access_key_id) return 'static';
  return 'unknown';
}

async function readIfPresent(path: string): Promise<{ text?: string; problem?: string }> {
  try {
    return { text: await readFile(path, 'utf8') };
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return {};
    return { problem: `cannot be read (${code ?? (e as Error).message}): check its permissions` };
  }
}

/** Every profile in the shared config and credentials files, sorted by name, plus file problems. */
export async function listProfiles(
  env: Readonly<Record<string, string | undefined>>,
  homeDir: string,
): Promise<ProfilesReport> {
  const { configFile, credentialsFile } = resolveConfigPaths(env, homeDir);
  const problems: ConfigProblem[] = [];
  for (const [file, kind] of [
    [configFile, 'config'],
    [credentialsFile, 'credentials'],
  ] as const) {
    const { text, problem } = await readIfPresent(file);
    if (problem) problems.push({ file, line: 0, message: problem });
    if (text !== undefined) problems.push(...checkIniText(file, text, kind));
  }
  const loaded = await loadSharedConfigFiles({ filepath: credentialsFile, configFilepath: configFile, ignoreCache: true });
  const names = new Set<string>();
  for (const name of Object.keys(loaded.configFile)) if (!name.includes('.')) names.add(name);
  for (const name of Object.keys(loaded.credentialsFile)) names.add(name);

  const profiles: ProfileSummary[] = [...names].sort().map((name) => {
    const fromConfig = loaded.configFile[name];
    const fromCredentials = loaded.credentialsFile[name];
    const settings = { ...fromConfig, ...fromCredentials };
    const summary: ProfileSummary = {
      name,
      kind: profileKind(settings),
      definedIn: [...(fromConfig ? (['config'] as const) : []), ...(fromCredentials ? (['credentials'] as const) : [])],
      ...(settings.region ? { region: settings.region } : {}),
      ...(settings.endpoint_url ? { endpointUrl: settings.endpoint_url } : {}),
      ...(settings.sso_session || settings.sso_start_url ? { ssoSession: settings.sso_session ?? settings.sso_start_url } : {}),
      ...(settings.role_arn ? { roleArn: settings.role_arn } : {}),
      ...(settings.source_profile ? { sourceProfile: settings.source_profile } : {}),
      ...(settings.credential_source ? { credentialSource: settings.credential_source } : {}),
    };
    return summary;
  });
  if (env.AWS_ACCESS_KEY_ID) {
    profiles.unshift({ name: ENVIRONMENT_PROFILE, kind: 'environment', definedIn: [], ...(env.AWS_REGION ? { region: env.AWS_REGION } : {}) });
  }
  return { configFile, credentialsFile, profiles, problems };
}
