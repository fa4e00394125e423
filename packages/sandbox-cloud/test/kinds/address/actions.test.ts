/** Elastic IPs through the real AWS SDK: allocated from Amazon's pool in the region's border
 * group, described by allocation id, public IP and filters, released once unused. */
import {
  AllocateAddressCommand,
  DescribeAddressesCommand,
  DescribeTagsCommand,
  ReleaseAddressCommand,
  type EC2Client,
} from '@aws-sdk/client-ec2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startSandbox, type SandboxHandle } from '../../../src/testing/start-sandbox';
import { awsError, ec2 } from '../../clients';

let sb: SandboxHandle;
let c: EC2Client;

beforeAll(async () => {
  sb = await startSandbox({ scenario: 'empty' });
  c = ec2(sb, 'sandbox-prod', 'eu-west-1');
});
afterAll(async () => sb.stop());

describe('an Elastic IP', () => {
  it('is allocated for VPCs from Amazon\'s pool, in the region\'s border group, with its tags', async () => {
    const out = await c.send(new AllocateAddressCommand({ Domain: 'vpc', TagSpecifications: [{ ResourceType: 'elastic-ip', Tags: [{ Key: 'Name', Value: 'nat-ip' }] }] }));
    expect(out).toMatchObject({
      AllocationId: expect.stringMatching(/^eipalloc-[0-9a-f]{17}$/),
      Domain: 'vpc',
      NetworkBorderGroup: 'eu-west-1',
      PublicIp: expect.stringMatching(/^3\.\d+\.\d+\.\d+$/),
      PublicIpv4Pool: 'amazon',
    });
    const [seen] = (await c.send(new DescribeAddressesCommand({ AllocationIds: [out.AllocationId as string] }))).Addresses ?? [];
    expect(seen).toEqual({
      AllocationId: out.AllocationId,
      Domain: 'vpc',
      NetworkBorderGroup: 'eu-west-1',
      PublicIp: out.PublicIp,
      PublicIpv4Pool: 'amazon',
      Tags: [{ Key: 'Name', Value: 'nat-ip' }],
    });
    const tags = await c.send(new DescribeTagsCommand({ Filters: [{ Name: 'resource-type', Values: ['elastic-ip'] }] }));
    expect(tags.Tags?.map((t) => t.ResourceId)).toEqual([out.AllocationId]);
  });

  it('gets its own public IP each time, found by public IP and filters', async () => {
    const a = await c.send(new AllocateAddressCommand({}));
    const b = await c.send(new AllocateAddressCommand({}));
    expect(a.PublicIp).not.toBe(b.PublicIp);
    const byIp = await c.send(new DescribeAddressesCommand({ PublicIps: [b.PublicIp as string] }));
    expect(byIp.Addresses?.map((x) => x.AllocationId)).toEqual([b.AllocationId]);
    const byFilter = await c.send(new DescribeAddressesCommand({ Filters: [{ Name: 'allocation-id', Values: [a.AllocationId as string] }] }));
    expect(byFilter.Addresses?.map((x) => x.PublicIp)).toEqual([a.PublicIp]);
    const unknownIp = await awsError(c.send(new DescribeAddressesCommand({ PublicIps: ['198.51.100.7'] })));
    expect(unknownIp).toMatchObject({ code: 'InvalidAddress.NotFound', message: "Address '198.51.100.7' not found." });
  });

  it('is released once, then unknown (InvalidAllocationID.NotFound)', async () => {
    const a = (await c.send(new AllocateAddressCommand({}))).AllocationId as string;
    await c.send(new ReleaseAddressCommand({ AllocationId: a }));
    const again = await awsError(c.send(new ReleaseAddressCommand({ AllocationId: a })));
    expect(again).toMatchObject({ code: 'InvalidAllocationID.NotFound', message: `The allocation ID '${a}' does not exist` });
    expect((await awsError(c.send(new DescribeAddressesCommand({ AllocationIds: ['eipalloc-1'] })))).code).toBe('InvalidAllocationID.Malformed');
    expect((await awsError(c.send(new ReleaseAddressCommand({})))).code).toBe('MissingParameter');
  });
});
