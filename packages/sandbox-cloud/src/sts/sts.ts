/** STS: GetCallerIdentity and AssumeRole (Query protocol, `Version=2011-06-15`).
 *
 * AssumeRole into a role of an account in the world returns temporary keys (`ASIA…` plus a
 * session token) that act in that account, once the role exists, its trust policy names the
 * caller, the ExternalId its condition requires matches, the duration fits the role's
 * MaxSessionDuration (and one hour when the caller is itself a role session: role chaining), no
 * policy denies `sts:AssumeRole` and STS is active in the signing region for the role's account.
 * Shapes from the STS API reference
 * (`AssumeRoleResult` → `Credentials`, `AssumedRoleUser`; `GetCallerIdentityResult` → `Arn`,
 * `UserId`, `Account`).
 */
import { createHash, randomBytes } from 'node:crypto';

import { AwsError } from '../errors';
import type { FaultInjector } from '../faults';
import { deniedError, policyDenial } from '../policy';
import { isKnownRegion, isOptInRegion } from '../regions';
import type { RoleRec, SessionRec } from '../state/records';
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

/** Temporary credentials acting as `role` in its account, registered with the world. */
export function issueSession(world: World, role: RoleRec, accountId: string, sessionName: string, lifetimeMs: number): SessionRec {
  const session: SessionRec = {
    accessKeyId: `ASIA${randomBytes(8).toString('hex').toUpperCase()}`,
    secretAccessKey: randomBytes(30).toString('base64'),
    sessionToken: `sbx/${randomBytes(48).toString('base64')}`,
    accountId,
    arn: `arn:aws:sts::${accountId}:assumed-role/${role.name}/${sessionName}`,
    userId: `${role.roleId}:${sessionName}`,
    expiresAt: world.now() + lifetimeMs,
    roleArn: role.arn,
  };
  world.addSession(session);
  return session;
}

/** The role id AWS would show for a role (`AROA…`, stable per account and name). */
export function roleIdOf(accountId: string, roleName: string): string {
  return idOf('AROA', `${accountId}/${roleName}`);
}

/** True when the trust policy's principals include the caller: its account (the account's
 * root), its user ARN, or the role its session acts as. */
function trusts(role: RoleRec, caller: KeyEntry, callerArn: string): boolean {
  return role.trust.some(
    (p) =>
      p === caller.accountId ||
      p === `arn:aws:iam::${caller.accountId}:root` ||
      p === callerArn ||
      (caller.session?.roleArn !== undefined && p === caller.session.roleArn),
  );
}

/** AssumeRole's checks, in AWS's order, then the new session. */
function assumeRole(world: World, faults: FaultInjector, caller: KeyEntry, params: ReadonlyMap<string, string>, region: string): { session: SessionRec } {
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
  const m = /^arn:aws:iam::(\d{12}):role\/((?:[\w+=,.@-]+\/)*)([\w+=,.@-]+)$/.exec(roleArn);
  if (!m) throw new AwsError('ValidationError', `${roleArn} is invalid`);
  const accountId = m[1] as string;
  const path = `/${m[2] ?? ''}`;
  const roleName = m[3] as string;
  const durationText = params.get('DurationSeconds');
  const duration = durationText === undefined ? 3600 : Number(durationText);
  if (!Number.isInteger(duration) || duration < 900 || duration > 43200) {
    throw new AwsError(
      'ValidationError',
      `1 validation error detected: Value '${durationText ?? ''}' at 'durationSeconds' failed to satisfy constraint: Member must have value between 900 and 43200`,
    );
  }
  const externalId = params.get('ExternalId');
  if (externalId !== undefined && !/^[\w+=,.@:/-]{2,1224}$/.test(externalId)) {
    const constraint = externalId.length < 2 || externalId.length > 1224 ? 'Member must have length between 2 and 1224' : 'Member must satisfy regular expression pattern: [\\w+=,.@:\\/-]*';
    throw new AwsError('ValidationError', `1 validation error detected: Value '${externalId}' at 'externalId' failed to satisfy constraint: ${constraint}`);
  }
  const { arn: callerArn } = identityOf(caller);
  const denied = policyDenial(world, faults, caller.accountId, region, 'sts:AssumeRole');
  if (denied) throw deniedError(denied, callerArn, 'sts:AssumeRole', roleArn);
  const role = world.accounts.get(accountId)?.roles?.find((r) => r.name === roleName && r.path === path);
  // A missing role, a trust policy without the caller and a wrong or missing ExternalId all
  // read the same to the caller, as on AWS.
  if (!role || !trusts(role, caller, callerArn) || (role.externalId !== undefined && externalId !== role.externalId)) {
    throw new AwsError('AccessDenied', `User: ${callerArn} is not authorized to perform: sts:AssumeRole on resource: ${roleArn}`, 403);
  }
  if (world.accounts.get(accountId)?.stsDisabledRegions?.includes(region)) {
    throw new AwsError(
      'RegionDisabledException',
      `STS is not activated in this region for account:${accountId}. Your account administrator can activate STS in this region using the IAM Console.`,
      403,
    );
  }
  if (caller.session && duration > 3600) {
    throw new AwsError('ValidationError', 'The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.');
  }
  if (duration > role.maxSessionDuration) {
    throw new AwsError('ValidationError', 'The requested DurationSeconds exceeds the MaxSessionDuration set for this role.');
  }
  return { session: issueSession(world, role, accountId, sessionName, faults.sessionDurationMs(duration * 1000)) };
}

/** Answers one STS action signed for `region`; throws AwsError for bad requests. */
export function runStsAction(
  world: World,
  faults: FaultInjector,
  caller: KeyEntry,
  params: ReadonlyMap<string, string>,
  requestId: string,
  region: string,
): string {
  const action = params.get('Action') ?? '';
  // Regional endpoints: STS answers from the signing region, which the caller's account must be
  // able to use; elsewhere it does not know the credentials (as EC2 there does not).
  const account = world.accounts.get(caller.accountId);
  if (!isKnownRegion(region) || (isOptInRegion(region) && !account?.optInRegions.includes(region))) {
    throw new AwsError(
      'InvalidClientTokenId',
      `The security token included in the request is invalid. (region ${region} is not enabled for account ${caller.accountId} in the sandbox cloud)`,
      403,
    );
  }
  if (action === 'GetCallerIdentity') {
    const { arn, userId } = identityOf(caller);
    return wrap(action, requestId, `<Arn>${escapeXml(arn)}</Arn><UserId>${escapeXml(userId)}</UserId><Account>${caller.accountId}</Account>`);
  }
  if (action === 'AssumeRole') {
    const { session } = assumeRole(world, faults, caller, params, region);
    const body =
      `<AssumedRoleUser><AssumedRoleId>${escapeXml(session.userId)}</AssumedRoleId><Arn>${escapeXml(session.arn)}</Arn></AssumedRoleUser>` +
      `<Credentials><AccessKeyId>${session.accessKeyId}</AccessKeyId><SecretAccessKey>${escapeXml(session.secretAccessKey)}</SecretAccessKey>` +
      `<SessionToken>${escapeXml(session.sessionToken)}</SessionToken><Expiration>${new Date(session.expiresAt).toISOString()}</Expiration></Credentials>`;
    return wrap(action, requestId, body);
  }
  if (!action) throw new AwsError('MissingAction', 'The request must contain the parameter Action', 400);
  throw new AwsError('InvalidAction', `Could not find operation ${action} for version ${STS_API_VERSION}; the sandbox cloud serves GetCallerIdentity and AssumeRole.`, 400);
}
