/** Error codes, retry classes and fix sentences for AWS and network failures. */
import { describe, expect, it } from 'vitest';

import { errorCodeOf, explainFailure, isThrottlingError, isTransientError, messageOf, redact } from '../../../electron/aws/aws-errors';

const sdkError = (name: string, status: number, message = name) => Object.assign(new Error(message), { name, $metadata: { httpStatusCode: status } });

describe('aws-errors', () => {
  it('takes the code from SDK service errors and from network errors', () => {
    expect(errorCodeOf(sdkError('OptInRequired', 401))).toBe('OptInRequired');
    expect(errorCodeOf(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' }))).toBe('ECONNREFUSED');
    expect(errorCodeOf(Object.assign(new Error('wrapped'), { cause: sdkError('Throttling', 400) }))).toBe('Throttling');
    expect(errorCodeOf('weird')).toBe('Error');
  });

  it('retries throttling and server trouble, not permission problems', () => {
    expect(isThrottlingError(sdkError('RequestLimitExceeded', 503))).toBe(true);
    expect(isThrottlingError(sdkError('Whatever', 429))).toBe(true);
    expect(isTransientError(sdkError('InternalError', 500))).toBe(true);
    expect(isTransientError(sdkError('UnauthorizedOperation', 403))).toBe(false);
  });

  it('never repeats an access key id from an SDK message', () => {
    expect(redact('The key AKIAIOSFODNN7EXAMPLE is bad')).toBe('The key AKIA… is bad');
    expect(messageOf(sdkError('InvalidClientTokenId', 403, 'key ASIAZZZZZZZZZZZZZZZZ\nrejected'))).toBe('key ASIA… rejected');
  });

  it('says what to do for each kind of failure', () => {
    expect(explainFailure(sdkError('UnauthorizedOperation', 403), { profile: 'p', region: 'eu-west-1', action: 'ec2:DescribeVpcs' }).message).toBe(
      'Profile "p" may not call ec2:DescribeVpcs in eu-west-1 (UnauthorizedOperation): grant it read access to EC2 (for example the AWS managed policy ReadOnlyAccess or AmazonEC2ReadOnlyAccess), or scan this account with another profile.',
    );
    expect(explainFailure(sdkError('ExpiredToken', 400), { profile: 'p' }).message).toContain('aws sso login --profile p');
    // No answer at all: the service is named, with its endpoint (the profile's, or AWS's regional one).
    expect(explainFailure(Object.assign(new Error('socket timed out'), { name: 'TimeoutError' }), { profile: 'p', region: 'eu-west-1', action: 'sts:GetCallerIdentity', attempts: 2, timeoutMs: 5012 })).toEqual({
      errorCode: 'Timeout',
      message:
        'STS at https://sts.eu-west-1.amazonaws.com did not answer sts:GetCallerIdentity for profile "p" in eu-west-1 (no answer within 5 s, 2 attempts): check the network, a proxy or a firewall, then scan again.',
    });
    expect(explainFailure(Object.assign(new Error('x'), { name: 'Timeout' }), { profile: 'p', region: 'cn-north-1', action: 'ec2:DescribeVpcs', endpoint: 'http://10.0.0.9:4566', attempts: 2, timeoutMs: 13_400 }).message).toMatch(
      /^EC2 at http:\/\/10\.0\.0\.9:4566 did not answer ec2:DescribeVpcs for profile "p" in cn-north-1 \(no answer within 13 s, 2 attempts\): check the profile's endpoint_url/,
    );
    expect(explainFailure(sdkError('Mystery', 400, 'odd'), { profile: 'p', action: 'ec2:DescribeVpcs' }).message).toBe(
      'AWS answered ec2:DescribeVpcs for profile "p" with Mystery (odd): check the profile\'s permissions and settings, then scan again.',
    );
  });
});
