/** Decoding EC2 Query parameters with botocore's model: names, lists, structures, types, errors. */
import { describe, expect, it } from 'vitest';

import { AwsError } from '../../src/errors';
import { decodeQueryInput } from '../../src/wire/query-decode';

const params = (o: Record<string, string>): Map<string, string> => new Map(Object.entries({ Action: 'X', Version: '2016-11-15', ...o }));

function errorOf(fn: () => unknown): { code: string; message: string } {
  try {
    fn();
  } catch (e) {
    if (e instanceof AwsError) return { code: e.code, message: e.message };
    throw e;
  }
  throw new Error('no error');
}

describe('decodeQueryInput', () => {
  it('decodes lists, filters and structures into SDK member names', () => {
    const input = decodeQueryInput(
      'DescribeVpcsRequest',
      params({ 'VpcId.2': 'vpc-b', 'VpcId.1': 'vpc-a', 'Filter.1.Name': 'tag:Name', 'Filter.1.Value.1': 'x', 'Filter.1.Value.2': 'y', MaxResults: '5', DryRun: 'false' }),
    );
    expect(input).toEqual({ VpcIds: ['vpc-a', 'vpc-b'], Filters: [{ Name: 'tag:Name', Values: ['x', 'y'] }], MaxResults: 5, DryRun: false });
  });

  it('uses locationName-derived names (TagSpecification.1.Tag.1.Key) and nested booleans', () => {
    const input = decodeQueryInput(
      'ModifyVpcPeeringConnectionOptionsRequest',
      params({ VpcPeeringConnectionId: 'pcx-1', 'RequesterPeeringConnectionOptions.AllowDnsResolutionFromRemoteVpc': 'true' }),
    );
    expect(input).toEqual({ VpcPeeringConnectionId: 'pcx-1', RequesterPeeringConnectionOptions: { AllowDnsResolutionFromRemoteVpc: true } });
    const tags = decodeQueryInput('CreateVpcRequest', params({ CidrBlock: '10.0.0.0/16', 'TagSpecification.1.ResourceType': 'vpc', 'TagSpecification.1.Tag.1.Key': 'Name', 'TagSpecification.1.Tag.1.Value': 'a' }));
    expect(tags).toEqual({ CidrBlock: '10.0.0.0/16', TagSpecifications: [{ ResourceType: 'vpc', Tags: [{ Key: 'Name', Value: 'a' }] }] });
  });

  it('names unknown, missing and badly typed parameters as EC2 does', () => {
    expect(errorOf(() => decodeQueryInput('DescribeVpcsRequest', params({ Bogus: '1' })))).toEqual({ code: 'UnknownParameter', message: 'The parameter Bogus is not recognized' });
    expect(errorOf(() => decodeQueryInput('DeleteVpcRequest', params({})))).toEqual({ code: 'MissingParameter', message: 'The request must contain the parameter VpcId' });
    expect(errorOf(() => decodeQueryInput('DescribeVpcsRequest', params({ MaxResults: '3' }))).code).toBe('InvalidParameterValue');
    expect(errorOf(() => decodeQueryInput('DescribeVpcsRequest', params({ 'VpcId.0': 'vpc-a' }))).code).toBe('InvalidParameterValue');
    expect(errorOf(() => decodeQueryInput('CreateVpcRequest', params({ CidrBlock: '10.0.0.0/16', InstanceTenancy: 'shared' }))).message).toContain('default, dedicated, host');
  });
});
