/** STS: GetCallerIdentity and AssumeRole (Query protocol, `Version=2011-06-15`).
 *
 * AssumeRole into `arn:aws:iam::<account>:role/<name>` of any account in the world returns
 * temporary keys (`ASIA…` plus a session token) that act in that account, as on AWS and as moto
 * does it; roles and trust policies are not modelled. Shapes from the STS API reference
 * (`AssumeRoleResult` → `Credentials`, `AssumedRoleUser`; `GetCallerIdentityResult` → `Arn`,
 * `UserId`, `Account`).
 */
import { createHash, randomBytes } from 'node:crypto';

import { AwsError } from '../errors';
import type { FaultInjector } from '../faults';
import type { SessionRec } from '../state/records';
import type { KeyEntry, World } from '../state/world';
import { escapeXml } from '../wire/xml-encode';

/** STS API version. */
export const STS_API_VERSION = '2011-06-15';
const NS = 'https://sts.amazonaws.com/doc/2011-06-15/';

function idOf(prefix: string, seed: string): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  const hash = createHash('sha256').update(seed).digest();
  let out = prefix;
  for (let i = 0; out.length < 20; i++) out += alphabet[(hash[i] ?? 0) % alphabet.length];
  return out;
}

/** The ARN and user id of a key's identity. */
export function identityOf(entry: KeyEntry): { arn: string; userId: string } {
  if (entry.session) return { arn: entry.session.arn, userId: entry.session.userId };
  const user = entry.account?.userName ?? 'sandbox';
  return { arn: `arn:aws:iam::${entry.accountId}:user/${user}`, userId: idOf('AIDA', `${entry.accountId}/${user}`) };
}

function wrap(action: string, requestId: string, body: string): string {
  return (
    `<${action}Response xmlns="${NS}"><${action}Result>${body}</${action}Result>` +
    `<ResponseMetadata><RequestId>${escapeXml(requestId)}</RequestId></ResponseMetadata></${action}Response>`
  );
}

/** The STS error envelope. */
export function encodeStsError(code: string, message: string, requestId: string, type: 'Sender' | 'Receiver' = 'Sender'): string {
  return (
    `<ErrorResponse xmlns="${NS}"><Error><Type>${type}</Type><Code>${escapeXml(code)}</Code>` +
    `<Message>${escapeXml(message)}</Message></Error><RequestId>${escapeXml(requestId)}</RequestId></ErrorResponse>`
  );
}

/** Answers one STS action; throws AwsError for bad requests. */
export function runStsAction(
  world: World,
  faults: FaultInjector,
  caller: KeyEntry,
  params: ReadonlyMap<string, string>,
  requestId: string,
): string {
  const action = params.get('Action') ?? '';
  if (action === 'GetCallerIdentity') {
    const { arn, userId } = identityOf(caller);
    return wrap(action, requestId, `<Arn>${escapeXml(arn)}</Arn><UserId>${escapeXml(userId)}</UserId><Account>${caller.accountId}</Account>`);
  }
  if (action === 'AssumeRole') {
    const roleArn = params.get('RoleArn');
    const sessionName = params.get('RoleSessionName');
    if (!roleArn) throw new AwsError('MissingParameter', 'The request must contain the parameter RoleArn', 400);
    if (!sessionName) throw new AwsError('MissingParameter', 'The request must contain the parameter RoleSessionName', 400);
    if (!/^[\w+=,.@-]{2,64}$/.test(sessionName)) {
      throw new AwsError(
        'ValidationError',
        `1 validation error detected: Value '${sessionName}' at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*`,
      );
    }
    const m = /^arn:aws:iam::(\d{12}):role\/(?:[\w+=,.@-]+\/)*([\w+=,.@-]+)$/.exec(roleArn);
    if (!m) throw new AwsError('ValidationError', `${roleArn} is invalid`);
    const accountId = m[1] as string;
    const roleName = m[2] as string;
    const { arn: callerArn } = identityOf(caller);
    if (!world.accounts.has(accountId)) {
      throw new AwsError('AccessDenied', `User: ${callerArn} is not authorized to perform: sts:AssumeRole on resource: ${roleArn}`, 403);
    }
    const durationText = params.get('DurationSeconds');
    const duration = durationText === undefined ? 3600 : Number(durationText);
    if (!Number.isInteger(duration) || duration < 900 || duration > 43200) {
      throw new AwsError(
        'ValidationError',
        `1 validation error detected: Value '${durationText ?? ''}' at 'durationSeconds' failed to satisfy constraint: Member must have value between 900 and 43200`,
      );
    }
    const now = world.now();
    const roleId = idOf('AROA', `${accountId}/${roleName}`);
    const session: SessionRec = {
      accessKeyId: `ASIA${randomBytes(8).toString('hex').toUpperCase()}`,
      secretAccessKey: randomBytes(30).toString('base64'),
      sessionToken: `sbx/${randomBytes(48).toString('base64')}`,
      accountId,
      arn: `arn:aws:sts::${accountId}:assumed-role/${roleName}/${sessionName}`,
      userId: `${roleId}:${sessionName}`,
      expiresAt: now + faults.sessionDurationMs(duration * 1000),
    };
    world.addSession(session);
    const body =
      `<AssumedRoleUser><AssumedRoleId>${escapeXml(session.userId)}</AssumedRoleId><Arn>${escapeXml(session.arn)}</Arn></AssumedRoleUser>` +
      `<Credentials><AccessKeyId>${session.accessKeyId}</AccessKeyId><SecretAccessKey>${escapeXml(session.secretAccessKey)}</SecretAccessKey>` +
      `<SessionToken>${escapeXml(session.sessionToken)}</SessionToken><Expiration>${new Date(session.expiresAt).toISOString()}</Expiration></Credentials>`;
    return wrap(action, requestId, body);
  }
  if (!action) throw new AwsError('MissingAction', 'The request must contain the parameter Action', 400);
  throw new AwsError('InvalidAction', `Could not find operation ${action} for version ${STS_API_VERSION}; the sandbox cloud serves GetCallerIdentity and AssumeRole.`, 400);
}
