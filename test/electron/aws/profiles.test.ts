import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { checkIniText, listProfiles, profileKind, resolveConfigPaths } from '../../../electron/aws/profiles';

function tempFiles(config: string, credentials?: string) {
  const dir = mkdtempSync(join(tmpdir(), 'peerscape-profiles-'));
  const env: Record<string, string> = {
    AWS_CONFIG_FILE: join(dir, 'config'),
    AWS_SHARED_CREDENTIALS_FILE: join(dir, 'credentials'),
  };
  writeFileSync(env.AWS_CONFIG_FILE!, config);
  if (credentials !== undefined) writeFileSync(env.AWS_SHARED_CREDENTIALS_FILE!, credentials);
  return { dir, env };
}

const CONFIG = `[default]
region = us-east-1

[profile dev]
sso_session = corp
sso_account_id = 111111111111
sso_role_name = Admin
region = eu-west-1

[sso-session corp]
sso_start_url = https://corp.awsapps.com/start
sso_region = us-east-1

[profile ops]
role_arn = arn:aws:iam::222222222222:role/Ops
source_profile = default
endpoint_url = http://127.0.0.1:4566

[profile proc]
credential_process = /usr/local/bin/get-creds
s3 =
  max_concurrent_requests = 20
`;

describe('listProfiles', () => {
  it('finds every profile of both files with its kind, region and endpoint, sorted by name', async () => {
    const { dir, env } = tempFiles(CONFIG, '[default]\naws_access_key_id = AKIAEXAMPLE\naws_secret_access_key = abc\n');
    const report = await listProfiles(env, dir);
    expect(report.problems).toEqual([]);
    expect(report.profiles.map((p) => [p.name, p.kind])).toEqual([
      ['default', 'static'],
      ['dev', 'sso'],
      ['ops', 'assume-role'],
      ['proc', 'credential-process'],
    ]);
    const ops = report.profiles.find((p) => p.name === 'ops');
    expect(ops).toMatchObject({ roleArn: 'arn:aws:iam::222222222222:role/Ops', sourceProfile: 'default', endpointUrl: 'http://127.0.0.1:4566' });
    expect(report.profiles.find((p) => p.name === 'dev')).toMatchObject({ ssoSession: 'corp', region: 'eu-west-1' });
    expect(report.profiles.find((p) => p.name === 'default')?.definedIn).toEqual(['config', 'credentials']);
  });

  it('never returns a secret', async () => {
    const { dir, env } = tempFiles('', '[k]\naws_access_key_id = AKIAEXAMPLE\naws_secret_access_key = TOPSECRETVALUE\n');
    const report = await listProfiles(env, dir);
    expect(JSON.stringify(report)).not.toContain('TOPSECRETVALUE');
    expect(JSON.stringify(report)).not.toContain('AKIAEXAMPLE');
  });

  it('honours AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE over ~/.aws', () => {
    expect(resolveConfigPaths({ AWS_CONFIG_FILE: '/x/c', AWS_SHARED_CREDENTIALS_FILE: '/x/k' }, '/home/u')).toEqual({ configFile: '/x/c', credentialsFile: '/x/k' });
    expect(resolveConfigPaths({}, '/home/u')).toEqual({ configFile: '/home/u/.aws/config', credentialsFile: '/home/u/.aws/credentials' });
  });

  it('reports no profiles and no problems when the files do not exist', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'peerscape-none-'));
    const report = await listProfiles({}, dir);
    expect(report.profiles).toEqual([]);
    expect(report.problems).toEqual([]);
    expect(report.configFile).toBe(join(dir, '.aws', 'config'));
  });

  it('names the file and the line of a broken config, and still lists the good profiles', async () => {
    const { dir, env } = tempFiles('[profile good]\nregion = us-east-1\n\n[profile bad\nregion = eu-west-1\nthis line is broken\n');
    const report = await listProfiles(env, dir);
    expect(report.profiles.map((p) => p.name)).toContain('good');
    expect(report.problems).toEqual([
      expect.objectContaining({ file: env.AWS_CONFIG_FILE, line: 4, message: expect.stringContaining('malformed') }),
      expect.objectContaining({ file: env.AWS_CONFIG_FILE, line: 5, message: expect.stringContaining('outside any [section]') }),
      expect.objectContaining({ file: env.AWS_CONFIG_FILE, line: 6, message: expect.stringContaining('outside any [section]') }),
    ]);
  });

  it('says when a file cannot be read, naming it', async () => {
    const { dir, env } = tempFiles('[default]\nregion = us-east-1\n');
    const asFolder = join(dir, 'config-folder');
    mkdirSync(asFolder);
    const report = await listProfiles({ ...env, AWS_CONFIG_FILE: asFolder }, dir);
    expect(report.problems).toEqual([{ file: asFolder, line: 0, message: expect.stringContaining('EISDIR') }]);
  });

  it('lists credentials from the environment as their own entry', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'peerscape-env-'));
    const report = await listProfiles({ AWS_ACCESS_KEY_ID: 'AKIA', AWS_REGION: 'eu-central-1' }, dir);
    expect(report.profiles).toEqual([{ name: '(environment)', kind: 'environment', definedIn: [], region: 'eu-central-1' }]);
  });
});

describe('checkIniText', () => {
  it('warns that a bare section name is ignored in the config file but not in credentials', () => {
    expect(checkIniText('c', '[work]\nregion = x\n', 'config')).toEqual([
      { file: 'c', line: 1, message: expect.stringContaining('[profile work]') },
    ]);
    expect(checkIniText('k', '[work]\naws_access_key_id = x\n', 'credentials')).toEqual([]);
  });

  it('accepts comments, blank lines and nested settings', () => {
    expect(checkIniText('c', '# hi\n; there\n[default]\ns3 =\n  addressing_style = path\n\n', 'config')).toEqual([]);
  });
});

describe('profileKind', () => {
  it.each([
    [{ role_arn: 'arn', credential_source: 'Ec2InstanceMetadata' }, 'assume-role'],
    [{ sso_start_url: 'https://x' }, 'sso'],
    [{ credential_process: 'x' }, 'credential-process'],
    [{ aws_access_key_id: 'x' }, 'static'],
    [{ region: 'x' }, 'unknown'],
  ] as const)('classifies %o as %s', (settings, kind) => {
    expect(profileKind(settings)).toBe(kind);
  });
});
