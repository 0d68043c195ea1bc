// First, minimal editor page: says `ready`, then shows what the host sends in `init`.
// Every string may come from an export, so it is rendered as text (textContent), never as HTML.
import type { HostMessage, HostNotifications, WebviewMessage } from '../src/protocol/messages';

interface VsCodeApi {
  postMessage(message: WebviewMessage): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();

function line(tag: 'h1' | 'p', text: string, id: string): HTMLElement {
  const element = document.createElement(tag);
  element.id = id;
  element.textContent = text;
  return element;
}

function render(init: HostNotifications['init']): void {
  const app = document.getElementById('app');
  if (!app) return;
  const { load } = init;
  const parts = [line('h1', init.title, 'title')];
  if (load.phase === 'failed') {
    parts.push(line('p', `Could not read the export: ${load.message ?? 'unknown error'}`, 'error'));
  } else {
    parts.push(line('p', `${load.records} ${load.records === 1 ? 'record' : 'records'}`, 'records'));
    parts.push(line('p', `${load.totalBytes} bytes`, 'size'));
    if (load.message) parts.push(line('p', load.message, 'message'));
  }
  app.replaceChildren(...parts);
}

window.addEventListener('message', (event: MessageEvent<HostMessage>) => {
  const message = event.data;
  if (message?.kind === 'notify' && message.name === 'init')
    render(message.params as HostNotifications['init']);
});

vscode.postMessage({ kind: 'notify', name: 'ready', params: {} });
