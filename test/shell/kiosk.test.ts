import { describe, expect, it } from 'vitest';
import { IPC_CHANNELS, type ActionRequest, type ActivityJson, type ApiResult, type RoomStateJson } from '../../src/api/contract.js';
import { activityJson } from '../helpers/room-state-json.js';
import { exposeBridge, type IpcRendererLike } from '../../src/shell/bridge.js';
import type {
  BrowserWindowLike,
  BrowserWindowOptionsLike,
  ElectronLike,
  IpcMainEventLike,
  KeyInput,
  WebContentsLike,
} from '../../src/shell/electron-like.js';
import { isBlockedShortcut, startKiosk } from '../../src/shell/kiosk.js';

type Listener = (...args: never[]) => unknown;

/** A stand-in for Electron's main-process module that records what the kiosk asks of it. */
class FakeWebContents implements WebContentsLike {
  readonly listeners = new Map<string, Listener>();
  openHandler: ((d: { url: string }) => { action: string }) | null = null;
  readonly sent: [string, unknown][] = [];
  on(event: string, listener: Listener): void {
    this.listeners.set(event, listener);
  }
  setWindowOpenHandler(handler: (d: { url: string }) => { action: 'deny' } | { action: 'allow' }): void {
    this.openHandler = handler;
  }
  send(channel: string, payload: unknown): void {
    this.sent.push([channel, payload]);
  }
  isDestroyed(): boolean {
    return false;
  }
}

function fakeElectron() {
  const appListeners = new Map<string, Listener>();
  const ipcHandlers = new Map<string, (event: IpcMainEventLike, ...args: unknown[]) => unknown>();
  const switches: string[] = [];
  const rec = {
    windows: [] as { options: BrowserWindowOptionsLike; url: string | null; contents: FakeWebContents; menu: unknown }[],
    applicationMenu: 'default' as unknown,
    permissionRequest: null as null | ((wc: unknown, permission: string, cb: (granted: boolean) => void) => void),
    permissionCheck: null as null | ((wc: unknown, permission: string) => boolean),
    appListeners,
    ipcHandlers,
    switches,
  };
  const electron: ElectronLike = {
    app: {
      whenReady: () => Promise.resolve(),
      on: (event: string, listener: Listener) => void appListeners.set(event, listener),
      quit: () => undefined,
      commandLine: { appendSwitch: (name: string) => void switches.push(name) },
    },
    BrowserWindow: class implements BrowserWindowLike {
      readonly webContents: FakeWebContents;
      private readonly record: (typeof rec.windows)[number];
      constructor(options: BrowserWindowOptionsLike) {
        this.webContents = new FakeWebContents();
        this.record = { options, url: null, contents: this.webContents, menu: 'default' };
        rec.windows.push(this.record);
        // Electron fires web-contents-created for every new window's contents.
        (appListeners.get('web-contents-created') as ((e: unknown, c: WebContentsLike) => void) | undefined)?.({}, this.webContents);
      }
      loadURL(url: string): Promise<void> {
        this.record.url = url;
        return Promise.resolve();
      }
      setMenu(menu: null): void {
        this.record.menu = menu;
      }
      isDestroyed(): boolean {
        return false;
      }
    },
    Menu: { setApplicationMenu: (menu: null) => void (rec.applicationMenu = menu) },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (h) => void (rec.permissionRequest = h),
        setPermissionCheckHandler: (h) => void (rec.permissionCheck = h),
      },
    },
    ipcMain: { handle: (channel, handler) => void ipcHandlers.set(channel, handler) },
  };
  return { electron, rec };
}

const URL_ = 'http://127.0.0.1:8420/';
const STATE = { status: 'free' } as RoomStateJson;

const ACTIVITY = activityJson();

async function kiosk() {
  const { electron, rec } = fakeElectron();
  let push: ((s: RoomStateJson) => void) | null = null;
  const acted: ActionRequest[] = [];
  await startKiosk(electron, {
    url: URL_,
    preloadPath: '/opt/lintel/preload.cjs',
    latestState: () => STATE,
    subscribe: (l) => {
      push = l;
      return () => undefined;
    },
    act: (request) => {
      acted.push(request);
      return Promise.resolve({ ok: true, value: ACTIVITY });
    },
  });
  return { rec, acted, push: (s: RoomStateJson) => push?.(s) };
}

function keyDown(partial: Partial<KeyInput>): KeyInput {
  return { type: 'keyDown', key: 'a', control: false, meta: false, shift: false, alt: false, ...partial };
}

