/**
 * Buffered command output: commands `emit` text, and main writes it only when the command
 * succeeded, so a failing command never leaves partial output.
 */
let buffer: string[] = [];

/** Queues text (a newline is appended) for stdout. */
export function emit(text: string): void {
  buffer.push(text.endsWith('\n') ? text : `${text}\n`);
}

let notes: string[] = [];

/**
 * Queues a line for stderr (a warning or note about accepted input), written only when the
 * command succeeds, before its output: a failing command still prints exactly one line.
 */
export function note(text: string): void {
  const line = text.endsWith('\n') ? text : `${text}\n`;
  // A file read twice in one command (resolving, then describing it) warns once.
  if (line.startsWith('warning: ') && notes.includes(line)) return;
  notes.push(line);
}

/** Takes and clears the queued stderr notes. */
export function takeNotes(): string {
  const out = notes.join('');
  notes = [];
  return out;
}

/** Takes and clears the queued output. */
export function takeOutput(): string {
  const out = buffer.join('');
  buffer = [];
  return out;
}

/** Whether progress lines may be drawn: stderr (where progress goes) is an interactive terminal, outside CI. */
export function progressTty(): boolean {
  return Boolean(process.stderr.isTTY) && !process.env.CI;
}

/**
 * A Ctrl-C passed on to the worker thread (thread.ts, `train`) before the command's search had
 * installed its handler: remembered, so the search that starts next stops at once instead of the
 * Ctrl-C being lost (the main thread would then end the worker after its grace period).
 */
let sigintSeenFlag = false;
export function noteSigint(): void {
  sigintSeenFlag = true;
}
export function sigintSeen(): boolean {
  return sigintSeenFlag;
}

/**
 * A command that keeps a partial result on Ctrl-C (`train`: the best plan so far, marked
 * `interrupted`) calls this: main() prints its output, then `chipbound: <message>` on stderr, and
 * exits 130 (docs/errors.md), so a script checking $? can tell it from a complete answer.
 */
let partialResult: string | null = null;
export function markInterrupted(message = 'interrupted (Ctrl-C): best plan so far, not the optimum'): void {
  partialResult = message;
}

/** The message of markInterrupted (null when the command was not interrupted), cleared. */
export function takeInterrupted(): string | null {
  const m = partialResult;
  partialResult = null;
  return m;
}

/** Thrown when Ctrl-C stopped a command: main prints one line, writes nothing and exits 130. */
export class Interrupted extends Error {
  override readonly name = 'Interrupted';
  constructor(message = 'interrupted (Ctrl-C); nothing written') {
    super(message);
  }
}

/**
 * Runs a long command with Ctrl-C turned into an abort of `signal` (every search it starts
 * stops at its next poll, and the command checks it between steps); when it was aborted the
 * command's result is discarded and Interrupted thrown, so nothing half-done is printed or
 * written. A second Ctrl-C exits at once.
 */
export async function withInterrupt<T>(fn: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const ac = new AbortController();
  const onSigint = () => {
    if (ac.signal.aborted) process.exit(130);
    ac.abort();
  };
  process.on('SIGINT', onSigint);
  try {
    const r = await fn(ac.signal);
    if (ac.signal.aborted) throw new Interrupted();
    return r;
  } catch (e) {
    if (ac.signal.aborted) throw new Interrupted();
    throw e;
  } finally {
    process.off('SIGINT', onSigint);
  }
}

/** Throws Interrupted when `signal` was aborted (call between the steps of a long command). */
export function checkInterrupted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new Interrupted();
}
