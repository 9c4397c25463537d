import {
  BRIDGE_GLOBAL,
  IPC_CHANNELS,
  type ActivityJson,
  type ApiResult,
  type LintelBridge,
  type RoomStateJson,
} from '../api/contract.js';

export interface ContextBridgeLike {
  exposeInMainWorld(key: string, api: unknown): void;
}

export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

/** The only thing the page gets from the preload: three functions, never ipcRenderer itself. */
export function exposeBridge(contextBridge: ContextBridgeLike, ipcRenderer: IpcRendererLike): LintelBridge {
  const bridge: LintelBridge = {
    getState: () => ipcRenderer.invoke(IPC_CHANNELS.getState) as Promise<ApiResult<RoomStateJson>>,
    onState(listener) {
      const relay = (_event: unknown, state: unknown): void => listener(state as RoomStateJson);
      ipcRenderer.on(IPC_CHANNELS.state, relay);
      return () => {
        ipcRenderer.removeListener(IPC_CHANNELS.state, relay);
      };
    },
    act: (request) => ipcRenderer.invoke(IPC_CHANNELS.act, request) as Promise<ApiResult<ActivityJson>>,
  };
  contextBridge.exposeInMainWorld(BRIDGE_GLOBAL, bridge);
  return bridge;
}
