/** Turns an untyped bridge (preload or loopback) into the typed client the UI uses. */
import type { PeerscapeBridge, PeerscapeClient } from './contract';
import { API_METHOD_NAMES } from './method-names';
import { fail } from '../core/result';
import type { Result } from '../core/result';

/** Wrap `bridge` so every method returns a `Result`, even when the transport itself fails. */
export function createApiClient(bridge: PeerscapeBridge): PeerscapeClient {
  const methods = Object.fromEntries(
    API_METHOD_NAMES.map((name) => [
      name,
      async (input: unknown): Promise<Result<unknown>> => {
        try {
          return (await bridge[name](input ?? {})) as Result<unknown>;
        } catch (error) {
          return fail(
            'internal',
            `Peerscape's ${name} call did not reach the app: ${error instanceof Error ? error.message : String(error)}`,
            'Restart Peerscape; if it keeps happening, report it.',
          );
        }
      },
    ]),
  );
  return {
    ...methods,
    on: (event, listener) => bridge.on(event, listener as (payload: unknown) => void),
  } as PeerscapeClient;
}
