/** The wire: SigV4 authentication, the EC2 error envelope, request ids, and bad requests that must get
 * AWS's errors, never a crash, a hang or a stack trace. */
import { DescribeRegionsCommand, DescribeVpcsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { GetResourceSharesCommand, ListPermissionsCommand, RAMClient } from '@aws-sdk/client-ram';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startSandbox, type SandboxHandle } from '../src/testing/start-sandbox';
import { awsError, credentialsOf, ec2, ram } from './clients';

let sb: SandboxHandle;

beforeAll(async () => {
  sb = await startSandbox({ scenario: 'demo' });
});
afterAll(async () => sb.stop());

/** Sends `body` as the form body of a properly signed EC2 request (the SDK signs what we give it). */
async function signedRaw(body: string, who = 'sandbox-network', region = 'us-east-1', parseAs?: DescribeVpcsCommand): Promise<unknown> {
  const client = ec2(sb, who, region);
  client.middlewareStack.add(
    (next) => async (args) => {
      (args.request as { body: string; headers: Record<string, string> }).body = body;
      (args.request as { headers: Record<string, string> }).headers['content-length'] = String(Buffer.byteLength(body));
      return next(args);
    },
    { step: 'build', name: 'replaceBody' },
  );
  return parseAs ? client.send(parseAs) : client.send(new DescribeRegionsCommand({}));
}

