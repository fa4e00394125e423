/** What the VPC peering tests share: a sandbox with three accounts (alpha, beta, gamma) on a clock
 * the test file moves, clients of them in us-east-1 and eu-west-1, and helpers that make VPCs,
 * request peerings and read them back. */
import { CreateVpcCommand, CreateVpcPeeringConnectionCommand, DescribeVpcPeeringConnectionsCommand, type EC2Client, type VpcPeeringConnection } from '@aws-sdk/client-ec2';
import { afterAll, beforeAll } from 'vitest';

import { startSandbox, type SandboxHandle } from '../../../src/testing/start-sandbox';
import { ec2 } from '../../clients';

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;
export const A = '111111111111';
export const B = '222222222222';
export const C = '333333333333';
/** Where the clock of each test file starts. */
export const START = Date.parse('2026-03-01T12:00:00Z');

export let sb: SandboxHandle;
export let aUse1: EC2Client;
export let aEuw1: EC2Client;
export let bUse1: EC2Client;
export let bEuw1: EC2Client;
export let cUse1: EC2Client;
let cidrCounter = 0;

/** Starts the sandbox before the file's tests (on `clock`) and stops it after them. */
export function usePeeringSandbox(clock: () => number): void {
  beforeAll(async () => {
    sb = await startSandbox({
      scenario: {
        name: 'peering-tests',
        accounts: [
          { id: A, profile: 'alpha' },
          { id: B, profile: 'beta' },
          { id: C, profile: 'gamma' },
        ],
      },
      clock,
    });
    aUse1 = ec2(sb, 'alpha');
    aEuw1 = ec2(sb, 'alpha', 'eu-west-1');
    bUse1 = ec2(sb, 'beta');
    bEuw1 = ec2(sb, 'beta', 'eu-west-1');
    cUse1 = ec2(sb, 'gamma');
  });
  afterAll(async () => sb.stop());
}

/** A fresh VPC with a CIDR no other test uses (or the one given). */
export async function vpc(client: EC2Client, cidr?: string): Promise<string> {
  const block = cidr ?? `10.${100 + Math.floor(cidrCounter / 16)}.${(cidrCounter++ % 16) * 16}.0/20`;
  const out = await client.send(new CreateVpcCommand({ CidrBlock: block }));
  return out.Vpc?.VpcId as string;
}

export async function request(client: EC2Client, vpcId: string, peerVpcId: string, peerOwnerId?: string, peerRegion?: string): Promise<VpcPeeringConnection> {
  const out = await client.send(
    new CreateVpcPeeringConnectionCommand({ VpcId: vpcId, PeerVpcId: peerVpcId, PeerOwnerId: peerOwnerId, PeerRegion: peerRegion }),
  );
  return out.VpcPeeringConnection as VpcPeeringConnection;
}

export async function seen(client: EC2Client, id: string): Promise<VpcPeeringConnection | undefined> {
  const out = await client.send(new DescribeVpcPeeringConnectionsCommand({ Filters: [{ Name: 'vpc-peering-connection-id', Values: [id] }] }));
  return out.VpcPeeringConnections?.[0];
}
