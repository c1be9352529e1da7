/**
 * TensorRT-LLM `trtllm-serve` (PyTorch backend) command and its `--extra_llm_api_options` YAML
 * for a serving deployment; a disaggregated deployment adds the `trtllm-serve disaggregated`
 * config. Option names: TensorRT-LLM v1.0 (`tensorrt_llm/commands/serve.py`,
 * `tensorrt_llm/llmapi/llm_args.py`, docs https://nvidia.github.io/TensorRT-LLM/commands/trtllm-serve/),
 * recorded in data/launch/trtllm-1.0-args.txt.
 */
import { bashArrayLines, placeholderGuards } from './shared.js';
import { commonNotes, poolHeader, poolShape } from './serve-shared.js';
import type { LaunchConfig, LaunchFile, LaunchOption, ServeLaunchInput } from './types.js';
import { yamlLines } from './yaml-lines.js';

export const trtllmVersion = 'TensorRT-LLM v1.0';

/** TensorRT-LLM serve scripts and YAML, one pair per pool (+ the disaggregated config). */
export function emitTrtllm(input: ServeLaunchInput): LaunchConfig {
  const options: LaunchOption[] = [];
  const files: LaunchFile[] = [];
  const notes: string[] = [];
  const placeholders = new Set(['MODEL']);
  const disagg: LaunchOption[] = [];
  for (const pool of input.pools) {
    const s = poolShape(input, pool);
    const { tp, pp, dp, ep } = pool.plan;
    const pn = commonNotes(input, pool, s);
    if (input.precision !== 'bf16' && input.precision !== 'fp16') pn.push(`TensorRT-LLM takes the ${input.precision} format from a pre-quantized checkpoint (TensorRT Model Optimizer): set $MODEL to one`);
    if (dp > 1 && tp > 1) pn.push(`TensorRT-LLM attention DP runs attention with TP 1 per rank: tp_size ${tp * dp} with enable_attention_dp, not the plan's attention tp ${tp}`);
    const yamlName = `extra-llm-api-config${s.suffix}.yml`;
    const o: LaunchOption[] = [
      { key: '--backend', value: 'pytorch', from: 'default: PyTorch backend' },
      { key: '--tp_size', value: tp * dp, from: dp > 1 ? 'plan.tp × plan.dp (attention DP ranks)' : 'plan.tp' },
      { key: '--pp_size', value: pp, from: 'plan.pp' },
    ];
    if (ep > 1) o.push({ key: '--ep_size', value: ep, from: 'plan.ep' });
    o.push(
      { key: '--max_batch_size', value: s.seqsPerReplica, from: 'batch / (instances × plan.dp) (per rank)' },
      { key: '--max_num_tokens', value: input.maxNumTokens, from: 'maxNumTokens (tokens per forward pass)' },
      { key: '--max_seq_len', value: s.maxSeqLen, from: 'promptTokens + outputTokens (+ draft tokens)' },
      { key: '--kv_cache_free_gpu_memory_fraction', value: input.kvMemoryFraction, from: 'kvMemoryFraction (share of free memory for the KV cache, as predicted)' },
    );
    if (s.nodesPerInstance > 1) o.push({ key: '--gpus_per_node', value: s.gpusPerNode, from: 'gpusPerNode' });
    o.push({ key: '--extra_llm_api_options', value: yamlName, from: 'the YAML written above' });
    const y: LaunchOption[] = [];
    if (dp > 1) y.push({ key: 'enable_attention_dp', value: true, from: 'plan.dp > 1' });
    y.push({ key: 'enable_chunked_prefill', value: true, from: 'default: chunked prefill (prediction assumes prefill chunks)' });
    if (input.kvPrecision === 'fp8') y.push({ key: 'kv_cache_config.dtype', value: 'fp8', from: 'kvPrecision fp8' });
    if (input.speculative) {
      const k = input.speculative.draftTokens;
      if ((input.model.mtpDepth ?? 0) > 0) {
        y.push({ key: 'speculative_config.decoding_type', value: 'MTP', from: 'speculative with the model MTP modules' }, { key: 'speculative_config.num_nextn_predict_layers', value: k, from: 'speculative.draftTokens' });
      } else {
        y.push(
          { key: 'speculative_config.decoding_type', value: 'Eagle', from: 'speculative with an EAGLE draft' },
          { key: 'speculative_config.max_draft_len', value: k, from: 'speculative.draftTokens' },
          { key: 'speculative_config.speculative_model_dir', value: '<DRAFT_MODEL>', from: 'PLACEHOLDER: EAGLE draft checkpoint' },
        );
        placeholders.add('DRAFT_MODEL');
      }
    }
    if (pool.phase !== 'both') y.push({ key: 'cache_transceiver_config.backend', value: 'DEFAULT', from: `phase ${pool.phase}: KV transfer between pools` });
    const role = pool.phase === 'prefill' ? 'context_servers' : 'generation_servers';
    if (pool.phase !== 'both') {
      disagg.push(
        { key: `${role}.num_instances`, value: s.instances, from: `${pool.phase} pool: ${pool.gpus} GPUs / ${s.instanceGpus} per instance` },
        { key: `${role}.tensor_parallel_size`, value: tp * dp, from: dp > 1 ? 'plan.tp × plan.dp' : 'plan.tp' },
        { key: `${role}.pipeline_parallel_size`, value: pp, from: 'plan.pp' },
        ...(ep > 1 ? [{ key: `${role}.moe_expert_parallel_size`, value: ep, from: 'plan.ep' }] : []),
        { key: `${role}.enable_attention_dp`, value: dp > 1, from: 'plan.dp > 1' },
        { key: `${role}.urls`, value: ['<HOST:PORT>'], from: 'PLACEHOLDER: one URL per instance' },
      );
    }
    const launcher = s.nodesPerInstance > 1 ? `srun --nodes=${s.nodesPerInstance} --ntasks-per-node=${s.gpusPerNode} --mpi=pmix trtllm-llmapi-launch trtllm-serve` : 'trtllm-serve';
    const script = [
      ...poolHeader('TensorRT-LLM', input, pool, s),
      ...pn.map((n) => `# Note: ${n}.`),
      'set -euo pipefail',
      ...placeholderGuards([{ name: 'MODEL', what: 'the Hugging Face id or folder of the checkpoint' }]),
      `cat > ${yamlName} <<'YAML'`,
      ...yamlLines(y),
      'YAML',
      'ARGS=(',
      ...bashArrayLines(o),
      ')',
      `${launcher} "$MODEL" "\${ARGS[@]}"`,
      '',
    ];
    options.push(...o, ...y);
    notes.push(...pn.map((n) => (input.pools.length > 1 ? `${pool.phase}: ${n}` : n)));
    files.push({ name: `trtllm-serve${s.suffix}.sh`, content: script.join('\n') });
  }
  if (disagg.length) {
    const cfg: LaunchOption[] = [
      { key: 'hostname', value: 'localhost', from: 'default' },
      { key: 'port', value: 8000, from: 'default' },
      { key: 'backend', value: 'pytorch', from: 'default' },
      ...disagg,
    ];
    options.push(...cfg.map((x) => ({ ...x, key: `disagg.${x.key}` })));
    const sizes = input.pools.map((p) => `${p.phase} ${p.gpus} GPUs`).join(', ');
    files.push({
      name: 'disagg-config.yaml',
      content: [`# trtllm-serve disaggregated -c disagg-config.yaml (generated by chipbound). Pools: ${sizes}.`, ...(input.pools.length < 2 ? ['# Only one pool was given: add the other side before running.'] : []), ...yamlLines(cfg), ''].join('\n'),
    });
  }
  return { target: 'trtllm', version: trtllmVersion, options, files, placeholders: [...placeholders], notes };
}
