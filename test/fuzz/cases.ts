/**
 * Fuzz cases for every CLI command (issue #9 item 2), built by introspecting the commander
 * program: each command's positional arguments and options, with values drawn from pools of
 * valid values (found by probing each option's own parser), catalog ids, generated files and
 * hostile values (NaN, Infinity, -1, 0, 1e300, huge strings, unicode, unknown ids), plus
 * missing, repeated and unknown flags. New commands are covered as soon as they register.
 */
import fc from 'fast-check';
import type { Command, Option } from 'commander';
import { buildFullProgram as buildProgram } from '../../src/cli/program.js';
import { builtinCatalog } from '../../src/core/catalog/catalog.js';
import { fileArb, type FileKind, type FuzzFile } from './files.js';
import { setWarn } from '../../src/io/warn.js';

/** One argv element: literal text, a file to write first (its path is substituted), or an output path inside the case's folder. */
export type Arg = string | { readonly file: FuzzFile } | { readonly out: string };

/** Commands not fuzzed: `help` only prints help. */
export const SKIPPED = new Set(['help']);

/**
 * Guarded commands: a share of their cases carries a value of this flag that its parser
 * rejects, so those cases stop at flag parsing. `web` always (it would start a server and a
 * Vite build); `overview` mostly (a valid run plans training on every chip, ~10 s).
 */
export const GUARD: Readonly<Record<string, { readonly flag: string; readonly share: number }>> = {
  web: { flag: '--port', share: 1 },
  overview: { flag: '--gpus', share: 0.99 },
  // A valid design run with a random training workload runs whole plan searches (a minute or more): parse-level only here; src/cli/commands/design.test.ts covers the action.
  design: { flag: '--gpus', share: 1 },
};

const cat = builtinCatalog();
const ids = {
  chip: cat.chips.map((c) => c.id),
  model: cat.models.map((m) => m.id),
  run: [...cat.runs.map((r) => r.id), ...cat.serving.map((s) => s.id)],
  race: cat.race.map((r) => r.id),
};

/** Issue #14: near misses of run, sweep and serving ids (punctuation dropped, a word left out). */
const nearMissRuns: readonly string[] = ['deepseekv3', 'llama-405b', 'mt-nlg', 'nemotron-340b', 'gpt3', 'tt-llama3-8b'];

const HUGE = 'x'.repeat(200_000);
/** Hostile values for any flag or argument. */
export const hostile: readonly string[] = [
  'NaN', 'Infinity', '-Infinity', '-1', '0', '-0', '1e300', '-1e300', '1e-300', '9007199254740993', '1e15', '1e16', '1e17', '1e7', '10000000', '10000001',
  '', ' ', 'abc', '0x10', '1_000', '15T', '2K', '1.5', '-', '--', '--json', 'true', 'null', 'undefined', '[]', '{}',
  '💥', 'ñandú', '\u202eevil', 'a\nb', 'tab\there', '\u0000', HUGE, 'nvidia-h10', 'llama-9', 'us-2099-01', '2024-02-30', '9999-99-99', '1969-12-31',
  '/nonexistent/file.yaml', '.', '/', '/dev/null', '/proc/self/mem', 'data', 'data/chips', 'package.json',
];

/**
 * Request-length flags (`infer --prompt-tokens/--output-tokens`): whole numbers, distributions
 * `mean:N,max:N[,p99:N]` and files of lengths, valid and not (issue 16; each wrong one must be a
 * clean exit 2).
 */
