/** Worker threads that scan account × region cells, so big scans use more than one core.
 *
 * A scan is CPU-bound long before it is network-bound: the SDK spends about 3 ms of CPU per
 * describe call of a busy region (XML parsing and schema deserialisation, measured in
 * test/bench/discovery.bench.ts), so one thread caps a 20-account, 17-region organisation at
 * several seconds however the calls are scheduled. Cells go to a worker by a hash of account and
 * region, so each EC2 throttling bucket (account + region + action) lives in exactly one thread;
 * an organisation scan's accounts go by a hash of the account id, so the account's one role
 * session and all its regions' buckets live in one thread.
 *
 * Workers load the SDK and resolve each profile's credentials themselves (through the same
 * `@aws-sdk/credential-providers` calls), and open organisation accounts' role sessions from the
 * sign-in profile themselves: no secret ever crosses a thread boundary. They are
 * created on first use and kept for later runs (unreferenced while idle, so they never keep the
 * process alive). From TypeScript sources (tsx, vitest) they boot through tsx; a bundled app
 * must emit `scan-worker.js` next to the module that contains this file.
 */
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { SHARE_ENV, Worker } from 'node:worker_threads';

import type { CallLimits } from '../aws/call-scheduler';
import type { Env } from '../aws/credentials';
import type { AccountEvent, OrgRunInit } from '../organization/account-worker';
import type { AccountToScan } from '../organization/scan-account';
import type { CellOutcome, CellRequest } from './scan-cell';
import type { ScanAction } from './scan-region';

/**
 * Scan threads of the app and the CLI: one per core, at most 4.
 *
 * The calling thread only merges what the threads send and paces progress, so it needs no core
 * of its own: on this project's 2-core machine, two threads scanned 20 accounts' profiles in 5.0 s
 * against 5.9 s for one, and an organisation of 200 accounts in 27–35 s against 34 s (1.3× the
 * CPU floor against 1.7×), while the calling thread's event loop was never held up more than
 * about 80 ms (in the app, Electron's main process goes on answering the window). Figures from
 * test/bench/discovery.bench.ts and test/bench/organization.bench.ts.
 */
export const DEFAULT_SCAN_THREADS = Math.min(4, Math.max(1, availableParallelism()));

/** What a run tells the workers once. */
export interface ScanRunInit {
  readonly env: Env;
  readonly homeDir: string;
  readonly limits: Partial<CallLimits>;
  readonly pageSizes: Partial<Readonly<Record<ScanAction, number>>>;
}

/** Messages to a worker. */
export type ToScanWorker =
  | ({ readonly type: 'run'; readonly runId: string } & ScanRunInit)
  | { readonly type: 'scan'; readonly runId: string; readonly id: number; readonly cell: CellRequest }
  | { readonly type: 'account'; readonly runId: string; readonly id: number; readonly org: OrgRunInit; readonly account: AccountToScan }
  | { readonly type: 'cancel'; readonly id: number }
  | { readonly type: 'end-run'; readonly runId: string };

/** Messages from a worker. */
export type FromScanWorker =
  | { readonly type: 'result'; readonly id: number; readonly outcome: CellOutcome }
  | { readonly type: 'account-event'; readonly id: number; readonly event: AccountEvent }
  | { readonly type: 'account-done'; readonly id: number; readonly error?: string }
  | { readonly type: 'boot-error'; readonly message: string };

/** Where the worker's code is. */
export interface ScanWorkerEntry {
  readonly url: URL;
  /** `ts`: boot through tsx (running from sources); `js`: load as is (bundled). */
  readonly kind: 'ts' | 'js';
}

/** The worker entry next to this module: `scan-worker.ts` from sources, `scan-worker.js` when bundled. */
export function defaultScanWorkerEntry(): ScanWorkerEntry {
  const fromSources = import.meta.url.endsWith('.ts');
  return { url: new URL(fromSources ? './scan-worker.ts' : './scan-worker.js', import.meta.url), kind: fromSources ? 'ts' : 'js' };
}

// Runs inside the new thread (CommonJS eval): register tsx, then load the TypeScript entry.
const BOOT_THROUGH_TSX = `
const { workerData, parentPort } = require('node:worker_threads');
import(workerData.tsxApi)
  .then((m) => { (m.register || m.default.register)(); return import(workerData.entry); })
  .catch((e) => parentPort.postMessage({ type: 'boot-error', message: String((e && e.stack) || e) }));
`;

