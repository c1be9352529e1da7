/** `chipbound validate [--inference] [--json]`: re-predicts published runs and reports the error. */
import type { Command } from 'commander';
import { emit } from '../output.js';
import { ChipboundError } from '../../core/errors.js';
import { validateTraining } from './validate-train.js';
import { validateInference } from './validate-inference.js';
import { validateSweepsCommand } from './validate-sweeps.js';
import { frameworkIds, type FrameworkId } from '../../core/frameworks/profiles.js';
import { choiceFlag } from '../flags.js';

export function registerValidateCommand(program: Command): void {
  program
    .command('validate')
    .description('re-predict every published training run (or, with --inference, serving measurement) and report the error')
    .option('--inference', 'validate the serving model instead of the training model')
    .option('--sweeps', 'published plan sweeps: predicted vs measured ratios between plans and whether the order is right')
    .option('--json', 'machine-readable output')
    .option('--run <id>', 'only this run (or serving point, or sweep) id')
    .option('--framework <id>', `re-predict every run with this software profile instead of its own (${frameworkIds.join(', ')}; chipbound frameworks)`, choiceFlag(frameworkIds))
    .action((opts: { inference?: boolean; sweeps?: boolean; json?: boolean; run?: string; framework?: FrameworkId }) => {
      if (opts.inference && opts.framework) throw new ChipboundError('usage', `--framework ${opts.framework}: a training software profile; --inference validates serving measurements, each with its own engine`);
      if (opts.inference && opts.sweeps) throw new ChipboundError('usage', '--inference and --sweeps: choose one (sweeps are training plans)');
      emit(opts.inference ? validateInference(opts) : opts.sweeps ? validateSweepsCommand(opts) : validateTraining(opts));
    });
}
