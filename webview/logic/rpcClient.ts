/**
 * The webview end of the typed protocol, without the browser: requests get ids and promises that
 * settle when the matching reply arrives (an error reply rejects), notifications go out without a
 * reply, and host notifications are dispatched to typed handlers. `hostChannel.ts` wires this to
 * `acquireVsCodeApi()` and the window's message events.
 */
import type {
  HostMessage,
  HostNotifications,
  RequestName,
  Requests,
  WebviewMessage,
  WebviewNotifications,
} from '../../src/protocol/messages';

/** A request the host answered with an error. */
export class RequestError extends Error {
  constructor(
    readonly request: RequestName,
    message: string,
  ) {
    super(message);
    this.name = 'RequestError';
  }
}

type Handler = (params: never) => void;

interface Pending {
  name: RequestName;
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
}

/** Request/notification client over a `post` function. */
export class RpcClient {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly handlers = new Map<string, Set<Handler>>();

  constructor(private readonly post: (message: WebviewMessage) => void) {}

  /** Number of requests waiting for a reply. */
  get pendingCount(): number {
    return this.pending.size;
  }

  /** Sends a request; the promise settles with the host's reply (rejects with a RequestError). */
  request<K extends RequestName>(name: K, params: Requests[K][0]): Promise<Requests[K][1]> {
    const id = this.nextId++;
    return new Promise<Requests[K][1]>((resolve, reject) => {
      this.pending.set(id, { name, resolve: resolve as (value: unknown) => void, reject });
      try {
        this.post({ kind: 'request', id, name, params });
      } catch (error) {
        this.pending.delete(id);
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    });
  }

  /** Sends a notification (no reply). */
  notify<K extends keyof WebviewNotifications>(name: K, params: WebviewNotifications[K]): void {
    this.post({ kind: 'notify', name, params });
  }

  /** Subscribes to a host notification; returns the unsubscribe function. */
  onNotification<K extends keyof HostNotifications>(
    name: K,
    handler: (params: HostNotifications[K]) => void,
  ): () => void {
    let set = this.handlers.get(name);
    if (!set) this.handlers.set(name, (set = new Set()));
    const stored = handler as Handler;
    set.add(stored);
    return () => set.delete(stored);
  }

  /**
   * Handles a message from the host. Anything that is not a well-formed HostMessage is ignored:
   * the window also receives messages that are not ours.
   */
  receive(data: unknown): void {
    if (typeof data !== 'object' || data === null) return;
    const message = data as Partial<HostMessage>;
    if (message.kind === 'reply' && typeof message.id === 'number') {
      const pending = this.pending.get(message.id);
      if (!pending) return;
      this.pending.delete(message.id);
      if (typeof message.error === 'string') pending.reject(new RequestError(pending.name, message.error));
      else pending.resolve(message.result ?? null);
    } else if (message.kind === 'notify' && typeof message.name === 'string') {
      // Every handler runs even if one throws; the first error is rethrown so it is not lost.
      let failure: unknown;
      for (const handler of [...(this.handlers.get(message.name) ?? [])]) {
        try {
          (handler as (params: unknown) => void)(message.params);
        } catch (error) {
          failure ??= error;
        }
      }
      if (failure instanceof Error) throw failure;
      if (failure !== undefined) throw new Error(`notification handler failed: ${JSON.stringify(failure)}`);
    }
  }

  /** Rejects every pending request (the host went away). */
  rejectAll(reason: string): void {
    for (const [id, pending] of this.pending) {
      this.pending.delete(id);
      pending.reject(new RequestError(pending.name, reason));
    }
  }
}
