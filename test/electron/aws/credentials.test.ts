/** Profile access: endpoints per profile, and credential failures that say how to fix them (real SDK providers). */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { checkCredentials, resolveEndpoint, resolveProfileAccess } from '../../../electron/aws/credentials';

const CONFIG = `
[profile dev]
sso_session = corp
sso_account_id = 111111111111
sso_role_name = ReadOnly
region = eu-west-1

[profile legacy]
sso_start_url = https://corp.awsapps.com/start
sso_region = us-east-1
sso_account_id = 111111111111
sso_role_name = ReadOnly

[profile over-sso]
role_arn = arn:aws:iam::222222222222:role/read
source_profile = dev

[profile local]
region = eu-central-1
endpoint_url = http://127.0.0.1:1
services = local-ec2

[services local-ec2]
ec2 =
  endpoint_url = http://127.0.0.1:2

[profile broken-process]
credential_process = /bin/false

[sso-session corp]
sso_start_url = https://corp.awsapps.com/start
sso_region = us-east-1
sso_registration_scopes = sso:account:access
`;

describe('resolveProfileAccess', () => {
  let home: string;
  let env: Record<string, string>;
  const saved = { HOME: process.env.HOME, AWS_CONFIG_FILE: process.env.AWS_CONFIG_FILE };

  beforeAll(() => {
    // The SDK looks for the SSO token cache under $HOME/.aws/sso/cache: an empty temp home means
    // "recognised but not logged in", as on a machine where `aws sso login` never ran.
    home = mkdtempSync(join(tmpdir(), 'peerscape-creds-'));
    env = { AWS_CONFIG_FILE: join(home, 'config'), AWS_SHARED_CREDENTIALS_FILE: join(home, 'credentials') };
    writeFileSync(env.AWS_CONFIG_FILE!, CONFIG);
    writeFileSync(env.AWS_SHARED_CREDENTIALS_FILE!, '');
    process.env.HOME = home;
  });

  afterAll(() => {
    process.env.HOME = saved.HOME;
    if (saved.AWS_CONFIG_FILE === undefined) delete process.env.AWS_CONFIG_FILE;
    else process.env.AWS_CONFIG_FILE = saved.AWS_CONFIG_FILE;
  });

  it('names the aws sso login command for an sso-session profile that is not logged in', async () => {
    const access = (await resolveProfileAccess(['dev'], env, home)).get('dev');
    if (!access?.ok) throw new Error('dev should resolve');
    expect(access.value.kind).toBe('sso');
    const check = await checkCredentials(access.value, 10_000);
    expect(check).toEqual({
      ok: false,
      cancelled: false,
      failure: {
        errorCode: 'SsoLoginRequired',
        message: 'The SSO session of profile "dev" is missing or has expired: run `aws sso login --profile dev`, then scan again.',
      },
    });
  });

  it('names the aws sso login command for a legacy SSO profile too', async () => {
    const access = (await resolveProfileAccess(['legacy'], env, home)).get('legacy');
    if (!access?.ok) throw new Error('legacy should resolve');
    const check = await checkCredentials(access.value, 10_000);
    expect(check.ok).toBe(false);
    if (!check.ok) expect(check.failure.message).toContain('aws sso login --profile legacy');
  });

  it('tells an assume-role profile over SSO to log in with its source profile', async () => {
    // fromIni's SSO step reads the process's AWS_CONFIG_FILE (see credentials.ts).
    process.env.AWS_CONFIG_FILE = env.AWS_CONFIG_FILE;
    const access = (await resolveProfileAccess(['over-sso'], env, home)).get('over-sso');
    if (!access?.ok) throw new Error('over-sso should resolve');
    expect(access.value.ssoLoginProfile).toBe('dev');
    const check = await checkCredentials(access.value, 10_000);
    expect(check.ok).toBe(false);
    if (!check.ok) expect(check.failure.message).toContain('`aws sso login --profile dev`');
  });

  it('reports a failing credential_process as a credentials problem with a fix', async () => {
    const access = (await resolveProfileAccess(['broken-process'], env, home)).get('broken-process');
    if (!access?.ok) throw new Error('broken-process should resolve');
    const check = await checkCredentials(access.value, 10_000);
    expect(check.ok).toBe(false);
    if (!check.ok) {
      expect(check.failure.errorCode).toBe('CredentialsProviderError');
      expect(check.failure.message).toMatch(/^Could not load credentials for profile "broken-process": .*Fix the profile/);
    }
  });

  it('refuses an unknown profile, saying where it looked and what to add', async () => {
    const r = (await resolveProfileAccess(['nope'], env, home)).get('nope');
    expect(r?.ok).toBe(false);
    if (r && !r.ok) {
      expect(r.error.message).toBe(`profile "nope" is not defined in ${env.AWS_CONFIG_FILE} or ${env.AWS_SHARED_CREDENTIALS_FILE}`);
      expect(r.error.fix).toContain('[profile nope]');
    }
  });

  it('reads endpoint_url and the services section per profile, and the profile region', async () => {
    const r = (await resolveProfileAccess(['local'], env, home)).get('local');
    if (!r?.ok) throw new Error('local should resolve');
    expect(r.value.region).toBe('eu-central-1');
    // The profile's endpoint_url serves every service the services section does not name.
    expect(r.value.endpoints).toEqual({ ec2: 'http://127.0.0.1:2', sts: 'http://127.0.0.1:1', iam: 'http://127.0.0.1:1', organizations: 'http://127.0.0.1:1', sso: 'http://127.0.0.1:1' });
  });

  it('gives the environment pseudo-profile the environment region and endpoint', async () => {
    const r = (await resolveProfileAccess(['(environment)'], { AWS_REGION: 'ap-south-1', AWS_ENDPOINT_URL: 'http://127.0.0.1:3' }, home)).get(
      '(environment)',
    );
    if (!r?.ok) throw new Error('environment should resolve');
    expect(r.value).toMatchObject({ kind: 'environment', region: 'ap-south-1', endpoints: { ec2: 'http://127.0.0.1:3', sts: 'http://127.0.0.1:3' } });
  });
});

describe('resolveEndpoint', () => {
  const settings = { endpoint_url: 'http://profile' };
  const services = { 'ec2.endpoint_url': 'http://services-ec2' };

  it('follows the SDK precedence: service env, global env, services section, profile', () => {
    expect(resolveEndpoint('ec2', settings, services, { AWS_ENDPOINT_URL_EC2: 'http://env-ec2', AWS_ENDPOINT_URL: 'http://env' })).toBe('http://env-ec2');
    expect(resolveEndpoint('ec2', settings, services, { AWS_ENDPOINT_URL: 'http://env' })).toBe('http://env');
    expect(resolveEndpoint('ec2', settings, services, {})).toBe('http://services-ec2');
    expect(resolveEndpoint('sts', settings, services, {})).toBe('http://profile');
  });

  it('ignores configured endpoints when asked to', () => {
    expect(resolveEndpoint('ec2', { ...settings, ignore_configured_endpoint_urls: 'true' }, services, {})).toBeUndefined();
    expect(resolveEndpoint('ec2', settings, services, { AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: 'true', AWS_ENDPOINT_URL: 'http://env' })).toBeUndefined();
  });
});
