/** --json of the catalog and export-control commands: deterministic and matching the published schemas. */
import { describe } from 'vitest';
import { checkJsonCases } from './json-cases.js';

describe('--json output: catalog and controls', () => {
  checkJsonCases([
    { schema: 'chips', argv: ['chips'] },
    { schema: 'chip', argv: ['chip', 'nvidia-h100-sxm5-80gb'] },
    { schema: 'chip', argv: ['chip', 'huawei-ascend-910b'] },
    { schema: 'models', argv: ['models'] },
    { schema: 'model', argv: ['model', 'deepseek-v3'] },
    { schema: 'model', argv: ['model', 'llama-3.1-405b'] },
    { schema: 'runs', argv: ['runs'] },
    { schema: 'classify', argv: ['classify', 'nvidia-h20', '--date', '2025-06-01'] },
    { schema: 'classify', argv: ['classify', 'nvidia-h100-sxm5-80gb', '--date', '2024-06-01', '--destination', 'MY'] },
    { schema: 'headroom', argv: ['headroom', 'nvidia-h20', '--date', '2025-06-01'] },
    { schema: 'headroom', argv: ['headroom', 'nvidia-h20', '--date', '2025-06-01', '--target', 'uncontrolled'] },
    { schema: 'rules', argv: ['rules', '--date', '2025-06-01'] },
    { schema: 'fleet-cap', argv: ['fleet-cap', 'nvidia-h100-sxm5-80gb'] },
    { schema: 'overview', argv: ['overview', '--gpus', '64', '--tokens', '1e12', '--date', '2025-06-01'] },
  ]);
});
