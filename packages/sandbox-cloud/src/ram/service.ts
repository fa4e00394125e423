/** AWS RAM over REST-JSON (signing service `ram`): each operation is a method and a path
 * (`POST /createresourceshare`, `DELETE /deleteresourceshare?resourceShareArn=…`), its input a
 * JSON body (or the query), its answer a JSON body. Errors carry the exception name in the
 * `x-amzn-ErrorType` header and `{"message": …}` as the body, which is what the AWS SDK and
 * the AWS CLI read. */
import { AwsError } from '../errors';
import type { World } from '../state/world';
import { ramError, type RamContext } from './common';
import { acceptResourceShareInvitation, getResourceShareInvitations, rejectResourceShareInvitation } from './invitations';
import {
  associateResourceShare,
  createResourceShare,
  deleteResourceShare,
  disassociateResourceShare,
  getResourceShareAssociations,
  getResourceShares,
  listResources,
} from './shares';

type RamHandler = (ctx: RamContext, input: Record<string, unknown>) => object;

/** One RAM operation: its name, handler and whether it changes state. */
export interface RamOperation {
  readonly name: string;
  readonly handler: RamHandler;
  readonly mutating: boolean;
}

/** The operations served, by `METHOD /path`. */
export const RAM_OPERATIONS: Readonly<Record<string, RamOperation>> = {
  'POST /createresourceshare': { name: 'CreateResourceShare', handler: createResourceShare, mutating: true },
  'POST /associateresourceshare': { name: 'AssociateResourceShare', handler: associateResourceShare, mutating: true },
  'POST /disassociateresourceshare': { name: 'DisassociateResourceShare', handler: disassociateResourceShare, mutating: true },
  'DELETE /deleteresourceshare': { name: 'DeleteResourceShare', handler: deleteResourceShare, mutating: true },
  'POST /getresourceshares': { name: 'GetResourceShares', handler: getResourceShares, mutating: false },
  'POST /getresourceshareassociations': { name: 'GetResourceShareAssociations', handler: getResourceShareAssociations, mutating: false },
  'POST /getresourceshareinvitations': { name: 'GetResourceShareInvitations', handler: getResourceShareInvitations, mutating: false },
  'POST /acceptresourceshareinvitation': { name: 'AcceptResourceShareInvitation', handler: acceptResourceShareInvitation, mutating: true },
  'POST /rejectresourceshareinvitation': { name: 'RejectResourceShareInvitation', handler: rejectResourceShareInvitation, mutating: true },
  'POST /listresources': { name: 'ListResources', handler: listResources, mutating: false },
};

/** The operation a request names, or `UnknownOperationException` (HTTP 404). */
export function ramOperation(method: string, url: string): RamOperation {
  const path = (url.split('?')[0] ?? '/').replace(/\/+$/, '').toLowerCase();
  const op = RAM_OPERATIONS[`${method.toUpperCase()} ${path}`];
  if (!op) {
    const served = Object.values(RAM_OPERATIONS).map((o) => o.name).join(', ');
    throw ramError('UnknownOperationException', `${method} ${path} is not a RAM operation the sandbox cloud serves (it serves ${served}).`, 404);
  }
  return op;
}

/** The input of a request: the query's members, then the JSON body's. */
function inputOf(url: string, body: Buffer): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  const q = url.indexOf('?');
  if (q >= 0) for (const [k, v] of new URLSearchParams(url.slice(q + 1))) input[k] = v;
  const text = body.toString('utf8').trim();
  if (!text) return input;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw ramError('InvalidParameterException', 'The request body is not valid JSON.');
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw ramError('InvalidParameterException', 'The request body must be a JSON object.');
  return { ...input, ...(parsed as Record<string, unknown>) };
}

/** Runs one RAM operation for `accountId` in `region`; returns the JSON answer. */
export function runRamOperation(world: World, accountId: string, region: string, op: RamOperation, url: string, body: Buffer): string {
  const out = op.handler({ world, accountId, region }, inputOf(url, body));
  return JSON.stringify(out);
}

/** A RAM error's body (its name goes in the `x-amzn-ErrorType` header). */
export function encodeRamError(e: AwsError): string {
  return JSON.stringify({ message: e.message });
}
