/** The live read of VPC DNS attributes a new peering's plan makes, against the sandbox: it fills
 * what the snapshot lacks, and a refused call or an account without a profile leaves the
 * attributes unknown without failing. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { CreateVpcCommand, EC2Client, ModifyVpcAttributeCommand } from '@aws-sdk/client-ec2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startSandboxServer, type SandboxServer } from '@peerscape/sandbox-cloud';
import { withLiveDnsAttributes, type LiveDnsDeps } from '../../../electron/actions/live-vpc-dns';
import { runDiscovery } from '../../../electron/discovery/run-discovery';
import type { VpcId } from '../../../shared/model/ids';
import type { Topology } from '../../../shared/model/topology';
import { profilesFromTopology } from '../../../shared/planning/plan-types';

describe('withLiveDnsAttributes', () => {
  let server: SandboxServer;
  let deps: LiveDnsDeps;
  let topology: Topology;
  let vpcId: VpcId;

  beforeAll(async () => {
    server = await startSandboxServer({ scenario: 'empty', log: () => undefined });
    const home = mkdtempSync(join(tmpdir(), 'peerscape-live-dns-'));
    const files = await server.writeAwsFiles(join(home, '.aws'));
    deps = { env: { AWS_CONFIG_FILE: files.configFile, AWS_SHARED_CREDENTIALS_FILE: files.credentialsFile }, homeDir: home };
    const a = server.accounts.find((x) => x.profile === 'sandbox-network')!;
    const ec2 = new EC2Client({ endpoint: server.endpoint, region: 'us-east-1', credentials: { accessKeyId: a.accessKeyId, secretAccessKey: a.secretAccessKey }, maxAttempts: 1 });
    vpcId = (await ec2.send(new CreateVpcCommand({ CidrBlock: '10.60.0.0/16' }))).Vpc?.VpcId as VpcId;
    await ec2.send(new ModifyVpcAttributeCommand({ VpcId: vpcId, EnableDnsSupport: { Value: false } }));
    ec2.destroy();
    const r = await runDiscovery({ profiles: ['sandbox-network'], regions: ['us-east-1'] }, { ...deps, now: () => new Date('2026-12-07T12:00:00Z'), limits: { scanThreads: 0 } });
    if (!r.ok) throw new Error(r.error.message);
    topology = r.value.topology;
  });

  afterAll(async () => {
    await server.close();
  });

  it('fills in the attributes of a VPC the snapshot has without them', async () => {
    expect(topology.vpcs.find((v) => v.id === vpcId)).not.toHaveProperty('enableDnsSupport');
    const live = await withLiveDnsAttributes(topology, [{ vpcId }], profilesFromTopology(topology.accounts), deps);
    expect(live.vpcs.find((v) => v.id === vpcId)).toMatchObject({ enableDnsSupport: false, enableDnsHostnames: false });
  });

  it('leaves them unknown, without failing, when DescribeVpcAttribute is refused or no profile acts in the account', async () => {
    server.setFaults({ denyActions: [{ action: 'DescribeVpcAttribute' }] });
    try {
      expect(await withLiveDnsAttributes(topology, [{ vpcId }], profilesFromTopology(topology.accounts), deps)).toBe(topology);
    } finally {
      server.setFaults({});
    }
    expect(await withLiveDnsAttributes(topology, [{ vpcId }], {}, deps)).toBe(topology);
    // A profile that is not one of the VPC's account's reads nothing.
    expect(await withLiveDnsAttributes(topology, [{ vpcId, profile: 'sandbox-prod' }], profilesFromTopology(topology.accounts), deps)).toBe(topology);
  });
});
