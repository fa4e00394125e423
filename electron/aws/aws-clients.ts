/** SDK clients of one discovery run: one per profile, service and region, sharing keep-alive agents.
 *
 * The SDK's own retries are off (`maxAttempts: 1`): the call scheduler owns retries so it can
 * shape them per EC2 throttling bucket. Every client gets the profile's endpoint explicitly
 * (the SDK would otherwise ignore `endpoint_url` of any profile but `AWS_PROFILE`).
 *
 * With `answerTimeouts`, each service's request handler gives up on a connection that does not
 * open, or an open one that stays silent, after that service's answer timeout (the handler's
 * `connectionTimeout` and `socketTimeout`, the latter reset by every byte received, so a long
 * answer that keeps coming is never cut). The scheduler counts such attempts as unanswered.
 */
import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';

import { EC2Client } from '@aws-sdk/client-ec2';
import { IAMClient } from '@aws-sdk/client-iam';
import { STSClient } from '@aws-sdk/client-sts';

import type { ProfileAccess } from './credentials';

/** Makes and caches SDK clients for a run; `close()` frees their sockets. */
export interface AwsClients {
  ec2(access: ProfileAccess, region: string): EC2Client;
  sts(access: ProfileAccess, region: string): STSClient;
  /** IAM is global: `region` only picks the partition (and signing region) of its endpoint. */
  iam(access: ProfileAccess, region: string): IAMClient;
  /** Forget the clients of one access (its profile), in every region: it will not call again. */
  release(access: ProfileAccess): void;
  close(): void;
}

/** How long each service may stay silent (or take to connect) before an attempt is given up. */
export interface AnswerTimeouts {
  readonly stsAnswerTimeoutMs: number;
  readonly ec2AnswerTimeoutMs: number;
}

/** Create the client cache of one run; `maxSockets` should match the scheduler's global cap. */
export function createAwsClients(maxSockets: number, answerTimeouts?: AnswerTimeouts): AwsClients {
  // One pair of agents for every client: sockets are reused across regions that share a host
  // (a sandbox, a VPC endpoint) and the whole pool is closed in one place.
  const httpAgent = new HttpAgent({ keepAlive: true, maxSockets });
  const httpsAgent = new HttpsAgent({ keepAlive: true, maxSockets });
  const ec2Clients = new Map<string, EC2Client>();
  const stsClients = new Map<string, STSClient>();
  const iamClients = new Map<string, IAMClient>();

  const common = (access: ProfileAccess, region: string, endpoint: string | undefined, answerTimeoutMs: number | undefined) => ({
    region,
    credentials: access.credentials,
    maxAttempts: 1,
    requestHandler: { httpAgent, httpsAgent, ...(answerTimeoutMs ? { connectionTimeout: answerTimeoutMs, socketTimeout: answerTimeoutMs } : {}) },
    ...(endpoint ? { endpoint } : {}),
    // Settings the SDK would otherwise look up per client in the environment and in the
    // AWS_PROFILE profile of ~/.aws/config (not the profile being scanned), throwing and catching
    // a ProviderError for each one that is missing: values from the scanned profile, or defaults.
    useFipsEndpoint: access.useFipsEndpoint ?? false,
    useDualstackEndpoint: access.useDualstackEndpoint ?? false,
    retryMode: 'standard',
    defaultsMode: 'standard' as const,
    authSchemePreference: [],
    userAgentAppId: 'peerscape',
  });

  return {
    ec2(access, region) {
      const key = `${access.profile}\u0000${region}`;
      let c = ec2Clients.get(key);
      if (!c) {
        c = new EC2Client(common(access, region, access.endpoints.ec2, answerTimeouts?.ec2AnswerTimeoutMs));
        // The logger middleware walks every response to mask sensitive fields even when nothing
        // is logged (@aws-sdk/core loggerMiddleware): measurable CPU on thousands of calls.
        c.middlewareStack.remove('loggerMiddleware');
        ec2Clients.set(key, c);
      }
      return c;
    },
    sts(access, region) {
      const key = `${access.profile}\u0000${region}`;
      let c = stsClients.get(key);
      if (!c) {
        c = new STSClient(common(access, region, access.endpoints.sts, answerTimeouts?.stsAnswerTimeoutMs));
        c.middlewareStack.remove('loggerMiddleware');
        stsClients.set(key, c);
      }
      return c;
    },
    iam(access, region) {
      const key = `${access.profile}\u0000${region}`;
      let c = iamClients.get(key);
      if (!c) {
        c = new IAMClient(common(access, region, access.endpoints.iam, answerTimeouts?.stsAnswerTimeoutMs));
        c.middlewareStack.remove('loggerMiddleware');
        iamClients.set(key, c);
      }
      return c;
    },
    release(access) {
      const prefix = `${access.profile}\u0000`;
      for (const m of [ec2Clients, stsClients, iamClients] as Map<string, unknown>[]) {
        for (const key of [...m.keys()]) if (key.startsWith(prefix)) m.delete(key);
      }
    },
    close() {
      // Not client.destroy(): it would destroy the shared agents once per client.
      ec2Clients.clear();
      stsClients.clear();
      iamClients.clear();
      httpAgent.destroy();
      httpsAgent.destroy();
    },
  };
}
