/**
 * chipbound command line: parses flags, calls the pure core, prints a table or --json.
 * Exit codes: 0 success, 2 bad input (one line on stderr, no stack trace), 1 internal error.
 */
import { Command, CommanderError } from 'commander';
import { ChipboundError } from '../core/errors.js';
import { Interrupted, note, takeInterrupted, takeNotes, takeOutput } from './output.js';
import { setWarn } from '../io/warn.js';
import { argvNamesFiles, loadFileReaders } from './resolve.js';
import { addCsvOption } from './csv-tables.js';

export type Register = (program: Command) => void;

/**
 * Each command with the module that registers it. A command's module (and the core it needs)
 * is imported only when that command runs, so `chipbound rules` does not load the search, the
 * scenario engine or the serving model (bench/cli.bench.ts measures the start-up). Help and
 * unknown commands load them all, in help order (program.ts).
 */
export const COMMAND_MODULES: readonly { readonly names: readonly string[]; readonly load: () => Promise<Register> }[] = [
  { names: ['overview'], load: async () => (await import('./commands/overview.js')).registerOverviewCommand },
  { names: ['chips', 'chip', 'models', 'model', 'runs'], load: async () => (await import('./commands/catalog.js')).registerCatalogCommands },
  { names: ['classify', 'headroom', 'rules', 'envelope', 'fleet-cap'], load: async () => (await import('./commands/controls.js')).registerControlsCommands },
  { names: ['train'], load: async () => (await import('./commands/train.js')).registerTrainCommands },
  { names: ['validate'], load: async () => (await import('./commands/validate.js')).registerValidateCommand },
  { names: ['infer'], load: async () => (await import('./commands/infer.js')).registerInferCommand },
  { names: ['scenario', 'ablate'], load: async () => (await import('./commands/scenario.js')).registerScenarioCommands },
  { names: ['race'], load: async () => (await import('./commands/race.js')).registerRaceCommand },
  { names: ['web'], load: async () => (await import('./commands/web.js')).registerWebCommand },
  { names: ['frameworks'], load: async () => (await import('./commands/frameworks.js')).registerFrameworksCommand },
  { names: ['engines'], load: async () => (await import('./commands/infer-engines.js')).registerEnginesCommand },
  { names: ['design'], load: async () => (await import('./commands/design.js')).registerDesignCommand },
];

/**
 * One line for stderr (docs/errors.md): control characters in echoed values (a newline inside
 * an id) escaped, long echoed values cut (the fuzzer found 400,000-character messages).
 */
