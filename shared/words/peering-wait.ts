/** Shell lines that wait, before accepting, until the accepter's region lists a new peering as `pending-acceptance`.
 *
 * AWS creates a request as `initiating-request`; accepting it then fails (IncorrectState), and a
 * cross-region request reaches the accepter's region a moment later still (NotFound). `aws ec2
 * wait vpc-peering-connection-exists` returns as soon as the id is listed, in any status, so it
 * is not enough: the loop asks `describe-vpc-peering-connections` for the status until it is
 * `pending-acceptance`, stops at once on a status that can never be accepted or on an error other
 * than NotFound, and gives up after a bounded number of tries. POSIX `sh`, so the plan's script (`sh`) and the exported one
 * (`bash -euo pipefail`) share it; the describe command comes from the one builder of EC2 calls.
 */
import type { Encoded } from '../export/syntax/encoded';
import { sh, shellComment, shellWord } from '../export/syntax/shell';
import type { CliWord } from './aws-cli';
import { ec2Argv, ec2Command, shellArgv, ShellVariable } from './aws-cli';

/** How long the loop asks: `attempts` answers, `intervalSeconds` apart (3 minutes by default). */
export const PEERING_WAIT = { attempts: 90, intervalSeconds: 2 } as const;

/** Options of `waitForPendingAcceptance`. */
export interface PeeringWaitOptions {
  /** The variable holding the new peering's id. */
  readonly peering: ShellVariable;
  /** What runs the AWS CLI as the accepter, before `ec2 …` (`aws` or `aws_as "$P1_ACCEPTER_PROFILE" us-east-1`). */
  readonly aws: Encoded<'shell'>;
  /** Options after the call (`--profile`, `--region`, `--endpoint-url`), for a plain `aws`. */
  readonly place?: readonly (readonly CliWord[])[];
  /** Prefix of the loop's own variables (`P1_` → `P1_STATUS`, `P1_TRIES`, `P1_OUT`), so two waits in one script stay apart. */
  readonly prefix: string;
  readonly attempts?: number;
  readonly intervalSeconds?: number;
}

/** The lines of the wait, each one line of shell, the first a comment. */
export function waitForPendingAcceptance(opts: PeeringWaitOptions): Encoded<'shell'>[] {
  const attempts = opts.attempts ?? PEERING_WAIT.attempts;
  const interval = opts.intervalSeconds ?? PEERING_WAIT.intervalSeconds;
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(opts.prefix)) throw new Error(`not a shell variable prefix: ${opts.prefix}`);
  const status = shellWord(`${opts.prefix}STATUS`);
  const tries = shellWord(`${opts.prefix}TRIES`);
  const out = shellWord(`${opts.prefix}OUT`);
  const id = shellWord(opts.peering.name);
  const seconds = attempts * interval;
  const bound = shellComment(seconds < 120 ? `${seconds} seconds` : `${Math.round(seconds / 60)} minutes`);
  const describe = shellArgv(
    ec2Argv(ec2Command('DescribeVpcPeeringConnections', { VpcPeeringConnectionIds: opts.peering }), [
      ['--query', 'VpcPeeringConnections[0].Status.Code'],
      ['--output', 'text'],
      ...(opts.place ?? []),
    ]),
  );
  return [
    sh`# Wait until the accepter's region lists $${id} as pending-acceptance (it starts as initiating-request, and accepting before then fails): up to ${bound}.`,
    sh`${status}=`,
    sh`${tries}=0`,
    sh`while [ "$${status}" != pending-acceptance ]; do`,
    sh`  case "$${status}" in`,
    // Statuses a request never leaves for pending-acceptance.
    sh`    failed|rejected|expired|deleted|deleting) echo "$${id} is $${status}, so it cannot be accepted: describe-vpc-peering-connections shows why." >&2; exit 1 ;;`,
    sh`  esac`,
    sh`  if [ "$${tries}" -ge ${attempts} ]; then echo "$${id} is still \${${status}:-not listed} in the accepter's region, not pending-acceptance, after ${bound}: check it there, then accept it." >&2; exit 1; fi`,
    sh`  [ "$${tries}" -eq 0 ] || sleep ${interval}`,
    sh`  ${tries}=$(($${tries} + 1))`,
    // Not listed yet (NotFound) is worth waiting for; any other error (a profile, credentials, a region) is not.
    sh`  if ${out}=$(${opts.aws} ${describe} 2>&1); then ${status}=$${out}; else`,
    sh`    case "$${out}" in *InvalidVpcPeeringConnectionID.NotFound*) ${status}= ;; *) echo "$${out}" >&2; exit 1 ;; esac`,
    sh`  fi`,
    sh`done`,
  ];
}
