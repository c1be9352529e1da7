/**
 * Megatron-LM `pretrain_gpt.py` arguments for a training plan, as a Slurm + torchrun script.
 * Option names: Megatron-LM core_r0.12.0 `megatron/training/arguments.py`
 * (https://github.com/NVIDIA/Megatron-LM/blob/core_r0.12.0/megatron/training/arguments.py),
 * recorded in data/launch/megatron-lm-core_r0.12.0-args.txt.
 */
import type { Model } from '../catalog/schemas.js';
import { moeLayerCount } from '../model/architecture.js';
import { bashArrayLines, frameworkNotes, gpusOnNode, iterations, modelLine, nodeCount, placeholderGuards, planSummary, stageSplit } from './shared.js';
import type { LaunchConfig, LaunchOption, TrainLaunchInput } from './types.js';

export const megatronVersion = 'Megatron-LM core_r0.12.0';

/** The placeholders every Megatron launch needs (data, tokenizer, checkpoints, learning rate). */
const placeholders = [
  { name: 'DATA_PATH', what: 'the Megatron indexed dataset prefix (output of tools/preprocess_data.py)' },
  { name: 'TOKENIZER_MODEL', what: 'the tokenizer (Hugging Face id or folder)' },
  { name: 'CHECKPOINT_DIR', what: 'the checkpoint folder' },
  { name: 'LR', what: 'the peak learning rate' },
];

/** Run-length form of a 0/1 layer pattern as Megatron's --moe-layer-freq list expression (`([0]*3+[1]*58)`). */
export function moeLayerPattern(m: Model): string | undefined {
  if (!m.moe) return undefined;
  const d = m.moe.denseLayers;
  const f = m.moe.layerFrequency ?? 1;
  if (d === 0 && f === 1) return undefined;
  if (d === 0) return String(f);
  // Dense leading layers, then every f-th remaining layer is MoE (moeLayerCount counts floor((L-d)/f)).
  const bits: number[] = [];
  for (let i = 0; i < m.layers; i++) bits.push(i >= d && (i - d) % f === f - 1 ? 1 : 0);
  const runs: string[] = [];
  for (let i = 0; i < bits.length; ) {
    let j = i;
    while (j < bits.length && bits[j] === bits[i]) j++;
    runs.push(`[${bits[i]}]*${j - i}`);
    i = j;
  }
  return `(${runs.join('+')})`;
}

/** The model-shape options (from the model, not the plan). */
function modelOptions(m: Model, seq: number, notes: string[]): LaunchOption[] {
  const o: LaunchOption[] = [
    { key: '--num-layers', value: m.layers, from: 'model.layers' },
    { key: '--hidden-size', value: m.hidden, from: 'model.hidden' },
    { key: '--ffn-hidden-size', value: m.ffnHidden, from: 'model.ffnHidden' },
    { key: '--num-attention-heads', value: m.heads, from: 'model.heads' },
  ];
  if (!m.mla && m.kvHeads < m.heads) {
    o.push({ key: '--group-query-attention', value: true, from: 'model.kvHeads < model.heads' }, { key: '--num-query-groups', value: m.kvHeads, from: 'model.kvHeads' });
  }
  if (!m.mla && m.headDim !== undefined) o.push({ key: '--kv-channels', value: m.headDim, from: 'model.headDim' });
  if (m.mla) {
    o.push(
      { key: '--multi-latent-attention', value: true, from: 'model.mla' },
      ...(m.mla.qLoraRank > 0 ? [{ key: '--q-lora-rank', value: m.mla.qLoraRank, from: 'model.mla.qLoraRank' }] : []),
      { key: '--kv-lora-rank', value: m.mla.kvLoraRank, from: 'model.mla.kvLoraRank' },
      { key: '--qk-head-dim', value: m.mla.qkNopeHeadDim, from: 'model.mla.qkNopeHeadDim' },
      { key: '--qk-pos-emb-head-dim', value: m.mla.qkRopeHeadDim, from: 'model.mla.qkRopeHeadDim' },
      { key: '--v-head-dim', value: m.mla.vHeadDim, from: 'model.mla.vHeadDim' },
    );
  }
  o.push(
    { key: '--seq-length', value: seq, from: 'job.seq' },
    { key: '--max-position-embeddings', value: Math.max(seq, m.learnedPositions ?? m.contextLength ?? seq), from: m.learnedPositions ? 'model.learnedPositions' : 'max(job.seq, model.contextLength)' },
    { key: '--position-embedding-type', value: m.learnedPositions ? 'learned_absolute' : 'rope', from: m.learnedPositions ? 'model.learnedPositions' : 'model (no learned positions: RoPE)' },
    { key: '--normalization', value: m.bias ? 'LayerNorm' : 'RMSNorm', from: m.bias ? 'model.bias (GPT-style LayerNorm)' : 'model (no biases: RMSNorm)' },
  );
  if (m.gatedFfn) o.push({ key: '--swiglu', value: true, from: 'model.gatedFfn' });
  if (!m.tiedEmbeddings) o.push({ key: '--untie-embeddings-and-output-weights', value: true, from: 'model.tiedEmbeddings = false' });
  if (!m.bias) o.push({ key: '--disable-bias-linear', value: true, from: 'model.bias absent' });
  if (m.moe) {
    o.push(
      { key: '--num-experts', value: m.moe.experts, from: 'model.moe.experts' },
      { key: '--moe-router-topk', value: m.moe.activeExperts, from: 'model.moe.activeExperts' },
      { key: '--moe-ffn-hidden-size', value: m.moe.expertFfnHidden, from: 'model.moe.expertFfnHidden' },
    );
    if (m.moe.sharedExperts > 0) {
      o.push({ key: '--moe-shared-expert-intermediate-size', value: m.moe.sharedExperts * (m.moe.sharedExpertFfnHidden ?? m.moe.expertFfnHidden), from: 'model.moe.sharedExperts × shared expert width' });
    }
    const pattern = moeLayerPattern(m);
    if (pattern !== undefined) o.push({ key: '--moe-layer-freq', value: pattern, from: `model.moe.denseLayers/layerFrequency (${moeLayerCount(m)} MoE layers)` });
    o.push({ key: '--moe-grouped-gemm', value: true, from: 'default: grouped expert GEMMs' });
    if (m.moe.maxNodesPerToken !== undefined) notes.push(`node-limited routing (${m.moe.maxNodesPerToken} nodes per token) needs --moe-router-num-groups/--moe-router-group-topk set to match your node layout; not emitted`);
  }
  if (m.mtpDepth) o.push({ key: '--mtp-num-layers', value: m.mtpDepth, from: 'model.mtpDepth' });
  return o;
}

