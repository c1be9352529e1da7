/**
 * Ctrl-C for the synchronous commands (issue #14): `validate`, `design`, `overview`, `infer`,
 * `race` and the catalog and controls commands compute on one thread without yielding, so a
 * SIGINT handler on that thread would run only after they finish. The binary therefore runs
 * them (and every other command not in MAIN_THREAD_COMMANDS) in a worker thread (thread-worker.ts) and keeps the process's main thread free: on
 * Ctrl-C it ends the worker, prints `chipbound: interrupted (Ctrl-C); nothing written` and
 * returns 130. The worker's output comes back as messages: stderr lines (progress, notes) are
 * passed on as they come, stdout is held until the command finished, so an interrupted command
 * prints nothing on stdout; once the command has begun writing its files (its last step,
 * io/write-atomic.ts counts them), Ctrl-C lets it finish, so no temporary file is left behind and
 * no file is written under a message that says nothing was. `scenario` and `ablate` (whose searches poll an AbortSignal and which
 * print the same line) and `web` (a server) run on the main thread. `train` runs in the worker
 * but keeps its own handling: the first Ctrl-C is passed to the worker, whose plan search stops
 * at its next poll and reports the best plan so far, marked `interrupted`; when the worker has
 * not answered within FORWARD_GRACE_MS (busy outside the search) it is ended as above. A train
 * cut short with a plan prints it marked `interrupted`, one stderr line, and exits 130 (main.ts);
 * a Ctrl-C before any plan was found, or after the search finished, is the usual line, nothing on
 * stdout. bin/chipbound.js prints the line for a Ctrl-C before this file's handler is installed.
 * `main()` itself (tests, the library) is unchanged.
 */
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

/**
 * Commands that run on the main thread: those that handle Ctrl-C themselves (or serve until it),
 * and the catalog listings, which answer in a fraction of a second (a worker would double their
 * start-up, bench/cli.bench.ts) and so end with Node's default Ctrl-C handling (exit 130,
 * nothing written).
 */
export const MAIN_THREAD_COMMANDS: readonly string[] = ['scenario', 'ablate', 'web', 'rules', 'chips', 'chip', 'models', 'model', 'runs', 'frameworks', 'engines'];

/** Commands whose own Ctrl-C handling runs in the worker: the first Ctrl-C is passed on. */
export const FORWARD_SIGINT_COMMANDS: readonly string[] = ['train'];

/** How long a forwarded Ctrl-C may take to stop the command before its thread is ended. */
export const FORWARD_GRACE_MS = 2000;

/** What the main thread posts to the worker: Ctrl-C. */
export interface ThreadSigint {
  readonly sigint: true;
}

/** What the worker gets. */
export interface ThreadInput {
  readonly argv: readonly string[];
  readonly stdoutTty: boolean;
  readonly stderrTty: boolean;
  readonly columns: number;
  /** Int32 counters shared with io/write-atomic.ts: [writes in progress, writes done]. */
  readonly writes: SharedArrayBuffer;
}

/** What the worker posts: a chunk of output, the start of the command, or its exit code. */
export type ThreadMessage = { readonly fd: 1 | 2; readonly text: string } | { readonly started: true } | { readonly code: number };

/** The command `argv` runs (`overview` when none is named), or null for help and version. */
export function commandOf(argv: readonly string[]): string | null {
  const first = argv[0];
  if (first === undefined) return 'overview';
  if (['-h', '--help', '-V', '--version', 'help'].includes(first)) return null;
  return first.startsWith('-') ? 'overview' : first;
}

const fromSource = import.meta.url.endsWith('.ts');
const workerUrl = new URL(`./thread-worker${fromSource ? '.ts' : '.js'}`, import.meta.url);

/** The worker: the compiled module, or (from the TypeScript sources) a script that registers tsx first. */
function startWorker(workerData: ThreadInput): Worker {
  if (!fromSource) return new Worker(workerUrl, { workerData });
  const tsxApi = new URL('./api/index.mjs', pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm'))).href;
  const script = `import(${JSON.stringify(tsxApi)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(workerUrl.href)}); });`;
  return new Worker(script, { eval: true, workerData });
}

/**
 * The binary's entry: runs `argv` like main(), in a worker thread for the synchronous commands
 * so that Ctrl-C ends them with one line and exit 130. Returns the exit code.
 */
export async function cliMain(argv: readonly string[]): Promise<number> {
  const command = commandOf(argv);
  // main.js (the whole CLI) is loaded only where the command runs: here, or in the worker alone.
  if (command === null || MAIN_THREAD_COMMANDS.includes(command)) return (await import('./main.js')).main(argv);
  return runInThread(argv, FORWARD_SIGINT_COMMANDS.includes(command));
}

/** Runs main(argv) in a worker; Ctrl-C ends it (exit 130, one stderr line, nothing on stdout). */
export function runInThread(argv: readonly string[], forward = false): Promise<number> {
  const stderrTty = Boolean(process.stderr.isTTY);
  return new Promise((done) => {
    let finished = false;
    let stdout = '';
    let forwarded: ReturnType<typeof setTimeout> | null = null;
    const writes = new SharedArrayBuffer(8);
    const writing = new Int32Array(writes);
    const w = startWorker({ argv, stdoutTty: Boolean(process.stdout.isTTY), stderrTty, columns: process.stdout.columns ?? 0, writes });
    const finish = (code: number, err?: string) => {
      if (finished) return;
      finished = true;
      if (forwarded) clearTimeout(forwarded);
      process.off('SIGINT', onSigint);
      void w.terminate();
      if (err !== undefined) process.stderr.write(err);
      else process.stdout.write(stdout);
      done(code);
    };
    // Clear a progress line the command may have drawn.
    const interrupted = () => finish(130, `${stderrTty ? '\r\x1b[2K' : ''}chipbound: interrupted (Ctrl-C); nothing written\n`);
    let waited = false;
    const onSigint = () => {
      // Its files are being written or written: the command is at its last step; let it finish
      // (a second Ctrl-C still ends it).
      if (!waited && (Atomics.load(writing, 0) > 0 || Atomics.load(writing, 1) > 0)) {
        waited = true;
        return;
      }
      if (forward && !forwarded) {
        w.postMessage({ sigint: true } satisfies ThreadSigint);
        forwarded = setTimeout(interrupted, FORWARD_GRACE_MS);
        return;
      }
      interrupted();
    };
    process.on('SIGINT', onSigint);
    w.on('message', (m: ThreadMessage) => {
      if (finished) return;
      if ('fd' in m) {
        if (m.fd === 1) stdout += m.text;
        else process.stderr.write(m.text);
      } else if ('started' in m) {
        // For the Ctrl-C tests: the command is running and Ctrl-C is handled from here on.
        if (process.env.CHIPBOUND_SIGNAL_READY === '1') process.stderr.write('chipbound: started\n');
      } else if (forwarded && m.code === 0) {
        // The Ctrl-C reached the command only after it had finished (a complete answer computed
        // after the user asked to stop): the same as any other command, nothing written.
        interrupted();
      } else {
        finish(m.code);
      }
    });
    w.on('error', (e: Error) => void import('./main.js').then(({ oneLine }) => finish(1, `chipbound: internal error: ${oneLine((e?.message ?? String(e)).split('\n')[0])} (please report it)\n`)));
    // A second Ctrl-C inside a forwarding command's own handler ends its thread with 130.
    w.on('exit', (code) => (code === 130 ? interrupted() : finish(1, `chipbound: internal error: the command's thread ended (exit ${code}) before answering (please report it)\n`)));
  });
}
