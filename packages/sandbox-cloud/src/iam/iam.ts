/** IAM's ListAccountAliases (Query protocol, `Version=2010-05-08`, signing service `iam`, a global
 * service): the caller's own account alias, which a scenario gives an account. An account has at
 * most one alias, so the list has zero or one member and is never truncated. */
import { AwsError } from '../errors';
import type { World } from '../state/world';
import { escapeXml } from '../wire/xml-encode';

/** IAM API version. */
export const IAM_API_VERSION = '2010-05-08';
const NS = 'https://iam.amazonaws.com/doc/2010-05-08/';

/** The IAM error envelope. */
export function encodeIamError(code: string, message: string, requestId: string, type: 'Sender' | 'Receiver' = 'Sender'): string {
  return (
    `<ErrorResponse xmlns="${NS}"><Error><Type>${type}</Type><Code>${escapeXml(code)}</Code>` +
    `<Message>${escapeXml(message)}</Message></Error><RequestId>${escapeXml(requestId)}</RequestId></ErrorResponse>`
  );
}

/** Answers one IAM action for a caller in `accountId`; throws AwsError for bad requests. */
export function runIamAction(world: World, accountId: string, params: ReadonlyMap<string, string>, requestId: string): string {
  const action = params.get('Action');
  if (!action) throw new AwsError('MissingAction', 'The request must contain the parameter Action', 400);
  if (action !== 'ListAccountAliases') {
    throw new AwsError('InvalidAction', `Could not find operation ${action} for version ${IAM_API_VERSION}; the sandbox cloud serves ListAccountAliases.`, 400);
  }
  const version = params.get('Version');
  if (version !== IAM_API_VERSION) {
    throw new AwsError('InvalidAction', `Could not find operation ${action} for version ${version ?? '(none)'}; IAM's version is ${IAM_API_VERSION}.`, 400);
  }
  const max = params.get('MaxItems');
  if (max !== undefined && (!/^\d+$/.test(max) || Number(max) < 1 || Number(max) > 1000)) {
    throw new AwsError('ValidationError', `1 validation error detected: Value '${max}' at 'maxItems' failed to satisfy constraint: Member must have value between 1 and 1000`, 400);
  }
  const alias = world.accounts.get(accountId)?.alias;
  const members = alias ? `<member>${escapeXml(alias)}</member>` : '';
  return (
    `<ListAccountAliasesResponse xmlns="${NS}"><ListAccountAliasesResult><IsTruncated>false</IsTruncated>` +
    `<AccountAliases>${members}</AccountAliases></ListAccountAliasesResult>` +
    `<ResponseMetadata><RequestId>${escapeXml(requestId)}</RequestId></ResponseMetadata></ListAccountAliasesResponse>`
  );
}
