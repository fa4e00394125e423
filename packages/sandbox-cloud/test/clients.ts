/** Real AWS SDK clients pointed at a test sandbox, and a helper to read AWS errors. */
import { EC2Client, type EC2ClientConfig } from '@aws-sdk/client-ec2';
import { IAMClient } from '@aws-sdk/client-iam';
import { OrganizationsClient } from '@aws-sdk/client-organizations';
import { RAMClient } from '@aws-sdk/client-ram';
import { STSClient } from '@aws-sdk/client-sts';

import type { SandboxHandle } from '../src/testing/start-sandbox';

/** Credentials of a sandbox account, by profile or account id. */
export function credentialsOf(sb: SandboxHandle, who: string): { accessKeyId: string; secretAccessKey: string } {
  const a = sb.accounts.find((x) => x.profile === who || x.accountId === who);
  if (!a) throw new Error(`no sandbox account ${who}`);
  return { accessKeyId: a.accessKeyId, secretAccessKey: a.secretAccessKey };
}

/** An EC2 client acting as `who` in `region`, without retries unless asked (errors come back at once). */
export function ec2(sb: SandboxHandle, who: string, region = 'us-east-1', extra: Partial<EC2ClientConfig> = {}): EC2Client {
  return new EC2Client({ endpoint: sb.endpoint, region, credentials: credentialsOf(sb, who), maxAttempts: 1, ...extra });
}

/** A RAM client acting as `who` in `region`, without retries. */
export function ram(sb: SandboxHandle, who: string, region = 'us-east-1'): RAMClient {
  return new RAMClient({ endpoint: sb.endpoint, region, credentials: credentialsOf(sb, who), maxAttempts: 1 });
}

/** An STS client acting as `who`. */
export function sts(sb: SandboxHandle, who: string, region = 'us-east-1'): STSClient {
  return new STSClient({ endpoint: sb.endpoint, region, credentials: credentialsOf(sb, who), maxAttempts: 1 });
}

/** An Organizations client acting as `who` (a global service: us-east-1), without retries. */
export function organizations(sb: SandboxHandle, who: string): OrganizationsClient {
  return new OrganizationsClient({ endpoint: sb.endpoint, region: 'us-east-1', credentials: credentialsOf(sb, who), maxAttempts: 1 });
}

/** An IAM client acting as `who` (a global service: us-east-1), without retries. */
export function iam(sb: SandboxHandle, who: string): IAMClient {
  return new IAMClient({ endpoint: sb.endpoint, region: 'us-east-1', credentials: credentialsOf(sb, who), maxAttempts: 1 });
}

/** What an AWS error looked like to the SDK. */
export interface SeenError {
  readonly code: string;
  readonly message: string;
  readonly status: number | undefined;
  readonly requestId: string | undefined;
}

/** Awaits a call that must fail and returns its AWS error (fails the test if it succeeded). */
export async function awsError(p: Promise<unknown>): Promise<SeenError> {
  try {
    await p;
  } catch (e) {
    const err = e as { name: string; message: string; $metadata?: { httpStatusCode?: number; requestId?: string } };
    return { code: err.name, message: err.message, status: err.$metadata?.httpStatusCode, requestId: err.$metadata?.requestId };
  }
  throw new Error('expected the call to fail, but it succeeded');
}
