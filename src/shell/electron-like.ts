/**
 * The slice of Electron's main-process API the kiosk uses, as structural types: the real
 * `electron` module satisfies them (main.ts passes it in), and tests pass a fake that records.
 */
export interface WebContentsLike {
  on(event: 'will-navigate', listener: (event: { preventDefault(): void }, url: string) => void): void;
  on(event: 'before-input-event', listener: (event: { preventDefault(): void }, input: KeyInput) => void): void;
  on(event: 'render-process-gone', listener: (event: unknown, details: { reason: string }) => void): void;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' } | { action: 'allow' }): void;
  send(channel: string, ...args: unknown[]): void;
  isDestroyed(): boolean;
}

export interface KeyInput {
  type: string;
  key: string;
  control: boolean;
  meta: boolean;
  shift: boolean;
  alt: boolean;
}

export interface BrowserWindowLike {
  readonly webContents: WebContentsLike;
  loadURL(url: string): Promise<void>;
  setMenu(menu: null): void;
  isDestroyed(): boolean;
}

export interface BrowserWindowOptionsLike {
  kiosk: boolean;
  fullscreen: boolean;
  autoHideMenuBar: boolean;
  backgroundColor: string;
  show: boolean;
  webPreferences: {
    sandbox: boolean;
    contextIsolation: boolean;
    nodeIntegration: boolean;
    nodeIntegrationInSubFrames: boolean;
    webSecurity: boolean;
    allowRunningInsecureContent: boolean;
    devTools: boolean;
    spellcheck: boolean;
    preload: string;
  };
}

export interface PermissionHandlers {
  setPermissionRequestHandler(
    handler: (webContents: unknown, permission: string, callback: (granted: boolean) => void) => void,
  ): void;
  setPermissionCheckHandler(handler: (webContents: unknown, permission: string) => boolean): void;
}

export interface IpcMainEventLike {
  readonly senderFrame: { readonly url: string } | null;
}

export interface ElectronLike {
  app: {
    whenReady(): Promise<void>;
    on(event: 'window-all-closed', listener: () => void): void;
    on(event: 'web-contents-created', listener: (event: unknown, contents: WebContentsLike) => void): void;
    quit(): void;
    commandLine: { appendSwitch(name: string, value?: string): void };
  };
  BrowserWindow: new (options: BrowserWindowOptionsLike) => BrowserWindowLike;
  Menu: { setApplicationMenu(menu: null): void };
  session: { defaultSession: PermissionHandlers };
  ipcMain: {
    handle(channel: string, handler: (event: IpcMainEventLike, ...args: unknown[]) => unknown): void;
  };
}
