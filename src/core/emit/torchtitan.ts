/**
 * torchtitan job TOML for a training plan ([job], [model], [training], [parallelism],
 * [activation_checkpoint], [float8]). Key names: torchtitan `torchtitan/config/job_config.py`
 * (https://github.com/pytorch/torchtitan, mid-2025 layout with the [parallelism] section),
 * recorded in data/launch/torchtitan-0.1-keys.txt.
 */
import { frameworkNotes, gpusOnNode, iterations, modelLine, nodeCount, planSummary, stageSplit } from './shared.js';
import type { LaunchConfig, LaunchOption, TrainLaunchInput } from './types.js';

export const torchtitanVersion = 'torchtitan 0.1 (job_config.py with [parallelism])';

/** torch.distributed.pipelining schedule class names for chipbound schedules. */
const schedules = { '1f1b': '1F1B', interleaved: 'Interleaved1F1B', zb: 'InterleavedZeroBubble', dualpipe: 'DualPipeV' } as const;

/** A TOML value. */
function tomlValue(v: LaunchOption['value']): string {
  if (Array.isArray(v)) return `[${(v as readonly string[]).map((x) => JSON.stringify(x)).join(', ')}]`;
  return typeof v === 'string' ? JSON.stringify(v) : String(v);
}

/** torchtitan TOML for a plan. */
export function emitTorchtitan(input: TrainLaunchInput): LaunchConfig {
  const { model: m, plan: p } = input;
  const notes: string[] = [...frameworkNotes('torchtitan', input.framework)];
  const o: LaunchOption[] = [
    { key: 'job.dump_folder', value: '<OUTPUT_DIR>', from: 'PLACEHOLDER: outputs and checkpoints folder' },
    { key: 'job.description', value: `chipbound plan for ${m.name}`, from: 'model.name' },
    { key: 'model.name', value: '<MODEL_NAME>', from: `PLACEHOLDER: the torchtitan model family for ${m.name} (llama3, deepseek_v3, ...)` },
    { key: 'model.flavor', value: '<FLAVOR>', from: `PLACEHOLDER: the flavor with ${m.layers} layers, hidden ${m.hidden}` },
    { key: 'model.hf_assets_path', value: '<TOKENIZER_DIR>', from: 'PLACEHOLDER: tokenizer folder' },
  ];
  if (p.precision === 'fp8') o.push({ key: 'model.converters', value: ['float8'], from: 'plan.precision fp8' });
  const dpShard = p.zero === 3 || p.zero === 2 || p.zero === 1 ? p.dp : 1;
  const dpRep = p.dp / dpShard;
  // Local batch per data-parallel rank; with pp > 1 it is split into micro-batches, without pp
  // the global batch is reached by gradient accumulation over micro-batch-sized local batches.
  const local = p.pp > 1 ? input.globalBatch / p.dp : p.microBatch;
  o.push(
    { key: 'training.local_batch_size', value: local, from: p.pp > 1 ? 'job.globalBatch / plan.dp' : 'plan.microBatch (gradient accumulation to the global batch)' },
    { key: 'training.global_batch_size', value: input.globalBatch, from: 'job.globalBatch' },
    { key: 'training.seq_len', value: input.seq, from: 'job.seq' },
    { key: 'training.steps', value: input.tokens !== undefined ? iterations(input.tokens, input.globalBatch, input.seq) : '<STEPS>', from: input.tokens !== undefined ? 'job.tokens / (globalBatch × seq)' : 'PLACEHOLDER: steps (give --tokens to compute it)' },
    { key: 'training.mixed_precision_param', value: 'bfloat16', from: 'plan.precision (BF16 parameters)' },
    { key: 'training.dataset', value: '<DATASET>', from: 'PLACEHOLDER: dataset name' },
    { key: 'training.dataset_path', value: '<DATA_PATH>', from: 'PLACEHOLDER: dataset path' },
    { key: 'parallelism.data_parallel_replicate_degree', value: dpRep, from: dpShard > 1 ? 'plan.dp / shard degree' : `plan.dp (zero ${p.zero}: replicated)` },
    { key: 'parallelism.data_parallel_shard_degree', value: dpShard, from: dpShard > 1 ? `plan.dp (zero ${p.zero}: FSDP2 sharded)` : 'plan.zero 0 (no sharding)' },
    { key: 'parallelism.fsdp_reshard_after_forward', value: p.zero === 3 ? 'always' : 'never', from: `plan.zero ${p.zero}` },
    { key: 'parallelism.tensor_parallel_degree', value: p.tp, from: 'plan.tp' },
    { key: 'parallelism.pipeline_parallel_degree', value: p.pp, from: 'plan.pp' },
  );
  if (p.zero === 1 || p.zero === 2) notes.push(`ZeRO-${p.zero} is run as FSDP2 without resharding after forward (parameters stay gathered): memory lies between ZeRO-2 and ZeRO-3`);
  if (!p.sequenceParallel && p.tp > 1) notes.push('torchtitan tensor parallelism always shards the sequence dimension of norms (sequence parallel on)');
  if (p.pp > 1) {
    o.push(
      { key: 'parallelism.pipeline_parallel_schedule', value: schedules[p.schedule], from: `plan.schedule ${p.schedule}` },
      { key: 'parallelism.pipeline_parallel_microbatch_size', value: p.microBatch, from: 'plan.microBatch' },
    );
    const stages = p.pp * (p.schedule === 'interleaved' ? p.vpp : p.schedule === 'zb' || p.schedule === 'dualpipe' ? 2 : 1);
    if (stages <= m.layers) {
      const split = stageSplit(m.layers, stages);
      o.push({ key: 'parallelism.pipeline_parallel_layers_per_stage', value: split.perStage, from: `model.layers ${m.layers} / ${stages} stages` });
      if (!split.even) notes.push(`${m.layers} layers do not split evenly into ${stages} stages: torchtitan gives the last stage fewer layers`);
    } else notes.push(`${stages} pipeline stages exceed the ${m.layers} layers: layers per stage not set (torchtitan splits by its default)`);
    if (p.schedule === 'zb' || p.schedule === 'dualpipe') notes.push(`schedule '${p.schedule}' mapped to ${schedules[p.schedule]} (two stages per rank)`);
  }
  if (p.cp > 1) o.push({ key: 'parallelism.context_parallel_degree', value: p.cp, from: 'plan.cp' });
  if (p.ep > 1) o.push({ key: 'parallelism.expert_parallel_degree', value: p.ep, from: 'plan.ep' });
  if (p.etp !== undefined) notes.push(`expert tensor parallel ${p.etp} is not a separate torchtitan setting`);
  o.push({ key: 'activation_checkpoint.mode', value: p.recompute, from: 'plan.recompute' });
  if (p.recompute === 'selective') o.push({ key: 'activation_checkpoint.selective_ac_option', value: 'op', from: 'plan.recompute (op-level selective: attention and matmul outputs policy)' });
  if (p.precision === 'fp8') {
    o.push({ key: 'float8.recipe_name', value: 'tensorwise', from: 'default: tensorwise scaling' }, { key: 'float8.enable_fsdp_float8_all_gather', value: dpShard > 1, from: 'plan.precision fp8 with FSDP' });
  }
  if (m.mtpDepth) notes.push('multi-token prediction modules are not trained by torchtitan model definitions unless the model supports them');

  const perNode = gpusOnNode(input.gpus, input.gpusPerNode);
  const nodes = nodeCount(input.gpus, perNode);
  const lines: string[] = [
    `# torchtitan job config generated by chipbound (${torchtitanVersion} keys).`,
    `# Model: ${modelLine(m)}; plan: ${planSummary(p)}; ${input.gpus} GPUs = ${nodes} nodes × ${perNode}.`,
    '# Values "<IN_ANGLE_BRACKETS>" are PLACEHOLDERS chipbound does not choose.',
    ...notes.map((n) => `# Note: ${n}.`),
    `# Run on each node: torchrun --nnodes ${nodes} --nproc-per-node ${perNode} --rdzv-backend c10d --rdzv-endpoint "$MASTER_ADDR:29500" -m torchtitan.train --job.config_file chipbound-torchtitan.toml`,
  ];
  let section = '';
  for (const x of o) {
    const [sec, ...rest] = x.key.split('.');
    if (sec !== section) {
      lines.push('', `[${sec}]`);
      section = sec;
    }
    lines.push(`${rest.join('.')} = ${tomlValue(x.value)}  # ${x.from}`);
  }
  lines.push('');
  return {
    target: 'torchtitan',
    version: torchtitanVersion,
    options: o,
    files: [{ name: 'chipbound-torchtitan.toml', content: lines.join('\n') }],
    placeholders: ['OUTPUT_DIR', 'MODEL_NAME', 'FLAVOR', 'TOKENIZER_DIR', 'DATASET', 'DATA_PATH', ...(input.tokens === undefined ? ['STEPS'] : [])],
    notes,
  };
}
