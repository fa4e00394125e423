/** Entry of a scan worker thread: scans the cells and organisation accounts the run sends it (see scan-pool.ts).
 *
 * Each run gets its own clients and credential providers, built from the run's environment and
 * shared files exactly as on the calling thread; the call scheduler persists across runs so the
 * throttling buckets of this thread's account × region cells remember recent calls.
 */
import { parentPort, threadId } from 'node:worker_threads';

import { createAwsClients, type AwsClients } from '../aws/aws-clients';
import { createCallScheduler, DEFAULT_CALL_LIMITS, type CallScheduler } from '../aws/call-scheduler';
import { resolveProfileAccess, type ProfileAccess } from '../aws/credentials';
import { endOrgRun, scanAccountJob } from '../organization/account-worker';
import { scanCell, type CellOutcome } from './scan-cell';
import type { FromScanWorker, ScanRunInit, ToScanWorker } from './scan-pool';

interface RunContext {
  readonly init: ScanRunInit;
  readonly clients: AwsClients;
  readonly access: Map<string, Promise<ProfileAccess | string>>;
}

const port = parentPort;
if (!port) throw new Error('scan-worker.ts runs as a worker thread (see scan-pool.ts)');

const runs = new Map<string, RunContext>();
const controllers = new Map<number, AbortController>();
let scheduler: { key: string; scheduler: CallScheduler } | undefined;

function schedulerFor(init: ScanRunInit): CallScheduler {
  const key = JSON.stringify(init.limits);
  if (!scheduler || scheduler.key !== key) scheduler = { key, scheduler: createCallScheduler(init.limits) };
  return scheduler.scheduler;
}

function accessFor(run: RunContext, profile: string): Promise<ProfileAccess | string> {
  let a = run.access.get(profile);
  if (!a) {
    a = resolveProfileAccess([profile], run.init.env, run.init.homeDir, { ...DEFAULT_CALL_LIMITS, ...run.init.limits }).then((m) => {
      const r = m.get(profile);
      return r?.ok ? r.value : (r?.error.message ?? `profile "${profile}" is unknown`);
    });
    run.access.set(profile, a);
  }
  return a;
}

async function scan(msg: Extract<ToScanWorker, { type: 'scan' }>): Promise<CellOutcome> {
  // Registered before any await, so a cancel that follows the scan message finds it.
  const controller = new AbortController();
  controllers.set(msg.id, controller);
  try {
    const run = runs.get(msg.runId);
    if (!run) return { ok: false, cancelled: false, failure: { errorCode: 'ScanThreadFailed', message: 'The scan thread did not get its run settings.' } };
    const access = await accessFor(run, msg.cell.profile);
    if (typeof access === 'string') return { ok: false, cancelled: false, failure: { errorCode: 'CredentialsProviderError', message: access } };
    return await scanCell({ clients: run.clients, scheduler: schedulerFor(run.init), access, pageSizes: run.init.pageSizes }, msg.cell, controller.signal);
  } finally {
    controllers.delete(msg.id);
  }
}

/** Scan an organisation account, posting its events as they happen and `account-done` at the end. */
async function account(msg: Extract<ToScanWorker, { type: 'account' }>): Promise<void> {
  const controller = new AbortController();
  controllers.set(msg.id, controller);
  const post = (m: FromScanWorker) => port!.postMessage(m);
  try {
    const run = runs.get(msg.runId);
    if (!run) {
      post({ type: 'account-done', id: msg.id, error: 'The scan thread did not get its run settings.' });
      return;
    }
    const workerRun = { clients: run.clients, scheduler: schedulerFor(run.init), pageSizes: run.init.pageSizes, signIn: (p: string) => accessFor(run, p) };
    const refused = await scanAccountJob(msg.runId, msg.org, msg.account, workerRun, threadId, (event) => post({ type: 'account-event', id: msg.id, event }), controller.signal);
    post({ type: 'account-done', id: msg.id, ...(refused ? { error: refused } : {}) });
  } catch (e) {
    post({ type: 'account-done', id: msg.id, error: e instanceof Error ? e.message : String(e) });
  } finally {
    controllers.delete(msg.id);
  }
}

port.on('message', (msg: ToScanWorker) => {
  switch (msg.type) {
    case 'run': {
      const { type: _type, runId, ...init } = msg;
      const { stsAnswerTimeoutMs, ec2AnswerTimeoutMs } = { ...DEFAULT_CALL_LIMITS, ...init.limits };
      runs.set(runId, { init, clients: createAwsClients(Math.max(1, init.limits.maxConcurrentCalls ?? 64), { stsAnswerTimeoutMs, ec2AnswerTimeoutMs }), access: new Map() });
      break;
    }
    case 'scan':
      void scan(msg).then((outcome) => port.postMessage({ type: 'result', id: msg.id, outcome } satisfies FromScanWorker));
      break;
    case 'account':
      void account(msg);
      break;
    case 'cancel':
      controllers.get(msg.id)?.abort(new Error('cancelled'));
      break;
    case 'end-run':
      void endOrgRun(msg.runId).finally(() => {
        runs.get(msg.runId)?.clients.close();
        runs.delete(msg.runId);
      });
      break;
  }
});
