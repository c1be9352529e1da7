/**
 * Regression cases from the second adversarial run of issue #14 (classes A-E): a misspelled nested
 * key, an impossible date, a contradictory plan or a unit slip is refused (exit 2, one line naming
 * the field) or, where it is merely unusual, warned about on stderr naming the field and the unit.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { builtinEnvelope } from '../src/core/design/builtin.js';
import { expectRefusedOrWarned, runMain as run } from './cli-run.js';

const dir = mkdtempSync(join(tmpdir(), 'chipbound-adv2-'));
const file = (name: string, text: string) => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};

/** A Llama-3.1-8B config.json with `rope` as its rope_scaling block. */
const hfConfig = (rope: Record<string, unknown>) =>
  JSON.stringify({
    architectures: ['LlamaForCausalLM'], model_type: 'llama', hidden_size: 4096, intermediate_size: 14336, max_position_embeddings: 131072,
    num_attention_heads: 32, num_hidden_layers: 32, num_key_value_heads: 8, vocab_size: 128256, tie_word_embeddings: false, rope_scaling: rope,
  });

const scenario = (pool: string, workload = 'kind: train\n    model: llama-3.1-8b\n    tokens: 1T\n    seq: 4096\n    globalBatch: 64', extra = '') =>
  `name: t\nbuyer:\n  destination: CN\n  date: '2024-06-01'\npools:\n  - id: p\n    chip: nvidia-h100-sxm5-80gb\n    count: 8\n${pool}\nworkloads:\n  - ${workload}\n${extra}`;

const H100 = ['--model', 'llama-3.1-8b', '--chip', 'nvidia-h100-sxm5-80gb'];
const FULL = ['--plan', 'tp1 pp1 dp8 cp1 ep1 vpp1 mb1 zero1 rc:none', '--precision', 'bf16', '--schedule', '1f1b'];
const INFER = [...H100, '--prompt-tokens', '100', '--output-tokens', '100'];

interface Case {
  readonly name: string;
  readonly args: () => string[];
  /** Exit 2 with this one line, or exit 0 with this warning. */
  readonly refused?: RegExp;
  readonly warned?: RegExp;
}

