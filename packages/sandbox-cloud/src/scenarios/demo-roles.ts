/** The demo organisation's IAM side: the roles an organisation scan assumes and an Identity
 * Center sign-in.
 *
 * Every account has `PeerscapeReadOnly` (trusting the network account, which is the management
 * account, for sessions up to 12 hours); the member accounts also have
 * `OrganizationAccountAccessRole`, the role AWS Organizations creates in accounts it makes,
 * trusting the management account. The Identity Center user `network-engineer` is assigned
 * `ReadOnlyAccess` in every account and `AdministratorAccess` in the network account.
 */
import type { ScenarioInput } from './scenario';

type DemoAccount = ScenarioInput['accounts'][number];

/** The network (management) account's id. */
export const DEMO_MANAGEMENT_ACCOUNT = '111122223333';

/** The portal access token of the demo's Identity Center user. */
export const DEMO_SSO_ACCESS_TOKEN = 'sandbox-sso-token-network-engineer';

/** The accounts with their roles added. */
export function withDemoRoles(accounts: DemoAccount[]): DemoAccount[] {
  return accounts.map((a) => ({
    ...a,
    roles: [
      { name: 'PeerscapeReadOnly', trust: [DEMO_MANAGEMENT_ACCOUNT], maxSessionDuration: 43200 },
      ...(a.id === DEMO_MANAGEMENT_ACCOUNT ? [] : [{ name: 'OrganizationAccountAccessRole', trust: [DEMO_MANAGEMENT_ACCOUNT] }]),
    ],
  }));
}

/** Identity Center: one user signed in for eight hours from when the demo loads. */
export const DEMO_SSO: NonNullable<ScenarioInput['sso']> = {
  permissionSets: [
    { name: 'ReadOnlyAccess', sessionDurationSeconds: 28800 },
    { name: 'AdministratorAccess', sessionDurationSeconds: 3600 },
  ],
  users: [
    {
      userName: 'network-engineer',
      accessToken: DEMO_SSO_ACCESS_TOKEN,
      expiresInSeconds: 28800,
      assignments: [
        { account: 'sandbox-network', permissionSets: ['ReadOnlyAccess', 'AdministratorAccess'], accountName: 'Network' },
        { account: 'sandbox-prod', permissionSets: ['ReadOnlyAccess'], accountName: 'Production' },
        { account: 'sandbox-dev', permissionSets: ['ReadOnlyAccess'], accountName: 'Development' },
        { account: 'sandbox-data', permissionSets: ['ReadOnlyAccess'], accountName: 'Data' },
      ],
    },
  ],
};
