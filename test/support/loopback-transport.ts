/** Binds a `PeerscapeApi` implementation to an in-process client, as IPC would.
 *
 * Every value crossing runs through `structuredClone`, so a test fails on anything Electron's
 * IPC could not carry (functions, class instances with methods, symbols).
 */
import type { EmitEvent, PeerscapeApi, PeerscapeBridge, PeerscapeClient } from '../../shared/api/contract';
import { createApiClient } from '../../shared/api/client';
import { dispatchCall } from '../../shared/api/dispatch';
import { API_METHOD_NAMES } from '../../shared/api/method-names';

/** A client plus the emitter that pushes events to it. */
export interface Loopback<A extends PeerscapeApi = PeerscapeApi> {
  readonly client: PeerscapeClient;
  readonly emit: EmitEvent;
  /** The implementation itself, for host duties such as `dispose`. */
  readonly api: A;
}

/** Build a loopback pair around the API that `makeApi` returns for the given emitter. */
export function createLoopback<A extends PeerscapeApi>(makeApi: (emit: EmitEvent) => A): Loopback<A> {
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const emit: EmitEvent = (event, payload) => {
    for (const l of listeners.get(event) ?? []) l(structuredClone(payload));
  };
  const api = makeApi(emit);
  const bridge = {
    ...Object.fromEntries(
      API_METHOD_NAMES.map((name) => [
        name,
        async (input: unknown) => structuredClone(await dispatchCall(api, name, structuredClone(input))),
      ]),
    ),
    on(event: string, listener: (payload: unknown) => void) {
      const set = listeners.get(event) ?? new Set();
      set.add(listener);
      listeners.set(event, set);
      return () => void set.delete(listener);
    },
  } as unknown as PeerscapeBridge;
  return { client: createApiClient(bridge), emit, api };
}
