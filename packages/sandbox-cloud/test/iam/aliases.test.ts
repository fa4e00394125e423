/** IAM ListAccountAliases through the real AWS SDK (client-iam): the caller's own alias, for
 * accounts in an organisation or not, and none where the scenario gives none. */
import { ListAccountAliasesCommand } from '@aws-sdk/client-iam';
import { AssumeRoleCommand } from '@aws-sdk/client-sts';
import { IAMClient } from '@aws-sdk/client-iam';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startSandbox, type SandboxHandle } from '../../src/testing/start-sandbox';
import { awsError, iam, sts } from '../clients';

let sb: SandboxHandle;

beforeAll(async () => {
  sb = await startSandbox({
    scenario: {
      name: 'iam-aliases',
      defaultVpcs: 'none',
      accounts: [
        { id: '111111111111', profile: 'hub', alias: 'acme-hub' },
        { id: '222222222222', profile: 'app', roles: [{ name: 'ReadOnly', trust: ['hub'] }] },
        { id: '333333333333', profile: 'bare' },
      ],
      organization: { management: 'hub', accounts: [{ account: 'app', alias: 'acme-app' }] },
    },
  });
});
afterAll(async () => sb?.stop());

describe('IAM account aliases', () => {
  it('lists the caller account alias, from the account or its organisation entry, and none without one', async () => {
    expect(await iam(sb, 'hub').send(new ListAccountAliasesCommand({}))).toMatchObject({ AccountAliases: ['acme-hub'], IsTruncated: false });
    expect((await iam(sb, 'app').send(new ListAccountAliasesCommand({}))).AccountAliases).toEqual(['acme-app']);
    expect((await iam(sb, 'bare').send(new ListAccountAliasesCommand({}))).AccountAliases).toEqual([]);
  });

  it('answers a role session in another account with that account alias', async () => {
    const c = (await sts(sb, 'hub').send(new AssumeRoleCommand({ RoleArn: 'arn:aws:iam::222222222222:role/ReadOnly', RoleSessionName: 'names' }))).Credentials;
    const asApp = new IAMClient({
      endpoint: sb.endpoint,
      region: 'us-east-1',
      maxAttempts: 1,
      credentials: { accessKeyId: c?.AccessKeyId as string, secretAccessKey: c?.SecretAccessKey as string, sessionToken: c?.SessionToken as string },
    });
    expect((await asApp.send(new ListAccountAliasesCommand({}))).AccountAliases).toEqual(['acme-app']);
  });

  it('refuses a denied ListAccountAliases with AccessDenied, in the one account denied and in us-east-1', async () => {
    sb.server.setFaults({ denyActions: [{ action: 'iam:ListAccountAliases', accountId: '111111111111' }] });
    try {
      const e = await awsError(iam(sb, 'hub').send(new ListAccountAliasesCommand({})));
      expect(e).toMatchObject({ code: 'AccessDenied', status: 403 });
      expect(e.message).toContain('is not authorized to perform: iam:ListAccountAliases');
      expect((await iam(sb, 'app').send(new ListAccountAliasesCommand({}))).AccountAliases).toEqual(['acme-app']);
      sb.server.setFaults({ denyActions: [{ action: '*', kind: 'scp', region: 'us-east-1' }] });
      expect((await awsError(iam(sb, 'app').send(new ListAccountAliasesCommand({})))).message).toContain('explicit deny in a service control policy');
      sb.server.setFaults({ denyActions: [{ action: '*', kind: 'scp', region: 'eu-west-1' }] });
      expect((await iam(sb, 'app').send(new ListAccountAliasesCommand({}))).AccountAliases).toEqual(['acme-app']);
    } finally {
      sb.server.setFaults({});
    }
  });

  it('refuses unknown keys and bad MaxItems in IAM words', async () => {
    const stranger = new IAMClient({ endpoint: sb.endpoint, region: 'us-east-1', maxAttempts: 1, credentials: { accessKeyId: 'AKIAUNKNOWN000000000', secretAccessKey: 'x'.repeat(40) } });
    expect(await awsError(stranger.send(new ListAccountAliasesCommand({})))).toMatchObject({ code: 'InvalidClientTokenId', status: 403 });
    expect((await awsError(iam(sb, 'hub').send(new ListAccountAliasesCommand({ MaxItems: 0 })))).code).toBe('ValidationError');
  });
});
