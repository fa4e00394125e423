/** Peerscape's Electron entry: a thin shell that opens the window and binds the API to IPC. */
import { homedir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

import { app, BrowserWindow, ipcMain, session } from 'electron';
import Store from 'electron-store';

import { createMainApi } from './api/main-api';
import { DEFAULT_SCAN_THREADS } from './discovery/scan-pool';
import { bindIpc, windowEmitter } from './ipc/bind-ipc';
import {
  isAllowedNavigation,
  isPermissionGranted,
  SECURE_WEB_PREFERENCES,
  windowOpenDecision,
} from './security/window-security';

let mainWindow: BrowserWindow | undefined;
const pagePath = join(import.meta.dirname, '../renderer/index.html');
const appUrl = pathToFileURL(pagePath).href;

function createWindow(): BrowserWindow {
  const window = new BrowserWindow({
    width: 1440,
    height: 900,
    minWidth: 960,
    minHeight: 600,
    title: 'Peerscape',
    show: false,
    backgroundColor: '#0f172a',
    webPreferences: { ...SECURE_WEB_PREFERENCES, preload: join(import.meta.dirname, '../preload/preload.cjs') },
  });
  window.once('ready-to-show', () => window.show());
  window.on('closed', () => (mainWindow = undefined));
  void window.loadFile(pagePath);
  return window;
}

app.on('web-contents-created', (_event, contents) => {
  contents.on('will-navigate', (event, url) => {
    if (!isAllowedNavigation(url, appUrl)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAllowedNavigation(url, appUrl)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => windowOpenDecision());
});

void app.whenReady().then(() => {
  session.defaultSession.setPermissionRequestHandler((_wc, permission, callback) => callback(isPermissionGranted(permission)));
  session.defaultSession.setPermissionCheckHandler((_wc, permission) => isPermissionGranted(permission));
  const api = createMainApi({
    appName: app.getName(),
    appVersion: app.getVersion(),
    shell: 'electron',
    env: process.env,
    homeDir: homedir(),
    dataDir: app.getPath('userData'),
    settings: new Store({ name: 'workspace' }),
    emit: windowEmitter(() => mainWindow),
    now: () => new Date(),
    // Scans run on worker threads (scan-worker.js beside this file): this thread answers the window.
    discoveryLimits: { scanThreads: DEFAULT_SCAN_THREADS },
  });
  app.on('before-quit', () => void api.dispose());
  bindIpc(ipcMain, api, () => ({ appUrl, webContentsId: mainWindow?.webContents.id }), (message, error) =>
    console.error(`[peerscape] ${message}`, error ?? ''),
  );
  mainWindow = createWindow();
  app.on('activate', () => {
    if (!mainWindow) mainWindow = createWindow();
  });
});

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});
