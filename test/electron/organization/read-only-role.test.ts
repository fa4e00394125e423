/** The read-only role template for organisation scans: it allows every call a scan of the sandbox
 * demo makes (through the real SDK, every account and region), nothing that writes, and its YAML
 * and JSON are the same document. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startSandboxServer, type SandboxServer } from '@peerscape/sandbox-cloud';
import { runDiscovery } from '../../../electron/discovery/run-discovery';
import { closeSharedScanPools } from '../../../electron/discovery/scan-pool';
import { runCliOver } from '../../support/cli-run';
import { DEFAULT_READ_ONLY_ROLE, readOnlyRoleActions, readOnlyRoleTemplate, readOnlyRoleTemplateText, roleAllows } from '../../../electron/organization/read-only-role';

describe('the read-only role template', () => {
  let server: SandboxServer;
  let called: string[];

  beforeAll(async () => {
    server = await startSandboxServer({ scenario: 'demo', log: () => undefined });
    const home = mkdtempSync(join(tmpdir(), 'peerscape-role-'));
    const files = await server.writeAwsFiles(join(home, '.aws'));
    server.resetStats();
    const r = await runDiscovery(
      { profiles: server.accounts.map((a) => a.profile) },
      { env: { AWS_CONFIG_FILE: files.configFile, AWS_SHARED_CREDENTIALS_FILE: files.credentialsFile }, homeDir: home, now: () => new Date('2026-12-07T12:00:00Z'), limits: { scanThreads: 0 } },
    );
    if (!r.ok) throw new Error(r.error.message);
    called = Object.keys(server.stats().byAction);
  });

  afterAll(async () => {
    await closeSharedScanPools();
    await server?.close();
  });

  it('allows every call a scan of every account and region makes (GetCallerIdentity needs no permission)', () => {
    const needed = called.filter((a) => a !== 'sts:GetCallerIdentity');
    expect(needed).toContain('DescribeRegions');
    expect(needed).toContain('SearchTransitGatewayRoutes');
    expect(needed).toContain('iam:ListAccountAliases');
    expect(needed.filter((a) => !roleAllows(a))).toEqual([]);
    // Beyond what the scan called: the reads other parts of the app make, and the entries of
    // customer-managed prefix lists, which the demo has none of.
    const extra = readOnlyRoleActions().filter((a) => !called.includes(a.replace(/^ec2:/, '')));
    expect(extra).toEqual(['ec2:DescribeStaleSecurityGroups', 'ec2:GetManagedPrefixListEntries']);
  });

  it('allows only reads, to a role trusted by one account with an ExternalId', () => {
    const actions = readOnlyRoleActions();
    expect(actions.every((a) => /^(ec2:(Describe|Get|Search)|iam:List)[A-Z]/.test(a))).toBe(true);
    const t = readOnlyRoleTemplate() as { Parameters: Record<string, { Default?: unknown }>; Resources: { PeerscapeReadOnlyRole: { Properties: { AssumeRolePolicyDocument: { Statement: unknown[] } } } } };
    expect(t.Parameters.RoleName?.Default).toBe(DEFAULT_READ_ONLY_ROLE);
    expect(t.Resources.PeerscapeReadOnlyRole.Properties.AssumeRolePolicyDocument.Statement).toEqual([
      {
        Effect: 'Allow',
        Principal: { AWS: { 'Fn::Sub': 'arn:${AWS::Partition}:iam::${TrustedAccountId}:root' } },
        Action: 'sts:AssumeRole',
        Condition: { StringEquals: { 'sts:ExternalId': { Ref: 'ExternalId' } } },
      },
    ]);
  });

  it('reads the same as YAML and as JSON', () => {
    const yaml = readOnlyRoleTemplateText('yaml');
    const parsed = execFileSync('python3', ['-c', 'import json, sys, yaml; print(json.dumps(yaml.safe_load(sys.stdin.read())))'], { input: yaml, encoding: 'utf8' });
    expect(JSON.parse(parsed)).toEqual(JSON.parse(readOnlyRoleTemplateText('json')));
    expect(yaml).toContain('Type: "AWS::IAM::Role"');
  });

  it('is what `peerscape role-template` prints, as YAML by default, and a bad --format says what to use', async () => {
    const yaml = await runCliOver({}, ['role-template']);
    expect(yaml).toMatchObject({ code: 0, stderr: '' });
    expect(yaml.stdout).toBe(readOnlyRoleTemplateText('yaml'));
    expect((await runCliOver({}, ['role-template', '--format', 'json'])).stdout).toBe(readOnlyRoleTemplateText('json'));
    const bad = await runCliOver({}, ['role-template', '--format', 'xml']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--format must be yaml or json, not "xml".');
  });
});
