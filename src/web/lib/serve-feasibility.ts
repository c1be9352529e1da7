/**
 * Serve view helpers without a DOM: why a deployment does not run (from its memory terms), and
 * the batch the view opens on (the largest meeting the TPOT target).
 */
import { evaluateServing } from '../../core/infer/evaluate.js';
import type { ServingInput, ServingResult } from '../../core/infer/types.js';

const gib = (b: number) => `${(b / 2 ** 30).toFixed(1)} GiB`;

/** Why a deployment does not run, from the result's memory terms (not just the first issue code). */
export function infeasibleReason(r: ServingResult): string {
  const m = r.memory;
  const seq = `${(r.promptTokens + r.outputTokens).toLocaleString('en-US')} tokens (prompt + output)`;
  if (r.issue?.code === 'batch_too_large') return `batch ${r.batch.toLocaleString('en-US')} does not fit: the KV cache of a sequence of ${seq} takes ${gib(m.kvBytesPerSequence)} per accelerator, so at most ${r.maxBatch.toLocaleString('en-US')} sequences fit in the ${gib(Math.max(0, m.kvBudgetBytes))} left after weights and workspace. Lower the batch to ${r.maxBatch.toLocaleString('en-US')} or less, or add accelerators.`;
  if (m.weightBytes + m.workspaceBytes >= m.capacityBytes) return `the weights (${gib(m.weightBytes)} per accelerator) and runtime workspace (${gib(m.workspaceBytes)}) exceed the ${gib(m.capacityBytes)} of usable memory. Use more tp/pp, a smaller weight precision, or a chip with more memory.`;
  return `not even one sequence fits: its KV cache for ${seq} needs ${gib(m.kvBytesPerSequence)} per accelerator, and only ${gib(Math.max(0, m.kvBudgetBytes))} remain after the weights (${gib(m.weightBytes)}) and workspace (${gib(m.workspaceBytes)}) of ${gib(m.capacityBytes)}. Shorten the prompt or output, use an FP8 KV cache, or spread the model over more accelerators.`;
}

/**
 * The batch the view opens on when none is given: the largest that meets the TPOT target (TPOT
 * grows with the batch; bisection over 1..maxBatch), or the largest that fits without a target.
 */
export function batchForTarget(input: ServingInput, maxBatch: number, tpotMs: number | null): { batch: number; met: boolean } {
  if (tpotMs === null || input.phase === 'prefill') return { batch: Math.max(1, maxBatch), met: true };
  const ok = (b: number) => evaluateServing({ ...input, batch: b }).tpotSeconds * 1000 <= tpotMs;
  if (!ok(1)) return { batch: 1, met: false };
  let lo = 1;
  let hi = maxBatch;
  if (ok(hi)) return { batch: hi, met: true };
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (ok(mid)) lo = mid;
    else hi = mid;
  }
  return { batch: lo, met: true };
}
