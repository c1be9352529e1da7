/**
 * NeMo / Megatron-Bridge recipe override file for a training plan: the ConfigContainer sections
 * (model parallelism, train, ddp, optimizer, dataset, mixed_precision) that a Megatron-Bridge
 * recipe script reads with `--config-file`. Key names: Megatron-Bridge
 * `src/megatron/bridge/training/config.py` and Megatron-Core TransformerConfig/ModelParallelConfig
 * (https://github.com/NVIDIA-NeMo/Megatron-Bridge), recorded in data/launch/megatron-bridge-0.1-keys.txt.
 */
import { frameworkNotes, gpusOnNode, iterations, modelLine, nodeCount, planSummary, stageSplit } from './shared.js';
import type { LaunchConfig, LaunchOption, TrainLaunchInput } from './types.js';
import { yamlLines } from './yaml-lines.js';

export const nemoVersion = 'Megatron-Bridge 0.1 (NeMo 2 successor)';

/** Megatron-Bridge override YAML for a plan. */
export function emitNemo(input: TrainLaunchInput): LaunchConfig {
  const { model: m, plan: p } = input;
  const notes: string[] = [...frameworkNotes('nemo', input.framework)];
  if (input.framework === 'nemo-2024') notes.push('NeMo 2.0 (2024) recipes take the same values under trainer.strategy.* and data.*; this file uses the Megatron-Bridge key layout');
  const o: LaunchOption[] = [
    { key: 'model.tensor_model_parallel_size', value: p.tp, from: 'plan.tp' },
    { key: 'model.pipeline_model_parallel_size', value: p.pp, from: 'plan.pp' },
  ];
  const split = stageSplit(m.layers, p.pp);
  if (p.pp > 1 && !split.even) {
    if (split.first !== split.perStage) o.push({ key: 'model.num_layers_in_first_pipeline_stage', value: split.first, from: `model.layers ${m.layers} over plan.pp` });
    if (split.last !== split.perStage) o.push({ key: 'model.num_layers_in_last_pipeline_stage', value: split.last, from: `model.layers ${m.layers} over plan.pp` });
  }
  if (p.schedule === 'interleaved' && p.vpp > 1) o.push({ key: 'model.virtual_pipeline_model_parallel_size', value: p.vpp, from: 'plan.vpp' });
  if (p.schedule === 'zb' || p.schedule === 'dualpipe') notes.push(`schedule '${p.schedule}' has no Megatron-Bridge setting: the recipe runs 1F1B`);
  o.push({ key: 'model.context_parallel_size', value: p.cp, from: 'plan.cp' });
  if (m.moe) {
    o.push(
      { key: 'model.expert_model_parallel_size', value: p.ep, from: 'plan.ep' },
      { key: 'model.expert_tensor_parallel_size', value: p.etp ?? (p.ep > 1 ? 1 : p.tp), from: p.etp !== undefined ? 'plan.etp' : p.ep > 1 ? 'default: routed experts not tensor-parallel (chipbound MoE memory model)' : 'default: experts tensor-parallel like attention (plan.ep = 1)' },
    );
  }
  o.push({ key: 'model.sequence_parallel', value: p.sequenceParallel && p.tp > 1, from: 'plan.sequenceParallel' });
  if (p.recompute === 'selective') {
    o.push({ key: 'model.recompute_granularity', value: 'selective', from: 'plan.recompute' }, { key: 'model.recompute_modules', value: ['core_attn'], from: 'plan.recompute (attention core)' });
  } else if (p.recompute === 'full') {
    o.push(
      { key: 'model.recompute_granularity', value: 'full', from: 'plan.recompute' },
      { key: 'model.recompute_method', value: 'uniform', from: 'plan.recompute (every layer)' },
      { key: 'model.recompute_num_layers', value: 1, from: 'plan.recompute (every layer)' },
    );
  }
  o.push(
    { key: 'model.seq_length', value: input.seq, from: 'job.seq' },
    { key: 'train.global_batch_size', value: input.globalBatch, from: 'job.globalBatch' },
    { key: 'train.micro_batch_size', value: p.microBatch, from: 'plan.microBatch' },
  );
  if (input.tokens !== undefined) o.push({ key: 'train.train_iters', value: iterations(input.tokens, input.globalBatch, input.seq), from: 'job.tokens / (globalBatch × seq)' });
  const distOpt = p.zero >= 1 && p.zero <= 2;
  o.push(
    { key: 'ddp.use_distributed_optimizer', value: distOpt, from: `plan.zero ${p.zero}` },
    { key: 'ddp.overlap_grad_reduce', value: true, from: 'default: data-parallel reduction overlapped (chipbound step model)' },
    { key: 'ddp.overlap_param_gather', value: distOpt, from: 'default: overlapped with the distributed optimizer' },
  );
  if (p.zero === 3) {
    o.push({ key: 'ddp.use_custom_fsdp', value: true, from: 'plan.zero 3' }, { key: 'ddp.data_parallel_sharding_strategy', value: 'optim_grads_params', from: 'plan.zero 3' });
  }
  if (p.zero === 2) notes.push('ZeRO-2: the distributed optimizer shards optimizer states only (ZeRO-1 memory)');
  o.push(
    { key: 'optimizer.use_distributed_optimizer', value: distOpt, from: `plan.zero ${p.zero}` },
    { key: 'optimizer.lr', value: '<LR>', from: 'PLACEHOLDER: peak learning rate' },
    { key: 'dataset.sequence_length', value: input.seq, from: 'job.seq' },
    { key: 'dataset.blend', value: ['<DATA_PATH>'], from: 'PLACEHOLDER: indexed dataset prefix(es)' },
    { key: 'tokenizer.tokenizer_type', value: 'HuggingFaceTokenizer', from: 'default' },
    { key: 'tokenizer.tokenizer_model', value: '<TOKENIZER_MODEL>', from: 'PLACEHOLDER: tokenizer id or folder' },
    { key: 'checkpoint.save', value: '<CHECKPOINT_DIR>', from: 'PLACEHOLDER: checkpoint folder' },
    { key: 'mixed_precision', value: p.precision === 'fp8' ? 'bf16_with_fp8_delayed_scaling_mixed' : 'bf16_mixed', from: 'plan.precision' },
  );
  const perNode = gpusOnNode(input.gpus, input.gpusPerNode);
  const nodes = nodeCount(input.gpus, perNode);
  const yaml = [
    `# Megatron-Bridge recipe overrides generated by chipbound (${nemoVersion} keys).`,
    `# Model: ${modelLine(m)} — use the recipe for this architecture (its model provider sets the shape: ${m.layers} layers, hidden ${m.hidden}${m.moe ? `, ${m.moe.experts} experts top-${m.moe.activeExperts}` : ''}).`,
    `# Plan: ${planSummary(p)}; ${input.gpus} GPUs = ${nodes} nodes × ${perNode}.`,
    '# Values in <ANGLE_BRACKETS> are PLACEHOLDERS chipbound does not choose.',
    ...notes.map((n) => `# Note: ${n}.`),
    `# Run: srun --nodes=${nodes} --ntasks-per-node=1 --gpus-per-node=${perNode} torchrun --nnodes ${nodes} --nproc-per-node ${perNode} --rdzv-backend c10d --rdzv-endpoint "$MASTER_ADDR:29500" <RECIPE_SCRIPT> --config-file megatron-bridge-overrides.yaml`,
    ...yamlLines(o),
    '',
  ].join('\n');
  return {
    target: 'nemo',
    version: nemoVersion,
    options: o,
    files: [{ name: 'megatron-bridge-overrides.yaml', content: yaml }],
    placeholders: ['LR', 'DATA_PATH', 'TOKENIZER_MODEL', 'CHECKPOINT_DIR', 'RECIPE_SCRIPT'],
    notes,
  };
}
