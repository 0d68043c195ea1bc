/**
 * Page glue of the webview preview: installs a fake `acquireVsCodeApi` whose messages go to the
 * in-page PreviewHost, delivers the host's messages as window `message` events (as VS Code does),
 * and keeps `setState` in sessionStorage so a reload restores the view like VS Code would.
 * Typed without the DOM library (this file is compiled by the Node tsconfig too).
 */
import type { HostMessage, WebviewMessage } from '../../../src/protocol/messages';
import { PreviewHost } from './previewHost';
import { generatePreviewRecords } from './previewRecords';

interface PageGlobals {
  acquireVsCodeApi?: () => { postMessage(m: unknown): void; getState(): unknown; setState(s: unknown): void };
  postMessage(message: unknown, targetOrigin: string): void;
  sessionStorage: { getItem(key: string): string | null; setItem(key: string, value: string): void };
  location: { search: string };
  __preview?: unknown;
}

const stateKey = 'mia-preview-state';

/** Installs the fake VS Code API and host; call before the app starts. */
export function installPreview(): void {
  const page = globalThis as unknown as PageGlobals;
  const params = new URLSearchParams(page.location.search);
  const count = Number(params.get('records') ?? 300_000);
  const started = Date.now();
  const records = generatePreviewRecords(count, Number(params.get('seed') ?? 7));
  const generatedMs = Date.now() - started;
  const progressive = params.get('load') !== 'instant';
  const host = new PreviewHost(
    records,
    {
      chunk: progressive ? Math.ceil(count / 6) : count,
      chunkDelayMs: Number(params.get('chunkDelay') ?? 250),
      latencyMs: Number(params.get('latency') ?? 0),
    },
    (message: HostMessage) => page.postMessage(message, '*'),
    (fn, ms) => void setTimeout(fn, ms),
  );
  let acquired = false;
  page.acquireVsCodeApi = () => {
    if (acquired) throw new Error('acquireVsCodeApi may only be called once');
    acquired = true;
    return {
      postMessage: (m: unknown) => host.receive(structuredClone(m) as WebviewMessage),
      getState: () => {
        const saved = page.sessionStorage.getItem(stateKey);
        return saved === null ? undefined : (JSON.parse(saved) as unknown);
      },
      setState: (s: unknown) => page.sessionStorage.setItem(stateKey, JSON.stringify(s)),
    };
  };
  page.__preview = { host, records, generatedMs, notify: host.notify.bind(host) };
}