export const lengthValues: readonly string[] = ['1', '128', '1024', 'mean:870,max:1024', 'mean:294,max:1024,p99:900', 'mean:1,max:1', 'mean:10.5,max:20'];
export const badLengthValues: readonly string[] = [
  'mean:2000,max:1024', 'mean:10,max:20,p99:30', 'mean:100', 'max:100', 'mean:0,max:10', 'mean:-1,max:5', 'mean:abc,max:1', 'mean:10,max:1e300',
  'mean:10,max:20,foo:3', 'mean:10,mean:20,max:30', 'mean:,max:', 'mean:10;max:20', 'MEAN:10,MAX:20', 'p99:5', 'mean:1e9,max:1e9',
];
export const lengthFiles: readonly FuzzFile[] = [
  { ext: '.txt', data: '100\n200\n300\n1000\n', label: 'lengths' },
  { ext: '.txt', data: '100, 200 300', label: 'lengths, commas' },
  { ext: '.json', data: '[128, 256, 4096]', label: 'lengths, JSON' },
  { ext: '.txt', data: '100\nabc\n', label: 'lengths with a word' },
  { ext: '.txt', data: '0\n5\n', label: 'lengths with 0' },
  { ext: '.txt', data: '', label: 'no lengths' },
  { ext: '.json', data: '[1, 2.5]', label: 'JSON fraction' },
  { ext: '.json', data: '[1,', label: 'broken JSON' },
  { ext: '.json', data: '[{"a": 1}, null]', label: 'JSON objects' },
  { ext: '.txt', data: '1e300\n', label: 'huge length' },
  { ext: '.txt', data: new Uint8Array([0, 255, 10]), label: 'binary' },
];

/** Candidate strings probed against option parsers to find the values they accept. */
const probes: readonly string[] = [
  '1', '2', '3', '4', '8', '16', '32', '64', '128', '256', '512', '1024', '2048', '4096', '8192', '16384', '131072', '0.5', '1.5', '2.5', '10', '100', '400', '1000', '10000', '1e6', '1e7', '2e12', '15T', '1T', '300B',
  '0', '-1', '1e300', '2022-10-07', '2023-11-17', '2024-06-01', '2025-01-15', '2025-05-13', '2026-06-01', '1990-01-01', '2100-12-31',
  '8..64', '16,32,64', '1..1024', '64..8', '0..4', 'CN', 'US', 'MY', 'AE', 'RU', 'DE', 'MO', 'IN', 'true', 'false', 'on', 'off', 'yes', 'no', '1', '2', '3', '19', '32', 'not-counted',
];

function words(text: string): string[] {
  return [...new Set(text.match(/[A-Za-z0-9][A-Za-z0-9._-]*/g) ?? [])];
}

function accepts(o: Option, value: string): boolean {
  // Probing is not a command run: an unusual value's warning (`--seq: 8 tokens is unusual`) is not printed.
  const prev = setWarn(() => {});
  try {
    o.parseArg!(value, undefined);
    return true;
  } catch {
    return false;
  } finally {
    setWarn(prev);
  }
}

/** Values an option's parser accepts, from the probes and the words of its description. */
function accepted(o: Option): string[] {
  if (!o.parseArg) return [];
  return [...new Set([...probes, ...words(o.description), ...(o.argChoices ?? [])])].filter((c) => accepts(o, c));
}

/** The kind of catalog reference a flag or argument takes, from its name. */
function refKind(name: string, command: string): FileKind | 'run' | 'race' | 'vendor' | 'country' | 'lengths' | null {
  const n = name.toLowerCase();
  if (/^(prompt|output)-tokens$/.test(n) && command === 'infer') return 'lengths';
  if (/scenario|^file$/.test(n) || command === 'scenario') return 'scenario';
  if (/reproduce/.test(n)) return 'race';
  if (/^run$/.test(n)) return 'run';
  if (/vendor/.test(n)) return 'vendor';
  if (/destination|headquarters|country/.test(n)) return 'country';
  if (/chip/.test(n) || (n.includes('id-or-file') && command === 'chip')) return 'chip';
  if (/model/.test(n) || (n.includes('id-or-file') && command === 'model')) return 'model';
  if (/id-or-file|file/.test(n)) return 'any';
  return null;
}

/** Output folders: always inside the case's temporary folder (never the repository). */
const outArb: fc.Arbitrary<Arg> = fc.constantFrom<Arg>(
  { out: 'out' },
  { out: 'a/b/c' },
  { out: 'f0.yaml' },
  { out: '' },
  { out: 'a\nb' },
  { out: '💥' },
  { out: '.' },
  // Issue #14: outputs that cannot be written (special file systems, under a file): exit 2 at once, never a hang.
  { out: '/proc/chipbound-fuzz/out' },
  { out: '/sys/chipbound-fuzz' },
  { out: 'f0.yaml/under-a-file' },
);