const cases: Case[] = [
  // A: unknown keys
  { name: 'HF config: misspelled rope_scaling.original_max_position_embeddings', args: () => ['model', file('rope1.json', hfConfig({ factor: 8, rope_type: 'llama3', original_max_position_embedding: 8192 }))], refused: /rope_scaling\.original_max_position_embedding: unknown key .*did you mean 'original_max_position_embeddings'/ },
  { name: 'HF config: misspelled rope_scaling.rope_type', args: () => ['model', file('rope2.json', hfConfig({ factor: 8, rope_tpye: 'llama3', original_max_position_embeddings: 8192 }))], refused: /rope_scaling\.rope_tpye: .*did you mean 'rope_type'/ },
  {
    name: 'envelope: an estimated entry that names no value',
    args: () => ['design', '--rules', 'in-force', '--date', '2025-01-01', '--train', 'llama-3.1-8b', '--gpus', '8', '--tokens', '1T', '--global-batch', '64', '--envelope', file('e.yaml', stringify({ ...builtinEnvelope(), estimated: ['processes.0.staticw'] }))],
    refused: /estimated\.0: 'processes\.0\.staticw' is not a value path .*did you mean 'processes\.0\.staticW'/,
  },
  { name: 'a repeated nested YAML key is named with its line', args: () => ['chip', file('dup.yaml', 'id: x\ntflops:\n  bf16: 1\n  bf16: 2\n')], refused: /dup\.yaml: not valid YAML: repeated key 'bf16' at line 4/ },
  { name: 'scenario: a misspelled key is named before the missing field it causes', args: () => ['scenario', file('s-typo.yaml', scenario('    acquired: purchased').replace('destination: CN', 'destinaton: CN'))], refused: /unknown field 'destinaton' \(did you mean 'destination'\?\)/ },
  // B: dates
  { name: 'scenario: an owned pool acquired after the decision date', args: () => ['scenario', file('s-acq.yaml', scenario("    acquired: owned\n    acquiredOn: '2025-01-01'"))], refused: /pools\.0\.acquiredOn: 2025-01-01 is after buyer\.date 2024-06-01/ },
  // C: contradictions
  { name: 'infer: tp not dividing the heads', args: () => ['infer', ...INFER, '--gpus', '3', '--tp', '3', '--batch', '8'], refused: /tp: 3 must divide the 32 attention heads/ },
  { name: 'infer: ep not dividing the experts', args: () => ['infer', '--model', 'mixtral-8x7b', '--chip', 'nvidia-h100-sxm5-80gb', '--prompt-tokens', '100', '--output-tokens', '100', '--gpus', '6', '--tp', '2', '--dp', '3', '--ep', '3', '--batch', '8'], refused: /ep: 3 must divide the 8 experts/ },
  { name: 'infer: ep in a search on a dense model', args: () => ['infer', ...INFER, '--ep', '2'], refused: /ep: llama-3\.1-8b is a dense model/ },
  { name: 'infer: accept-length beyond draft + 1', args: () => ['infer', ...INFER, '--gpus', '1', '--batch', '8', '--draft-tokens', '2', '--accept-length', '5'], refused: /acceptLength: expected 1 to draftTokens \+ 1 = 3/ },
  { name: 'infer: --gpus-per-node not dividing --gpus', args: () => ['infer', ...INFER, '--gpus', '8', '--tp', '8', '--batch', '8', '--gpus-per-node', '3'], refused: /--gpus-per-node 3: 8 accelerators are not a whole number of nodes/ },
  { name: 'infer: --max-gpus with --gpus', args: () => ['infer', ...INFER, '--gpus', '8', '--max-gpus', '4'], refused: /--max-gpus 4: only used when --gpus is left out/ },
  { name: 'train: dualpipe with --pp 1', args: () => ['train', ...H100, '--gpus', '8', '--pp', '1', '--schedule', 'dualpipe', '--global-batch', '64'], refused: /--schedule dualpipe needs pipeline parallelism/ },
  { name: 'train: --gpus-per-node not dividing --gpus', args: () => ['train', ...H100, '--gpus', '8', '--gpus-per-node', '3', '--global-batch', '64'], refused: /--gpus-per-node 3: 8 accelerators/ },
  { name: 'train: fixed fields that admit no split of --gpus', args: () => ['train', ...H100, '--global-batch', '64', '--tp', '1', '--pp', '1', '--gpus', '8k'], refused: /--tp 1, --pp 1: no tp·pp·dp·cp split of --gpus 8000/ },
  { name: 'train: --fp8-activations with --precision bf16', args: () => ['train', ...H100, '--gpus', '8', '--precision', 'bf16', '--fp8-activations', 'ffn', '--global-batch', '64'], refused: /--fp8-activations ffn: needs --precision fp8/ },
  { name: 'train: --sequence-parallel on with --tp 1', args: () => ['train', ...H100, '--gpus', '8', '--tp', '1', '--sequence-parallel', 'on', '--global-batch', '64'], refused: /--sequence-parallel on: needs --tp 2 or more/ },
  { name: 'train: --deadline-days without --objective deadline', args: () => ['train', ...H100, '--gpus', '8', '--deadline-days', '10', '--global-batch', '64'], refused: /--deadline-days 10: only used with --objective deadline/ },
  { name: 'train: --top on a fully fixed plan', args: () => ['train', ...H100, '--gpus', '8', ...FULL, '--top', '3', '--global-batch', '64'], refused: /--top 3: every plan field is fixed/ },
  { name: 'scenario: a micro-batch larger than the global batch', args: () => ['scenario', file('s-mb.yaml', scenario('    acquired: purchased', 'kind: train\n    model: llama-3.1-8b\n    tokens: 1T\n    seq: 4096\n    globalBatch: 8\n    plan:\n      tp: 1\n      pp: 1\n      microBatch: 16'))], refused: /workloads\.0\.plan: microBatch 16 exceeds globalBatch 8/ },
  { name: 'scenario: location on a purchased pool', args: () => ['scenario', file('s-loc.yaml', scenario('    acquired: purchased\n    location: MY'))], refused: /pools\.0\.location: location applies to rented pools/ },
  { name: 'scenario: two sweeps of the same count', args: () => ['scenario', file('s-sw.yaml', scenario('    acquired: purchased', undefined, 'sweep:\n  gpus: [8, 16]\n  pools.0.count: [8, 16]\n'))], refused: /sweeps the same value as sweep\.pools\.0\.count/ },
  { name: 'scenario: a repeated sweep value', args: () => ['scenario', file('s-rep.yaml', scenario('    acquired: purchased', undefined, "sweep:\n  buyer.date: ['2024-06-01', '2024-06-01']\n"))], refused: /sweep\.buyer\.date\.1: "2024-06-01" is repeated/ },
  { name: 'design: a date before the envelope', args: () => ['design', '--rules', 'us-2023-10', '--date', '2021-01-01', '--train', 'llama-3.1-8b', '--gpus', '8', '--tokens', '1T', '--global-batch', '64'], refused: /--date 2021-01-01: the technology envelope default offers no process on that date \(its first process is available from 2022-09-20\)/ },
  { name: 'headroom: --die-area without --target', args: () => ['headroom', 'nvidia-h20', '--die-area', '500'], refused: /--die-area: only used with --target uncontrolled/ },
  { name: 'fleet-cap: --tier with --destination', args: () => ['fleet-cap', 'nvidia-h100-sxm5-80gb', '--tier', '3', '--destination', 'MY'], refused: /--tier 3 and --destination MY: choose one/ },
  { name: 'validate --inference with --framework', args: () => ['validate', '--inference', '--framework', 'megatron-lm-2024'], refused: /--framework megatron-lm-2024: a training software profile/ },
  // D: units (refused where impossible, warned where unusual)
  { name: 'train --scale-out-gbps in Mb/s', args: () => ['train', ...H100, '--gpus', '8', '--global-batch', '64', '--scale-out-gbps', '400000'], refused: /400,000 is not a plausible scale-out bandwidth in Gb\/s/ },
  { name: 'train --scale-out-gbps in Tb/s', args: () => ['train', ...H100, '--gpus', '8', '--global-batch', '64', ...FULL, '--scale-out-gbps', '0.4'], warned: /--scale-out-gbps: 0\.4 Gb\/s is an unusual scale-out bandwidth/ },
  { name: 'train --seq 8 (meant 8K)', args: () => ['train', ...H100, '--gpus', '8', '--global-batch', '64', ...FULL, '--seq', '8'], warned: /--seq: 8 tokens is an unusual sequence length/ },
  { name: 'train --gpus-per-node 8000', args: () => ['train', ...H100, '--gpus', '8', '--global-batch', '64', ...FULL, '--gpus-per-node', '8000'], warned: /--gpus-per-node: 8,000 chips is an unusual scale-up domain \(8 × 1000\?\)/ },
  { name: 'train --global-batch in tokens', args: () => ['train', ...H100, '--gpus', '8', ...FULL, '--global-batch', '4194304'], warned: /--global-batch: 4,194,304 sequences is an unusual global batch/ },
  { name: 'train --tokens 14800', args: () => ['train', ...H100, '--gpus', '8', '--global-batch', '64', ...FULL, '--tokens', '14800'], warned: /--tokens: 14,800 tokens is an unusual token count/ },
  { name: 'infer --tpot-ms in seconds', args: () => ['infer', ...INFER, '--gpus', '1', '--batch', '8', '--tpot-ms', '0.05'], warned: /--tpot-ms: 0\.05 ms is an unusual time-per-output-token target/ },
  { name: 'infer: a request longer than the context', args: () => ['infer', ...H100, '--gpus', '1', '--batch', '1', '--prompt-tokens', '200000', '--output-tokens', '100'], warned: /200,000 \+ 100 = 200,100 tokens per request exceed the context length of llama-3\.1-8b \(8,192 tokens\)/ },
  { name: 'infer: FP4 on a chip without FP4 says what is modelled', args: () => ['infer', ...INFER, '--gpus', '1', '--batch', '8', '--precision', 'fp4'], warned: /--precision fp4: .* has no FP4 tensor cores: FP4 weights are modelled on its FP8 tensor cores/ },
  { name: 'headroom --die-area in cm²', args: () => ['headroom', 'nvidia-h20', '--target', 'uncontrolled', '--die-area', '8.14'], warned: /--die-area: 8\.14 mm² is an unusual die area/ },
  { name: 'model file: hidden ×1000 names the field', args: () => ['model', file('mh.yaml', 'id: m\nname: M\nlayers: 32\nhidden: 4096000\nffnHidden: 14336\nheads: 32\nkvHeads: 8\nvocab: 128256\ngatedFfn: true\ntiedEmbeddings: false\nsources: [x]\n')], refused: /\(hidden: 4,096,000 units is an unusual model width/ },
  { name: 'train --gpus-per-node beyond the chip domain is a noted what-if', args: () => ['train', ...H100, '--gpus', '8', '--global-batch', '64', ...FULL, '--gpus-per-node', '16'], warned: /--gpus-per-node 16 is larger than the scale-up domain of .* \(8 accelerators\)/ },
  { name: 'train: uneven pipeline stages are said, with what is modelled', args: () => ['train', ...H100, '--gpus', '8', '--global-batch', '64', '--plan', 'tp2 pp4 dp1 cp1 ep1 vpp3 mb1 zero1 rc:none', '--precision', 'bf16', '--schedule', 'interleaved'], warned: /--pp 4 --vpp 3: 32 layers do not split evenly over 12 virtual stages/ },
  { name: 'model file: contextLength 8', args: () => ['model', file('m8.yaml', 'id: m\nname: M\nlayers: 2\nhidden: 256\nffnHidden: 1024\nheads: 4\nkvHeads: 4\nvocab: 1000\ngatedFfn: true\ntiedEmbeddings: false\ncontextLength: 8\nsources: [x]\n')], warned: /contextLength: 8 tokens is an unusual sequence length/ },
  { name: 'model file: contextLength ×1000', args: () => ['model', file('m8m.yaml', 'id: m\nname: M\nlayers: 2\nhidden: 256\nffnHidden: 1024\nheads: 4\nkvHeads: 4\nvocab: 1000\ngatedFfn: true\ntiedEmbeddings: false\ncontextLength: 8192000\nsources: [x]\n')], warned: /contextLength: 8,192,000 tokens is an unusual sequence length/ },
  { name: 'HF config: a context length of 8 is warned about too', args: () => ['model', file('ctx8.json', hfConfig({ factor: 8, rope_type: 'llama3', original_max_position_embeddings: 8 }))], warned: /contextLength: 8 tokens is an unusual sequence length/ },
];

describe('adversarial run 2 (issue #14, classes A-E)', () => {
  it.each(cases)('$name', async ({ args, refused, warned }) => {
    expectRefusedOrWarned(await run(args()), { refused, warned });
  }, 240_000);

  it('a chip file with scaleUpDomain 8000 (8 × 1000) warns naming the field', async () => {
    const r = await run(['chip', 'nvidia-h100-sxm5-80gb', '--format', 'yaml']);
    expect(r.code).toBe(0);
    const chip = file('c.yaml', r.out.replace(/^scaleUpDomain: 8$/m, 'scaleUpDomain: 8000'));
    const c = await run(['classify', chip]);
    expect(c.code).toBe(0);
    expect(c.err).toMatch(/scaleUpDomain: 8,000 chips is an unusual scale-up domain/);
  }, 60_000);

  it('options.fp8 on a pool without FP8 says the pool trains in BF16', async () => {
    const s = file('s-fp8.yaml', scenario('    acquired: purchased', 'kind: train\n    model: llama-3.1-8b\n    tokens: 1T\n    seq: 4096\n    globalBatch: 64\n    plan: tp1 pp1 dp8 cp1 ep1 vpp1 mb1 zero1 rc:none 1f1b', 'options:\n  fp8: true\n').replace('nvidia-h100-sxm5-80gb', 'nvidia-a100-sxm4-80gb'));
    const r = await run(['scenario', s, '--workers', '1']);
    expect(r.code, r.err).toBe(0);
    expect(r.err).toMatch(/options\.fp8: NVIDIA A100 SXM4 80GB \(pools\.0\) has no FP8 tensor cores; that pool trains in BF16/);
  }, 240_000);

  it('a scenario with seq 4 and a serve rate ×10^6 warns naming the fields', async () => {
    const s = file('s-units.yaml', scenario('    acquired: purchased', 'kind: train\n    model: llama-3.1-8b\n    tokens: 1T\n    seq: 4\n    globalBatch: 64\n    plan: tp1 pp1 dp8 cp1 ep1 vpp1 mb1 zero1 rc:none bf16 1f1b'));
    const r = await run(['scenario', s, '--workers', '1']);
    expect(r.code, r.err).toBe(0);
    expect(r.err).toMatch(/workloads\.0\.seq: 4 tokens is an unusual sequence length/);
  }, 240_000);
});
