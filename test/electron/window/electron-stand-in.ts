/** A stand-in for the parts of Electron the shell uses, strict where Electron is strict.
 *
 * Like Electron: schemes can be made privileged only before `ready` and only once; protocols,
 * sessions and windows only after; a second handler on one IPC channel throws. Each window's
 * webContents is announced with the app's 'web-contents-created' event, as Electron does, and
 * everything installed is kept so a test can call it.
 */
import { EventEmitter } from 'node:events';

import type { ElectronModules } from '../../../electron/window/set-up-app';

/** A navigation-like event: records whether a handler called preventDefault. */
export class StandInEvent {
  defaultPrevented = false;
  constructor(readonly url: string) {}
  preventDefault(): void {
    this.defaultPrevented = true;
  }
}

let nextContentsId = 1;

export class StandInWebContents extends EventEmitter {
  readonly id = nextContentsId++;
  readonly mainFrame: { url: string } = { url: '' };
  readonly sent: [string, unknown][] = [];
  windowOpenHandler: ((details: { url: string }) => unknown) | undefined;
  setWindowOpenHandler(handler: (details: { url: string }) => unknown): void {
    this.windowOpenHandler = handler;
  }
  send(channel: string, payload: unknown): void {
    this.sent.push([channel, payload]);
  }
}

export interface StandInElectron {
  readonly modules: ElectronModules;
  readonly app: EventEmitter & { ready: boolean; quitCalls: number };
  readonly windows: { options: Record<string, unknown>; loadedUrl?: string; webContents: StandInWebContents; emit(event: string): void }[];
  readonly privilegedSchemes: unknown[][];
  readonly protocolHandlers: Map<string, (request: { url: string; method: string }) => Promise<Response>>;
  readonly sessionHandlers: Record<string, (...args: never[]) => unknown>;
  readonly ipcHandlers: Map<string, (event: unknown, input: unknown) => Promise<unknown>>;
  /** Emit 'ready' and let the set-up's `whenReady` continuation run. */
  becomeReady(): Promise<void>;
}

function notYet(what: string): never {
  throw new Error(`${what} cannot be used before the app is ready`);
}

export function createElectronStandIn(): StandInElectron {
  let resolveReady!: () => void;
  const readyPromise = new Promise<void>((resolve) => (resolveReady = resolve));
  const app = Object.assign(new EventEmitter(), {
    ready: false,
    quitCalls: 0,
    whenReady: () => readyPromise,
    quit() {
      app.quitCalls++;
    },
  });
  const windows: StandInElectron['windows'] = [];
  const privilegedSchemes: unknown[][] = [];
  const protocolHandlers: StandInElectron['protocolHandlers'] = new Map();
  const sessionHandlers: StandInElectron['sessionHandlers'] = {};
  const ipcHandlers: StandInElectron['ipcHandlers'] = new Map();

  class StandInBrowserWindow extends EventEmitter {
    readonly webContents = new StandInWebContents();
    loadedUrl: string | undefined;
    constructor(readonly options: Record<string, unknown>) {
      super();
      if (!app.ready) notYet('BrowserWindow');
      windows.push(this);
      app.emit('web-contents-created', {}, this.webContents);
    }
    loadURL(url: string): Promise<void> {
      this.loadedUrl = url;
      this.webContents.mainFrame.url = url;
      return Promise.resolve();
    }
    show(): void {}
    isDestroyed(): boolean {
      return false;
    }
  }

  const session = {
    get defaultSession() {
      if (!app.ready) notYet('session.defaultSession');
      const set = (name: string) => (handler: (...args: never[]) => unknown) => void (sessionHandlers[name] = handler);
      return {
        setPermissionRequestHandler: set('permissionRequest'),
        setPermissionCheckHandler: set('permissionCheck'),
        setDevicePermissionHandler: set('devicePermission'),
      };
    },
  };

  const protocol = {
    registerSchemesAsPrivileged(schemes: unknown[]) {
      if (app.ready) throw new Error('registerSchemesAsPrivileged must be called before the app is ready');
      if (privilegedSchemes.length > 0) throw new Error('registerSchemesAsPrivileged can be called only once');
      privilegedSchemes.push(schemes);
    },
    handle(scheme: string, handler: (request: { url: string; method: string }) => Promise<Response>) {
      if (!app.ready) notYet('protocol.handle');
      if (protocolHandlers.has(scheme)) throw new Error(`${scheme} is already handled`);
      protocolHandlers.set(scheme, handler);
    },
  };

  const ipcMain = {
    handle(channel: string, handler: (event: unknown, input: unknown) => Promise<unknown>) {
      if (ipcHandlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
      ipcHandlers.set(channel, handler);
    },
  };

  return {
    modules: { app, BrowserWindow: StandInBrowserWindow, session, protocol, ipcMain } as unknown as ElectronModules,
    app,
    windows: windows as unknown as StandInElectron['windows'],
    privilegedSchemes,
    protocolHandlers,
    sessionHandlers,
    ipcHandlers,
    async becomeReady() {
      app.ready = true;
      app.emit('ready');
      resolveReady();
      await readyPromise;
      // Let the set-up's `.then` continuation run.
      await new Promise((resolve) => setImmediate(resolve));
    },
  };
}
