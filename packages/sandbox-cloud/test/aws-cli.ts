/** Debian's AWS CLI 2.9 (/usr/bin/aws) against a running sandbox: the config and credentials files
 * of its accounts, and `aws <args>` as one of their profiles with the sandbox as endpoint. */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

import type { SandboxHandle } from '../src/testing/start-sandbox';

const run = promisify(execFile);

/** The CLI's path. */
export const AWS2 = '/usr/bin/aws';

/** True when the CLI is missing and the test may be skipped (never on CI, where its absence fails). */
export const withoutAwsCli = !existsSync(AWS2) && !process.env.CI;

/** What one CLI run gave: its parsed JSON, or its error text. */
export type CliAnswer = { out?: Record<string, unknown>; err?: string };

/** Runs `aws <args>` as `profile` in us-east-1 against `sb`, with AWS files written for its accounts. */
export async function awsCliFor(sb: SandboxHandle, prefix: string): Promise<(profile: string, ...args: string[]) => Promise<CliAnswer>> {
  const files = await sb.writeAwsFiles(await mkdtemp(join(tmpdir(), prefix)));
  const env = { ...process.env, AWS_CONFIG_FILE: files.configFile, AWS_SHARED_CREDENTIALS_FILE: files.credentialsFile, AWS_PAGER: '' };
  return async (profile, ...args) => {
    const argv = [...args, '--profile', profile, '--region', 'us-east-1', '--endpoint-url', sb.endpoint, '--output', 'json'];
    try {
      const { stdout } = await run(AWS2, argv, { env });
      return { out: stdout.trim() ? (JSON.parse(stdout) as Record<string, unknown>) : {} };
    } catch (e) {
      return { err: (e as { stderr: string }).stderr.trim() };
    }
  };
}