/** The ESM build of tsx's API (`tsx/esm/api`, "import" condition): its CommonJS build cannot load the ESM hooks. */
function tsxEsmApiUrl(): string {
  const require = createRequire(import.meta.url);
  const pkgPath = require.resolve('tsx/package.json');
  const pkg = JSON.parse(readFileSync(pkgPath, 'utf8')) as { exports?: Record<string, { import?: { default?: string } | string }> };
  const target = pkg.exports?.['./esm/api']?.import;
  const rel = typeof target === 'string' ? target : (target?.default ?? './dist/esm/api/index.mjs');
  return pathToFileURL(join(dirname(pkgPath), rel)).href;
}

/** Strip secrets from the environment before it crosses to a worker (its own process.env already has them for fromEnv). */
function withoutSecrets(env: Env): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) {
    if (v === undefined || /SECRET|SESSION_TOKEN|SECURITY_TOKEN|PASSWORD/i.test(k)) continue;
    out[k] = v;
  }
  return out;
}

/** A job a worker has: it ends with the worker's answer, or with the reason the thread failed. */
interface Pending {
  answer(m: FromScanWorker): void;
  fail(why: string): void;
}

/**
 * A scan thread's young generation: 48 MB instead of V8's 96 (two 32 MB semi-spaces and more).
 * A scan allocates short-lived SDK objects fast, so V8 grows each thread's heap to its largest
 * young generation and keeps the old generation's slack: with two threads, an organisation of 200
 * accounts × 17 regions peaked at 1.1–1.2 GB of RSS, and at 0.95–1.0 GB with this limit, for
 * more CPU in scavenges (test/bench/organization.bench.ts).
 */
const WORKER_HEAP = { maxYoungGenerationSizeMb: 48 };

interface Slot {
  worker: Worker;
  readonly pending: Map<number, Pending>;
  readonly runs: Set<string>;
  dead?: string;
}

/** A run's view of the pool. */
export interface ScanPoolRun {
  /** Scan one cell on a worker; resolves with its outcome (failures included), never rejects. */
  scan(cell: CellRequest, signal?: AbortSignal): Promise<CellOutcome>;
  /** Scan one organisation account on the worker its id hashes to (so its session and throttling
   * buckets live in one thread), replaying its events through `onEvent` as they come. Resolves once
   * the worker is done, or with why the thread could not finish it; never rejects. */
  account(org: OrgRunInit, account: AccountToScan, onEvent: (e: AccountEvent) => void, signal?: AbortSignal): Promise<{ ok: true } | { ok: false; reason: string }>;
  /** Free the run's clients and schedulers in the workers. */
  end(): void;
}

/** A fixed number of scan threads. */
export interface ScanPool {
  readonly threads: number;
  startRun(runId: string, init: ScanRunInit): ScanPoolRun;
  close(): Promise<void>;
}

