/** moto's server for differential tests (`startMoto()`; null off CI when moto is missing, an
 * error on CI); the helper lives with the sandbox package. */
export { motoMissingReason, startMoto, type MotoHandle } from '@peerscape/sandbox-cloud/testing';
