/** `chipbound validate [--inference] [--json]`: re-predicts published runs and reports the error. */
import type { Command } from 'commander';
import { emit } from '../output.js';
import { validateTraining } from './validate-train.js';
import { validateInference } from './validate-inference.js';

export function registerValidateCommand(program: Command): void {
  program
    .command('validate')
    .description('re-predict every published training run (or, with --inference, serving measurement) and report the error')
    .option('--inference', 'validate the serving model instead of the training model')
    .option('--json', 'machine-readable output')
    .option('--run <id>', 'only this run (or serving point) id')
    .action((opts: { inference?: boolean; json?: boolean; run?: string }) => {
      emit(opts.inference ? validateInference(opts) : validateTraining(opts));
    });
}
