/**
 * A published run's framework text mapped onto a profile id, so that `validate` and `train`
 * take software behaviour from one mechanism (docs/training-model.md §"Software profiles").
 * The release is chosen by the framework named in the run and the date of its primary paper.
 * In-house stacks that are none of the nine releases (Meta's, Google's JAX, InternEvo, …)
 * map to null: the job keeps the generic behaviours and no capability limits.
 */
import type { FrameworkId } from './profiles.js';

/** FlashAttention is arXiv 2205.14135 (Dao et al. 2022). */
const flashArxiv = 2205.14135;

/** The arXiv number (yymm.nnnnn as a number) of a run's first arXiv source, or null. */
export function firstArxiv(sources: readonly string[]): number | null {
  for (const s of sources) {
    const m = /arxiv\.org\/abs\/(\d{4})\.(\d{4,5})/.exec(s);
    if (m) return Number(m[1]) + Number(m[2]) / 10 ** m[2].length;
  }
  return null;
}

/** Whether the run's primary paper predates FlashAttention. */
export function paperPredatesFlash(sources: readonly string[]): boolean {
  const a = firstArxiv(sources);
  return a !== null && a < flashArxiv;
}

/** FlashAttention-2 is arXiv 2307.08691 (Dao 2023, July 2023). */
const flash2Arxiv = 2307.08691;

/** Whether the run's primary paper predates FlashAttention-2 (a fused-attention run then used FlashAttention-1). */
export function paperPredatesFlash2(sources: readonly string[]): boolean {
  const a = firstArxiv(sources);
  return a !== null && a < flash2Arxiv;
}

/** The profile of a run's framework text and sources, or null for a stack that is none of the nine. */
export function frameworkIdForRun(framework: string | undefined, sources: readonly string[]): FrameworkId | null {
  const fw = framework ?? '';
  const a = firstArxiv(sources);
  const before = (x: number) => a !== null && a < x;
  if (/HAI-LLM|DeepEP/i.test(fw)) return 'hai-llm-2024';
  // Intel's 2024 Megatron-DeepSpeed fork for Gaudi (fused SDPA, sequence parallelism) is none of the nine releases.
  if (/Gaudi|Habana/i.test(fw)) return null;
  if (/DeepSpeed ZeRO-3/i.test(fw)) return 'deepspeed-zero3-2021';
  if (/Megatron-DeepSpeed|DeepSpeed \+ Megatron/i.test(fw)) return before(flashArxiv) ? 'megatron-deepspeed-2021' : 'megatron-deepspeed-2022';
  if (/NeMo|Megatron-Bridge|Megatron-Core/i.test(fw)) return 'nemo-2024';
  // MegaScale is built on Megatron-LM (Jiang et al. 2024, arXiv 2402.15627 §3).
  if (/Megatron-LM|MegaScale/i.test(fw)) return before(flashArxiv) ? 'megatron-lm-2022' : before(2403) ? 'megatron-lm-2023' : 'megatron-lm-2024';
  if (/torchtitan/i.test(fw)) return 'torchtitan-2024';
  return null;
}