/** Megatron-LM launch script for a plan. */
export function emitMegatron(input: TrainLaunchInput): LaunchConfig {
  const { model: m, plan: p } = input;
  const notes: string[] = [...frameworkNotes('megatron', input.framework)];
  const o: LaunchOption[] = [
    { key: '--tensor-model-parallel-size', value: p.tp, from: 'plan.tp' },
    { key: '--pipeline-model-parallel-size', value: p.pp, from: 'plan.pp' },
  ];
  const split = stageSplit(m.layers, p.pp);
  if (p.pp > 1 && !split.even) {
    if (split.first !== split.perStage) o.push({ key: '--decoder-first-pipeline-num-layers', value: split.first, from: `model.layers ${m.layers} over plan.pp ${p.pp}` });
    if (split.last !== split.perStage) o.push({ key: '--decoder-last-pipeline-num-layers', value: split.last, from: `model.layers ${m.layers} over plan.pp ${p.pp}` });
  }
  if (p.schedule === 'interleaved' && p.vpp > 1) {
    if (split.even && split.perStage % p.vpp === 0) o.push({ key: '--num-layers-per-virtual-pipeline-stage', value: split.perStage / p.vpp, from: `model.layers / (plan.pp × plan.vpp ${p.vpp})` });
    else notes.push(`interleaved schedule with vpp ${p.vpp} not emitted: ${m.layers} layers do not split evenly into ${p.pp}×${p.vpp} chunks`);
  }
  if (p.schedule === 'zb' || p.schedule === 'dualpipe') notes.push(`schedule '${p.schedule}' has no option in ${megatronVersion}: the script runs 1F1B, so the pipeline bubble is larger than predicted`);
  if (p.cp > 1) o.push({ key: '--context-parallel-size', value: p.cp, from: 'plan.cp' });
  if (p.ep > 1) {
    o.push(
      { key: '--expert-model-parallel-size', value: p.ep, from: 'plan.ep' },
      { key: '--expert-tensor-parallel-size', value: p.etp ?? 1, from: p.etp !== undefined ? 'plan.etp' : 'default: routed experts not tensor-parallel (chipbound MoE memory model)' },
      { key: '--moe-token-dispatcher-type', value: 'alltoall', from: 'default: all-to-all dispatch (plan.ep > 1)' },
    );
  } else if (p.etp !== undefined) o.push({ key: '--expert-tensor-parallel-size', value: p.etp, from: 'plan.etp' });
  if (p.sequenceParallel && p.tp > 1) o.push({ key: '--sequence-parallel', value: true, from: 'plan.sequenceParallel' });
  if (p.recompute === 'selective') {
    o.push({ key: '--recompute-granularity', value: 'selective', from: 'plan.recompute' }, { key: '--recompute-modules', value: ['core_attn'], from: 'plan.recompute (selective = attention core, Korthikanti et al. 2022)' });
  } else if (p.recompute === 'full') {
    o.push(
      { key: '--recompute-granularity', value: 'full', from: 'plan.recompute' },
      { key: '--recompute-method', value: 'uniform', from: 'plan.recompute (every layer)' },
      { key: '--recompute-num-layers', value: 1, from: 'plan.recompute (every layer)' },
    );
  }
  if (p.zero >= 1 && p.zero <= 2) {
    o.push({ key: '--use-distributed-optimizer', value: true, from: `plan.zero ${p.zero}` });
    if (p.zero === 2) notes.push('ZeRO-2: Megatron\'s distributed optimizer shards optimizer states (ZeRO-1); gradients are reduce-scattered but the full gradient buffer stays, so memory is above the ZeRO-2 prediction');
  } else if (p.zero === 3) {
    o.push({ key: '--use-torch-fsdp2', value: true, from: 'plan.zero 3 (fully sharded)' });
    notes.push('ZeRO-3 runs as PyTorch FSDP2 in Megatron-LM; check your checkpoint format (torch_dist) and that the model options are supported with FSDP2');
  }
  o.push({ key: '--overlap-grad-reduce', value: true, from: 'default: data-parallel reduction overlapped (chipbound step model)' });
  if (p.zero >= 1 && p.zero <= 2) o.push({ key: '--overlap-param-gather', value: true, from: 'default: parameter all-gather overlapped (chipbound step model)' });
  o.push(
    { key: '--micro-batch-size', value: p.microBatch, from: 'plan.microBatch' },
    { key: '--global-batch-size', value: input.globalBatch, from: 'job.globalBatch' },
  );
  if (input.tokens !== undefined) o.push({ key: '--train-iters', value: iterations(input.tokens, input.globalBatch, input.seq), from: 'job.tokens / (globalBatch × seq)' });
  else notes.push('--train-iters not emitted (no --tokens): Megatron then needs --train-iters or --train-samples');
  o.push({ key: '--bf16', value: true, from: 'plan.precision (BF16 parameters and non-FP8 GEMMs)' });
  if (p.precision === 'fp8') {
    o.push(
      { key: '--fp8-format', value: 'hybrid', from: 'plan.precision fp8 (E4M3 forward, E5M2 gradients)' },
      { key: '--fp8-amax-history-len', value: 1024, from: 'default: Transformer Engine delayed scaling' },
      { key: '--fp8-amax-compute-algo', value: 'max', from: 'default: Transformer Engine delayed scaling' },
    );
  }
  o.push({ key: '--transformer-impl', value: 'transformer_engine', from: 'default' });
  o.push(...modelOptions(m, input.seq, notes));
  o.push(
    { key: '--tokenizer-type', value: 'HuggingFaceTokenizer', from: 'default' },
    { key: '--tokenizer-model', value: '$TOKENIZER_MODEL', from: 'placeholder' },
    { key: '--data-path', value: '$DATA_PATH', from: 'placeholder' },
    { key: '--save', value: '$CHECKPOINT_DIR', from: 'placeholder' },
    { key: '--load', value: '$CHECKPOINT_DIR', from: 'placeholder' },
    { key: '--lr', value: '$LR', from: 'placeholder' },
  );
  notes.push(`Megatron pads the vocabulary (${m.vocab}) to a multiple of 128 × tp for the embedding shards`);

  const perNode = gpusOnNode(input.gpus, input.gpusPerNode);
  const nodes = nodeCount(input.gpus, perNode);
  const script = [
    '#!/bin/bash',
    `# Megatron-LM pretrain_gpt.py launch generated by chipbound (${megatronVersion} options).`,
    `# Model: ${modelLine(m)}; ${input.gpus} GPUs = ${nodes} nodes × ${perNode}; seq ${input.seq}, global batch ${input.globalBatch}.`,
    `# Plan: ${planSummary(p)}${input.framework ? ` (framework profile ${input.framework})` : ''}.`,
    '# Every option below names the plan, job or model field it comes from; PLACEHOLDER values are yours to set.',
    ...notes.map((n) => `# Note: ${n}.`),
    `#SBATCH --nodes=${nodes}`,
    '#SBATCH --ntasks-per-node=1',
    `#SBATCH --gpus-per-node=${perNode}`,
    '#SBATCH --exclusive',
    'set -euo pipefail',
    ...placeholderGuards(placeholders),
    'MASTER_ADDR=$(scontrol show hostnames "$SLURM_JOB_NODELIST" | head -n 1)',
    'ARGS=(',
    ...bashArrayLines(o),
    ')',
    `srun torchrun --nnodes ${nodes} --nproc-per-node ${perNode} --rdzv-backend c10d --rdzv-endpoint "$MASTER_ADDR:29500" pretrain_gpt.py "\${ARGS[@]}"`,
    '',
  ].join('\n');
  return { target: 'megatron', version: megatronVersion, options: o, files: [{ name: 'pretrain_gpt.sh', content: script }], placeholders: placeholders.map((x) => x.name), notes };
}
