/** --json of race, scenario and ablate: deterministic and matching the published schemas. */
import { describe } from 'vitest';
import { checkJsonCases, scratchFile } from './json-cases.js';

const scenario = scratchFile(
  'small.yaml',
  `name: Small serving comparison
buyer: { destination: CN, date: 2024-06-01 }
pools:
  - { id: H20, chip: nvidia-h20, count: 8, acquired: purchased }
  - { id: H800, chip: nvidia-h800-sxm5-80gb, count: 8, acquired: owned, acquiredOn: 2023-06-01 }
workloads:
  - { kind: serve, id: chat, model: llama-3.1-8b, promptTokens: 1000, outputTokens: 500, outputTokensPerSecond: 10000 }
  - { kind: train, id: small train, model: llama-3.1-8b, tokens: 1e11, seq: 2048, globalBatch: 32 }
`,
);

describe('--json output: race, scenario, ablate', () => {
  checkJsonCases([
    { schema: 'race', argv: ['race', '--as-of', '2025-06-30'] },
    { schema: 'race', argv: ['race', '--metric', 'math', '--as-of', '2025-06-30'] },
    { schema: 'race-reproduce', argv: ['race', '--reproduce', 'llama-3.1-405b'] },
    { schema: 'scenario', argv: ['scenario', scenario] },
    { schema: 'ablate', argv: ['ablate', '--model', 'llama-3.1-8b', '--chip', 'nvidia-h100-sxm5-80gb', '--gpus', '16', '--tokens', '1e12'] },
  ]);
});
