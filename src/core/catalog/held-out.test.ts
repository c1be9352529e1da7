/**
 * The held-out runs: published training measurements that are NOT in the reference list
 * (test/fixtures/reference-runs.json: the ids and primary sources of the published records) and are never used to calibrate
 * the training model. They exist to show honestly whether the model generalizes. Checks that
 * they are there, sourced, flagged, spread over chip families and model kinds, and that the
 * transcribed numbers agree with the paper's own derived figures.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtinCatalog, getChip, getModel } from './catalog.js';
import { modelKind } from '../model/architecture.js';
import { familyOf } from '../train/calibration.js';
import { sourceFlopsPerToken, validateRun } from '../train/validate.js';

const referencePath = join(import.meta.dirname, '..', '..', '..', 'test', 'fixtures', 'reference-runs.json');
const readReference = () => (JSON.parse(readFileSync(referencePath, 'utf8')) as { records: { id: string }[] }).records;
const cat = builtinCatalog();
const heldOut = cat.runs.filter((r) => r.heldOut);
const byId = new Map(heldOut.map((r) => [r.id, r]));

/** Model FLOPs per second per GPU implied by a step time, for a source FLOP formula. */
function tflopsFromStep(id: string, formula: string): number {
  const r = byId.get(id);
  if (!r) throw new Error(`missing held-out run ${id}`);
  const perToken = sourceFlopsPerToken(formula, getModel(r.model, cat), r.seq, 0);
  return (perToken * r.seq * r.globalBatch) / (r.measured.value * r.gpus) / 1e12;
}

describe('held-out published runs', () => {
  it('exist (at least 8), each flagged, sourced (a URL first) and with a trust reason', () => {
    expect(heldOut.length).toBeGreaterThanOrEqual(8);
    for (const r of heldOut) {
      expect(r.heldOut, r.id).toBe(true);
      expect(r.sources.length, r.id).toBeGreaterThan(0);
      expect(r.sources[0], r.id).toMatch(/^https:\/\//);
      expect(r.sources.some((s) => /arXiv \d{4}\.\d{4,5} .*(Table|Sec)|README/.test(s)), `${r.id}: a source names its table or section`).toBe(true);
      expect(r.trust, r.id).toMatch(/^(high|medium|low|medium-high|medium-low|low-medium)\b/);
      expect(r.excludeFromSummary, r.id).toBe(false);
    }
  });

  it('are not in the reference list used for calibration', () => {
    const reference = readReference();
    const refIds = new Set(reference.map((r) => r.id));
    expect(heldOut.map((r) => r.id).filter((id) => refIds.has(id))).toEqual([]);
  });

  it('span at least three chip families and both dense and MoE models', () => {
    const families = new Set(heldOut.map((r) => familyOf(getChip(r.chip, cat))));
    expect(families.size).toBeGreaterThanOrEqual(3);
    const kinds = new Set(heldOut.map((r) => modelKind(getModel(r.model, cat))));
    expect([...kinds].sort()).toEqual(['dense', 'moe']);
  });

  it('golden values from the sources', () => {
    // Korthikanti et al. 2022 (arXiv 2205.05198) Table 5: 175B, 13.75 s per iteration on 64 A100.
    expect(byId.get('korthikanti2022-175b-64gpu')).toMatchObject({ gpus: 64, globalBatch: 64, plan: { tp: 8, pp: 8 }, measured: { kind: 'step_time_s', value: 13.75 } });
    // Nemotron-4 340B (arXiv 2406.11704) Table 2: 6144 H100, DP 64, batch 2304, 8.0 s.
    expect(byId.get('nemotron4-340b-6144gpu')).toMatchObject({ gpus: 6144, globalBatch: 2304, plan: { tp: 8, pp: 12, dp: 64 }, measured: { value: 8.0 } });
    // DeepSeek-V2 (arXiv 2405.04434) Sec 3.2.3: 172.8K H800 GPU-hours per trillion tokens.
    expect(byId.get('deepseek-v2-gpuhours')?.measured).toMatchObject({ kind: 'gpu_hours_per_trillion_tokens', value: 172800 });
    // LLaMA (arXiv 2302.13971) Table 15: 530,432 GPU-hours for 33B over 1.4T tokens.
    expect(byId.get('llama1-33b-gpuhours')?.measured.value).toBeCloseTo(530432 / 1.4, 0);
  });

  it("step times reproduce the sources' own utilization figures (transcription check)", () => {
    // Korthikanti Table 5 MFU, counted as 72BsLh^2(1 + s/6h + V/12Lh), against 312 TFLOPS.
    const mfu: Record<string, number> = { 'korthikanti2022-22b-8gpu': 0.415, 'korthikanti2022-175b-64gpu': 0.514, 'korthikanti2022-530b-280gpu': 0.56, 'korthikanti2022-1t-512gpu': 0.563 };
    for (const [id, v] of Object.entries(mfu)) expect(Math.abs(tflopsFromStep(id, '72B') / 312 / v - 1), id).toBeLessThan(0.01);
    // MT-NLG (arXiv 2201.11990): 126 / 121 / 113 TFLOP/s per GPU with Megatron Eq. 3 (96B...).
    const tflops: Record<string, number> = { 'mtnlg-530b-2240gpu': 126, 'mtnlg-530b-2800gpu': 121, 'mtnlg-530b-3360gpu': 113 };
    for (const [id, v] of Object.entries(tflops)) expect(Math.abs(tflopsFromStep(id, 'Eq. 3') / v - 1), id).toBeLessThan(0.01);
  });

  it('each can be re-predicted (finite, positive)', () => {
    for (const r of heldOut) {
      const v = validateRun(r, cat);
      expect(Number.isFinite(v.predicted) && v.predicted > 0, r.id).toBe(true);
    }
  });
});