function valueArb(name: string, command: string, valid: string[], tame = false): fc.Arbitrary<Arg> {
  if (/^(out|output|out-dir|save|svg)$/.test(name)) return tame ? fc.constant<Arg>({ out: 'out' }) : outArb;
  const kind = refKind(name, command);
  const hostileArb = fc.constantFrom(...hostile);
  let good: fc.Arbitrary<Arg> | null = valid.length ? fc.constantFrom(...valid) : null;
  if (kind === 'chip' || kind === 'model') {
    const file = fileArb(kind, tame).map((f): Arg => ({ file: f }));
    good = fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...ids[kind]) }, { weight: tame ? 1 : 2, arbitrary: file });
  } else if (kind === 'scenario' || kind === 'any') {
    good = fileArb(kind, tame).map((f): Arg => ({ file: f }));
  } else if (kind === 'run') good = fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...ids.run) }, { weight: 1, arbitrary: fc.constantFrom(...nearMissRuns) });
  else if (kind === 'race') good = fc.constantFrom(...ids.race);
  else if (kind === 'vendor') good = fc.constantFrom(...new Set(cat.chips.map((c) => c.vendor)));
  else if (kind === 'country') good = fc.constantFrom('CN', 'US', 'MY', 'AE', 'RU', 'DE', 'MO', 'IN', 'cn', 'XX');
  else if (kind === 'lengths') {
    const files = fc.constantFrom(...lengthFiles).map((f): Arg => ({ file: f }));
    good = tame
      ? fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...lengthValues) }, { weight: 1, arbitrary: fc.constant<Arg>({ file: lengthFiles[0] }) })
      : fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...lengthValues) }, { weight: 2, arbitrary: fc.constantFrom(...badLengthValues) }, { weight: 2, arbitrary: files });
  }
  const free = fc.string({ maxLength: 30 });
  if (tame && good) return good;
  return good ? fc.oneof({ weight: 6, arbitrary: good }, { weight: 2, arbitrary: hostileArb }, { weight: 1, arbitrary: free }) : fc.oneof({ weight: 3, arbitrary: hostileArb }, { weight: 1, arbitrary: free });
}

/**
 * Flags a command checks for itself (not commander-mandatory) that tame cases always give,
 * so that most tame cases reach the computation.
 */
const TAME_REQUIRED: Readonly<Record<string, readonly string[]>> = {
  train: ['--model', '--chip', '--gpus', '--global-batch'],
  infer: ['--model', '--chip', '--prompt-tokens', '--output-tokens'],
};

/** Describes a command for fuzzing. */
export interface CommandShape {
  readonly name: string;
  readonly args: readonly { readonly name: string; readonly required: boolean; readonly variadic: boolean }[];
  readonly options: readonly { readonly flag: string; readonly takesValue: boolean; readonly mandatory: boolean; readonly valid: readonly string[]; readonly rejected: readonly string[] }[];
}

/** Every fuzzable command of the current program. */
export function commandShapes(): CommandShape[] {
  const program: Command = buildProgram();
  return program.commands
    .filter((c) => !SKIPPED.has(c.name()))
    .map((c) => ({
      name: c.name(),
      args: c.registeredArguments.map((a) => ({ name: a.name(), required: a.required, variadic: a.variadic })),
      options: c.options.filter((o) => o.long).map((o) => {
        const valid = accepted(o);
        const rejected = o.parseArg ? hostile.filter((h) => !valid.includes(h) && !accepts(o, h)) : [];
        return { flag: o.long!, takesValue: o.required || o.optional, mandatory: o.mandatory, valid, rejected };
      }),
    }));
}

/**
 * Argv for one command: the command name, positional args and a random set of flags. Tame
 * cases draw only plausible values (catalog ids, values the parsers accept, mutated files) so
 * that the commands' computations run; wild cases add hostile values, missing, repeated and
 * unknown flags.
 */
