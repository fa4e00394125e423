/** Which managed prefix lists discovery fetches the entries of, against the sandbox: every
 * customer list, and an AWS-managed list only where a route or security-group rule of the same
 * account × region names it; the merged list has the entries whichever account's scan fetched
 * them, on worker threads as on the calling thread. */
import {
  AuthorizeSecurityGroupEgressCommand,
  CreateManagedPrefixListCommand,
  CreateRouteTableCommand,
  CreateSecurityGroupCommand,
  CreateVpcCommand,
  CreateVpcEndpointCommand,
  DescribeManagedPrefixListsCommand,
} from '@aws-sdk/client-ec2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { runDiscovery, type DiscoveryDeps } from '../../../electron/discovery/run-discovery';
import type { Snapshot } from '../../../shared/model/snapshot';
import { parseSnapshot } from '../../../shared/model/snapshot-schema';
import { startDiscoverySandbox, type DiscoverySandbox } from '../../support/discovery-sandbox';

describe('prefix list entries: fetched for customer lists and for AWS-managed lists something names', () => {
  let sandbox: DiscoverySandbox;
  let deps: Omit<DiscoveryDeps, 'limits'>;
  let accounts: Readonly<Record<string, string>>;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    sandbox = await startDiscoverySandbox('peerscape-prefix-entries-');
    ({ deps, accounts } = sandbox);
    const client = (profile: string) => sandbox.client(profile);
    // The network account (the lowest id) names no AWS-managed list; it has a list of its own.
    const net = client('sandbox-network');
    ids.own = (await net.send(new CreateManagedPrefixListCommand({ PrefixListName: 'offices', MaxEntries: 2, AddressFamily: 'IPv4', Entries: [{ Cidr: '192.0.2.0/24' }] }))).PrefixList
      ?.PrefixListId as string;
    ids.netVpc = (await net.send(new CreateVpcCommand({ CidrBlock: '10.80.0.0/16' }))).Vpc?.VpcId as string;
    // The prod account routes to S3 through a gateway endpoint (its route names the S3 list) and
    // lets a group out to DynamoDB's list.
    const prod = client('sandbox-prod');
    const vpc = (await prod.send(new CreateVpcCommand({ CidrBlock: '10.81.0.0/16' }))).Vpc?.VpcId as string;
    const rtb = (await prod.send(new CreateRouteTableCommand({ VpcId: vpc }))).RouteTable?.RouteTableId as string;
    await prod.send(new CreateVpcEndpointCommand({ VpcId: vpc, ServiceName: 'com.amazonaws.us-east-1.s3', RouteTableIds: [rtb] }));
    const awsLists = (await prod.send(new DescribeManagedPrefixListsCommand({ Filters: [{ Name: 'owner-id', Values: ['AWS'] }] }))).PrefixLists ?? [];
    ids.s3 = awsLists.find((l) => l.PrefixListName === 'com.amazonaws.us-east-1.s3')?.PrefixListId as string;
    ids.dynamodb = awsLists.find((l) => l.PrefixListName === 'com.amazonaws.us-east-1.dynamodb')?.PrefixListId as string;
    ids.awsLists = awsLists.map((l) => l.PrefixListId).join(',');
    const sg = (await prod.send(new CreateSecurityGroupCommand({ GroupName: 'app', Description: 'app', VpcId: vpc }))).GroupId as string;
    await prod.send(new AuthorizeSecurityGroupEgressCommand({ GroupId: sg, IpPermissions: [{ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, PrefixListIds: [{ PrefixListId: ids.dynamodb }] }] }));
    net.destroy();
    prod.destroy();
  });

  afterAll(async () => {
    await sandbox.close();
  });

  const scan = (scanThreads: number, entryCalls: Record<string, number>): Promise<Snapshot> => sandbox.scan(scanThreads, 'GetManagedPrefixListEntries', entryCalls);

  it('calls GetManagedPrefixListEntries for its own list and the AWS-managed lists its routes and rules name, not for the others', async () => {
    expect((ids.awsLists ?? '').split(',')).toHaveLength(2);
    const calls: Record<string, number> = {};
    const snapshot = await scan(0, calls);
    expect(calls).toEqual({ [accounts['sandbox-network']!]: 1, [accounts['sandbox-prod']!]: 2 });
    expect(parseSnapshot(JSON.stringify(snapshot))).toEqual({ ok: true, snapshot });
  });

  it('keeps the entries whichever account fetched them, and says which lists it did not read', async () => {
    const lists = new Map((await scan(0, {})).topology.prefixLists.map((l) => [l.id, l]));
    expect(lists.get(ids.own as `pl-${string}`)).toMatchObject({ accountId: accounts['sandbox-network'], entries: [{ cidr: '192.0.2.0/24' }] });
    expect(lists.get(ids.own as `pl-${string}`)).not.toHaveProperty('entriesSkipped');
    const s3 = lists.get(ids.s3 as `pl-${string}`);
    expect(s3).toMatchObject({ awsManaged: true, accountId: accounts['sandbox-prod'] });
    expect(s3?.entries.length).toBeGreaterThan(0);
    expect(s3).not.toHaveProperty('entriesSkipped');
    expect(lists.get(ids.dynamodb as `pl-${string}`)?.entries.length).toBeGreaterThan(0);
  });

  it('lists an AWS-managed list nothing names without its entries, marked as skipped', async () => {
    // Only the network account: nothing of it names either AWS-managed list.
    const r = await runDiscovery({ profiles: ['sandbox-network'], regions: ['us-east-1'] }, { ...deps, limits: { scanThreads: 0 } });
    if (!r.ok) throw new Error(r.error.message);
    const aws = r.value.topology.prefixLists.filter((l) => l.awsManaged);
    expect(aws.map((l) => l.id).sort()).toEqual([ids.s3, ids.dynamodb].sort());
    expect(aws.map((l) => [l.entries, l.entriesSkipped])).toEqual([
      [[], true],
      [[], true],
    ]);
  });

  it('finds on worker threads exactly what the calling thread finds', async () => {
    const here = await scan(0, {});
    const threaded = await scan(2, {});
    expect(threaded).toEqual(here);
  }, 60_000);
});
