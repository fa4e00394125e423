/** Test helpers for code that talks to the sandbox (`@peerscape/sandbox-cloud/testing`): a sandbox
 * per test file, and moto's server as an independent second implementation to compare with. */
export { startSandbox, type SandboxHandle } from './start-sandbox';
export { motoMissingReason, startMoto, type MotoHandle } from './moto';
