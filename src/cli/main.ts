/**
 * chipbound command line: parses flags, calls the pure core, prints a table or --json.
 * Exit codes: 0 success, 2 bad input (one line on stderr, no stack trace), 1 internal error.
 */
import { Command, CommanderError } from 'commander';
import { ChipboundError } from '../core/errors.js';
import { Interrupted, note, takeNotes, takeOutput } from './output.js';
import { setWarn } from '../io/parse-file.js';
import { registerCatalogCommands } from './commands/catalog.js';
import { registerControlsCommands } from './commands/controls.js';
import { registerTrainCommands } from './commands/train.js';
import { registerValidateCommand } from './commands/validate.js';
import { registerInferCommand } from './commands/infer.js';
import { registerEnginesCommand } from './commands/infer-engines.js';
import { registerScenarioCommands } from './commands/scenario.js';
import { registerRaceCommand } from './commands/race.js';
import { registerWebCommand } from './commands/web.js';
import { registerOverviewCommand } from './commands/overview.js';
import { registerDesignCommand } from './commands/design.js';
import { registerFrameworksCommand } from './commands/frameworks.js';

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

export function buildProgram(): Command {
  const program = new Command('chipbound')
    .description('What can you train and serve, how fast, at what cost, on the AI accelerators you can actually get?')
    .version('0.1.0')
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput(outputConfig);
  registerOverviewCommand(program);
  registerCatalogCommands(program);
  registerControlsCommands(program);
  registerTrainCommands(program);
  registerValidateCommand(program);
  registerFrameworksCommand(program);
  registerInferCommand(program);
  registerEnginesCommand(program);
  registerScenarioCommands(program);
  registerRaceCommand(program);
  registerWebCommand(program);
  registerDesignCommand(program);
  for (const c of program.commands) c.exitOverride().configureOutput(outputConfig);
  return program;
}

/** Runs the CLI; returns the exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  const program = buildProgram();
  // Loader warnings (unusual values) are held until the command succeeds.
  setWarn((line) => note(`warning: ${line}`));
  try {
    // No command (or only overview options): the main job.
    const bare = argv.length === 0 || (argv[0].startsWith('-') && !['-h', '--help', '-V', '--version'].includes(argv[0]));
    await program.parseAsync(bare ? ['overview', ...argv] : [...argv], { from: 'user' });
    const notes = takeNotes();
    if (notes) process.stderr.write(notes);
    process.stdout.write(takeOutput());
    return 0;
  } catch (e) {
    takeOutput();
    takeNotes();
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
