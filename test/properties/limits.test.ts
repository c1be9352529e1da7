/**
 * Absurd sizes (issue #9 item 3): 10^7 chips, 10^15 tokens and a 100-trillion-parameter model
 * either work or are refused with a one-line exit 2, quickly. The bound asserted here is a
 * generous 5 s (shared CI machines); the measured times are printed for the record.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { classify, runInProcess } from '../fuzz/harness.js';
import { scratchFile } from './json-cases.js';

/** ~1.0·10^14 parameters: 12·h²·L = 12 · 131072² · 500, plus embeddings. */
const huge = scratchFile(
  'huge-100t.yaml',
  `id: huge-100t
name: Hypothetical 100T dense model
layers: 500
hidden: 131072
ffnHidden: 524288
heads: 1024
kvHeads: 128
vocab: 256000
gatedFfn: false
tiedEmbeddings: false
contextLength: 8192
sources: [hypothetical]
`,
);

const bigScenario = scratchFile(
  'big.yaml',
  `name: Absurd fleet
buyer: { destination: US, date: 2025-06-01 }
pools:
  - { id: ten million H100, chip: nvidia-h100-sxm5-80gb, count: 10000000, acquired: owned }
workloads:
  - { kind: train, id: quadrillion tokens, model: llama-3.1-405b, tokens: 1e15, seq: 8192, globalBatch: 65536 }
`,
);

const M = ['--model', 'llama-3.1-405b', '--chip', 'nvidia-h100-sxm5-80gb'];
const H = ['--model', huge, '--chip', 'nvidia-h100-sxm5-80gb'];
const cases: { what: string; argv: string[] }[] = [
  { what: '100T model: model view', argv: ['model', huge] },
  { what: '100T model: classify-free train search on 10^6 chips', argv: ['train', ...H, '--gpus', '1000000', '--global-batch', '16384'] },
  { what: '100T model: infer search', argv: ['infer', ...H, '--prompt-tokens', '1000', '--output-tokens', '100'] },
  { what: '100T model: ablate, 10^5 chips, 10^15 tokens', argv: ['ablate', ...H, '--gpus', '100000', '--tokens', '1e15'] },
  { what: '10^7 chips: train search (no split of 10^7 fits the batch: a value, not an error)', argv: ['train', ...M, '--gpus', '10000000', '--global-batch', '65536'] },
  { what: '2^23 (8.4·10^6) chips, 10^15 tokens: train search', argv: ['train', ...M, '--gpus', '8388608', '--global-batch', '8388608', '--tokens', '1e15'] },
  { what: '10^7 chips, 10^15 tokens: train with a plan', argv: ['train', ...M, '--gpus', '10000000', '--global-batch', '10000000', '--tokens', '1e15', '--tp', '8', '--pp', '16'] },
  { what: '10^7 chips: infer', argv: ['infer', '--model', 'llama-3.1-8b', '--chip', 'nvidia-h100-sxm5-80gb', '--gpus', '10000000', '--prompt-tokens', '1000', '--output-tokens', '100'] },
  { what: '10^7 chips, 10^15 tokens: ablate', argv: ['ablate', ...M, '--gpus', '10000000', '--tokens', '1e15'] },
  { what: '10^15 tokens: train search on 16,384 chips', argv: ['train', ...M, '--gpus', '16384', '--global-batch', '2048', '--tokens', '1e15'] },
  { what: '10^7 chips, 10^15 tokens: scenario', argv: ['scenario', bigScenario] },
  { what: '10^10 chips: refused', argv: ['train', ...M, '--gpus', '10000000000', '--global-batch', '65536'] },
  { what: '10^300 tokens: refused or computed', argv: ['train', ...M, '--gpus', '16384', '--global-batch', '2048', '--tokens', '1e300'] },
];

const times: string[] = [];
afterAll(() => console.log(`limit cases (in-process wall time):\n${times.join('\n')}`));

describe('limits: absurd sizes work or are refused quickly', () => {
  it.each(cases)('$what', async ({ what, argv }) => {
    const r = await runInProcess([...argv, '--json']);
    const v = classify([...argv, '--json'], r);
    times.push(`  ${String(Math.round(r.ms)).padStart(6)} ms  exit ${r.code}  ${what}${r.code === 2 ? `: ${r.stderr.trim().slice(0, 160)}` : ''}`);
    expect(v.kind === 'crash' ? v.why : 'ok').toBe('ok');
    expect([0, 2]).toContain(r.code);
  }, 300_000);
});
