/** The sandbox cloud for a test file: `const sb = await startSandbox({ scenario: 'demo' })` (one per
 * file, `stop()` in `afterAll`); the helper lives with the sandbox package. */
export { startSandbox, type SandboxHandle } from '@peerscape/sandbox-cloud/testing';
