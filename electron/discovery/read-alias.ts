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
