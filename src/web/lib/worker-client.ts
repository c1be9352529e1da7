/**
 * The page side of a Web Worker: one worker per client, one request at a time. A new request
 * (or cancel) terminates a busy worker and starts a fresh one, so a stale computation never
 * answers a newer question and the kernels need no cross-thread stop flag.
 */

/** Messages carry the id of their request and a kind; these kinds end a request. */
type Tagged = { readonly id: number; readonly kind: string };
const FINAL = new Set(['result', 'done', 'error']);

/** Distributes Omit over a union of request types. */
export type WithoutId<R> = R extends unknown ? Omit<R, 'id'> : never;

export class WorkerClient<Req extends Tagged, Msg extends Tagged> {
  private worker: Worker | null = null;
  private busy = false;
  private next = 1;

  constructor(private readonly make: () => Worker) {}

  private spawn(): Worker {
    if (this.worker && !this.busy) return this.worker;
    this.worker?.terminate();
    this.worker = this.make();
    return this.worker;
  }

  /** Sends a request; `onMessage` sees its messages until one of kind result, done or error. */
  run(body: WithoutId<Req>, onMessage: (m: Msg) => void): void {
    const w = this.spawn();
    const id = this.next++;
    this.busy = true;
    w.onmessage = (ev: MessageEvent<Msg>) => {
      if (ev.data.id !== id) return;
      if (FINAL.has(ev.data.kind)) this.busy = false;
      onMessage(ev.data);
    };
    w.onerror = (ev) => {
      this.busy = false;
      onMessage({ id, kind: 'error', message: ev.message || 'the worker failed' } as unknown as Msg);
    };
    w.postMessage({ ...body, id });
  }

  /** Stops whatever runs. */
  cancel(): void {
    if (this.busy) {
      this.worker?.terminate();
      this.worker = null;
      this.busy = false;
    }
  }

  dispose(): void {
    this.worker?.terminate();
    this.worker = null;
  }
}
