/**
 * Why a runner-up plan loses to the best one: the objective gap and the step-time term
 * (from the evaluator's breakdown) that grew the most, in words.
 */
import type { Candidate } from './types.js';

/** Readable names for breakdown terms, matched on the term's key path (first match wins). */
const termWords: readonly (readonly [RegExp, string])[] = [
  [/bubble/i, 'more pipeline bubble'],
  [/recomput/i, 'more recomputation'],
  [/(^|\.)(ep|expert|moe|alltoall|all_to_all|a2a|dispatch|combine)/i, 'more expert all-to-all'],
  [/(^|\.)(tp|tensor)/i, 'more tensor-parallel communication'],
  [/(^|\.)(cp|context)/i, 'more context-parallel communication'],
  [/zero3/i, 'more ZeRO-3 parameter gathers'],
  [/(^|\.)(dp|data|grad|zero|allreduce|reduce)/i, 'more data-parallel communication'],
  [/(^|\.)(pp|pipe|p2p|sendrecv)/i, 'more pipeline send/receive'],
  [/optim/i, 'a slower optimizer step'],
  [/attn|attention/i, 'slower attention'],
  [/gemm|matmul|compute|flops/i, 'slower compute (GEMM shapes or precision)'],
  [/memory|hbm|elementwise/i, 'more memory-bound work'],
];

/** Numeric leaves of a breakdown object, keyed by dotted path. */
export function breakdownTerms(b: unknown, prefix = '', out: Map<string, number> = new Map()): Map<string, number> {
  if (b === null || typeof b !== 'object') return out;
  for (const [k, v] of Object.entries(b as Record<string, unknown>)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'number' && Number.isFinite(v)) out.set(key, v);
    else if (v && typeof v === 'object' && !Array.isArray(v)) breakdownTerms(v, key, out);
  }
  return out;
}

/** Words for a breakdown term key. */
export function termLabel(key: string): string {
  for (const [re, words] of termWords) if (re.test(key)) return words;
  return `more ${key}`;
}

/** One runner-up's explanation. */
export interface LossReason {
  /** Objective gap to the best plan, fraction (0.12 = 12% worse). */
  readonly gap: number;
  /** The step-time term that grew the most, key path in the breakdown, or null. */
  readonly term: string | null;
  /** That term's growth, seconds. */
  readonly termDeltaSeconds: number | null;
  /** One line, e.g. "+12% step time: more pipeline bubble". */
  readonly text: string;
}

/** Explains why `c` loses to `best` under the objective. */
export function explainLoss(best: Candidate, c: Candidate, objective: 'time' | 'cost' | 'deadline' = 'time'): LossReason {
  const gap = best.score > 0 ? c.score / best.score - 1 : 0;
  const what = objective === 'cost' ? 'cost' : 'step time';
  const a = breakdownTerms(best.result.breakdown);
  const b = breakdownTerms(c.result.breakdown);
  let term: string | null = null;
  let delta = 0;
  const hasParts = [...b.keys()].some((k) => /gemm|attention|elementwise|recompute/i.test(k));
  for (const [k, v] of b) {
    // Totals repeat the sum of their parts; the parts say why.
    if (/total|step/i.test(k) || (hasParts && /^compute/i.test(k))) continue;
    const d = v - (a.get(k) ?? 0);
    if (d > delta) {
      delta = d;
      term = k;
    }
  }
  const head = gap > 0 ? `+${(gap * 100).toFixed(gap < 0.01 ? 2 : 0)}% ${what}` : `same ${what}, less memory slack`;
  return { gap, term, termDeltaSeconds: term ? delta : null, text: term && gap > 0 ? `${head}: ${termLabel(term)}` : head };
}
