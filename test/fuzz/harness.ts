/**
 * In-process CLI harness for fuzzing (issue #9): calls main(argv) with process.stdout/stderr
 * writes captured (and restored), process.exit trapped, and a time limit; then classifies the
 * outcome against the error contract (docs/errors.md).
 */
import type { z } from 'zod';
import { main } from '../../src/cli/main.js';
import { outputSchemas } from '../../src/core/output-schemas/index.js';

/** What one CLI invocation did. */
export interface RunResult {
  /** Exit code main returned (null when it threw, hung or called process.exit). */
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  /** Wall time, ms. */
  readonly ms: number;
  /** An exception that escaped main, a process.exit call, or a time-out. */
  readonly escaped?: string;
}

/** How the outcome relates to the error contract. */
export type Verdict =
  | { readonly kind: 'ok' }
  | { readonly kind: 'clean-error' }
  | { readonly kind: 'crash'; readonly why: string };

class ExitTrap extends Error {
  constructor(readonly exitCode: unknown) {
    super(`process.exit(${String(exitCode)}) called`);
  }
}

/** A case slower than this is reported as slow (issue #9: "a hang over 5 s"). */
export const SLOW_MS = 5_000;
/** A case with no result after this is a hang (a crash); plan searches on big inputs legitimately take seconds. */
export const HANG_MS = 180_000;

/**
 * Runs main(argv) in this process. An asynchronous hang is cut at `timeoutMs`; a synchronous
 * one cannot be interrupted in-thread, so its wall time is measured and judged afterwards
 * (scripts/fuzz.ts adds a process-level watchdog for true infinite loops).
 */
export async function runInProcess(argv: readonly string[], timeoutMs = HANG_MS): Promise<RunResult> {
  const out: string[] = [];
  const err: string[] = [];
  const origOut = process.stdout.write;
  const origErr = process.stderr.write;
  const origExit = process.exit;
  const origExitCode = process.exitCode;
  const origWarn = process.emitWarning;
  const capture = (sink: string[]) =>
    ((chunk: unknown, ...rest: unknown[]) => {
      sink.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8'));
      const cb = rest.find((r) => typeof r === 'function') as (() => void) | undefined;
      cb?.();
      return true;
    }) as typeof process.stdout.write;
  process.stdout.write = capture(out);
  process.stderr.write = capture(err);
  // Node prints warnings (e.g. the YAML parser's) on stderr a tick later: count them as stderr lines.
  process.emitWarning = ((w: string | Error) => {
    err.push(`(node) Warning: ${typeof w === 'string' ? w : w.message}\n`);
  }) as typeof process.emitWarning;
  process.exit = ((c?: unknown) => {
    throw new ExitTrap(c);
  }) as typeof process.exit;
  const t0 = performance.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    const timeout = new Promise<'timeout'>((ok) => {
      timer = setTimeout(() => ok('timeout'), timeoutMs);
    });
    const r = await Promise.race([main(argv), timeout]);
    const ms = performance.now() - t0;
    if (r === 'timeout') return { code: null, stdout: out.join(''), stderr: err.join(''), ms, escaped: `no result after ${timeoutMs} ms` };
    return { code: r, stdout: out.join(''), stderr: err.join(''), ms };
  } catch (e) {
    const ms = performance.now() - t0;
    const what = e instanceof ExitTrap ? e.message : `escaped ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`;
    return { code: null, stdout: out.join(''), stderr: err.join(''), ms, escaped: what.split('\n')[0].slice(0, 300) };
  } finally {
    clearTimeout(timer);
    process.stdout.write = origOut;
    process.stderr.write = origErr;
    process.exit = origExit;
    process.emitWarning = origWarn;
    process.exitCode = origExitCode;
  }
}