describe('the Electron kiosk window', () => {
  it('is a sandboxed, isolated, node-free kiosk with the preload bridge and no devtools', async () => {
    const { rec } = await kiosk();
    expect(rec.windows).toHaveLength(1);
    const w = rec.windows[0];
    expect(w?.options).toMatchObject({
      kiosk: true,
      fullscreen: true,
      webPreferences: {
        sandbox: true,
        contextIsolation: true,
        nodeIntegration: false,
        nodeIntegrationInSubFrames: false,
        webSecurity: true,
        allowRunningInsecureContent: false,
        devTools: false,
        preload: '/opt/lintel/preload.cjs',
      },
    });
    expect(w?.url).toBe(URL_);
    expect(w?.menu).toBeNull();
    expect(rec.applicationMenu).toBeNull();
  });

  it('denies every permission request and check', async () => {
    const { rec } = await kiosk();
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal']) {
      let granted: boolean | null = null;
      rec.permissionRequest?.({}, permission, (g) => (granted = g));
      expect(granted).toBe(false);
      expect(rec.permissionCheck?.({}, permission)).toBe(false);
    }
  });

  it('blocks navigation away from the core and every window.open', async () => {
    const { rec } = await kiosk();
    const contents = rec.windows[0]?.contents;
    const navigate = contents?.listeners.get('will-navigate') as (e: { preventDefault(): void }, url: string) => void;
    const attempt = (url: string): boolean => {
      let prevented = false;
      navigate({ preventDefault: () => (prevented = true) }, url);
      return prevented;
    };
    expect(attempt('https://evil.example/')).toBe(true);
    expect(attempt('file:///etc/passwd')).toBe(true);
    expect(attempt('http://127.0.0.1:9999/')).toBe(true);
    expect(attempt('http://127.0.0.1:8420/?dev=1')).toBe(false);
    expect(contents?.openHandler?.({ url: 'https://example.com' })).toEqual({ action: 'deny' });
    expect(contents?.openHandler?.({ url: URL_ })).toEqual({ action: 'deny' });
  });

  it('swallows devtools, reload, zoom and quit shortcuts', async () => {
    const { rec } = await kiosk();
    const input = rec.windows[0]?.contents.listeners.get('before-input-event') as (e: { preventDefault(): void }, i: KeyInput) => void;
    const blocked = (i: KeyInput): boolean => {
      let prevented = false;
      input({ preventDefault: () => (prevented = true) }, i);
      return prevented;
    };
    expect(blocked(keyDown({ key: 'I', control: true, shift: true }))).toBe(true);
    expect(blocked(keyDown({ key: 'F12' }))).toBe(true);
    expect(blocked(keyDown({ key: 'r', control: true }))).toBe(true);
    expect(blocked(keyDown({ key: 'q', meta: true }))).toBe(true);
    expect(blocked(keyDown({ key: 'F4', alt: true }))).toBe(true);
    expect(blocked(keyDown({ key: 'a' }))).toBe(false);
    expect(isBlockedShortcut({ ...keyDown({ key: 'F12' }), type: 'keyUp' })).toBe(false);
  });

  it('answers the state over IPC only to its own page, in the Result shape', async () => {
    const { rec } = await kiosk();
    const handler = rec.ipcHandlers.get(IPC_CHANNELS.getState);
    expect(handler?.({ senderFrame: { url: `${URL_}index.html` } })).toEqual({ ok: true, value: STATE });
    expect(handler?.({ senderFrame: { url: 'https://evil.example/' } })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(handler?.({ senderFrame: null })).toMatchObject({ ok: false });
  });

  it("relays the page's door actions to the core, and only its own page's", async () => {
    const { rec, acted } = await kiosk();
    const handler = rec.ipcHandlers.get(IPC_CHANNELS.act);
    const request: ActionRequest = { kind: 'book', transactionId: ACTIVITY.transactionId, end: '2026-11-23T12:20:00+01:00' };
    expect(await handler?.({ senderFrame: { url: URL_ } }, request)).toEqual({ ok: true, value: ACTIVITY });
    expect(acted).toEqual([request]);
    expect(await handler?.({ senderFrame: { url: 'https://evil.example/' } }, request)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await handler?.({ senderFrame: null }, request)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    for (const junk of [null, 'book', 42, [request]]) {
      expect(await handler?.({ senderFrame: { url: URL_ } }, junk)).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    }
    expect(acted).toHaveLength(1);
  });

  it('relays each new state from the core to the page', async () => {
    const { rec, push } = await kiosk();
    const next = { status: 'busy' } as RoomStateJson;
    push(next);
    expect(rec.windows[0]?.contents.sent).toEqual([[IPC_CHANNELS.state, next]]);
  });
});

describe('the preload bridge', () => {
  it('exposes only getState, onState and act, on the contract channels', async () => {
    const exposed = new Map<string, unknown>();
    const listeners = new Map<string, (e: unknown, ...a: unknown[]) => void>();
    const invoked: string[] = [];
    const ipc: IpcRendererLike = {
      invoke: (channel) => {
        invoked.push(channel);
        return Promise.resolve(channel === IPC_CHANNELS.act ? { ok: true, value: ACTIVITY } : { ok: true, value: STATE });
      },
      on: (channel, l) => listeners.set(channel, l),
      removeListener: (channel) => listeners.delete(channel),
    };
    exposeBridge({ exposeInMainWorld: (key, api) => exposed.set(key, api) }, ipc);
    expect([...exposed.keys()]).toEqual(['lintel']);
    const bridge = exposed.get('lintel') as {
      getState(): Promise<unknown>;
      onState(l: (s: unknown) => void): () => void;
      act(r: ActionRequest): Promise<ApiResult<ActivityJson>>;
    };
    expect(Object.keys(bridge).sort()).toEqual(['act', 'getState', 'onState']);
    expect(await bridge.getState()).toEqual({ ok: true, value: STATE });
    expect(invoked).toEqual([IPC_CHANNELS.getState]);
    const got: unknown[] = [];
    const stop = bridge.onState((s) => got.push(s));
    listeners.get(IPC_CHANNELS.state)?.({ sender: 'ipc' }, STATE);
    expect(got).toEqual([STATE]);
    stop();
    expect(listeners.has(IPC_CHANNELS.state)).toBe(false);
  });

  it('sends a door action on the act channel, with the request as its only argument', async () => {
    const calls: unknown[][] = [];
    const ipc: IpcRendererLike = {
      invoke: (channel, ...args) => {
        calls.push([channel, ...args]);
        return Promise.resolve({ ok: true, value: ACTIVITY });
      },
      on: () => undefined,
      removeListener: () => undefined,
    };
    const bridge = exposeBridge({ exposeInMainWorld: () => undefined }, ipc);
    const request: ActionRequest = { kind: 'check-in', transactionId: 't1', eventId: 'e1' };
    expect(await bridge.act(request)).toEqual({ ok: true, value: ACTIVITY });
    expect(calls).toEqual([[IPC_CHANNELS.act, request]]);
  });
});
