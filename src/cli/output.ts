/**
 * Buffered command output: commands `emit` text, and main writes it only when the command
 * succeeded, so a failing command never leaves partial output.
 */
let buffer: string[] = [];

/** Queues text (a newline is appended) for stdout. */
export function emit(text: string): void {
  buffer.push(text.endsWith('\n') ? text : `${text}\n`);
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
