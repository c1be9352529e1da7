/**
 * SGLang `python3 -m sglang.launch_server` command lines for a serving deployment. Option names:
 * SGLang v0.4.10 server arguments (https://docs.sglang.ai/backend/server_arguments.html and
 * python/sglang/srt/server_args.py), recorded in data/launch/sglang-0.4.10-args.txt.
 */
import { bashArrayLines, placeholderGuards } from './shared.js';
import { commonNotes, poolHeader, poolShape } from './serve-shared.js';
import type { LaunchConfig, LaunchFile, LaunchOption, ServeLaunchInput } from './types.js';

export const sglangVersion = 'SGLang v0.4.10';

/** SGLang launch scripts, one per pool. */
export function emitSglang(input: ServeLaunchInput): LaunchConfig {
  const options: LaunchOption[] = [];
  const files: LaunchFile[] = [];
  const notes: string[] = [];
  const placeholders = new Set(['MODEL']);
  for (const pool of input.pools) {
    const s = poolShape(input, pool);
    const { tp, pp, dp, ep } = pool.plan;
    const pn = commonNotes(input, pool, s);
    // With DP attention SGLang's --tp-size is all ranks of a stage; attention TP = tp-size / dp-size.
    const o: LaunchOption[] = [
      { key: '--model-path', value: '$MODEL', from: 'placeholder' },
      { key: '--tp-size', value: tp * dp, from: dp > 1 ? 'plan.tp × plan.dp (attention TP = tp-size / dp-size)' : 'plan.tp' },
    ];
    if (pp > 1) o.push({ key: '--pp-size', value: pp, from: 'plan.pp' });
    if (dp > 1) o.push({ key: '--dp-size', value: dp, from: 'plan.dp' }, { key: '--enable-dp-attention', value: true, from: 'plan.dp > 1 (attention data parallel)' });
    if (ep > 1) {
      o.push({ key: '--ep-size', value: ep, from: 'plan.ep' });
      if (ep !== tp * dp) pn.push(`SGLang expects --ep-size equal to --tp-size (${tp * dp}); the plan's ep ${ep} may be refused`);
    }
    o.push(
      { key: '--max-running-requests', value: s.seqsPerInstance, from: 'batch / instances' },
      { key: '--chunked-prefill-size', value: input.maxNumTokens, from: 'maxNumTokens (prefill chunk the prediction assumed)' },
      { key: '--context-length', value: s.maxSeqLen, from: 'promptTokens + outputTokens (+ draft tokens)' },
      { key: '--mem-fraction-static', value: 0.9, from: 'default: share of memory for weights + KV cache' },
    );
    if (input.kvPrecision === 'fp8') o.push({ key: '--kv-cache-dtype', value: 'fp8_e4m3', from: 'kvPrecision fp8' });
    if (input.precision === 'fp8') o.push({ key: '--quantization', value: 'fp8', from: 'precision fp8' });
    if (input.speculative) {
      const k = input.speculative.draftTokens;
      const mtp = (input.model.mtpDepth ?? 0) > 0;
      o.push(
        { key: '--speculative-algorithm', value: mtp ? 'NEXTN' : 'EAGLE', from: mtp ? 'speculative with the model MTP modules' : 'speculative with an EAGLE draft' },
        { key: '--speculative-num-steps', value: k, from: 'speculative.draftTokens' },
        { key: '--speculative-eagle-topk', value: 1, from: 'default: chain drafts (one candidate per step)' },
        { key: '--speculative-num-draft-tokens', value: k + 1, from: 'speculative.draftTokens + 1' },
      );
      if (!mtp) {
        o.push({ key: '--speculative-draft-model-path', value: '$DRAFT_MODEL', from: 'placeholder' });
        placeholders.add('DRAFT_MODEL');
      }
    }
    if (pool.phase !== 'both') {
      o.push({ key: '--disaggregation-mode', value: pool.phase, from: `phase ${pool.phase}` }, { key: '--disaggregation-transfer-backend', value: 'mooncake', from: 'default: KV transfer over RDMA (Mooncake)' });
      pn.push('disaggregated pools are joined by the router: python3 -m sglang_router.launch_router --pd-disaggregation --prefill <URL> --decode <URL>');
    }
    const guards = [{ name: 'MODEL', what: 'the Hugging Face id or folder of the checkpoint' }];
    if (s.nodesPerInstance > 1) {
      o.push(
        { key: '--nnodes', value: s.nodesPerInstance, from: `instance of ${s.instanceGpus} GPUs over ${s.gpusPerNode} per node` },
        { key: '--node-rank', value: '$NODE_RANK', from: 'placeholder' },
        { key: '--dist-init-addr', value: '$MASTER_ADDR:5000', from: 'placeholder' },
      );
      placeholders.add('NODE_RANK').add('MASTER_ADDR');
      guards.push({ name: 'NODE_RANK', what: `this node's index, 0 to ${s.nodesPerInstance - 1}` }, { name: 'MASTER_ADDR', what: 'the address of node 0' });
    }
    if (input.speculative?.draftTokens && !((input.model.mtpDepth ?? 0) > 0)) guards.push({ name: 'DRAFT_MODEL', what: 'the EAGLE draft checkpoint' });
    const lines = [
      ...poolHeader('SGLang', input, pool, s),
      ...pn.map((n) => `# Note: ${n}.`),
      'set -euo pipefail',
      ...placeholderGuards(guards),
      'ARGS=(',
      ...bashArrayLines(o),
      ')',
      'python3 -m sglang.launch_server "${ARGS[@]}"',
      '',
    ];
    options.push(...o);
    notes.push(...pn.map((n) => (input.pools.length > 1 ? `${pool.phase}: ${n}` : n)));
    files.push({ name: `sglang-launch${s.suffix}.sh`, content: lines.join('\n') });
  }
  return { target: 'sglang', version: sglangVersion, options, files, placeholders: [...placeholders], notes };
}