const STACK = /\n\s+at .+[:(]\d+:\d+|^\s+at .+\(.*:\d+:\d+\)/m;

/**
 * Whether argv asks for --json output: a `--json` before any `--` that is not the value of a
 * preceding value-taking flag (`booleanFlags` lists the flags that take no value).
 */
export function wantsJson(argv: readonly string[], booleanFlags: ReadonlySet<string>): boolean {
  return flagGiven(argv, '--json', booleanFlags);
}

/** Whether `flag` appears as a flag (not as the value of a preceding value-taking flag, not after `--`). */
export function flagGiven(argv: readonly string[], flag: string, booleanFlags: ReadonlySet<string>): boolean {
  const end = argv.indexOf('--');
  const a = end < 0 ? argv : argv.slice(0, end);
  return a.some((x, i) => x === flag && !(i > 0 && a[i - 1].startsWith('--') && !a[i - 1].includes('=') && !booleanFlags.has(a[i - 1])));
}

/** The published output schema a command's --json must match (src/core/output-schemas), or null. */
export function outputSchemaFor(argv: readonly string[], booleanFlags: ReadonlySet<string>): z.ZodType | null {
  let name = argv[0];
  if (name === 'validate' && flagGiven(argv, '--inference', booleanFlags)) name = 'validate-inference';
  else if (name === 'validate' && flagGiven(argv, '--sweeps', booleanFlags)) name = 'validate-sweeps';
  if (name === 'race' && flagGiven(argv, '--reproduce', booleanFlags)) name = 'race-reproduce';
  return outputSchemas[name]?.schema ?? null;
}

/**
 * The wall-time verdict of the stand-alone fuzzer (scripts/fuzz.ts, `judgeHangs`): a synchronous
 * case that ran past HANG_MS is a hang. Never used by tests: a busy machine must not turn one red.
 */
export function hangVerdict(r: RunResult): Verdict | null {
  return r.ms > HANG_MS ? { kind: 'crash', why: `took ${Math.round(r.ms)} ms (a hang: over ${HANG_MS} ms)` } : null;
}

/** Judges a run: exit 0, or exit 2 with exactly one clean stderr line and empty stdout; anything else is a crash. Time is not judged (hangVerdict). */
export function classify(argv: readonly string[], r: RunResult, booleanFlags: ReadonlySet<string> = new Set(['--json'])): Verdict {
  if (r.escaped) return { kind: 'crash', why: r.escaped };
  if (STACK.test(r.stderr) || STACK.test(r.stdout)) return { kind: 'crash', why: 'stack trace in the output' };
  if (r.code === 0) {
    // Help or version, also inside combined short flags ('-VYz' is -V -Y -z).
    const helpOrVersion = argv.some((a) => a === '--help' || a === '--version' || /^-[^-]*[hV]/.test(a)) || argv[0] === 'help';
    if (wantsJson(argv, booleanFlags) && !helpOrVersion) {
      let parsed: unknown;
      try {
        parsed = JSON.parse(r.stdout);
      } catch {
        return { kind: 'crash', why: 'exit 0 with --json but stdout is not JSON' };
      }
      // The output must match its published schema (schemas/output/<command>.schema.json).
      const check = outputSchemaFor(argv, booleanFlags)?.safeParse(parsed);
      if (check && !check.success) {
        const i = check.error.issues[0];
        return { kind: 'crash', why: `--json output does not match its schema: ${i.path.join('.')}: ${i.message}` };
      }
    }
    return { kind: 'ok' };
  }
  if (r.code === 2) {
    if (r.stdout !== '') return { kind: 'crash', why: 'exit 2 with output on stdout' };
    const lines = r.stderr.replace(/\n$/, '').split('\n');
    if (lines.length !== 1) return { kind: 'crash', why: `exit 2 with ${lines.length} stderr lines: ${JSON.stringify(r.stderr.slice(0, 200))}` };
    if (!lines[0].startsWith('chipbound: ')) return { kind: 'crash', why: `exit 2 with a stderr line not starting 'chipbound: ': ${JSON.stringify(lines[0].slice(0, 200))}` };
    if (lines[0].length > 2000) return { kind: 'crash', why: `exit 2 with a ${lines[0].length}-character message` };
    return { kind: 'clean-error' };
  }
  return { kind: 'crash', why: `exit ${r.code}: ${r.stderr.split('\n')[0].slice(0, 300)}` };
}
