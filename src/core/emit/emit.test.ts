/** Launch emitters: values traced to the plan, layer splits, placeholders, disaggregated pools. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { getModel } from '../catalog/catalog.js';
import { moeLayerCount } from '../model/architecture.js';
import type { Plan } from '../train/types.js';
import { renderLaunch, serveEmitters, trainEmitters } from './emit.js';
import { moeLayerPattern } from './megatron.js';
import { nodeCount, stageSplit } from './shared.js';
import type { LaunchConfig, ServeLaunchInput, TrainLaunchInput } from './types.js';

const plan405: Plan = { tp: 8, pp: 16, dp: 128, cp: 1, ep: 1, vpp: 1, microBatch: 1, recompute: 'none', zero: 1, precision: 'bf16', schedule: '1f1b', sequenceParallel: true };
const llama: TrainLaunchInput = { model: getModel('llama-3.1-405b'), gpus: 16384, gpusPerNode: 8, seq: 8192, globalBatch: 2048, tokens: 15.6e12, plan: plan405, framework: 'nemo-2024' };
const dsPlan: Plan = { tp: 2, pp: 16, dp: 32, cp: 2, ep: 16, vpp: 1, microBatch: 1, recompute: 'selective', zero: 1, precision: 'fp8', schedule: 'dualpipe', sequenceParallel: true };
const ds: TrainLaunchInput = { model: getModel('deepseek-v3'), gpus: 2048, gpusPerNode: 8, seq: 4096, globalBatch: 15360, plan: dsPlan, framework: 'hai-llm-2024' };

const opt = (c: LaunchConfig, key: string) => c.options.find((o) => o.key === key)?.value;

describe('training emitters', () => {
  it('Megatron: parallel degrees, batch and iterations come from the plan and job', () => {
    const c = trainEmitters.megatron(llama);
    expect(opt(c, '--tensor-model-parallel-size')).toBe(8);
    expect(opt(c, '--pipeline-model-parallel-size')).toBe(16);
    expect(opt(c, '--global-batch-size')).toBe(2048);
    expect(opt(c, '--micro-batch-size')).toBe(1);
    expect(opt(c, '--use-distributed-optimizer')).toBe(true);
    expect(opt(c, '--sequence-parallel')).toBe(true);
    // 15.6T tokens / (2048 × 8192) = 929,832.8 → 929,833 iterations.
    expect(opt(c, '--train-iters')).toBe(929_833);
    // 126 layers over 16 stages: 15 × 8 + 6.
    expect(opt(c, '--decoder-last-pipeline-num-layers')).toBe(6);
    const script = c.files[0].content;
    expect(script).toMatch(/^#SBATCH --nodes=2048$/m);
    expect(script).toMatch(/srun torchrun --nnodes 2048 --nproc-per-node 8 .* pretrain_gpt\.py "\$\{ARGS\[@\]\}"/);
    expect(script).toMatch(/--num-query-groups 8 +# model\.kvHeads/);
    for (const p of ['DATA_PATH', 'TOKENIZER_MODEL', 'CHECKPOINT_DIR', 'LR']) expect(script).toContain(`\${${p}:?PLACEHOLDER`);
  });

  it('Megatron: DeepSeek-V3 MLA, MoE layer pattern, MTP, FP8, and notes for what it cannot express', () => {
    const c = trainEmitters.megatron(ds);
    expect(opt(c, '--moe-layer-freq')).toBe('([0]*3+[1]*58)');
    expect(opt(c, '--q-lora-rank')).toBe(1536);
    expect(opt(c, '--mtp-num-layers')).toBe(1);
    expect(opt(c, '--expert-model-parallel-size')).toBe(16);
    expect(opt(c, '--expert-tensor-parallel-size')).toBe(1);
    expect(opt(c, '--fp8-format')).toBe('hybrid');
    expect(opt(c, '--decoder-last-pipeline-num-layers')).toBe(1);
    expect(c.notes.join(' ')).toMatch(/dualpipe/);
    expect(c.notes.join(' ')).toMatch(/hai-llm-2024.*in-house/);
    expect(c.files[0].content).toContain(`--moe-layer-freq '([0]*3+[1]*58)'`);
    expect(trainEmitters.megatron({ ...ds, plan: { ...dsPlan, etp: 2 } as Plan }).options.find((o) => o.key === '--expert-tensor-parallel-size')).toMatchObject({ value: 2, from: 'plan.etp' });
  });

  it('Megatron-Bridge overrides parse as YAML with the plan values', () => {
    const c = trainEmitters.nemo(llama);
    const y = parse(c.files[0].content) as Record<string, Record<string, unknown>>;
    expect(y.model).toMatchObject({ tensor_model_parallel_size: 8, pipeline_model_parallel_size: 16, num_layers_in_last_pipeline_stage: 6, sequence_parallel: true });
    expect(y.train).toMatchObject({ global_batch_size: 2048, micro_batch_size: 1, train_iters: 929_833 });
    expect(y.mixed_precision).toBe('bf16_mixed');
    expect(y.tokenizer.tokenizer_model).toBe('<TOKENIZER_MODEL>');
  });

  it('torchtitan TOML: sections, FSDP degrees from the ZeRO stage, float8', () => {
    const c = trainEmitters.torchtitan({ ...ds, plan: { ...dsPlan, zero: 3 } });
    const t = c.files[0].content;
    for (const s of ['[job]', '[model]', '[training]', '[parallelism]', '[activation_checkpoint]', '[float8]']) expect(t).toContain(s);
    expect(opt(c, 'parallelism.data_parallel_shard_degree')).toBe(32);
    expect(opt(c, 'parallelism.data_parallel_replicate_degree')).toBe(1);
    expect(opt(c, 'parallelism.expert_parallel_degree')).toBe(16);
    expect(opt(c, 'parallelism.pipeline_parallel_schedule')).toBe('DualPipeV');
    expect(opt(c, 'model.converters')).toEqual(['float8']);
    expect(opt(c, 'training.local_batch_size')).toBe(15360 / 32);
    expect(t).toMatch(/^training\.|^steps = "<STEPS>"/m);
  });

  it('every option names its origin; placeholders are marked as such', () => {
    for (const e of Object.values(trainEmitters)) {
      for (const input of [llama, ds]) {
        const c = e(input);
        for (const o of c.options) {
          expect(o.from.length).toBeGreaterThan(0);
          const placeholder = typeof o.value === 'string' && /^(\$[A-Z]|<[A-Z])/.test(o.value);
          if (placeholder) expect(o.from).toMatch(/placeholder/i);
        }
      }
    }
  });
});

describe('layer splits and MoE patterns', () => {
  it('stageSplit covers every layer with non-empty stages', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 200 }), fc.integer({ min: 1, max: 64 }), (layers, pp) => {
        fc.pre(pp <= layers);
        const s = stageSplit(layers, pp);
        expect(pp === 1 ? s.first : s.first + s.last + s.perStage * (pp - 2)).toBe(layers);
        expect(s.first).toBeLessThanOrEqual(Math.max(s.perStage, Math.ceil(layers / pp)) + pp);
        expect(Math.min(s.first, s.last, s.perStage)).toBeGreaterThanOrEqual(1);
      }),
    );
  });
  it('the --moe-layer-freq pattern has as many MoE layers as the model', () => {
    for (const id of ['deepseek-v3', 'deepseek-v2', 'llama-4-maverick', 'mixtral-8x22b']) {
      const m = getModel(id);
      const p = moeLayerPattern(m);
      if (p === undefined || !p.startsWith('(')) continue;
      const ones = [...p.matchAll(/\[(\d)\]\*(\d+)/g)].reduce((a, x) => a + (x[1] === '1' ? Number(x[2]) : 0), 0);
      const all = [...p.matchAll(/\[(\d)\]\*(\d+)/g)].reduce((a, x) => a + Number(x[2]), 0);
      expect(ones).toBe(moeLayerCount(m));
      expect(all).toBe(m.layers);
    }
  });
  it('nodeCount', () => {
    expect(nodeCount(16384, 8)).toBe(2048);
    expect(nodeCount(4, 8)).toBe(1);
    expect(nodeCount(12, 8)).toBe(2);
  });
});

const serve: ServeLaunchInput = {
  model: getModel('deepseek-v3'),
  pools: [{ phase: 'both', gpus: 32, plan: { tp: 1, pp: 1, dp: 16, ep: 16 }, batch: 2048 }],
  promptTokens: 2000,
  outputTokens: 500,
  precision: 'fp8',
  kvPrecision: 'fp8',
  speculative: { draftTokens: 1, acceptLength: 1.8 },
  gpusPerNode: 8,
  maxNumTokens: 8192,
  kvMemoryFraction: 0.9,
};

describe('serving emitters', () => {
  it('vLLM: a vllm serve command with DP attention, EP, per-rank batch, FP8 KV and MTP speculation', () => {
    const c = serveEmitters.vllm(serve);
    const s = c.files[0].content;
    expect(s).toContain('vllm serve "$MODEL" "${ARGS[@]}"');
    expect(opt(c, '--data-parallel-size')).toBe(16);
    expect(opt(c, '--enable-expert-parallel')).toBe(true);
    // 2 instances × 16 replicas: 2048 / 32 = 64 sequences per engine.
    expect(opt(c, '--max-num-seqs')).toBe(64);
    expect(opt(c, '--kv-cache-dtype')).toBe('fp8');
    expect(JSON.parse(String(opt(c, '--speculative-config')))).toEqual({ method: 'deepseek_mtp', num_speculative_tokens: 1 });
    expect(c.notes.join(' ')).toMatch(/2 copies/);
  });
  it('SGLang: tp-size spans the DP-attention ranks; NEXTN for MTP models', () => {
    const c = serveEmitters.sglang(serve);
    expect(opt(c, '--tp-size')).toBe(16);
    expect(opt(c, '--dp-size')).toBe(16);
    expect(opt(c, '--enable-dp-attention')).toBe(true);
    expect(opt(c, '--speculative-algorithm')).toBe('NEXTN');
    expect(opt(c, '--max-running-requests')).toBe(1024);
    expect(opt(c, '--nnodes')).toBe(2);
  });
  it('disaggregated: one file per pool, and the TensorRT-LLM disaggregated config with the pool sizes', () => {
    const input: ServeLaunchInput = {
      ...serve,
      pools: [
        { phase: 'prefill', gpus: 24, plan: { tp: 8, pp: 1, dp: 1, ep: 8 }, batch: 96 },
        { phase: 'decode', gpus: 32, plan: { tp: 1, pp: 1, dp: 32, ep: 32 }, batch: 4096 },
      ],
    };
    for (const e of Object.values(serveEmitters)) {
      const c = e(input);
      expect(c.files.filter((f) => f.name.endsWith('-prefill.sh'))).toHaveLength(1);
      expect(c.files.filter((f) => f.name.endsWith('-decode.sh'))).toHaveLength(1);
    }
    const t = serveEmitters.trtllm(input);
    const d = parse(t.files.find((f) => f.name === 'disagg-config.yaml')!.content) as Record<string, Record<string, unknown>>;
    expect(d.context_servers).toMatchObject({ num_instances: 3, tensor_parallel_size: 8 });
    expect(d.generation_servers).toMatchObject({ num_instances: 1, tensor_parallel_size: 32, enable_attention_dp: true });
    expect(renderLaunch(t)).toMatch(/==> trtllm-serve-prefill\.sh <==/);
    expect(serveEmitters.sglang(input).files[0].content).toContain('--disaggregation-mode prefill');
  });
});
