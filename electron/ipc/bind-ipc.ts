/** Binds the one API implementation to Electron's IPC: one `peerscape:<method>` channel per method. */
import type { BrowserWindow, IpcMain, IpcMainInvokeEvent } from 'electron';

import type { EmitEvent, PeerscapeApi } from '../../shared/api/contract';
import { dispatchCall } from '../../shared/api/dispatch';
import { API_METHOD_NAMES, eventChannel, methodChannel } from '../../shared/api/method-names';
import { fail } from '../../shared/core/result';
import { isTrustedSender } from '../security/window-security';

/** Register every method's handler; each call's sender is checked before its input is parsed. */
export function bindIpc(
  ipcMain: Pick<IpcMain, 'handle'>,
  api: PeerscapeApi,
  trusted: () => { appUrl: string; webContentsId: number | undefined },
  log: (message: string, error?: unknown) => void,
): void {
  for (const name of API_METHOD_NAMES) {
    ipcMain.handle(methodChannel(name), async (event: IpcMainInvokeEvent, input: unknown) => {
      const frame = event.senderFrame;
      const sender = { url: frame?.url, isMainFrame: !!frame && frame === event.sender.mainFrame, webContentsId: event.sender.id };
      if (!isTrustedSender(sender, trusted())) {
        log(`refused ${name} from untrusted sender ${sender.url ?? '(no frame)'}`);
        return fail('unauthorized', 'This window may not call Peerscape.', 'Use the Peerscape window.');
      }
      return dispatchCall(api, name, input, (error) => log(`${name} crashed`, error));
    });
  }
}

/** An event emitter that pushes to the window while it exists. */
export function windowEmitter(window: () => BrowserWindow | undefined): EmitEvent {
  return (event, payload) => {
    const w = window();
    if (w && !w.isDestroyed()) w.webContents.send(eventChannel(event), payload);
  };
}
