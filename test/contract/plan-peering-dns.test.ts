/**
 * A new peering's plan through the API, against the sandbox demo: discovery leaves the DNS
 * attributes of VPCs no peering names unknown, so the main process reads the two VPCs' attributes
 * live, and a VPC with DNS hostnames off gets the DNS warning on the plan's DNS steps.
 */
import { join } from 'node:path';

import { ModifyVpcAttributeCommand } from '@aws-sdk/client-ec2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { MainApi } from '../../electron/api/main-api';
import { createAwsClients } from '../../electron/aws/aws-clients';
import { resolveProfileAccess } from '../../electron/aws/credentials';
import type { PeerscapeClient } from '../../shared/api/contract';
import type { Snapshot } from '../../shared/model/snapshot';
import type { Vpc } from '../../shared/model/topology';
import { validatePeering } from '../../shared/analysis/validate-peering';
import type { Loopback } from '../support/loopback-transport';
import type { makeTempHome } from '../support/main-api-fixture';
import { must, openDemoApi } from '../support/scan-through-api';

describe('planning a new peering reads the DNS attributes the snapshot lacks', () => {
  let loop: Loopback<MainApi>;
  let client: PeerscapeClient;
  let home: ReturnType<typeof makeTempHome>;
  let demo: Snapshot;

  beforeAll(async () => {
    ({ home, loop, client, demo } = await openDemoApi());
  }, 120_000);
  afterAll(async () => {
    await loop?.api.dispose();
  });

  /** A pair of VPCs that may peer, the accepter a side of no peering, the requester's DNS not off as far as the snapshot knows. */
  function pairWithUnpeeredAccepter(): [Vpc, Vpc] {
    const peered = new Set(demo.topology.peerings.flatMap((p) => [p.requester.vpcId, p.accepter.vpcId]));
    const vpcs = [...demo.topology.vpcs].sort((a, b) => Number(peered.has(a.id)) - Number(peered.has(b.id)) || (a.id < b.id ? -1 : 1));
    for (const b of vpcs.filter((v) => !peered.has(v.id))) {
      for (const a of vpcs) {
        if (a.id === b.id || a.enableDnsHostnames === false || a.enableDnsSupport === false) continue;
        if (validatePeering(demo.topology, a.id, b.id).ok) return [a, b];
      }
    }
    throw new Error('the demo has no peerable pair with an unpeered accepter');
  }

  async function setDnsHostnames(vpc: Vpc, value: boolean): Promise<void> {
    const sandboxDir = join(home.home, 'data', 'sandbox');
    const env = { AWS_CONFIG_FILE: join(sandboxDir, 'config'), AWS_SHARED_CREDENTIALS_FILE: join(sandboxDir, 'credentials') };
    const profile = demo.topology.accounts.find((a) => a.id === vpc.accountId)!.profiles[0]!;
    const access = must((await resolveProfileAccess([profile], env, home.home)).get(profile)!);
    const clients = createAwsClients(1);
    try {
      await clients.ec2(access, vpc.region).send(new ModifyVpcAttributeCommand({ VpcId: vpc.id, EnableDnsHostnames: { Value: value } }));
    } finally {
      clients.close();
    }
  }

  it('warns on the DNS steps when one VPC, never peered, has DNS hostnames off', async () => {
    const [requester, accepter] = pairWithUnpeeredAccepter();
    // The snapshot does not know: discovery read no attribute of an unpeered VPC.
    expect(accepter).not.toHaveProperty('enableDnsHostnames');
    expect(accepter).not.toHaveProperty('enableDnsSupport');
    if (requester.enableDnsHostnames === undefined) await setDnsHostnames(requester, true);
    await setDnsHostnames(accepter, false);
    const plan = must(await client.planPeering({ requesterVpcId: requester.id, accepterVpcId: accepter.id, name: 'dns-live', dns: { requester: true, accepter: true } }));
    const dnsSteps = plan.steps.filter((s) => s.action === 'ModifyVpcPeeringConnectionOptions');
    expect(dnsSteps).toHaveLength(2);
    for (const s of dnsSteps) expect(s.warning).toBe(`DNS resolution across a peering needs DNS hostnames and DNS support on both VPCs; ${accepter.id} has one off (ModifyVpcAttribute EnableDnsHostnames / EnableDnsSupport).`);

    // With both on, the same plan has no warning: the values are read at each plan, not guessed.
    await setDnsHostnames(accepter, true);
    const clear = must(await client.planPeering({ requesterVpcId: requester.id, accepterVpcId: accepter.id, name: 'dns-live', dns: { requester: true, accepter: true } }));
    expect(clear.steps.filter((s) => s.action === 'ModifyVpcPeeringConnectionOptions').map((s) => s.warning)).toEqual([undefined, undefined]);
  });
});
