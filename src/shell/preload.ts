// Bundled to preload.cjs (sandboxed preloads cannot load other files), contract inlined.
import { contextBridge, ipcRenderer } from 'electron';
import { exposeBridge } from './bridge.js';

exposeBridge(contextBridge, ipcRenderer);
