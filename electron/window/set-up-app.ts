/** Everything the Electron shell installs, as one function of Electron's modules.
 *
 * main.ts passes the real `app`, `BrowserWindow`, `session`, `protocol` and `ipcMain`; a test
 * passes stand-ins and checks that each guard is installed and refuses what it must: the
 * privileged `app://` scheme (registered before ready, served after), navigation and redirects
 * anywhere but our page, webviews, new windows, permission and device requests, and IPC from any
 * frame but our window's main frame showing our page.
 */
import type { App, BrowserWindow, BrowserWindowConstructorOptions, IpcMain, Protocol, Session, WebContents } from 'electron';

import type { EmitEvent, PeerscapeApi } from '../../shared/api/contract';
import { bindIpc, windowEmitter } from '../ipc/bind-ipc';
import { isAllowedNavigation, isPermissionGranted, SECURE_WEB_PREFERENCES, windowOpenDecision } from '../security/window-security';
import { APP_PAGE_URL, APP_SCHEME, APP_SCHEME_PRIVILEGES, appProtocolHandler } from './app-protocol';

/** The parts of Electron the shell uses. */
export interface ElectronModules {
  readonly app: Pick<App, 'on' | 'whenReady' | 'quit'>;
  readonly BrowserWindow: new (options: BrowserWindowConstructorOptions) => BrowserWindow;
  readonly session: { readonly defaultSession: Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'setDevicePermissionHandler'> };
  readonly protocol: Pick<Protocol, 'registerSchemesAsPrivileged' | 'handle'>;
  readonly ipcMain: Pick<IpcMain, 'handle'>;
}

/** What the shell needs besides Electron. */
export interface AppShellOptions {
  /** The built renderer folder (`out/renderer`), served as `app://peerscape/`. */
  readonly rendererDir: string;
  /** The bundled preload (`out/preload/preload.cjs`). */
  readonly preloadPath: string;
  /** Builds the API once the app is ready, given the emitter that pushes events to the window. */
  readonly makeApi: (emit: EmitEvent) => PeerscapeApi & { dispose(): Promise<void> };
  readonly log: (message: string, error?: unknown) => void;
  readonly platform?: NodeJS.Platform;
}

/** Refuse every navigation, redirect and webview that would leave our page, and every new window. */
function guardContents(contents: WebContents): void {
  const stayOnOurPage = (event: { readonly url: string; preventDefault(): void }) => {
    if (!isAllowedNavigation(event.url, APP_PAGE_URL)) event.preventDefault();
  };
  contents.on('will-navigate', stayOnOurPage);
  contents.on('will-frame-navigate', stayOnOurPage);
  contents.on('will-redirect', stayOnOurPage);
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => windowOpenDecision());
}

function createWindow(electron: ElectronModules, preloadPath: string): BrowserWindow {
  const window = new electron.BrowserWindow({
    width: 1440,
    height: 900,
    minWidth: 960,
    minHeight: 600,
    title: 'Peerscape',
    show: false,
    backgroundColor: '#0f172a',
    webPreferences: { ...SECURE_WEB_PREFERENCES, preload: preloadPath },
  });
  window.once('ready-to-show', () => window.show());
  void window.loadURL(APP_PAGE_URL);
  return window;
}

/** Install the shell: call once, at start-up, before the app is ready. */
export function setUpApp(electron: ElectronModules, options: AppShellOptions): void {
  const { app, protocol } = electron;
  // Only possible before `ready`, and only once.
  protocol.registerSchemesAsPrivileged(APP_SCHEME_PRIVILEGES.map(({ scheme, privileges }) => ({ scheme, privileges: { ...privileges } })));
  app.on('web-contents-created', (_event, contents) => guardContents(contents));
  app.on('window-all-closed', () => {
    if ((options.platform ?? process.platform) !== 'darwin') app.quit();
  });

  let mainWindow: BrowserWindow | undefined;
  const open = () => {
    const window = createWindow(electron, options.preloadPath);
    window.on('closed', () => {
      if (mainWindow === window) mainWindow = undefined;
    });
    mainWindow = window;
  };

  void app
    .whenReady()
    .then(() => {
      protocol.handle(APP_SCHEME, appProtocolHandler(options.rendererDir));
      const { defaultSession } = electron.session;
      defaultSession.setPermissionRequestHandler((_contents, permission, callback) => callback(isPermissionGranted(permission)));
      defaultSession.setPermissionCheckHandler((_contents, permission) => isPermissionGranted(permission));
      defaultSession.setDevicePermissionHandler(() => false);
      const api = options.makeApi(windowEmitter(() => mainWindow));
      app.on('before-quit', () => void api.dispose());
      bindIpc(electron.ipcMain, api, () => ({ appUrl: APP_PAGE_URL, webContentsId: mainWindow?.webContents.id }), options.log);
      open();
      app.on('activate', () => {
        if (!mainWindow) open();
      });
    })
    .catch((error: unknown) => {
      options.log('Peerscape could not start', error);
      app.quit();
    });
}
