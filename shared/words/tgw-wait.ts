/** Shell lines that wait until a new transit gateway attachment reaches a state (`pendingAcceptance`
 * before the owner accepts it; `available` before associating or propagating).
 *
 * CreateTransitGatewayVpcAttachment answers at once with `pending`; the owner can accept only once
 * it is `pendingAcceptance`, and associate or propagate only once it is `available`. The loop asks
 * `describe-transit-gateway-vpc-attachments` for the state until it is one of the wanted ones,
 * stops at once on a state it never leaves (deleted, failed, rejected) or on any error, and gives
 * up after a bounded number of tries. POSIX `sh`; the describe command comes from the one builder.
 */
import type { Encoded } from '../export/syntax/encoded';
import { sh, shellComment, shellWord, shJoin } from '../export/syntax/shell';
import type { CliWord } from './aws-cli';
import { ec2Argv, ec2Command, shellArgv, ShellVariable } from './aws-cli';

/** How long the loop asks: `attempts` answers, `intervalSeconds` apart (3 minutes). */
export const ATTACHMENT_WAIT = { attempts: 90, intervalSeconds: 2 } as const;

/** Options of `waitForAttachmentState`. */
export interface AttachmentWaitOptions {
  readonly attachment: ShellVariable;
  /** States that end the wait (`pendingAcceptance available`). */
  readonly states: readonly string[];
  readonly aws: Encoded<'shell'>;
  readonly place?: readonly (readonly CliWord[])[];
  /** Prefix of the loop's own variables (`TGW_` → `TGW_STATE`, `TGW_TRIES`). */
  readonly prefix: string;
}

/** The lines of the wait, each one line of shell, the first a comment. */
export function waitForAttachmentState(opts: AttachmentWaitOptions): Encoded<'shell'>[] {
  const { attempts, intervalSeconds } = ATTACHMENT_WAIT;
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(opts.prefix)) throw new Error(`not a shell variable prefix: ${opts.prefix}`);
  if (!opts.states.every((s) => /^[A-Za-z]+$/.test(s))) throw new Error(`not attachment states: ${opts.states.join(' ')}`);
  const state = shellWord(`${opts.prefix}STATE`);
  const tries = shellWord(`${opts.prefix}TRIES`);
  const id = shellWord(opts.attachment.name);
  const wanted = shJoin(opts.states.map((w) => shellWord(w)), sh`|`);
  const bound = shellComment(`${Math.round((attempts * intervalSeconds) / 60)} minutes`);
  const describe = shellArgv(
    ec2Argv(ec2Command('DescribeTransitGatewayVpcAttachments', { TransitGatewayAttachmentIds: opts.attachment }), [
      ['--query', 'TransitGatewayVpcAttachments[0].State'],
      ['--output', 'text'],
      ...(opts.place ?? []),
    ]),
  );
  return [
    sh`# Wait until $${id} is ${shellComment(opts.states.join(' or '))}: up to ${bound}.`,
    sh`${state}=`,
    sh`${tries}=0`,
    sh`while :; do`,
    sh`  case "$${state}" in`,
    sh`    ${wanted}) break ;;`,
    sh`    deleting|deleted|failing|failed|rejecting|rejected) echo "$${id} is $${state}: describe-transit-gateway-vpc-attachments shows it." >&2; exit 1 ;;`,
    sh`  esac`,
    sh`  if [ "$${tries}" -ge ${attempts} ]; then echo "$${id} is still \${${state}:-not listed} after ${bound}." >&2; exit 1; fi`,
    sh`  [ "$${tries}" -eq 0 ] || sleep ${intervalSeconds}`,
    sh`  ${tries}=$(($${tries} + 1))`,
    sh`  ${state}=$(${opts.aws} ${describe})`,
    sh`done`,
  ];
}
