/**
 * The only module that talks to the extension host: it alone calls `acquireVsCodeApi()` (VS Code
 * allows one call per page), lazily on first use so a test page can install a fake first.
 * Everything else imports the typed functions below.
 */
import type {
  HostNotifications,
  RequestName,
  Requests,
  WebviewMessage,
  WebviewNotifications,
} from '../src/protocol/messages';
import { RpcClient } from './logic/rpcClient';

/** The API VS Code injects into webviews. */
interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

let api: VsCodeApi | undefined;
let client: RpcClient | undefined;

function vscode(): VsCodeApi {
  api ??= acquireVsCodeApi();
  return api;
}

function rpc(): RpcClient {
  if (!client) {
    const c = new RpcClient((message: WebviewMessage) => vscode().postMessage(message));
    window.addEventListener('message', (event: MessageEvent<unknown>) => c.receive(event.data));
    client = c;
  }
  return client;
}

/** Sends a request to the host; resolves with its reply, rejects with a RequestError. */
export function request<K extends RequestName>(name: K, params: Requests[K][0]): Promise<Requests[K][1]> {
  return rpc().request(name, params);
}

/** Sends a notification to the host. */
export function notify<K extends keyof WebviewNotifications>(name: K, params: WebviewNotifications[K]): void {
  rpc().notify(name, params);
}

/** Subscribes to a host notification; returns the unsubscribe function. */
export function onNotification<K extends keyof HostNotifications>(
  name: K,
  handler: (params: HostNotifications[K]) => void,
): () => void {
  return rpc().onNotification(name, handler);
}

/** The persisted UI state (unvalidated: pass it through `readUiState`). */
export function getState(): unknown {
  return vscode().getState();
}

/** Persists UI state (VS Code keeps it while the tab is hidden and across reloads). */
export function setState(state: unknown): void {
  vscode().setState(state);
}
