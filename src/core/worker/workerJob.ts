import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import type { IngestJob, IngestMessage, PostedJob } from './protocol';

/**
 * Young generation of a worker. Workers write rows straight into batches and make few short-lived
 * objects: the 64 MB set when they parsed rows into objects only held memory. 16 MB took 2 % less
 * CPU than 64 and peaked 25-40 MB lower; 4 MB takes no more CPU than 16 (paired runs of the CLI at
 * 300,000 records: 0.98) and holds 12 MB less per worker while the load runs.
 */
const YOUNG_GENERATION_MB = 4;
/** Idle workers kept for the next job (they do not keep the process alive). */
const MAX_IDLE = 8;
/**
 * How long an idle worker waits for another job before it is ended. The ranges of one file follow
 * each other at once; an idle worker holds its heap (tens of MB: the young generation above, the
 * buffers of its last reads) for nothing between two loads, so it does not wait long.
 */
const IDLE_MS = 2000;

interface Idle {
  worker: Worker;
  timer: NodeJS.Timeout;
}

const idle = new Map<string, Idle[]>();
const watched = new WeakSet<Worker>();

function acquire(file: string): Worker {
  const entry = idle.get(file)?.pop();
  if (entry) {
    clearTimeout(entry.timer);
    entry.worker.ref();
    return entry.worker;
  }
  return newWorker(file);
}

function newWorker(file: string): Worker {
  return new Worker(file, { resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB } });
}

/**
 * Starts workers of `file` now, until `count` wait idle in the pool, for jobs about to come: a
 * worker takes about a tenth of a second of a core to start (its script is compiled), which a load
 * otherwise waits for once it has begun, while its caller's own start-up left the other core idle.
 */
export function prestartWorkers(file: string, count: number): void {
  for (let k = idle.get(file)?.length ?? 0; k < count; k++) release(file, newWorker(file));
}

function release(file: string, worker: Worker): void {
  const list = idle.get(file) ?? [];
  idle.set(file, list);
  if (list.length >= MAX_IDLE) {
    void worker.terminate();
    return;
  }
  worker.unref();
  const timer = setTimeout(() => end(list, worker), IDLE_MS);
  timer.unref();
  list.push({ worker, timer });
  if (watched.has(worker)) return;
  watched.add(worker);
  // A worker that dies while idle is simply not reused.
  worker.on('exit', () => forget(list, worker));
}

function forget(list: Idle[], worker: Worker): Idle | undefined {
  const i = list.findIndex((e) => e.worker === worker);
  return i >= 0 ? list.splice(i, 1)[0] : undefined;
}

function end(list: Idle[], worker: Worker): void {
  const entry = forget(list, worker);
  if (!entry) return;
  clearTimeout(entry.timer);
  void worker.terminate();
}

/**
 * Ends every idle worker now (a load is done: their heaps are released instead of waiting for the
 * idle timeout, while the caller goes on to build a report). Workers busy with a job are left alone.
 */
export function endIdleWorkers(): void {
  for (const list of idle.values()) for (const { worker } of [...list]) end(list, worker);
}

/** Number of idle workers kept for the next job (for tests). */
export function idleWorkerCount(): number {
  let n = 0;
  for (const list of idle.values()) n += list.length;
  return n;
}

/**
 * One job run by a pooled worker thread; its messages are queued until the host takes them. A rows
 * job's batches wait on a port of their own, still serialised (outside the JavaScript heap), until
 * `next` takes each: a batch received at once would be held in the heap until merged, copied by
 * every young collection meanwhile and promoted to die in the old generation (the workers run
 * ahead of the merge by a range or two: thousands of rows).
 */
export class WorkerJob {
  private readonly worker: Worker;
  private readonly queue: IngestMessage[] = [];
  /** Where a rows job's batches wait (see the class). */
  private readonly rows: MessagePort | undefined;
  private head = 0;
  private wake: (() => void) | undefined;
  private failure: Error | undefined;
  private finished = false;
  private readonly onMsg = (m: IngestMessage): void => {
    if (m.type === 'error') this.failure ??= new Error(m.message);
    if (m.type === 'end' || m.type === 'hash' || m.type === 'error') this.finish(m.type !== 'error');
    this.onMessage?.(m);
    this.queue.push(m);
    this.poke();
  };
  private readonly onError = (err: Error): void => {
    this.failure ??= err;
    this.finish(false);
    this.poke();
  };
  private readonly onExit = (code: number): void => {
    if (!this.finished) this.failure ??= new Error(`the ingestion worker stopped early (exit code ${code})`);
    this.finish(false);
    this.poke();
  };

  constructor(
    private readonly file: string,
    readonly job: IngestJob,
    private readonly onMessage?: (message: IngestMessage) => void,
  ) {
    this.worker = acquire(file);
    this.worker.on('message', this.onMsg);
    this.worker.on('error', this.onError);
    this.worker.on('exit', this.onExit);
    if (job.type === 'rows') {
      const channel = new MessageChannel();
      this.rows = channel.port1;
      const posted: PostedJob = { ...job, rowsPort: channel.port2 };
      this.worker.postMessage(posted, [channel.port2]);
    } else this.worker.postMessage(job satisfies PostedJob);
  }

  /** The next message in order; rejects when the worker failed before sending it. */
  async next(): Promise<IngestMessage> {
    for (;;) {
      if (this.head < this.queue.length) {
        const m = this.queue[this.head];
        // Drop the reference so a batch can be collected once handled.
        (this.queue as (IngestMessage | undefined)[])[this.head++] = undefined;
        if (m.type === 'error') throw this.failure ?? new Error(m.message);
        if (m.type === 'queued') return this.take();
        if (m.type === 'end') this.rows?.close();
        return m;
      }
      if (this.failure) throw this.failure;
      await new Promise<void>((resolve) => (this.wake = resolve));
    }
  }

  /**
   * Stops the job: a worker still busy with it is terminated, its queued messages dropped, and
   * `next` rejects from now on, even when the worker had sent everything already (a cancelled
   * load waiting on `next` for batches that were queued must not wait for ever).
   */
  stop(): void {
    this.failure ??= new Error('the ingestion worker was stopped');
    if (!this.finished) this.finish(false);
    this.queue.length = this.head = 0;
    this.rows?.close();
    this.poke();
  }

  /** The rows message a `queued` one announced (posted to `rows` before it). */
  private take(): IngestMessage {
    const got = this.rows && receiveMessageOnPort(this.rows);
    if (!got) throw new Error('internal: a batch of rows announced by the ingestion worker is missing');
    return got.message as IngestMessage;
  }

  /** Detaches from the worker: back to the pool after a completed job, terminated otherwise. */
  private finish(reusable: boolean): void {
    if (this.finished) return;
    this.finished = true;
    this.worker.off('message', this.onMsg);
    this.worker.off('error', this.onError);
    this.worker.off('exit', this.onExit);
    if (reusable) release(this.file, this.worker);
    else void this.worker.terminate();
  }

  private poke(): void {
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }
}