export function oneLine(text: string): string {
  const s = text
    .trim()
    .replace(/[\u0000-\u001f\u007f\u2028\u2029]/g, (c) => (c === '\n' ? '\\n' : c === '\t' ? '\\t' : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`))
    .replace(/'([^']{120,})'/g, (_m, v: string) => `'${v.slice(0, 60)}…' (${v.length} characters)`);
  return s.length > 1000 ? `${s.slice(0, 1000)}…` : s;
}

/** Commander output: errors on one line, prefixed like ours. */
const outputConfig = {
  writeErr: (s: string) => process.stderr.write(s),
  // One line: commander's "(Did you mean --json?)" hint joins the message.
  outputError: (s: string, write: (s: string) => void) => write(`chipbound: ${oneLine(s.trim().replace(/\s*\n\s*\(/g, ' ('))}\n`),
};

/** The program without commands (name, version, one-line errors). */
export function baseProgram(): Command {
  return new Command('chipbound')
    .description('What can you train and serve, how fast, at what cost, on the AI accelerators you can actually get?')
    .version('0.1.0')
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput(outputConfig);
}

/** Examples shown under each command's --help. */
export const EXAMPLES: Readonly<Record<string, readonly string[]>> = {
  overview: ['chipbound', 'chipbound overview --date 2025-06-01 --destination CN --tokens 14.8T --json'],
  chips: ['chipbound chips --vendor nvidia', 'chipbound chips --csv > chips.csv'],
  chip: ['chipbound chip h100', 'chipbound chip h20 --format yaml > my-h20.yaml   # edit, then: chipbound classify my-h20.yaml'],
  models: ['chipbound models --json'],
  model: ['chipbound model meta-llama/Llama-3.1-8B', 'chipbound model deepseek-v3 --format yaml > my-model.yaml'],
  runs: ['chipbound runs --csv'],
  classify: ['chipbound classify h20 --date 2025-06-01 --destination CN', 'chipbound classify my-chip.yaml --json'],
  headroom: ['chipbound headroom h20'],
  rules: ['chipbound rules'],
  'fleet-cap': ['chipbound fleet-cap h100 --tier 2'],
  train: [
    'chipbound train --model llama-3.1-405b --chip h100 --gpus 16Ki --seq 8Ki --global-batch 2Ki --precision auto',
    'chipbound train --model deepseek-v3 --chip h800 --gpus 2048 --seq 4096 --global-batch 15360 --plan "tp1 pp16 dp128 cp1 ep64 vpp1 mb1 zero1 rc:selective fp8 dualpipe"',
    'chipbound train --model llama-3.1-8b --chip h20 --gpus 64..1024 --global-batch 512 --tokens 15T',
  ],
  validate: ['chipbound validate', 'chipbound validate --sweeps', 'chipbound validate --inference --json'],
  frameworks: ['chipbound frameworks', 'chipbound frameworks nemo-2024 --json'],
  engines: ['chipbound engines', 'chipbound engines --json'],
  envelope: ['chipbound envelope', 'chipbound envelope h20 h200 --json'],
  design: [
    'chipbound design --rules us-2022-10 --destination CN --date 2023-06-01 --train deepseek-v3 --gpus 2048 --tokens 14.8T --seq 4096 --global-batch 15360',
    'chipbound design --rules us-2023-10 --destination CN --date 2024-06-01 --serve qwq-32b --gpus 8 --prompt-tokens 1000 --output-tokens 8000 --tpot-ms 50',
  ],
  infer: ['chipbound infer --model deepseek-v3 --chip h20 --isl 1K --osl 1K --tpot-ms 50', 'chipbound infer --model llama-3.1-70b --chip h100 --gpus 8 --tp 8 --prompt-tokens 2K --output-tokens 256'],
  scenario: ['chipbound scenario examples/deepseek-v3-controls.yaml', 'chipbound scenario my.yaml --out report/'],
  ablate: ['chipbound ablate --model deepseek-v3 --chip h800 --gpus 2048 --tokens 14.8T'],
  race: ['chipbound race', 'chipbound race --metric mmlu --json'],
  web: ['chipbound web', 'chipbound web --port 0 --no-open --json'],
};

/** Registers the commands, with one-line errors, required flags marked and examples in --help. */
export function finishProgram(program: Command, registers: readonly Register[]): Command {
  for (const register of registers) register(program);
  for (const c of program.commands) {
    addCsvOption(c);
    c.exitOverride().configureOutput(outputConfig);
    for (const o of c.options) if (o.mandatory && !o.description.startsWith('(required)')) o.description = `(required) ${o.description}`;
    const examples = EXAMPLES[c.name()];
    if (examples) c.addHelpText('after', `\nExamples:\n${examples.map((e) => `  $ ${e}`).join('\n')}`);
  }
  return program;
}

/**
 * The program with the commands `argv` needs: only the named command's module when the first
 * argument names one, every command otherwise (help, suggestions for a mistyped command).
 */
export async function buildProgram(argv?: readonly string[]): Promise<Command> {
  const first = argv?.[0];
  const wanted = first === undefined ? undefined : COMMAND_MODULES.find((m) => m.names.includes(first));
  if (wanted) return finishProgram(baseProgram(), [await wanted.load()]);
  return (await import('./program.js')).buildFullProgram();
}

/** Version of the --json shapes: `schema: "chipbound/<command>@<JSON_VERSION>"`; raised when a shape changes incompatibly. */
export const JSON_VERSION = 1;

/**
 * Stamps a command's --json object with `schema: "chipbound/<name>@<version>"` (the name is
 * that of its JSON Schema under schemas/output/) and, for `train`, whose shape depends on the
 * flags, a `kind` discriminator: "evaluation" (one plan), "search" (best plan with counters),
 * "sweep" (several --gpus counts). Arrays (the catalog lists) and non-JSON text pass unchanged.
 */
export function withSchema(out: string, args: readonly string[]): string {
  let v: unknown;
  try {
    v = JSON.parse(out);
  } catch {
    return out;
  }
  if (v === null || typeof v !== 'object' || Array.isArray(v) || 'schema' in v) return out;
  const command = args[0];
  const name = command === 'validate' && args.includes('--inference') ? 'validate-inference' : command === 'validate' && args.includes('--sweeps') ? 'validate-sweeps' : command === 'race' && args.some((a) => a.startsWith('--reproduce')) ? 'race-reproduce' : command;
  const o = v as Record<string, unknown>;
  const kind = command === 'train' && !('kind' in o) ? { kind: 'sweep' in o ? 'sweep' : 'search' in o ? 'search' : 'evaluation' } : {};
  return `${JSON.stringify({ schema: `chipbound/${name}@${JSON_VERSION}`, ...kind, ...o }, null, 2)}\n`;
}

/** Runs the CLI; returns the exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  // Loader warnings (unusual values) are held until the command succeeds.
  setWarn((line) => note(`warning: ${line}`));
  try {
    // No command (or only overview options): the main job.
    const bare = argv.length === 0 || (argv[0].startsWith('-') && !['-h', '--help', '-V', '--version'].includes(argv[0]));
    const args = bare ? ['overview', ...argv] : [...argv];
    const program = await buildProgram(args);
    if (argvNamesFiles(args)) await loadFileReaders();
    await program.parseAsync(args, { from: 'user' });
    const notes = takeNotes();
    if (notes) process.stderr.write(notes);
    const out = takeOutput();
    process.stdout.write(args.includes('--json') && !args.includes('--format') ? withSchema(out, args) : out);
    // Ctrl-C stopped a command that keeps its partial result (train): the output says
    // `interrupted`; one line on stderr and exit 130 say it too (docs/errors.md).
    const cut = takeInterrupted();
    if (cut !== null) {
      process.stderr.write(`chipbound: ${cut}\n`);
      return 130;
    }
    return 0;
  } catch (e) {
    takeOutput();
    takeNotes();
    takeInterrupted();
    if (e instanceof CommanderError) {
      // --help / --version exit 0; usage errors were already printed by commander on one line.
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') return 0;
      return 2;
    }
    if (e instanceof Interrupted) {
      process.stderr.write(`chipbound: ${e.message}\n`);
      return 130;
    }
    if (e instanceof ChipboundError) {
      process.stderr.write(`chipbound: error: ${oneLine(e.message)}\n`);
      return 2;
    }
    const msg = e instanceof Error ? e.message : String(e);
    process.stderr.write(`chipbound: internal error: ${oneLine(msg.split('\n')[0])} (please report it)\n`);
    return 1;
  }
}
