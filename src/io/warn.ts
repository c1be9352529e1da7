/** Where loader warnings go (stderr by default; the CLI holds them until a command succeeds, tests may redirect). A module of its own so the CLI can set the sink without loading the file readers. */
let sink: (line: string) => void = (line) => process.stderr.write(`warning: ${line}\n`);

/** Emits one warning line. */
export function warn(line: string): void {
  sink(line);
}

/** Replaces the warning sink; returns the previous one. */
export function setWarn(next: (line: string) => void): (line: string) => void {
  const prev = sink;
  sink = next;
  return prev;
}
