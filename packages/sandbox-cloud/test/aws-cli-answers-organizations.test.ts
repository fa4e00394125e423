/** AWS Organizations and IAM account aliases driven by Debian's AWS CLI 2.9 (/usr/bin/aws), whose
 * botocore parses the JSON 1.1 and Query answers on its own: list-accounts across the empty
 * pages, the OU tree, describe-account, list-account-aliases, and the errors in AWS's words. */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startSandbox, type SandboxHandle } from '../src/testing/start-sandbox';

const run = promisify(execFile);
const AWS2 = '/usr/bin/aws';

let sb: SandboxHandle;
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  sb = await startSandbox({ scenario: 'demo' });
  const dir = await mkdtemp(join(tmpdir(), 'sandbox-cli-org-'));
  const files = await sb.writeAwsFiles(dir);
  env = { ...process.env, AWS_CONFIG_FILE: files.configFile, AWS_SHARED_CREDENTIALS_FILE: files.credentialsFile, AWS_PAGER: '' };
});
afterAll(async () => sb?.stop());

/** Runs `aws <args>` as `profile` against the sandbox: the parsed JSON, or the error text. */
async function aws(profile: string, ...args: string[]): Promise<{ out?: Record<string, unknown>; err?: string }> {
  const argv = [...args, '--profile', profile, '--region', 'us-east-1', '--endpoint-url', sb.endpoint, '--output', 'json'];
  try {
    const { stdout } = await run(AWS2, argv, { env });
    return { out: stdout.trim() ? (JSON.parse(stdout) as Record<string, unknown>) : {} };
  } catch (e) {
    return { err: (e as { stderr: string }).stderr.trim() };
  }
}

describe.skipIf(!existsSync(AWS2) && !process.env.CI)('Debian AWS CLI 2.9: the demo organisation', () => {
  it('lists every account through pages of one, past the empty pages', async () => {
    const listed = (await aws('sandbox-network', 'organizations', 'list-accounts', '--page-size', '1')).out as {
      Accounts: { Id: string; Name: string; Status?: string; State?: string; JoinedTimestamp: string }[];
    };
    expect(listed.Accounts.map((a) => a.Name).sort()).toEqual(['Data', 'Development', 'Legacy shared services', 'Network', 'Production']);
    // Past 2026-09-09 accounts carry State only, which CLI 2.9's model predates: it shows neither.
    const legacy = listed.Accounts.find((a) => a.Name === 'Legacy shared services');
    expect([legacy?.Status, legacy?.State]).toEqual([undefined, undefined]);
    expect(Number.isNaN(Date.parse(listed.Accounts[0]?.JoinedTimestamp as string))).toBe(false);
  });

  it('walks the root and OUs, describes an account and reads an alias', async () => {
    const root = ((await aws('sandbox-network', 'organizations', 'list-roots')).out as { Roots: { Id: string; Name: string }[] }).Roots[0];
    expect(root?.Name).toBe('Root');
    const ous = (await aws('sandbox-network', 'organizations', 'list-organizational-units-for-parent', '--parent-id', root?.Id as string)).out as {
      OrganizationalUnits: { Id: string; Name: string }[];
    };
    const workloads = ous.OrganizationalUnits.find((u) => u.Name === 'Workloads');
    const nested = (await aws('sandbox-network', 'organizations', 'list-children', '--parent-id', workloads?.Id as string, '--child-type', 'ORGANIZATIONAL_UNIT')).out as {
      Children: { Type: string }[];
    };
    expect(nested.Children).toHaveLength(2);
    const acct = (await aws('sandbox-network', 'organizations', 'describe-account', '--account-id', '444455556666')).out as { Account: { Name: string; Email: string } };
    expect(acct.Account).toMatchObject({ Name: 'Production', Email: 'aws-prod@example.com' });
    // The CLI pages on its own and drops IsTruncated.
    expect((await aws('sandbox-prod', 'iam', 'list-account-aliases')).out).toEqual({ AccountAliases: ['example-prod'] });
  });

  it('reads the errors in AWS words', async () => {
    const denied = await aws('sandbox-prod', 'organizations', 'list-accounts');
    expect(denied.err).toContain("An error occurred (AccessDeniedException) when calling the ListAccounts operation: You don't have permissions to access this resource.");
    const tooMany = await aws('sandbox-network', 'organizations', 'list-accounts', '--max-items', '50', '--page-size', '21');
    expect(tooMany.err).toContain('An error occurred (InvalidInputException) when calling the ListAccounts operation: 1 validation error detected');
    const noParent = await aws('sandbox-network', 'organizations', 'list-accounts-for-parent', '--parent-id', 'ou-abcd-12345678');
    expect(noParent.err).toContain("An error occurred (ParentNotFoundException) when calling the ListAccountsForParent operation: We can't find a root or OU with the ParentId that you specified.");
  });
});
