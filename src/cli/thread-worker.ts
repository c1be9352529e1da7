/**
 * The worker thread of thread.ts: runs main() on the arguments it is given and posts its output
 * (in order, stdout and stderr apart) and exit code to the main thread, which owns the real
 * streams and Ctrl-C. The terminal facts the commands look at (isTTY, columns) are copied over.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { ThreadInput, ThreadMessage } from './thread.js';

const input = workerData as ThreadInput;
const post = (m: ThreadMessage) => parentPort!.postMessage(m);

for (const [stream, fd, tty] of [
  [process.stdout, 1, input.stdoutTty],
  [process.stderr, 2, input.stderrTty],
] as const) {
  stream.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
    post({ fd, text: typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8') });
    const cb = rest.find((r) => typeof r === 'function') as (() => void) | undefined;
    cb?.();
    return true;
  }) as typeof stream.write;
  Object.defineProperty(stream, 'isTTY', { value: tty, configurable: true });
  if (fd === 1 && input.columns > 0) Object.defineProperty(stream, 'columns', { value: input.columns, configurable: true });
}

// Ctrl-C passed on by the main thread (train): the command's own SIGINT handlers run.
// Remembered too (output.ts noteSigint): a search that has not started yet stops at once.
parentPort!.on('message', (m: { sigint?: boolean }) => {
  if (m.sigint) void import('./output.js').then(({ noteSigint }) => (noteSigint(), process.emit('SIGINT')));
});
parentPort!.unref();

const { setWriteGuard } = await import('../io/write-atomic.js');
setWriteGuard(new Int32Array(input.writes));
const { main } = await import('./main.js');
post({ started: true });
post({ code: await main(input.argv) });
