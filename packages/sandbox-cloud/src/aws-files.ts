/** Writes an AWS `config` + `credentials` pair with one profile per sandbox account.
 *
 * Each profile sets `region` and `endpoint_url` (honoured by AWS CLI ≥ 2.13, botocore ≥ 1.31 and
 * the JS SDK for the profile named by AWS_PROFILE; Debian's AWS CLI 2.9 ignores it, hence the
 * `--endpoint-url` in the printed command; the repository's docs/toolchain.md has the details).
 */
import { chmod, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** One profile to write. */
export interface ProfileSpec {
  readonly profile: string;
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly region: string;
}

/** Writes `config` and `credentials` into `dir` (created if needed); returns their paths. */
export async function writeAwsFiles(
  dir: string,
  endpoint: string,
  profiles: readonly ProfileSpec[],
): Promise<{ configFile: string; credentialsFile: string }> {
  await mkdir(dir, { recursive: true });
  const configFile = join(dir, 'config');
  const credentialsFile = join(dir, 'credentials');
  const config = profiles
    .map((p) => `[profile ${p.profile}]\nregion = ${p.region}\noutput = json\nendpoint_url = ${endpoint}\n`)
    .join('\n');
  const credentials = profiles
    .map((p) => `[${p.profile}]\naws_access_key_id = ${p.accessKeyId}\naws_secret_access_key = ${p.secretAccessKey}\n`)
    .join('\n');
  await writeFile(configFile, `# Peerscape sandbox cloud at ${endpoint}\n${config}`, 'utf8');
  await writeFile(credentialsFile, `# Peerscape sandbox cloud keys (not AWS keys)\n${credentials}`, { encoding: 'utf8', mode: 0o600 });
  await chmod(credentialsFile, 0o600);
  return { configFile, credentialsFile };
}

/** The ready-to-paste AWS CLI command for one profile. */
export function awsCliExample(files: { configFile: string; credentialsFile: string }, profile: string, endpoint: string): string {
  return `AWS_CONFIG_FILE=${files.configFile} AWS_SHARED_CREDENTIALS_FILE=${files.credentialsFile} /usr/bin/aws ec2 describe-vpcs --profile ${profile} --endpoint-url ${endpoint}`;
}
