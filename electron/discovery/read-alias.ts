/** An account's IAM alias (ListAccountAliases): its name on the canvas and in exports when
 * Organizations gives none. IAM is global: `access.region` only picks the endpoint's partition. */
import { ListAccountAliasesCommand } from '@aws-sdk/client-iam';

import type { AwsClients } from '../aws/aws-clients';
import type { ExplainedFailure } from '../aws/aws-errors';
import type { CallScheduler } from '../aws/call-scheduler';
import type { ProfileAccess } from '../aws/credentials';
import { explainCallFailure } from './scan-cell';

/** The alias (undefined when the account has none), or why it could not be read; `cancelled` when `signal` ended it. */
export type AliasOutcome = { readonly ok: true; readonly alias?: string } | { readonly ok: false; readonly cancelled: boolean; readonly failure?: ExplainedFailure };

/** Read the alias of the account `access` signs in to, through the run's scheduler and clients. */
export async function readAccountAlias(clients: AwsClients, scheduler: CallScheduler, access: ProfileAccess, signal: AbortSignal | undefined): Promise<AliasOutcome> {
  try {
    const out = await scheduler.run(
      `${access.profile}/iam/ListAccountAliases`,
      (s) => clients.iam(access, access.region).send(new ListAccountAliasesCommand({}), { abortSignal: s }),
      signal,
    );
    const alias = out.AccountAliases?.find((a) => a.trim() !== '');
    return alias ? { ok: true, alias } : { ok: true };
  } catch (e) {
    if (signal?.aborted) return { ok: false, cancelled: true };
    const endpoint = access.endpoints.iam;
    return {
      ok: false,
      cancelled: false,
      failure: explainCallFailure(e, { profile: access.profile, region: access.region, timeoutMs: scheduler.limits.callTimeoutMs, action: 'iam:ListAccountAliases', ...(endpoint ? { endpoint } : {}) }),
    };
  }
}

/** The alias reads of one run: `read` starts one; `settle` waits for them, but at most `graceMs`, then gives up on the rest. */
export interface AliasReads {
  read(accountId: string, access: ProfileAccess): void;
  settle(): Promise<void>;
}

/** Start the alias reads of a run; `found` gets each alias read, `note` says why one was not. */
export function startAliasReads(
  clients: AwsClients,
  scheduler: CallScheduler,
  signal: AbortSignal | undefined,
  graceMs: number,
  found: (accountId: string, alias: string) => void,
  note: (profile: string, message: string) => void,
): AliasReads {
  const reads: Promise<void>[] = [];
  // Aliases are a nicety: an IAM endpoint that never answers must not keep the run from ending.
  const giveUp = new AbortController();
  const readSignal = signal ? AbortSignal.any([signal, giveUp.signal]) : giveUp.signal;
  const readOne = async (accountId: string, access: ProfileAccess): Promise<void> => {
    const outcome = await readAccountAlias(clients, scheduler, access, readSignal);
    const notRead = `Account ${accountId}'s alias was not read, so it shows under its profile name`;
    if (outcome.ok) {
      if (outcome.alias) found(accountId, outcome.alias);
    } else if (outcome.failure) {
      note(access.profile, `${notRead}: ${outcome.failure.message}`);
    } else if (!signal?.aborted) {
      note(access.profile, `${notRead}: IAM (iam:ListAccountAliases${access.endpoints.iam ? ` at ${access.endpoints.iam}` : ''}) did not answer within ${graceMs} ms of the last region scan.`);
    }
  };
  return {
    read: (accountId, access) => void reads.push(readOne(accountId, access)),
    async settle() {
      const all = Promise.all(reads);
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([all, new Promise<void>((resolve) => (timer = setTimeout(resolve, graceMs)))]);
      clearTimeout(timer);
      giveUp.abort(new Error('the region scans ended'));
      await all;
    },
  };
}
