/** The renderer's only door to the Node side: `window.peerscape` in Electron, HTTP in the harness. */
import { createApiClient } from '../shared/api/client';
import type { PeerscapeBridge, PeerscapeClient } from '../shared/api/contract';
import { createHttpBridge } from './transport/http-bridge';

declare global {
  interface Window {
    /** Set by electron/preload.ts; absent in an ordinary browser. */
    readonly peerscape?: PeerscapeBridge;
  }
}

function harnessToken(): string | undefined {
  const match = /(?:^#|&)token=([0-9a-f]+)/.exec(window.location.hash);
  return match?.[1];
}

function connect(): PeerscapeClient {
  if (window.peerscape) return createApiClient(window.peerscape);
  const token = harnessToken();
  if (token) return createApiClient(createHttpBridge(token));
  return createApiClient(createDisconnectedBridge());
}

function createDisconnectedBridge(): PeerscapeBridge {
  const refuse = async () => ({
    ok: false,
    error: {
      code: 'unauthorized',
      message: 'This page is not connected to Peerscape.',
      fix: 'Open the address printed by `npm run dev:browser`, including its #token, or start the desktop app.',
    },
  });
  return new Proxy({} as PeerscapeBridge, {
    get: (_t, prop) => (prop === 'on' ? () => () => undefined : refuse),
  });
}

/** The typed API client for this page. */
export const api: PeerscapeClient = connect();
