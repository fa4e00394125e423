/** The browser harness's bridge: the same methods as the preload's, over HTTP to 127.0.0.1. */
import type { PeerscapeBridge } from '../../shared/api/contract';
import { API_EVENT_NAMES, API_METHOD_NAMES } from '../../shared/api/method-names';
import { decodeWire, encodeWire } from '../../shared/api/wire';

/** Build a bridge that presents `token` on every call and listens to the harness's event stream. */
export function createHttpBridge(token: string, origin = ''): PeerscapeBridge {
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  let source: EventSource | undefined;
  const ensureStream = () => {
    if (source) return;
    source = new EventSource(`${origin}/api/events?token=${encodeURIComponent(token)}`);
    for (const name of API_EVENT_NAMES) {
      source.addEventListener(name, (e) => {
        const payload = decodeWire((e as MessageEvent<string>).data);
        for (const l of listeners.get(name) ?? []) l(payload);
      });
    }
  };
  const methods = Object.fromEntries(
    API_METHOD_NAMES.map((method) => [
      method,
      async (input: unknown) => {
        const response = await fetch(`${origin}/api/call`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-peerscape-token': token },
          body: encodeWire(structuredClone({ method, input })),
        });
        return decodeWire(await response.text());
      },
    ]),
  );
  return {
    ...methods,
    on(event: string, listener: (payload: unknown) => void) {
      ensureStream();
      const set = listeners.get(event) ?? new Set();
      set.add(listener);
      listeners.set(event, set);
      return () => void set.delete(listener);
    },
  } as PeerscapeBridge;
}
