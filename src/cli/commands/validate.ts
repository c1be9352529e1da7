/** `chipbound validate [--inference] [--json]`: re-predicts published runs and reports the error. */
import type { Command } from 'commander';
import { emit } from '../output.js';
import { validateTraining } from './validate-train.js';
import { validateInference } from './validate-inference.js';
import { frameworkIds, type FrameworkId } from '../../core/frameworks/profiles.js';
import { choiceFlag } from '../flags.js';

export function registerValidateCommand(program: Command): void {
  program
    .command('validate')
    .description('re-predict every published training run (or, with --inference, serving measurement) and report the error')
    .option('--inference', 'validate the serving model instead of the training model')
    .option('--json', 'machine-readable output')
    .option('--run <id>', 'only this run (or serving point) id')
    .option('--framework <id>', `re-predict every run with this software profile instead of its own (${frameworkIds.join(', ')}; chipbound frameworks)`, choiceFlag(frameworkIds))
    .action((opts: { inference?: boolean; json?: boolean; run?: string; framework?: FrameworkId }) => {
      emit(opts.inference ? validateInference(opts) : validateTraining(opts));
    });
}
