/**
 * `vllm serve` command lines for a serving deployment. Option names: vLLM v0.10.1 engine
 * arguments (https://docs.vllm.ai/en/v0.10.1/configuration/engine_args.html and
 * vllm/engine/arg_utils.py), recorded in data/launch/vllm-0.10.1-args.txt.
 */
import { bashArrayLines, placeholderGuards } from './shared.js';
import { commonNotes, poolHeader, poolShape } from './serve-shared.js';
import type { LaunchConfig, LaunchFile, LaunchOption, ServeLaunchInput } from './types.js';

export const vllmVersion = 'vLLM v0.10.1';

/** vLLM launch scripts, one per pool. */
export function emitVllm(input: ServeLaunchInput): LaunchConfig {
  const options: LaunchOption[] = [];
  const files: LaunchFile[] = [];
  const notes: string[] = [];
  const placeholders = new Set(['MODEL']);
  for (const pool of input.pools) {
    const s = poolShape(input, pool);
    const { tp, pp, dp, ep } = pool.plan;
    const pn = commonNotes(input, pool, s);
    const o: LaunchOption[] = [
      { key: '--tensor-parallel-size', value: tp, from: 'plan.tp' },
      { key: '--pipeline-parallel-size', value: pp, from: 'plan.pp' },
    ];
    if (dp > 1) o.push({ key: '--data-parallel-size', value: dp, from: 'plan.dp (attention data parallel)' });
    if (ep > 1) {
      o.push({ key: '--enable-expert-parallel', value: true, from: 'plan.ep > 1' });
      if (ep !== tp * dp) pn.push(`vLLM runs expert parallel over all tp·dp = ${tp * dp} ranks; the plan's ep ${ep} is not reproduced exactly`);
    }
    o.push(
      { key: '--max-num-seqs', value: s.seqsPerReplica, from: 'batch / (instances × plan.dp)' },
      { key: '--max-num-batched-tokens', value: input.maxNumTokens, from: 'maxNumTokens (prefill chunk the prediction assumed)' },
      { key: '--enable-chunked-prefill', value: true, from: 'default: chunked prefill (prediction assumes prefill chunks)' },
      { key: '--max-model-len', value: s.maxSeqLen, from: 'promptTokens + outputTokens (+ draft tokens)' },
      { key: '--gpu-memory-utilization', value: 0.9, from: 'default: vLLM share of accelerator memory (weights + KV)' },
    );
    if (input.kvPrecision === 'fp8') o.push({ key: '--kv-cache-dtype', value: 'fp8', from: 'kvPrecision fp8' });
    if (input.precision === 'fp8') o.push({ key: '--quantization', value: 'fp8', from: 'precision fp8 (online FP8, or the checkpoint\'s own FP8)' });
    if (input.speculative) {
      const mtp = (input.model.mtpDepth ?? 0) > 0;
      const cfg = mtp
        ? { method: 'deepseek_mtp', num_speculative_tokens: input.speculative.draftTokens }
        : { method: 'eagle', model: '<DRAFT_MODEL>', num_speculative_tokens: input.speculative.draftTokens };
      if (!mtp) placeholders.add('DRAFT_MODEL');
      o.push({ key: '--speculative-config', value: JSON.stringify(cfg), from: `speculative.draftTokens ${input.speculative.draftTokens}${mtp ? ' (model MTP modules)' : ' (EAGLE draft: PLACEHOLDER)'}` });
    }
    if (pool.phase !== 'both') {
      o.push({ key: '--kv-transfer-config', value: JSON.stringify({ kv_connector: 'NixlConnector', kv_role: 'kv_both' }), from: `phase ${pool.phase}: KV transfer between pools (NIXL)` });
      pn.push('disaggregated pools need a router/proxy that sends each request to a prefill then a decode instance (vLLM examples: disagg proxy)');
    }
    const lines = [...poolHeader('vLLM', input, pool, s), ...pn.map((n) => `# Note: ${n}.`), 'set -euo pipefail', ...placeholderGuards([{ name: 'MODEL', what: 'the Hugging Face id or folder of the checkpoint' }])];
    const dpLocal = Math.floor(s.gpusPerNode / (tp * pp));
    if (s.nodesPerInstance > 1 && dp > 1 && dpLocal >= 1 && dp % dpLocal === 0) {
      // Multi-node data parallel: each node runs dpLocal ranks; node 0 serves the API (vLLM DP deployment docs).
      o.push(
        { key: '--data-parallel-size-local', value: dpLocal, from: `GPUs per node / (plan.tp × plan.pp) over ${s.nodesPerInstance} nodes` },
        { key: '--data-parallel-address', value: '$MASTER_ADDR', from: 'placeholder' },
        { key: '--data-parallel-rpc-port', value: 13345, from: 'default' },
      );
      placeholders.add('MASTER_ADDR').add('NODE_RANK');
      lines.push(...placeholderGuards([{ name: 'MASTER_ADDR', what: 'the address of node 0' }, { name: 'NODE_RANK', what: `this node's index, 0 to ${s.nodesPerInstance - 1}` }]));
      lines.push('ARGS=(', ...bashArrayLines(o), ')');
      // Only on the other nodes: they run engine ranks without the API server.
      const headless: LaunchOption[] = [
        { key: '--headless', value: true, from: 'nodes other than node 0' },
        { key: '--data-parallel-start-rank', value: `$((NODE_RANK * ${dpLocal}))`, from: 'NODE_RANK × data-parallel ranks per node' },
      ];
      options.push(...headless);
      lines.push(`if [ "$NODE_RANK" = 0 ]; then`, '  vllm serve "$MODEL" "${ARGS[@]}"', 'else', `  vllm serve "$MODEL" "\${ARGS[@]}" --headless --data-parallel-start-rank $((NODE_RANK * ${dpLocal}))`, 'fi');
    } else {
      if (s.nodesPerInstance > 1) {
        o.push({ key: '--distributed-executor-backend', value: 'ray', from: `instance spans ${s.nodesPerInstance} nodes` });
        pn.push(`start a Ray cluster over the ${s.nodesPerInstance} nodes of each instance first (ray start --head / --address)`);
        lines.push(`# Note: ${pn[pn.length - 1]}.`);
      }
      lines.push('ARGS=(', ...bashArrayLines(o), ')', 'vllm serve "$MODEL" "${ARGS[@]}"');
    }
    lines.push('');
    options.push(...o);
    notes.push(...pn.map((n) => (input.pools.length > 1 ? `${pool.phase}: ${n}` : n)));
    files.push({ name: `vllm-serve${s.suffix}.sh`, content: lines.join('\n') });
  }
  return { target: 'vllm', version: vllmVersion, options, files, placeholders: [...placeholders], notes };
}
