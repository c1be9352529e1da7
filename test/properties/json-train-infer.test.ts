/** --json of train, validate and infer: deterministic and matching the published schemas. */
import { describe } from 'vitest';
import { checkJsonCases } from './json-cases.js';

describe('--json output: train, validate, infer', () => {
  checkJsonCases([
    { schema: 'train', argv: ['train', '--model', 'llama-3.1-8b', '--chip', 'nvidia-h100-sxm5-80gb', '--gpus', '64', '--global-batch', '512', '--tp', '1', '--pp', '1'] },
    { schema: 'train', argv: ['train', '--model', 'llama-3.1-8b', '--chip', 'nvidia-h100-sxm5-80gb', '--gpus', '16', '--global-batch', '128', '--top', '3'] },
    { schema: 'validate', argv: ['validate', '--run', 'bloomberggpt-50b'] },
    { schema: 'validate-inference', argv: ['validate', '--inference'] },
    { schema: 'infer', argv: ['infer', '--model', 'llama-3.1-8b', '--chip', 'nvidia-h100-sxm5-80gb', '--gpus', '1', '--tp', '1', '--prompt-tokens', '1000', '--output-tokens', '200'] },
    { schema: 'infer', argv: ['infer', '--model', 'llama-3.1-70b', '--chip', 'nvidia-h20', '--prompt-tokens', '2000', '--output-tokens', '500', '--max-gpus', '8', '--tpot-ms', '50'] },
  ]);
});
