/** Test helpers for the plan search: published runs as jobs, and the search-equals-brute-force check. */
import { expect } from 'vitest';
import fc from 'fast-check';
import { getChip, getModel, getRun } from '../src/core/catalog/catalog.js';
import type { Model } from '../src/core/catalog/schemas.js';
import type { Candidate, SearchResult } from '../src/core/search/types.js';
import { prepareJob } from '../src/core/train/evaluate.js';
import type { TrainJob } from '../src/core/train/types.js';
import { planForRun } from '../src/core/train/validate.js';

/** A small synthetic model for brute-force comparisons; `experts` > 1 makes it MoE. */
export function tinyModel(
  shape: { layers: number; hidden: number; heads: number; kvHeads: number; experts: number },
  variant: { ffnMultiple: number; sharedExperts: number; denseLayers: number },
): Model {
  const { layers, hidden, heads, kvHeads, experts } = shape;
  return {
    id: 'tiny-model',
    name: 'Tiny',
    layers,
    hidden,
    ffnHidden: variant.ffnMultiple * hidden,
    heads,
    kvHeads,
    vocab: 32000,
    gatedFfn: true,
    tiedEmbeddings: false,
    sources: [],
    ...(experts > 1 ? { moe: { experts, activeExperts: 2, sharedExperts: variant.sharedExperts, expertFfnHidden: hidden, denseLayers: variant.denseLayers } } : {}),
  } as Model;
}

/**
 * Small training jobs for search-vs-brute-force properties: a tiny dense or MoE model (tinyModel,
 * FFN 3h, one shared expert, one dense layer) on 1-3 chip kinds; `gpus` and `globalBatch` are the
 * counts to draw from, and half the jobs carry 1e11 tokens (for cost and deadline objectives).
 */
export function smallJobs(counts: { gpus: readonly number[]; globalBatch: readonly number[] }): fc.Arbitrary<TrainJob> {
  return fc
    .record({
      layers: fc.integer({ min: 2, max: 8 }),
      hidden: fc.constantFrom(1024, 4096, 8192),
      heads: fc.constantFrom(8, 16),
      kvDiv: fc.constantFrom(1, 4),
      experts: fc.constantFrom(1, 1, 4, 8),
      chip: fc.constantFrom('nvidia-h100-sxm5-80gb', 'nvidia-a100-sxm4-40gb', 'nvidia-h800-sxm5-80gb'),
      gpus: fc.constantFrom(...counts.gpus),
      seq: fc.constantFrom(1024, 4096, 16384),
      globalBatch: fc.constantFrom(...counts.globalBatch),
      tokens: fc.constantFrom(undefined, 1e11),
    })
    .map(
      (a): TrainJob => ({
        model: tinyModel({ layers: a.layers, hidden: a.hidden, heads: a.heads, kvHeads: a.heads / a.kvDiv, experts: a.experts }, { ffnMultiple: 3, sharedExperts: 1, denseLayers: 1 }),
        chip: getChip(a.chip),
        gpus: a.gpus,
        seq: a.seq,
        globalBatch: a.globalBatch,
        ...(a.tokens !== undefined ? { tokens: a.tokens } : {}),
      }),
    );
}

/** The job of published run `runId` (no framework fields), plus planForRun's plan and result (fields the paper omits: its fastest choice). */
export function publishedJob(runId: string) {
  const run = getRun(runId);
  const job: TrainJob = {
    model: getModel(run.model),
    chip: getChip(run.chip),
    gpus: run.gpus,
    gpusPerNode: run.gpusPerNode,
    scaleOutGbps: run.scaleOutGbps,
    seq: run.seq,
    globalBatch: run.globalBatch,
  };
  return { job, ...planForRun(prepareJob(job), run) };
}

/** A Pareto front as sorted (step time, cost, memory slack) triples, comparable across searches whatever the tie order. */
export const triples = (cs: readonly Candidate[]) =>
  cs.map((c) => [c.result.stepTimeSeconds, c.result.cost?.costUsd ?? null, c.memorySlack]).sort((x, y) => x[0]! - y[0]! || x[2]! - y[2]!);

/** Asserts that a search found what brute force found (best, top-K scores, Pareto front) and accounted for the whole space. */
export function expectSameAsBruteForce(s: SearchResult, b: { readonly best: Candidate | null; readonly top: readonly Candidate[]; readonly pareto: readonly Candidate[] }): void {
  expect(s.best?.score ?? null).toBe(b.best?.score ?? null);
  expect(s.top.map((c) => c.score)).toEqual(b.top.map((c) => c.score));
  expect(triples(s.pareto)).toEqual(triples(b.pareto));
  expect(s.stats.evaluated + s.stats.skipped + s.stats.pruned).toBe(s.stats.space);
}
