import { IPC_CHANNELS, type ActionRequest, type ActivityJson, type ApiResult, type RoomStateJson } from '../api/contract.js';
import type { BrowserWindowLike, ElectronLike, IpcMainEventLike, KeyInput, WebContentsLike } from './electron-like.js';

export interface KioskOptions {
  /** The core's HTTP origin the window shows, e.g. http://127.0.0.1:8420/ */
  readonly url: string;
  readonly preloadPath: string;
  /** The latest state from the core (relayed to the renderer over IPC). */
  readonly latestState: () => RoomStateJson | null;
  /** Calls the listener with each new state from the core; returns unsubscribe. */
  readonly subscribe: (listener: (state: RoomStateJson) => void) => () => void;
  /** Sends a door action to the core (which checks it); answers in the Result shape, never throws. */
  readonly act: (request: ActionRequest) => Promise<ApiResult<ActivityJson>>;
}

/** Reload, devtools, zoom, close and quit shortcuts: a passer-by must not get out of the kiosk. */
export function isBlockedShortcut(input: KeyInput): boolean {
  if (input.type !== 'keyDown') return false;
  const key = input.key.toLowerCase();
  const mod = input.control || input.meta;
  if (key === 'f12' || key === 'f11' || key === 'f5') return true;
  if (mod && input.shift && ['i', 'j', 'c', 'r'].includes(key)) return true;
  if (mod && ['r', 'w', 'q', 'p', 's', 'o', 'n', 't', '+', '-', '=', '0'].includes(key)) return true;
  if (input.alt && key === 'f4') return true;
  return false;
}

function sameOrigin(a: string, b: string): boolean {
  try {
    return new URL(a).origin === new URL(b).origin;
  } catch {
    return false;
  }
}

function harden(contents: WebContentsLike, origin: string): void {
  contents.on('will-navigate', (event, url) => {
    if (!sameOrigin(url, origin)) event.preventDefault();
  });
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('before-input-event', (event, input) => {
    if (isBlockedShortcut(input)) event.preventDefault();
  });
}

/**
 * The kiosk window: full screen, no menu, sandboxed renderer with only the preload bridge,
 * every permission denied, navigation and pop-ups locked to the core's own origin.
 */
export async function startKiosk(electron: ElectronLike, o: KioskOptions): Promise<BrowserWindowLike> {
  const { app, BrowserWindow, Menu, session, ipcMain } = electron;
  app.commandLine.appendSwitch('disable-pinch');
  app.commandLine.appendSwitch('overscroll-history-navigation', '0');
  app.on('web-contents-created', (_event, contents) => harden(contents, o.url));
  app.on('window-all-closed', () => app.quit());
  await app.whenReady();

  Menu.setApplicationMenu(null);
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);

  const fromDoor = (event: IpcMainEventLike): boolean => event.senderFrame !== null && sameOrigin(event.senderFrame.url, o.url);

  ipcMain.handle(IPC_CHANNELS.getState, (event): ApiResult<RoomStateJson> => {
    if (!fromDoor(event)) {
      return { ok: false, error: { code: 'FORBIDDEN', message: 'Only the door view may ask for the state.' } };
    }
    const state = o.latestState();
    return state
      ? { ok: true, value: state }
      : { ok: false, error: { code: 'NOT_READY', message: 'The core has not sent a state yet.' } };
  });

  // A relay, not a judge: the core validates every request it gets, from here or from anyone else.
  ipcMain.handle(IPC_CHANNELS.act, async (event, request): Promise<ApiResult<ActivityJson>> => {
    if (!fromDoor(event)) {
      return { ok: false, error: { code: 'FORBIDDEN', message: 'Only the door view may act.' } };
    }
    if (typeof request !== 'object' || request === null || Array.isArray(request)) {
      return { ok: false, error: { code: 'BAD_REQUEST', message: 'An action is an object.' } };
    }
    return o.act(request as ActionRequest);
  });

  const win = new BrowserWindow({
    kiosk: true,
    fullscreen: true,
    autoHideMenuBar: true,
    backgroundColor: '#000000',
    show: true,
    webPreferences: {
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      devTools: false,
      spellcheck: false,
      preload: o.preloadPath,
    },
  });
  win.setMenu(null);
  o.subscribe((state) => {
    if (!win.isDestroyed() && !win.webContents.isDestroyed()) win.webContents.send(IPC_CHANNELS.state, state);
  });
  await win.loadURL(o.url);
  return win;
}
