/** Starts moto's server (`moto_server`, moto 5.2.1) on a free loopback port for differential tests.
 *
 * moto is a second, independent EC2/STS implementation. Off CI a
 * missing moto makes `startMoto()` return null and log why, so the tests can skip with that
 * message; on CI (`CI` set) it throws instead, so a machine without moto cannot pass silently.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';

/** A running moto server. */
export interface MotoHandle {
  readonly endpoint: string;
  stop(): Promise<void>;
}

/** Why moto cannot run on this machine, or undefined when it can. */
export function motoMissingReason(): string | undefined {
  const which = spawnSync('sh', ['-c', 'command -v moto_server'], { encoding: 'utf8' });
  if (which.status === 0 && which.stdout.trim()) return undefined;
  const probe = spawnSync('python3', ['-c', 'import moto.server, flask'], { encoding: 'utf8' });
  if (probe.status === 0) return undefined;
  return 'moto_server is not installed (pip install "moto[server]==5.2.1")';
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
  });
}

/** Starts moto, or returns null (off CI) / throws (on CI) when it is not installed. */
export async function startMoto(timeoutMs = 30_000): Promise<MotoHandle | null> {
  const missing = motoMissingReason();
  if (missing) {
    if (process.env.CI) throw new Error(`CI requires moto for the differential tests: ${missing}`);
    console.warn(`Skipping moto differential tests: ${missing}`);
    return null;
  }
  const port = await freePort();
  const endpoint = `http://127.0.0.1:${port}`;
  const hasBinary = spawnSync('sh', ['-c', 'command -v moto_server'], { encoding: 'utf8' }).status === 0;
  const [cmd, args] = hasBinary
    ? ['moto_server', ['-H', '127.0.0.1', '-p', String(port)]]
    : ['python3', ['-m', 'moto.server', '-H', '127.0.0.1', '-p', String(port)]];
  // Its own process group, so stop() ends the shim and the Python it starts, and nothing else.
  const child: ChildProcess = spawn(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'], detached: true });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => {
    stderr = (stderr + d.toString()).slice(-2000);
  });
  const stop = async (): Promise<void> => {
    if (child.exitCode !== null || child.pid === undefined) return;
    const exited = new Promise<void>((r) => child.once('exit', () => r()));
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      child.kill('SIGTERM');
    }
    await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
  };
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`moto_server exited with ${child.exitCode}: ${stderr}`);
    try {
      const res = await fetch(`${endpoint}/moto-api/`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`moto_server did not answer on ${endpoint} within ${timeoutMs} ms: ${stderr}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return { endpoint, stop };
}
