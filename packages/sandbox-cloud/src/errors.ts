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

/** How each resource type spells its not-found and malformed errors (AWS is inconsistent). */
export const RESOURCE_ERRORS = {
  vpc: { prefix: 'vpc-', notFound: 'InvalidVpcID.NotFound', malformed: 'InvalidVpcID.Malformed', noun: 'vpc ID' },
  subnet: { prefix: 'subnet-', notFound: 'InvalidSubnetID.NotFound', malformed: 'InvalidSubnetID.Malformed', noun: 'subnet ID' },
  routeTable: { prefix: 'rtb-', notFound: 'InvalidRouteTableID.NotFound', malformed: 'InvalidRouteTableId.Malformed', noun: 'routeTable ID' },
  securityGroup: { prefix: 'sg-', notFound: 'InvalidGroup.NotFound', malformed: 'InvalidGroupId.Malformed', noun: 'security group' },
  peering: {
    prefix: 'pcx-',
    notFound: 'InvalidVpcPeeringConnectionID.NotFound',
    malformed: 'InvalidVpcPeeringConnectionId.Malformed',
    noun: 'vpcPeeringConnection ID',
  },
} as const;

/** A resource kind with id-shaped errors. */
export type ResourceKind = keyof typeof RESOURCE_ERRORS;

const ID_PATTERN = /^[a-z]+-[0-9a-f]{8}([0-9a-f]{9})?$/;

/** Throws the resource's `.Malformed` error unless `id` has the AWS id form (`vpc-` + 8 or 17 hex). */
export function assertWellFormedId(kind: ResourceKind, id: string): void {
  const e = RESOURCE_ERRORS[kind];
  if (!id.startsWith(e.prefix) || !ID_PATTERN.test(id)) {
    throw new AwsError(e.malformed, `Invalid id: "${id}" (expecting "${e.prefix}...")`);
  }
}

/** The resource's `.NotFound` error. */
export function notFound(kind: ResourceKind, id: string): AwsError {
  const e = RESOURCE_ERRORS[kind];
  return new AwsError(e.notFound, `The ${e.noun} '${id}' does not exist`);
}
