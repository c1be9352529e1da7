/** Runs generated fuzz cases through the in-process harness and collects crashes. */
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, isAbsolute } from 'node:path';
import fc from 'fast-check';
import { caseArb, type Arg, type CommandShape } from './cases.js';
import { classify, hangVerdict, runInProcess, SLOW_MS, type RunResult } from './harness.js';

/** A crash found by the fuzzer, with enough to reproduce it. */
export interface Crash {
  readonly command: string;
  /** Argv, files shown as <file: label>, long values cut. */
  readonly argv: string;
  readonly why: string;
}

/** Totals for one command. */
export interface FuzzSummary {
  readonly command: string;
  readonly cases: number;
  readonly ok: number;
  readonly cleanErrors: number;
  readonly crashes: Crash[];
  /** Cases over SLOW_MS (not crashes: searches on big inputs take seconds), with their times. */
  readonly slow: { readonly argv: string; readonly ms: number }[];
  /** Slowest case, ms, and its argv. */
  readonly slowestMs: number;
  readonly slowestArgv: string;
  readonly totalMs: number;
  /** Generated cases skipped as repeats of earlier ones (with `dedupe`). */
  readonly duplicates: number;
}

const show = (a: Arg) =>
  typeof a === 'string' ? JSON.stringify(a.length > 60 ? `${a.slice(0, 40)}…(${a.length} chars)` : a) : 'file' in a ? `<file${a.file.ext}: ${a.file.label}>` : isAbsolute(a.out) ? JSON.stringify(a.out) : `<case dir>/${JSON.stringify(a.out)}`;

/** Writes the case's files into `dir` and returns the real argv. */
export function materialize(args: readonly Arg[], dir: string): string[] {
  return args.map((a, i) => {
    if (typeof a === 'string') return a;
    // Absolute outputs are the special file systems (/proc, /sys): refused before anything is made.
    if ('out' in a) return isAbsolute(a.out) ? a.out : join(dir, a.out);
    const p = join(dir, `f${i}${a.file.ext}`);
    writeFileSync(p, a.file.data);
    return p;
  });
}

/** Options of a fuzz run. */
export interface FuzzOptions {
  /** Share of tame cases (default: TAME_SHARE or one half). */
  readonly tameShare?: number;
  /** Share of guarded cases (default: GUARD's, or none). */
  readonly guardShare?: number;
  /** Sees each case before it runs (for watchdogs and progress). */
  readonly onCase?: (i: number, argv: string) => void;
  /** Skip a case identical to one already run (argv and file bytes); default false. */
  readonly dedupe?: boolean;
  /** Count a case past HANG_MS as a hang (harness.ts hangVerdict): the stand-alone fuzzer only, never tests. */
  readonly judgeHangs?: boolean;
}

/** A hash of the case's argv and file bytes. */
function caseKey(args: readonly Arg[]): string {
  const h = createHash('sha1');
  for (const a of args) {
    if (typeof a === 'string') h.update(`s${a}`);
    else if ('out' in a) h.update(`o${a.out}`);
    else h.update(`f${a.file.ext}`).update(a.file.data);
    h.update('\u0000');
  }
  return h.digest('hex');
}

/**
 * The label of a must-refuse file the command read and still exited 0 with (issue #14: nothing
 * wrong accepted silently), or null. Counted only where the file is surely read: a positional
 * argument, or the value of a flag given once; never with help or version flags.
 */
function acceptedSilently(c: readonly Arg[], argv: readonly string[], stderr = ''): string | null {
  if (argv.some((a) => a === '--help' || a === '--version' || /^-[^-]*[hV]/.test(a)) || argv[0] === 'help') return null;
  for (const [i, a] of c.entries()) {
    if (typeof a === 'string' || !('file' in a)) continue;
    // A must-warn file (a renamed HF key) passes with its warning on stderr.
    if (!a.file.mustRefuse && (a.file.mustWarn === undefined || stderr.includes(a.file.mustWarn))) continue;
    const prev = i > 0 ? argv[i - 1] : '';
    const positional = i === 1 || (!prev.startsWith('-') && i > 0);
    const once = prev.startsWith('--') && argv.filter((x) => x === prev || x.startsWith(`${prev}=`)).length === 1 && prev !== '--out';
    if (positional || once) return a.file.label;
  }
  return null;
}

/**
 * Fuzzes one command with `count` cases from `seed`. Runs with the working folder set to a
 * temporary folder, so relative paths in hostile values ('.', 'data') never touch the repository.
 */
export async function fuzzCommand(shape: CommandShape, count: number, seed: number, opts: FuzzOptions = {}): Promise<FuzzSummary> {
  const { onCase, tameShare, guardShare, dedupe = false, judgeHangs = false } = opts;
  const seen = new Set<string>();
  let duplicates = 0;
  const root = mkdtempSync(join(tmpdir(), `chipbound-fuzz-${shape.name}-`));
  const cwd = process.cwd();
  process.chdir(root);
  // Cases are drawn in chunks (a 10,000-case list of files would not fit in memory).
  const arb = caseArb(shape, tameShare, guardShare);
  const CHUNK = 250;
  const chunk = (k: number) => fc.sample(arb, { seed: seed + k * 7919, numRuns: Math.min(CHUNK, count - k * CHUNK) });
  const crashes: Crash[] = [];
  const slow: { argv: string; ms: number }[] = [];
  const booleans = new Set(shape.options.filter((o) => !o.takesValue).map((o) => o.flag));
  let ok = 0;
  let clean = 0;
  let slowestMs = 0;
  let slowestArgv = '';
  const t0 = performance.now();
  try {
    let cases: Arg[][] = [];
    for (let i = 0; i < count; i++) {
      if (i % CHUNK === 0) cases = chunk(i / CHUNK);
      const c = cases[i % CHUNK];
      if (dedupe) {
        const k = caseKey(c);
        if (seen.has(k)) {
          duplicates++;
          continue;
        }
        seen.add(k);
      }
      const dir = join(root, String(i));
      mkdirSync(dir);
      const argv = materialize(c, dir);
      const shown = c.map(show).join(' ');
      onCase?.(i, shown);
      const r: RunResult = await runInProcess(argv);
      let v = (judgeHangs ? hangVerdict(r) : null) ?? classify(argv, r, booleans);
      if (v.kind === 'ok') {
        const silent = acceptedSilently(c, argv, r.stderr);
        if (silent) v = { kind: 'crash', why: `accepted silently: ${silent}` };
      }
      if (v.kind === 'ok') ok++;
      else if (v.kind === 'clean-error') clean++;
      else crashes.push({ command: shape.name, argv: shown, why: v.why });
      if (r.ms > SLOW_MS) slow.push({ argv: shown, ms: Math.round(r.ms) });
      if (r.ms > slowestMs) {
        slowestMs = r.ms;
        slowestArgv = shown;
      }
      rmSync(dir, { recursive: true, force: true });
    }
  } finally {
    process.chdir(cwd);
    rmSync(root, { recursive: true, force: true });
  }
  return { command: shape.name, cases: count, ok, cleanErrors: clean, crashes, slow, slowestMs, slowestArgv, totalMs: performance.now() - t0, duplicates };
}
