/**
 * Checks the published-run catalog (data/runs) against the reference list of published records
 * (test/fixtures/reference-runs.json: the ids and primary sources of the published records) and against the invariants every
 * run must satisfy to be re-predicted: sources, a positive measured value, utilization as a
 * fraction with the peak it was divided by, and a plan whose degrees multiply to the GPU count.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadFile } from '../../io/parse-file.js';
import { chipSchema, runSchema, type Run } from './schemas.js';

const root = join(import.meta.dirname, '..', '..', '..');
const runsDir = join(root, 'data', 'runs');
const referencePath = join(import.meta.dirname, '..', '..', '..', 'test', 'fixtures', 'reference-runs.json');
const readReference = () => (JSON.parse(readFileSync(referencePath, 'utf8')) as { records: { id: string }[] }).records;

/** Reference records deliberately not in data/runs, with the reason. */
const omitted: Readonly<Record<string, string>> = {
  'dbrx-132b': "no measured throughput, step time or GPU-hours published; only '~3 months' from press coverage",
  'megascale-moe-352b': 'architecture not published (only 352B total parameters), so there is no catalog model to predict',
};

const files = existsSync(runsDir) ? readdirSync(runsDir).filter((f) => /\.ya?ml$/.test(f)).sort() : [];
const runs: Run[] = files.map((f) => loadFile(runSchema, join(runsDir, f), 'run'));
const byId = new Map(runs.map((r) => [r.id, r]));

describe('published runs catalog', () => {
  it('has runs, one file per id', () => {
    expect(runs.length).toBeGreaterThanOrEqual(70);
    expect(byId.size).toBe(runs.length);
    for (const [i, f] of files.entries()) expect(f.replace(/\.ya?ml$/, '')).toBe(runs[i].id);
  });

  it('every reference record is a catalog run or explicitly omitted with a reason', () => {
    const reference = readReference();
    const missing = reference.map((r) => r.id).filter((id) => !byId.has(id) && !(id in omitted));
    expect(missing).toEqual([]);
    for (const [id, reason] of Object.entries(omitted)) {
      expect(byId.has(id), `${id} is both omitted and present`).toBe(false);
      expect(reason.length, id).toBeGreaterThan(10);
    }
    // No run invented outside the reference list (held-out runs are outside it by design).
    const refIds = new Set(reference.map((r) => r.id));
    expect(runs.filter((r) => !r.heldOut).map((r) => r.id).filter((id) => !refIds.has(id))).toEqual([]);
  });

  it('every run has sources (a URL first), a positive measured value and a trust reason', () => {
    for (const r of runs) {
      expect(r.sources.length, r.id).toBeGreaterThan(0);
      expect(r.sources[0], r.id).toMatch(/^https:\/\//);
      expect(r.measured.value, r.id).toBeGreaterThan(0);
      expect(Number.isFinite(r.measured.value), r.id).toBe(true);
      expect(r.trust, r.id).toMatch(/^(high|medium|low|medium-high|medium-low|low-medium)\b/);
    }
  });

  it('mfu and hfu are fractions in (0, 1) with the peak the source divided by', () => {
    for (const r of runs.filter((x) => x.measured.kind === 'mfu' || x.measured.kind === 'hfu')) {
      expect(r.measured.value, r.id).toBeGreaterThan(0);
      expect(r.measured.value, r.id).toBeLessThan(1);
      expect(r.measured.peakBasisTflops, r.id).toBeGreaterThan(0);
    }
  });

  it("the peak basis is one of the chip's dense peaks (BF16/FP16 or FP8), within 1%", () => {
    for (const r of runs.filter((x) => x.measured.peakBasisTflops)) {
      const chip = loadFile(chipSchema, join(root, 'data', 'chips', `${r.chip}.yaml`), 'chip');
      const peaks = [chip.tflops.bf16, chip.tflops.fp16, chip.tflops.fp8].filter((v): v is number => typeof v === 'number');
      const basis = r.measured.peakBasisTflops!;
      expect(peaks.some((p) => Math.abs(p - basis) / p < 0.01), `${r.id}: ${basis} vs ${peaks.join('/')}`).toBe(true);
    }
  });

  it('achieved TFLOPS never exceed the stated peak', () => {
    for (const r of runs.filter((x) => x.measured.kind === 'tflops_per_gpu' && x.measured.peakBasisTflops)) {
      expect(r.measured.value, r.id).toBeLessThan(r.measured.peakBasisTflops!);
    }
  });

  it('tp * pp * dp * cp equals gpus whenever all four are given', () => {
    for (const r of runs) {
      const { tp, pp, dp, cp } = r.plan;
      if (tp && pp && dp && cp) expect(tp * pp * dp * cp, r.id).toBe(r.gpus);
    }
  });

  it('the global batch splits evenly over data-parallel ranks and micro-batches', () => {
    for (const r of runs) {
      const { dp, microBatch } = r.plan;
      if (dp && microBatch) expect(r.globalBatch % (dp * microBatch), r.id).toBe(0);
    }
  });

  it('whole-run GPU-hour figures are the only per-token costs; excluded runs say why', () => {
    for (const r of runs) {
      if (r.measured.wholeRunAverage) expect(r.measured.kind, r.id).toBe('gpu_hours_per_trillion_tokens');
      if (r.excludeFromSummary) expect(r.notes ?? '', r.id).toMatch(/^Excluded from the summary: /);
    }
  });

  it('golden values from the papers', () => {
    // Narayanan et al. 2021 (arXiv 2104.04473) Table 1: 1T model, 163 TFLOP/s = 52% of 312.
    expect(byId.get('megatron2021-1008.0b-3072gpu')?.measured).toMatchObject({ kind: 'hfu', value: 0.52, peakBasisTflops: 312 });
    // Llama 3 (arXiv 2407.21783) Table 4: 43% BF16 MFU on 8192 H100.
    expect(byId.get('llama3-405b-8192gpu-cp1')?.measured).toMatchObject({ kind: 'mfu', value: 0.43, peakBasisTflops: 989 });
    // DeepSeek-V3 (arXiv 2412.19437) Table 1: 180K H800 GPU-hours per trillion tokens.
    expect(byId.get('deepseek-v3-pretrain')?.measured).toMatchObject({ kind: 'gpu_hours_per_trillion_tokens', value: 180000, wholeRunAverage: true });
    // Llama 3 Table 4 row 3: DP=8 (not the DP=4 of early versions) so that 8*16*16*8 = 16384.
    expect(byId.get('llama3-405b-16384gpu-cp16')?.plan).toMatchObject({ tp: 8, cp: 16, pp: 16, dp: 8 });
  });
});
