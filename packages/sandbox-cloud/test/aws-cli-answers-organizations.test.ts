/** AWS Organizations and IAM account aliases driven by Debian's AWS CLI 2.9 (/usr/bin/aws), whose
 * botocore parses the JSON 1.1 and Query answers on its own: list-accounts across the empty
 * pages, the OU tree, describe-account, list-account-aliases, and the errors in AWS's words. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startSandbox, type SandboxHandle } from '../src/testing/start-sandbox';
import { awsCliFor, withoutAwsCli } from './aws-cli';

let sb: SandboxHandle;
let aws: Awaited<ReturnType<typeof awsCliFor>>;

beforeAll(async () => {
  sb = await startSandbox({ scenario: 'demo' });
  aws = await awsCliFor(sb, 'sandbox-cli-org-');
});
afterAll(async () => sb?.stop());

describe.skipIf(withoutAwsCli)('Debian AWS CLI 2.9: the demo organisation', () => {
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