describe('authentication', () => {
  it('answers an unsigned request with MissingAuthenticationToken in the EC2 envelope and a request id header', async () => {
    const res = await fetch(sb.endpoint, { method: 'POST', body: 'Action=DescribeVpcs&Version=2016-11-15', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(res.status).toBe(403);
    const id = res.headers.get('x-amzn-requestid');
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    const xml = await res.text();
    expect(xml).toContain('<Response><Errors><Error><Code>MissingAuthenticationToken</Code>');
    expect(xml).toContain(`<RequestID>${id}</RequestID>`);
  });

  it('answers a malformed Authorization header with IncompleteSignature', async () => {
    const res = await fetch(sb.endpoint, { method: 'POST', body: 'Action=DescribeVpcs&Version=2016-11-15', headers: { authorization: 'Bearer nope' } });
    expect(res.status).toBe(403);
    expect(await res.text()).toContain('<Code>IncompleteSignature</Code>');
  });

  it('refuses unknown keys as EC2 and STS do', async () => {
    const creds = { accessKeyId: 'AKIAUNKNOWNUNKNOWN00', secretAccessKey: 'x'.repeat(40) };
    const e = await awsError(new EC2Client({ endpoint: sb.endpoint, region: 'us-east-1', credentials: creds, maxAttempts: 1 }).send(new DescribeVpcsCommand({})));
    expect(e).toMatchObject({ code: 'AuthFailure', status: 401, message: 'AWS was not able to validate the provided access credentials' });
    const s = await awsError(new STSClient({ endpoint: sb.endpoint, region: 'us-east-1', credentials: creds, maxAttempts: 1 }).send(new GetCallerIdentityCommand({})));
    expect(s).toMatchObject({ code: 'InvalidClientTokenId', status: 403 });
  });

  it('refuses a wrong secret with SignatureDoesNotMatch', async () => {
    const { accessKeyId } = credentialsOf(sb, 'sandbox-prod');
    const client = new EC2Client({ endpoint: sb.endpoint, region: 'us-east-1', credentials: { accessKeyId, secretAccessKey: 'wrong'.repeat(8) }, maxAttempts: 1 });
    const e = await awsError(client.send(new DescribeVpcsCommand({})));
    expect(e.code).toBe('SignatureDoesNotMatch');
    expect(e.status).toBe(403);
    expect(e.message).toContain('The request signature we calculated does not match the signature you provided');
  });

  it('refuses a body changed after signing', async () => {
    const client = ec2(sb, 'sandbox-prod');
    client.middlewareStack.add(
      (next) => async (args) => {
        (args.request as { body: string }).body = 'Action=DescribeVpcs&Version=2016-11-15&MaxResults=6';
        return next(args);
      },
      { step: 'deserialize', name: 'tamper' },
    );
    expect((await awsError(client.send(new DescribeVpcsCommand({ MaxResults: 5 })))).code).toBe('SignatureDoesNotMatch');
  });

  it('passes the request id to the SDK', async () => {
    const out = await ec2(sb, 'sandbox-prod').send(new DescribeVpcsCommand({}));
    expect(out.$metadata.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(out.$metadata.httpStatusCode).toBe(200);
  });
});

describe('RAM (REST-JSON)', () => {
  it('answers errors as the exception name in x-amzn-ErrorType with a JSON message, and passes the request id', async () => {
    const client = ram(sb, 'sandbox-prod');
    const seen: Record<string, string>[] = [];
    // Inside the deserializer: the raw answer, before the SDK parses it.
    client.middlewareStack.add(
      (next) => async (args) => {
        const out = await next(args);
        seen.push((out.response as { headers: Record<string, string> }).headers);
        return out;
      },
      { step: 'deserialize', name: 'seeHeaders', priority: 'low' },
    );
    const ok = await client.send(new GetResourceSharesCommand({ resourceOwner: 'SELF' }));
    expect(ok.$metadata.requestId).toMatch(/^[0-9a-f-]{36}$/);
    const e = await awsError(client.send(new GetResourceSharesCommand({ resourceOwner: 'NOBODY' as 'SELF' })));
    expect(e).toMatchObject({ code: 'InvalidParameterException', status: 400, message: 'NOBODY is not a valid resource owner. Specify either SELF or OTHER-ACCOUNTS and try again.' });
    expect(e.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(seen.map((h) => [h['content-type'], h['x-amzn-errortype']])).toEqual([
      ['application/json', undefined],
      ['application/json', 'InvalidParameterException'],
    ]);
    const unknown = await awsError(client.send(new ListPermissionsCommand({})));
    expect(unknown).toMatchObject({ code: 'UnknownOperationException', status: 404 });
    expect(unknown.message).toContain('CreateResourceShare');
  });

  it("refuses unknown keys and wrong secrets in RAM's words", async () => {
    const creds = { accessKeyId: 'AKIAUNKNOWNUNKNOWN00', secretAccessKey: 'x'.repeat(40) };
    const unknown = await awsError(new RAMClient({ endpoint: sb.endpoint, region: 'us-east-1', credentials: creds, maxAttempts: 1 }).send(new GetResourceSharesCommand({ resourceOwner: 'SELF' })));
    expect(unknown).toMatchObject({ code: 'UnrecognizedClientException', status: 403 });
    const { accessKeyId } = credentialsOf(sb, 'sandbox-prod');
    const wrong = new RAMClient({ endpoint: sb.endpoint, region: 'us-east-1', credentials: { accessKeyId, secretAccessKey: 'wrong'.repeat(8) }, maxAttempts: 1 });
    expect(await awsError(wrong.send(new GetResourceSharesCommand({ resourceOwner: 'SELF' })))).toMatchObject({ code: 'InvalidSignatureException', status: 403 });
  });
});

describe('bad requests get AWS errors', () => {
  it('InvalidAction for an unknown action, MissingAction without one', async () => {
    const e = await awsError(signedRaw('Action=LaunchRockets&Version=2016-11-15'));
    expect(e).toMatchObject({ code: 'InvalidAction', status: 400 });
    expect(e.message).toContain('LaunchRockets');
    expect((await awsError(signedRaw('Version=2016-11-15'))).code).toBe('MissingAction');
  });

  it('MissingParameter without Version, NoSuchVersion for another one', async () => {
    expect((await awsError(signedRaw('Action=DescribeVpcs'))).code).toBe('MissingParameter');
    expect((await awsError(signedRaw('Action=DescribeVpcs&Version=2014-01-01'))).code).toBe('NoSuchVersion');
  });

  it('UnknownParameter for a parameter the action does not take', async () => {
    const e = await awsError(signedRaw('Action=DescribeVpcs&Version=2016-11-15&Colour=blue'));
    expect(e).toMatchObject({ code: 'UnknownParameter', message: 'The parameter Colour is not recognized' });
    expect((await awsError(signedRaw('Action=DescribeVpcs&Version=2016-11-15&Filter.1.Nmae=vpc-id'))).code).toBe('UnknownParameter');
  });

  it('InvalidParameterValue for values of the wrong type', async () => {
    expect((await awsError(signedRaw('Action=DescribeVpcs&Version=2016-11-15&MaxResults=lots'))).code).toBe('InvalidParameterValue');
    expect((await awsError(signedRaw('Action=DescribeVpcs&Version=2016-11-15&DryRun=maybe'))).code).toBe('InvalidParameterValue');
    expect((await awsError(signedRaw('Action=DescribeVpcs&Version=2016-11-15&VpcId.x=vpc-1'))).code).toBe('InvalidParameterValue');
    expect((await awsError(signedRaw('Action=CreateVpc&Version=2016-11-15&CidrBlock=10.0.0.0/16&InstanceTenancy=shared'))).code).toBe('InvalidParameterValue');
  });

  it('MissingParameter for a required parameter', async () => {
    const e = await awsError(signedRaw('Action=DeleteVpc&Version=2016-11-15'));
    expect(e).toMatchObject({ code: 'MissingParameter', message: 'The request must contain the parameter VpcId' });
  });

  it('decodes lists and filters in any order of their indexes', async () => {
    const out = (await signedRaw(
      'Action=DescribeVpcs&Version=2016-11-15&Filter.2.Name=tag:Name&Filter.2.Value.1=shared-services&Filter.1.Name=cidr&Filter.1.Value.2=10.0.0.0/16&Filter.1.Value.1=1.2.3.0/24',
      'sandbox-network',
      'us-east-1',
      new DescribeVpcsCommand({}),
    )) as { Vpcs?: { CidrBlock?: string }[] };
    expect(out.Vpcs?.map((v) => v.CidrBlock)).toEqual(['10.0.0.0/16']);
  });

  it('never answers with a stack trace or a 500, whatever the parameters', async () => {
    const actions = ['DescribeVpcs', 'CreateVpc', 'CreateRoute', 'AuthorizeSecurityGroupIngress', 'CreateVpcPeeringConnection', 'DeleteTags', 'CreateSubnet'];
    const key = fc.constantFrom('VpcId', 'VpcId.1', 'CidrBlock', 'Filter.1.Name', 'Filter.1.Value.1', 'MaxResults', 'NextToken', 'RouteTableId', 'DestinationCidrBlock', 'GroupId', 'IpPermissions.1.IpProtocol', 'IpPermissions.1.FromPort', 'PeerVpcId', 'Resources.1', 'Tags.1.Key', 'TagSpecification.1.ResourceType', 'DryRun');
    const value = fc.oneof(fc.string({ maxLength: 30 }), fc.constantFrom('vpc-0123456789abcdef0', '10.0.0.0/16', '-1', '999999999999', 'true', '', 'pcx-', '::/0'));
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...actions), fc.dictionary(key, value, { maxKeys: 5 }), async (action, params) => {
        const body = new URLSearchParams({ Action: action, Version: '2016-11-15', ...params }).toString();
        try {
          await signedRaw(body, 'sandbox-dev');
        } catch (e) {
          const err = e as { name: string; message: string; $metadata?: { httpStatusCode?: number } };
          expect(err.$metadata?.httpStatusCode ?? 0).toBeLessThan(500);
          expect(err.message).not.toMatch(/\bat .*\.ts:\d+/);
        }
      }),
      { numRuns: 120, seed: 42 },
    );
  });

  it('answers other HTTP methods and oversized bodies with errors, not hangs', async () => {
    const put = await fetch(sb.endpoint, { method: 'PUT', body: 'x' });
    expect(put.status).toBe(400);
    expect(await put.text()).toContain('<Code>InvalidAction</Code>');
    const big = await fetch(sb.endpoint, { method: 'POST', body: 'A'.repeat(2 * 1024 * 1024) }).catch(() => undefined);
    if (big) expect(big.status).toBe(413);
  });

  it('serves many concurrent clients', async () => {
    const c = ec2(sb, 'sandbox-network');
    const results = await Promise.all(Array.from({ length: 40 }, () => c.send(new DescribeVpcsCommand({}))));
    expect(new Set(results.map((r) => r.Vpcs?.length)).size).toBe(1);
    expect(new Set(results.map((r) => r.$metadata.requestId)).size).toBe(40);
  });
});