/** Create a pool of `threads` workers (started lazily, on the first cell each one gets). */
export function createScanPool(threads: number, entry: ScanWorkerEntry = defaultScanWorkerEntry()): ScanPool {
  if (!Number.isInteger(threads) || threads < 1) throw new Error(`scanThreads must be a whole number of at least 1, got ${threads}`);
  const slots: (Slot | undefined)[] = Array.from({ length: threads }, () => undefined);
  let nextId = 1;
  // A worker that cannot even boot will not boot next time either: stop spawning, fail fast.
  let broken: string | undefined;

  const fail = (slot: Slot, why: string) => {
    slot.dead = why;
    const pending = [...slot.pending.values()];
    slot.pending.clear();
    for (const p of pending) p.fail(why.split('\n')[0] ?? why);
  };

  const spawn = (): Slot => {
    // The workers see the calling thread's environment as it is now (HOME, where the SDK finds
    // cached SSO sign-ins, included), not a copy from when they started.
    const worker =
      entry.kind === 'ts'
        ? new Worker(BOOT_THROUGH_TSX, {
            eval: true,
            env: SHARE_ENV,
            resourceLimits: WORKER_HEAP,
            workerData: { tsxApi: tsxEsmApiUrl(), entry: entry.url.href },
          })
        : new Worker(entry.url, { env: SHARE_ENV, resourceLimits: WORKER_HEAP });
    const slot: Slot = { worker, pending: new Map(), runs: new Set() };
    worker.unref();
    worker.on('message', (m: FromScanWorker) => {
      if (m.type === 'boot-error') {
        broken = m.message;
        fail(slot, m.message);
        void worker.terminate();
        return;
      }
      const p = slot.pending.get(m.id);
      if (!p) return;
      if (m.type !== 'account-event') {
        slot.pending.delete(m.id);
        // Keep the process alive only while a worker has work: idle threads must not hold it.
        if (slot.pending.size === 0) worker.unref();
      }
      p.answer(m);
    });
    worker.on('error', (e) => fail(slot, e.message));
    worker.on('exit', (code) => fail(slot, `exit code ${code}`));
    return slot;
  };

  const slotFor = (key: string): Slot => {
    let h = 0;
    for (const ch of key) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
    const i = h % threads;
    let slot = slots[i];
    if (!slot || slot.dead) {
      slot = spawn();
      slots[i] = slot;
    }
    return slot;
  };

  return {
    threads,
    startRun(runId, init) {
      const cap = Math.max(1, Math.ceil((init.limits.maxConcurrentCalls ?? 256) / threads));
      const runInit: ToScanWorker = {
        type: 'run',
        runId,
        env: withoutSecrets(init.env),
        homeDir: init.homeDir,
        limits: { ...init.limits, maxConcurrentCalls: cap },
        pageSizes: init.pageSizes,
      };
      const used = new Set<Slot>();
      /** Send job `id` to the slot of `key` (starting the run there first), cancelling it with `signal`. */
      const post = (key: string, job: (id: number) => ToScanWorker, pending: Pending, signal: AbortSignal | undefined): void => {
        const slot = slotFor(key);
        if (!slot.runs.has(runId)) {
          slot.worker.postMessage(runInit);
          slot.runs.add(runId);
        }
        used.add(slot);
        const id = nextId++;
        const onAbort = () => slot.worker.postMessage({ type: 'cancel', id } satisfies ToScanWorker);
        signal?.addEventListener('abort', onAbort, { once: true });
        const done = () => signal?.removeEventListener('abort', onAbort);
        slot.pending.set(id, {
          answer: (m) => {
            if (m.type !== 'account-event') done();
            pending.answer(m);
          },
          fail: (why) => {
            done();
            pending.fail(why);
          },
        });
        slot.worker.ref();
        slot.worker.postMessage(job(id));
        if (signal?.aborted) onAbort();
      };
      return {
        scan(cell, signal) {
          if (broken) {
            return Promise.resolve({
              ok: false,
              cancelled: false,
              failure: { errorCode: 'ScanThreadFailed', message: `The scan threads cannot start (${broken.split('\n')[0]}).` },
            });
          }
          return new Promise<CellOutcome>((resolve) => {
            // One thread per account + region, so its throttling buckets are never split between threads.
            post(
              `${cell.accountId}/${cell.region}`,
              (id) => ({ type: 'scan', runId, id, cell }),
              {
                answer: (m) => {
                  if (m.type === 'result') resolve(m.outcome);
                },
                fail: (why) =>
                  resolve({
                    ok: false,
                    cancelled: false,
                    failure: { errorCode: 'ScanThreadFailed', message: `The scan thread stopped (${why}) while scanning ${cell.region}: scan again; if it repeats, scan with limits.scanThreads = 0.` },
                  }),
              },
              signal,
            );
          });
        },
        account(org, account, onEvent, signal) {
          if (broken) return Promise.resolve({ ok: false, reason: `the scan threads cannot start (${broken.split('\n')[0]})` });
          return new Promise((resolve) => {
            // One thread per account: its session and every throttling bucket of its regions.
            post(
              account.id,
              (id) => ({ type: 'account', runId, id, org, account }),
              {
                answer: (m) => {
                  if (m.type === 'account-event') onEvent(m.event);
                  else if (m.type === 'account-done') resolve(m.error ? { ok: false, reason: m.error } : { ok: true });
                },
                fail: (why) => resolve({ ok: false, reason: `the scan thread stopped (${why})` }),
              },
              signal,
            );
          });
        },
        end() {
          for (const slot of used) {
            if (!slot.dead) slot.worker.postMessage({ type: 'end-run', runId } satisfies ToScanWorker);
            slot.runs.delete(runId);
          }
        },
      };
    },
    async close() {
      await Promise.all(slots.map((s) => s?.worker.terminate()));
      slots.fill(undefined);
    },
  };
}

const pools = new Map<string, ScanPool>();

/** The process-wide pool of `threads` workers, kept between runs. */
export function sharedScanPool(threads: number, entry: ScanWorkerEntry = defaultScanWorkerEntry()): ScanPool {
  const key = `${threads}|${entry.url.href}`;
  let pool = pools.get(key);
  if (!pool) {
    pool = createScanPool(threads, entry);
    pools.set(key, pool);
  }
  return pool;
}

/** Terminate every shared pool (tests, and hosts that want their threads back). */
export async function closeSharedScanPools(): Promise<void> {
  const all = [...pools.values()];
  pools.clear();
  await Promise.all(all.map((p) => p.close()));
}
