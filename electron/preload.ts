/** Exposes `window.peerscape`: one function per API method and a typed event subscription.
 *
 * Never exposes ipcRenderer itself (Electron's context-isolation guide). Bundled as one CommonJS
 * file because sandboxed preloads cannot be ES modules.
 */
import { contextBridge, ipcRenderer } from 'electron';
import type { IpcRendererEvent } from 'electron';

import { API_EVENT_NAMES, API_METHOD_NAMES, eventChannel, methodChannel } from '../shared/api/method-names';
import type { ApiEventName } from '../shared/api/method-names';

const methods = Object.fromEntries(
  API_METHOD_NAMES.map((name) => [name, (input: unknown) => ipcRenderer.invoke(methodChannel(name), input)]),
);

function on(event: string, listener: (payload: unknown) => void): () => void {
  if (!(API_EVENT_NAMES as readonly string[]).includes(event)) throw new Error(`unknown event ${event}`);
  const channel = eventChannel(event as ApiEventName);
  const handler = (_e: IpcRendererEvent, payload: unknown) => listener(payload);
  ipcRenderer.on(channel, handler);
  return () => ipcRenderer.removeListener(channel, handler);
}

contextBridge.exposeInMainWorld('peerscape', { ...methods, on });
