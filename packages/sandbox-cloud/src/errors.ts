/** Errors the sandbox answers with, spelled as AWS spells them.
 *
 * Codes and HTTP statuses follow "Error codes for the Amazon EC2 API"
 * (docs.aws.amazon.com/AWSEC2/latest/APIReference/errors-overview.html): client errors are 400
 * unless noted; `RequestLimitExceeded` and `Unavailable` are server-side throttling (503);
 * `DryRunOperation` is 412 as AWS answers it; authentication failures are 401/403.
 */

/** An error that becomes an AWS error envelope on the wire. Throw it from any handler. */
export class AwsError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: number = 400,
  ) {
    super(message);
    this.name = 'AwsError';
  }
}

/** `MissingParameter`: a required request parameter is absent. */
export function missingParameter(name: string): AwsError {
  return new AwsError('MissingParameter', `The request must contain the parameter ${name}`);
}

/** `InvalidParameterValue` with AWS's usual wording. */
export function invalidValue(name: string, value: unknown, why: string): AwsError {
  return new AwsError('InvalidParameterValue', `Value (${String(value)}) for parameter ${name} is invalid. ${why}`);
}

/** `InvalidParameterCombination`: parameters that may not be used together. */
export function invalidCombination(message: string): AwsError {
  return new AwsError('InvalidParameterCombination', message);
}

/** `DryRunOperation` (HTTP 412): the call would have succeeded. */
export function dryRunOk(): AwsError {
  return new AwsError('DryRunOperation', 'Request would have succeeded, but DryRun flag is set.', 412);
}

/** How one kind's ids look and how AWS spells its not-found and malformed errors (AWS is
 * inconsistent, so each kind declares its own in its `records.ts`). */
export interface IdSpec {
  /** `vpc-`: ids are this and 8 or 17 hex digits. */
  readonly prefix: string;
  readonly notFound: string;
  readonly malformed: string;
  /** How the not-found message names the id ("The vpc ID 'vpc-1' does not exist"). */
  readonly noun: string;
}

const HEX_PART = /^[0-9a-f]{8}([0-9a-f]{9})?$/;

/** Throws the kind's `.Malformed` error unless `id` has the AWS id form (`vpc-` + 8 or 17 hex;
 * prefixes may have parts of their own, as `tgw-attach-` has). */
export function assertWellFormedId(spec: IdSpec, id: string): void {
  if (!id.startsWith(spec.prefix) || !HEX_PART.test(id.slice(spec.prefix.length))) {
    throw new AwsError(spec.malformed, `Invalid id: "${id}" (expecting "${spec.prefix}...")`);
  }
}

/** The kind's `.NotFound` error. */
export function notFound(spec: IdSpec, id: string): AwsError {
  return new AwsError(spec.notFound, `The ${spec.noun} '${id}' does not exist`);
}