export function argvArb(shape: CommandShape, tame: boolean, guarded = false): fc.Arbitrary<Arg[]> {
  const argArbs = shape.args.map((a) =>
    tame
      ? valueArb(a.name, shape.name, [], true).map((v) => [v])
      : fc.oneof(
          { weight: 12, arbitrary: valueArb(a.name, shape.name, []).map((v) => [v]) },
          { weight: 1, arbitrary: fc.constant([] as Arg[]) },
          { weight: 1, arbitrary: fc.tuple(valueArb(a.name, shape.name, []), fc.constantFrom(...hostile)).map((t) => [...t] as Arg[]) },
        ),
  );
  // Chart rendering through Chromium takes seconds a case: fuzzed runs write SVG only.
  const noPng = shape.options.some((o) => o.flag === '--no-png');
  const optArbs = shape.options.map((o) => {
    const one: fc.Arbitrary<Arg[]> = o.takesValue
      ? valueArb(o.flag.replace(/^--/, ''), shape.name, [...o.valid], tame).map((v) => (o.flag === '--out' && noPng ? [o.flag, v, '--no-png'] : [o.flag, v]))
      : fc.constant([o.flag]);
    // Mandatory options are usually given; others sometimes; occasionally twice, or with the value missing.
    const given = o.mandatory || (tame && TAME_REQUIRED[shape.name]?.includes(o.flag)) ? (tame ? 10 : 8) : tame ? 2 : 3;
    return fc.oneof(
      { weight: 10 - given, arbitrary: fc.constant([] as Arg[]) },
      { weight: given, arbitrary: one },
      { weight: tame ? 0 : 1, arbitrary: fc.tuple(one, one).map(([a, b]) => [...a, ...b]) },
      { weight: o.takesValue && !tame ? 1 : 0, arbitrary: fc.constant([o.flag] as Arg[]) },
    );
  });
  const extra = fc.oneof(
    { weight: 12, arbitrary: fc.constant([] as Arg[]) },
    { weight: tame ? 0 : 1, arbitrary: fc.constantFrom<Arg[]>(['--nope'], ['--json=1'], ['-x'], ['--help'], ['--'], ['--json', '--json']) },
  );
  const guardFlag = guarded ? GUARD[shape.name]?.flag : undefined;
  const guardValues = shape.options.find((o) => o.flag === guardFlag)?.rejected ?? [];
  const guard: fc.Arbitrary<Arg[]> = guardFlag && guardValues.length ? fc.constantFrom(...guardValues).map((v) => [guardFlag, v]) : fc.constant([]);
  return fc.tuple(fc.tuple(...argArbs), fc.tuple(...optArbs), extra, fc.boolean(), guard).map(([args, opts, ex, optsFirst, g]) => {
    const a = args.flat();
    // A parse-only command's other flags never carry the guarded flag (a valid value would start it).
    const o = guardFlag ? removeFlag(opts.flat(), guardFlag) : opts.flat();
    return [shape.name, ...g, ...(optsFirst ? [...o, ...a] : [...a, ...o]), ...ex];
  });
}

function removeFlag(args: readonly Arg[], flag: string): Arg[] {
  const out: Arg[] = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i] === flag) {
      i++;
      continue;
    }
    out.push(args[i]);
  }
  return out;
}

/**
 * Share of tame cases by command (default one half). Ablate runs six plan searches on catalog
 * sizes (seconds a case), so its fuzzing is mostly about bad input; scenario bases are shrunk
 * examples (about a second a case).
 */
export const TAME_SHARE: Readonly<Record<string, number>> = { scenario: 0.2, ablate: 0.01, overview: 0.01 };

/** Tame and wild cases mixed, some guarded (GUARD); the shares override TAME_SHARE and GUARD. */
export function caseArb(shape: CommandShape, tameShare = TAME_SHARE[shape.name] ?? 0.5, guardShare = GUARD[shape.name]?.share ?? 0): fc.Arbitrary<Arg[]> {
  const t = Math.round(tameShare * 1000);
  const free = fc.oneof({ weight: t, arbitrary: argvArb(shape, true) }, { weight: 1000 - t, arbitrary: argvArb(shape, false) });
  const g = Math.round(guardShare * 1000);
  if (g === 0 || !GUARD[shape.name]) return free;
  const guarded = fc.oneof({ weight: t, arbitrary: argvArb(shape, true, true) }, { weight: 1000 - t, arbitrary: argvArb(shape, false, true) });
  return g >= 1000 ? guarded : fc.oneof({ weight: g, arbitrary: guarded }, { weight: 1000 - g, arbitrary: free });
}
