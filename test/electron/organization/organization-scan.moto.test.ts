/** The organisation roster and scan against moto's Organizations and STS (an implementation nobody
 * here wrote), where moto follows AWS: the OU tree, account names and OU paths, and a session per
 * account. moto does not check roles or trust, so failures are tested against the sandbox. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { CreateAccountCommand, CreateOrganizationalUnitCommand, CreateOrganizationCommand, ListRootsCommand, MoveAccountCommand, OrganizationsClient } from '@aws-sdk/client-organizations';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { runDiscovery } from '../../../electron/discovery/run-discovery';
import { readOrganizationRoster } from '../../../electron/organization/run-organization';
import { motoMissingReason, startMoto, type MotoHandle } from '../../support/moto';

const motoMissing = motoMissingReason();
const onCi = Boolean(process.env.CI);

describe.skipIf(Boolean(motoMissing) && !onCi)('an organisation in moto', () => {
  let moto: MotoHandle;
  let home: string;
  let env: Record<string, string>;
  let prodId: string;
  const now = () => new Date();

  beforeAll(async () => {
    const started = await startMoto();
    if (!started) throw new Error(`moto is missing: ${motoMissing}`);
    moto = started;
    home = mkdtempSync(join(tmpdir(), 'peerscape-moto-org-'));
    env = { AWS_CONFIG_FILE: join(home, 'config'), AWS_SHARED_CREDENTIALS_FILE: join(home, 'credentials') };
    writeFileSync(env.AWS_CONFIG_FILE!, ['[profile mgmt]', 'region = us-east-1', `endpoint_url = ${moto.endpoint}`, ''].join('\n'));
    writeFileSync(env.AWS_SHARED_CREDENTIALS_FILE!, ['[mgmt]', 'aws_access_key_id = AKIAMOTOORG00001', 'aws_secret_access_key = not-a-secret', ''].join('\n'));
    const org = new OrganizationsClient({ region: 'us-east-1', endpoint: moto.endpoint, credentials: { accessKeyId: 'AKIAMOTOORG00001', secretAccessKey: 'not-a-secret' } });
    await org.send(new CreateOrganizationCommand({ FeatureSet: 'ALL' }));
    const rootId = (await org.send(new ListRootsCommand({}))).Roots![0]!.Id!;
    const workloads = (await org.send(new CreateOrganizationalUnitCommand({ ParentId: rootId, Name: 'Workloads' }))).OrganizationalUnit!.Id!;
    const production = (await org.send(new CreateOrganizationalUnitCommand({ ParentId: workloads, Name: 'Production' }))).OrganizationalUnit!.Id!;
    const created = await org.send(new CreateAccountCommand({ AccountName: 'Prod', Email: 'prod@example.com' }));
    prodId = created.CreateAccountStatus!.AccountId!;
    await org.send(new MoveAccountCommand({ AccountId: prodId, SourceParentId: rootId, DestinationParentId: production }));
    org.destroy();
  });
  afterAll(async () => {
    await moto?.stop();
  });

  it('reads the OU tree, names and OU paths', async () => {
    const r = await readOrganizationRoster('mgmt', { env, homeDir: home, now });
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.units.map((u) => u.name).sort()).toEqual(['Production', 'Root', 'Workloads']);
    expect(r.value.accounts.find((a) => a.id === prodId)).toMatchObject({ name: 'Prod', email: 'prod@example.com', status: 'ACTIVE', ouPath: 'Workloads/Production' });
  });

  it('scans each account through a session of the role, from the sign-in', async () => {
    const r = await runDiscovery({ organization: { profile: 'mgmt', regions: ['us-east-1'] } }, { env, homeDir: home, now });
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.coverage.filter((c) => c.region === 'us-east-1').every((c) => c.state === 'complete')).toBe(true);
    expect(r.value.coverage.some((c) => c.accountId === prodId && c.state === 'complete')).toBe(true);
  });
});
