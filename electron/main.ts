/** Peerscape's Electron entry: a thin shell that hands Electron's modules to the app's set-up. */
import { homedir } from 'node:os';
import { join } from 'node:path';

import { app, BrowserWindow, ipcMain, protocol, session } from 'electron';
import Store from 'electron-store';

import { createMainApi } from './api/main-api';
import { DEFAULT_SCAN_THREADS } from './discovery/scan-pool';
import { setUpApp } from './window/set-up-app';

setUpApp(
  { app, BrowserWindow, session, protocol, ipcMain },
  {
    rendererDir: join(import.meta.dirname, '../renderer'),
    preloadPath: join(import.meta.dirname, '../preload/preload.cjs'),
    makeApi: (emit) =>
      createMainApi({
        appName: app.getName(),
        appVersion: app.getVersion(),
        shell: 'electron',
        env: process.env,
        homeDir: homedir(),
        dataDir: app.getPath('userData'),
        settings: new Store({ name: 'workspace' }),
        emit,
        now: () => new Date(),
        // Scans run on worker threads (scan-worker.js beside this file): this thread answers the window.
        discoveryLimits: { scanThreads: DEFAULT_SCAN_THREADS },
      }),
    log: (message, error) => console.error(`[peerscape] ${message}`, error ?? ''),
  },
);
