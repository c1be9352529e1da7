/**
 * The full program, every command registered in help order (static imports: loads the whole
 * CLI). main.ts uses it for help and unknown commands and imports single commands lazily; the
 * fuzzer walks it. A command added here needs its entry in main.ts's COMMAND_MODULES too
 * (main.test.ts checks that both list the same commands).
 */
import type { Command } from 'commander';
import { baseProgram, finishProgram } from './main.js';
import { registerCatalogCommands } from './commands/catalog.js';
import { registerControlsCommands } from './commands/controls.js';
import { registerTrainCommands } from './commands/train.js';
import { registerValidateCommand } from './commands/validate.js';
import { registerInferCommand } from './commands/infer.js';
import { registerScenarioCommands } from './commands/scenario.js';
import { registerRaceCommand } from './commands/race.js';
import { registerWebCommand } from './commands/web.js';
import { registerOverviewCommand } from './commands/overview.js';
import { registerFrameworksCommand } from './commands/frameworks.js';
import { registerEnginesCommand } from './commands/infer-engines.js';
import { registerDesignCommand } from './commands/design.js';

/** chipbound with every command. */
export function buildFullProgram(): Command {
  return finishProgram(baseProgram(), [
    registerOverviewCommand,
    registerCatalogCommands,
    registerControlsCommands,
    registerTrainCommands,
    registerValidateCommand,
    registerFrameworksCommand,
    registerInferCommand,
    registerEnginesCommand,
    registerScenarioCommands,
    registerRaceCommand,
    registerDesignCommand,
    registerWebCommand,
  ]);
}
