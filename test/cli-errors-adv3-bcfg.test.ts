/**
 * Regression cases from the third adversarial run of issue #14, classes B (dates), C
 * (contradictions), F (output) and G (invariants): refused (exit 2, one line naming the
 * flag/field), or warned on stderr naming it. The Ctrl-C cases are in test/fuzz/sigint.test.ts.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectRefusedOrWarned, runMain as run } from './cli-run.js';

const dir = mkdtempSync(join(tmpdir(), 'chipbound-adv3-'));
const file = (name: string, text: string) => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};

const A100 = ['--model', 'llama-2-13b', '--chip', 'nvidia-a100-sxm4-80gb'];

interface Case {
  readonly name: string;
  readonly args: () => string[];
  /** Exit 2 with this one line, or exit 0 with this warning. */
  readonly refused?: RegExp;
  readonly warned?: RegExp;
}

const scenario = (date: string, chip: string, acquired = 'purchased') =>
  `name: a3\nbuyer:\n  destination: CN\n  date: '${date}'\npools:\n- id: q\n  chip: ${chip}\n  count: 16\n  acquired: ${acquired}\n  whatIf: no-controls\nworkloads:\n- kind: train\n  model: llama-2-13b\n  tokens: 500B\n  seq: 4096\n  globalBatch: 128\n`;

const cases: Case[] = [
  // B: dates
  { name: 'scenario: a B200 bought in 2020 (launched 2024)', args: () => ['scenario', file('b200.yaml', scenario('2020-01-01', 'nvidia-b200-hgx')), '--workers', '1'], refused: /b200\.yaml: pools\.0\.chip: nvidia-b200-hgx launched in 2024 \(launchYear\), after buyer\.date 2020-01-01/ },
  { name: 'scenario: a swept buyer.date before the launch names the variant', args: () => ['scenario', file('b200s.yaml', `${scenario('2024-06-01', 'nvidia-b200-hgx')}sweep:\n  buyer.date: ['2024-06-01', '2023-01-01']\n`), '--workers', '1'], refused: /pools\.0\.chip: nvidia-b200-hgx launched in 2024 \(launchYear\), after buyer\.date 2023-01-01 \(sweep variant buyer\.date=2023-01-01\)/ },
  // D (wired here for design): an accelerator count x1000 warns, the same `gpus` band as elsewhere
  { name: 'design --gpus 8000000 warns naming --gpus', args: () => ['design', '--rules', 'in-force', '--date', '2025-01-01', '--train', 'llama-2-7b', '--gpus', '8000000', '--tokens', '100B', '--global-batch', '64'], warned: /warning: --gpus: 8,000,000 chips is more accelerators than any cluster built/ },
  { name: 'design: an explicit rule not yet in force on --date is a what-if, said', args: () => ['design', '--rules', 'us-2025-01', '--date', '2024-03-01', '--train', 'llama-2-7b', '--gpus', '8', '--tokens', '100B', '--global-batch', '64'], warned: /warning: --rules us-2025-01: not in force on --date 2024-03-01 \(effective 2025-01-13\); applied as a what-if/ },
  // C: contradictions
  { name: 'ablate --json --md', args: () => ['ablate', ...A100, '--gpus', '16', '--tokens', '100B', '--json', '--md', '--workers', '1'], refused: /--json and --md: choose one output format/ },
  { name: 'infer --phase prefill --tpot-ms', args: () => ['infer', ...A100, '--gpus', '2', '--tp', '2', '--batch', '16', '--prompt-tokens', '512', '--output-tokens', '128', '--phase', 'prefill', '--tpot-ms', '30'], refused: /--tpot-ms 30: a prefill-only deployment \(--phase prefill\) produces no output tokens to time/ },
  { name: 'infer --phase decode --ttft-ms', args: () => ['infer', ...A100, '--gpus', '2', '--tp', '2', '--batch', '16', '--prompt-tokens', '512', '--output-tokens', '128', '--phase', 'decode', '--ttft-ms', '300'], refused: /--ttft-ms 300: a decode-only deployment \(--phase decode\) has no prefill to time/ },
  { name: 'infer --phase prefill --draft-tokens', args: () => ['infer', ...A100, '--gpus', '2', '--tp', '2', '--batch', '16', '--prompt-tokens', '512', '--output-tokens', '128', '--phase', 'prefill', '--draft-tokens', '2', '--accept-length', '1.5'], refused: /--draft-tokens 2: speculative decoding applies to decode, and --phase prefill has none/ },
  { name: 'train --fp8-activations with the precision left out (BF16)', args: () => ['train', ...A100, '--gpus', '16', '--global-batch', '128', '--fp8-activations', 'ffn'], refused: /--fp8-activations ffn: needs --precision fp8 \(or auto\); without --precision the plan is BF16/ },
  { name: 'train --fp8-activations --precision auto on a chip without FP8', args: () => ['train', ...A100, '--gpus', '16', '--global-batch', '128', '--precision', 'auto', '--fp8-activations', 'ffn'], refused: /--fp8-activations ffn: NVIDIA A100 SXM4 80GB has no FP8 tensor cores/ },
];

describe('adversarial run 3 (issue #14, classes B, C, F, G)', () => {
  it.each(cases)('$name', async ({ args, refused, warned }) => {
    expectRefusedOrWarned(await run(args()), { refused, warned });
  }, 240_000);
});

describe('adversarial run 3, class G: deterministic output', () => {
  it('design --sweep --json is the same on every run (plansEvaluated does not depend on thread timing)', async () => {
    const args = ['design', '--rules', 'in-force', '--date', '2025-01-01', '--train', 'llama-2-7b', '--gpus', '8', '--tokens', '100B', '--global-batch', '64', '--sweep', 'rules.us-2023-10.tpp=2400..4800:3', '--json'];
    const a = await run(args);
    const b = await run(args);
    expect(a.code, a.err).toBe(0);
    expect(b.out).toBe(a.out);
    expect(JSON.parse(a.out).counts.plansEvaluated).toBeGreaterThan(0);
  }, 240_000);
});
