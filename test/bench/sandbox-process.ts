/** Runs the sandbox cloud in a process of its own for benchmarks, as AWS answers from elsewhere.
 *
 * In the benchmark's own process the sandbox shares one thread with the scan (and the harness):
 * its answers then wait while the scan works, and the scan's answer timeouts count that wait as
 * AWS saying nothing.
 */
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** A sandbox process: its endpoint, AWS files and profiles, its CPU so far, and how to stop it. */
export interface SandboxProcess {
  readonly endpoint: string;
  readonly configFile: string;
  readonly credentialsFile: string;
  /** The profiles the sandbox wrote, with their accounts, in its order. */
  readonly profiles: readonly { readonly name: string; readonly accountId: string }[];
  /** CPU time the process has used, in ms, when Linux tells (/proc). */
  cpuMs(): number | undefined;
  stop(): Promise<void>;
}

/** Start `peerscape-sandbox` on a free port with `scenario` (a scenario as the CLI reads it, saved into `dir`) and the CLI's fault `flags`. */
export async function startSandboxProcess(scenario: object, dir: string, flags: readonly string[]): Promise<SandboxProcess> {
  const scenarioFile = join(dir, 'scenario.json');
  writeFileSync(scenarioFile, JSON.stringify(scenario));
  const bin = join(import.meta.dirname, '..', '..', 'packages', 'sandbox-cloud', 'bin', 'peerscape-sandbox.js');
  const child = spawn(process.execPath, [bin, '--scenario', scenarioFile, ...flags, '--port', '0', '--out', join(dir, '.aws')], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const text = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the sandbox did not start within 300 s: ${err}`)), 300_000);
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('Ctrl-C stops the sandbox.')) {
        clearTimeout(timer);
        resolve(out);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the sandbox exited with ${code}: ${err}`));
    });
  });
  const field = (name: string) => {
    const m = new RegExp(`^${name}:\\s+(.+)$`, 'm').exec(text);
    if (!m?.[1]) throw new Error(`the sandbox's output has no "${name}:" line:\n${text}`);
    return m[1].trim();
  };
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    endpoint: field('Endpoint'),
    profiles: [...field('Profiles').matchAll(/([A-Za-z0-9._-]+) \((\d{12})/g)].map((m) => ({ name: m[1]!, accountId: m[2]! })),
    configFile: field('AWS config'),
    credentialsFile: field('AWS credentials'),
    cpuMs() {
      try {
        // Fields 14 and 15 of /proc/<pid>/stat: user and system time in clock ticks (100 per second).
        const fields = readFileSync(`/proc/${child.pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
        return (Number(fields[11]) + Number(fields[12])) * 10;
      } catch {
        return undefined;
      }
    },
    async stop() {
      child.kill('SIGINT');
      await exited;
    },
  };
}
