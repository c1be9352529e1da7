/** Issue 18 end to end: Hugging Face configs in, launch configurations out (docs/launch.md). */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runMain as run } from './cli-run.js';

const fixture = (f: string) => join('test', 'fixtures', 'hf-configs', f);
const dsv3 = fixture('deepseek-ai__DeepSeek-V3.json');
const tmp = mkdtempSync(join(tmpdir(), 'chipbound-launch-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('Hugging Face config.json as --model', () => {
  it('model <config.json> shows the computed counts and what was not mapped; --format yaml writes a loadable catalog file', async () => {
    const r = await run(['model', dsv3]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/total parameters \(B\)\s+671\.0/);
    expect(r.out).toMatch(/not mapped: quantization_config/);
    const y = await run(['model', dsv3, '--format', 'yaml']);
    expect(y.code).toBe(0);
    expect(y.out).toMatch(/^id: deepseek-ai__deepseek-v3$/m);
    const file = join(tmp, 'dsv3.yaml');
    writeFileSync(file, y.out);
    const back = await run(['model', file, '--json']);
    const orig = await run(['model', dsv3, '--json']);
    expect(JSON.parse(back.out).params).toEqual(JSON.parse(orig.out).params);
  });

  it('a broken config exits 2 with one line naming every problem', async () => {
    const file = join(tmp, 'config.json');
    writeFileSync(file, JSON.stringify({ model_type: 'llama', hidden_size: -1, num_attention_heads: 32 }));
    const r = await run(['model', file]);
    expect(r.code).toBe(2);
    expect(r.err.trim().split('\n')).toHaveLength(1);
    for (const k of ['num_hidden_layers', 'hidden_size', 'vocab_size', 'intermediate_size']) expect(r.err).toContain(k);
  });

  it('train --model <DeepSeek-V3 config.json> on 2048 H800s (plan given) with --emit megatron', async () => {
    const r = await run(['train', '--model', dsv3, '--chip', 'nvidia-h800-sxm5-80gb', '--gpus', '2048', '--seq', '4096', '--global-batch', '15360', '--tp', '1', '--pp', '16', '--dp', '128', '--cp', '1', '--ep', '64', '--vpp', '1', '--micro-batch', '1', '--recompute', 'selective', '--zero', '1', '--precision', 'fp8', '--schedule', 'dualpipe', '--framework', 'hai-llm-2024', '--emit', 'megatron']);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain('--multi-latent-attention');
    expect(r.out).toMatch(/--expert-model-parallel-size 64 +# plan\.ep/);
    expect(r.out).toMatch(/pretrain_gpt\.py "\$\{ARGS\[@\]\}"/);
  });
});

describe('--emit', () => {
  it('train llama-3.1-405b on 16384 H100s searches a plan and prints its Megatron flags', { timeout: 120_000 }, async () => {
    const r = await run(['train', '--model', 'llama-3.1-405b', '--chip', 'nvidia-h100-sxm5-80gb', '--gpus', '16384', '--seq', '8192', '--global-batch', '2048', '--emit', 'megatron', '--json']);
    expect(r.code, r.err).toBe(0);
    const j = JSON.parse(r.out);
    const flag = (k: string) => j.launch.options.find((o: { key: string }) => o.key === k)?.value;
    expect(flag('--tensor-model-parallel-size')).toBe(j.plan.tp);
    expect(flag('--pipeline-model-parallel-size')).toBe(j.plan.pp);
    expect(flag('--global-batch-size')).toBe(2048);
    expect(j.launch.files[0].content).toContain('srun torchrun --nnodes 2048');
  });

  it('--emit torchtitan --out DIR writes the TOML', async () => {
    const out = join(tmp, 'tt');
    const r = await run(['train', '--model', 'llama-3.1-8b', '--chip', 'nvidia-h100-sxm5-80gb', '--gpus', '8', '--seq', '8192', '--global-batch', '64', '--tp', '1', '--pp', '1', '--dp', '8', '--cp', '1', '--ep', '1', '--vpp', '1', '--micro-batch', '1', '--recompute', 'full', '--zero', '3', '--precision', 'bf16', '--schedule', '1f1b', '--tokens', '1T', '--framework', 'torchtitan-2024', '--emit', 'torchtitan', '--out', out]);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/torchtitan configuration .* written/);
    const toml = readFileSync(join(out, 'chipbound-torchtitan.toml'), 'utf8');
    expect(toml).toMatch(/^data_parallel_shard_degree = 8 /m);
    expect(toml).toMatch(/^mode = "full" /m);
    // 1T tokens / (64 × 8192) = 1,907,348.6 → 1,907,349 steps.
    expect(toml).toMatch(/^steps = 1907349 /m);
  });

  it('infer --emit vllm prints a vllm serve command', async () => {
    const r = await run(['infer', '--model', 'llama-3.1-70b', '--chip', 'nvidia-h100-sxm5-80gb', '--gpus', '8', '--tp', '4', '--dp', '2', '--prompt-tokens', '1000', '--output-tokens', '500', '--kv-precision', 'fp8', '--emit', 'vllm']);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain('vllm serve "$MODEL" "${ARGS[@]}"');
    expect(r.out).toMatch(/--tensor-parallel-size 4 +# plan\.tp/);
    expect(r.out).toMatch(/--kv-cache-dtype fp8/);
  });

  it('infer --phase decode --emit sglang is one pool of a disaggregated deployment', async () => {
    const r = await run(['infer', '--model', 'deepseek-v3', '--chip', 'nvidia-h100-sxm5-80gb', '--gpus', '16', '--tp', '1', '--dp', '16', '--ep', '16', '--prompt-tokens', '2000', '--output-tokens', '500', '--precision', 'fp8', '--phase', 'decode', '--emit', 'sglang']);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/--disaggregation-mode decode/);
    expect(r.out).toMatch(/--enable-dp-attention/);
  });

  it('--out without --emit, and an unknown target, exit 2', async () => {
    const a = await run(['infer', '--model', 'llama-3.1-8b', '--chip', 'nvidia-h100-sxm5-80gb', '--gpus', '1', '--tp', '1', '--prompt-tokens', '10', '--output-tokens', '10', '--out', tmp]);
    expect(a.code).toBe(2);
    expect(a.err).toMatch(/--out: needs --emit/);
    const b = await run(['train', '--model', 'llama-3.1-8b', '--chip', 'nvidia-h100-sxm5-80gb', '--gpus', '8', '--global-batch', '8', '--emit', 'deepspeed']);
    expect(b.code).toBe(2);
    expect(b.err).toMatch(/expected one of megatron, nemo, torchtitan/);
  });
});
