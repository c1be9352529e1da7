/**
 * Unit slips of 1000× in run and model numbers (issue #14): every catalog run's measurement and
 * global batch, and every model's published parameter counts, multiplied or divided by 1000,
 * are refused or warned about; the catalog itself passes clean.
 */
import { describe, expect, it } from 'vitest';
import { builtinCatalog } from './catalog.js';
import { modelFindings, runFindings } from './plausibility.js';
import { modelSchema, type Run } from './schemas.js';

const cat = builtinCatalog();
const chip = (id: string) => cat.chips.find((c) => c.id === id)!;
const model = (id: string) => cat.models.find((m) => m.id === id)!;
const findings = (r: Run) => runFindings(r, model(r.model), chip(r.chip));

describe('run plausibility', () => {
  it('the catalog runs pass with no error', () => {
    for (const r of cat.runs) expect(findings(r).errors, r.id).toEqual([]);
  });

  it('measured.value ×1000 or ÷1000 is refused, for every run', () => {
    for (const r of cat.runs) {
      for (const f of [1000, 1 / 1000]) {
        const slipped = { ...r, measured: { ...r.measured, value: r.measured.value * f } };
        expect(findings(slipped).errors.map((e) => e.path), `${r.id} ×${f}`).toContain('measured.value');
      }
    }
  });

  it('a global batch counted in tokens (×seq) is refused or warned about', () => {
    for (const r of cat.runs) {
      const f = findings({ ...r, globalBatch: r.globalBatch * r.seq });
      // Named as the batch, or (small batches) as a step time the chip could not reach with it.
      expect([...f.errors, ...f.warnings].length, r.id).toBeGreaterThan(0);
    }
  });

  it('an MFU in percent is refused with the fraction it meant', () => {
    const r = cat.runs.find((x) => x.measured.kind === 'mfu')!;
    const f = findings({ ...r, measured: { ...r.measured, value: 42.8 } });
    expect(f.errors[0].message).toMatch(/expected a fraction from 0 to 1 \(42\.8% is 0\.428\)/);
  });

  it('a plan whose degrees do not multiply to gpus is refused', () => {
    const r = cat.runs.find((x) => x.plan.tp !== undefined && x.plan.pp !== undefined && x.plan.dp !== undefined)!;
    expect(findings({ ...r, gpus: r.gpus * 2 }).errors[0].message).toMatch(/accelerators, but gpus is/);
    const partial = { ...r, plan: { tp: 8 }, gpus: 12 };
    expect(findings(partial).errors[0].message).toMatch(/tp 8 = 8 does not divide gpus 12/);
  });
});

describe('run plans and peaks against the model and chip', () => {
  const moeRun = cat.runs.find((x) => model(x.model).moe && x.plan.ep !== undefined)!;
  const withBasis = cat.runs.find((x) => x.measured.peakBasisTflops !== undefined)!;

  it('ep on a dense model, ep not dividing the experts, vpp·pp beyond the layers, micro-batches beyond the batch', () => {
    const dense = cat.runs.find((x) => !model(x.model).moe)!;
    expect(findings({ ...dense, plan: { ...dense.plan, ep: 2 } }).errors[0].message).toMatch(/is a dense model/);
    expect(findings({ ...moeRun, plan: { ...moeRun.plan, ep: moeRun.plan.ep! * 1000 } }).errors.map((e) => e.path)).toContain('plan.ep');
    const layers = model(dense.model).layers;
    expect(findings({ ...dense, plan: { ...dense.plan, pp: 2, vpp: layers } }).errors.map((e) => e.path)).toContain('plan.vpp');
    expect(findings({ ...dense, plan: { ...dense.plan, microBatch: dense.globalBatch * 1000 } }).errors.map((e) => e.path)).toContain('plan.microBatch');
  });

  it('a peak basis 1000x off the chip is refused, 3x its highest peak warns', () => {
    const b = withBasis.measured.peakBasisTflops!;
    const top = Math.max(...Object.values(chip(withBasis.chip).tflops).filter((v): v is number => typeof v === 'number'));
    expect(findings({ ...withBasis, measured: { ...withBasis.measured, peakBasisTflops: b * 1000 } }).errors.map((e) => e.path)).toContain('measured.peakBasisTflops');
    expect(findings({ ...withBasis, measured: { ...withBasis.measured, peakBasisTflops: top * 3 } }).warnings.map((e) => e.path)).toContain('measured.peakBasisTflops');
  });
});

describe('model published parameter counts', () => {
  it('the catalog models pass clean', () => {
    for (const m of cat.models) expect(modelFindings(m), m.id).toEqual({ errors: [], warnings: [] });
  });

  it('published.totalB/activeB ×1000 or ÷1000 is refused by the model schema', () => {
    for (const m of cat.models) {
      for (const key of ['totalB', 'activeB'] as const) {
        const v = m.published?.[key];
        if (v === undefined) continue;
        for (const f of [1000, 1 / 1000]) {
          const r = modelSchema.safeParse({ ...m, published: { ...m.published, [key]: v * f } });
          expect(r.success, `${m.id} ${key} ×${f}`).toBe(false);
          if (!r.success && v * f >= 1e-6 && v * f <= 1e6) expect(r.error.issues[0].path.join('.')).toBe(`published.${key}`);
        }
      }
    }
  });

  it('more shared experts than routed: a warning', () => {
    const moe = cat.models.find((x) => x.moe !== undefined)!;
    expect(modelFindings({ ...moe, moe: { ...moe.moe!, sharedExperts: moe.moe!.experts + 1 } }).warnings.map((w) => w.path)).toContain('moe.sharedExperts');
  });

  it('more MTP modules than layers, more nodes than active experts: refused', () => {
    const moe = cat.models.find((x) => x.moe?.maxNodesPerToken !== undefined && x.mtpDepth !== undefined)!;
    const bad = (patch: object) => modelSchema.safeParse({ ...moe, ...patch }).success;
    expect(bad({ moe: { ...moe.moe, maxNodesPerToken: moe.moe!.maxNodesPerToken! * 1000 } })).toBe(false);
    expect(bad({ mtpDepth: moe.mtpDepth! * 1000 })).toBe(false);
  });

  it('a count 2× off loads with a warning naming the unit', () => {
    const m = cat.models.find((x) => x.published?.totalB !== undefined)!;
    const f = modelFindings({ ...m, published: { totalB: m.published!.totalB! * 2 } });
    expect(f.errors).toEqual([]);
    expect(f.warnings[0].message).toMatch(/billion parameters is [\d.]+× more than the [\d.]+ billion computed from the shape; check the unit/);
  });
});

describe('servingFindings (adversarial run 4)', () => {
  it('warns on request lengths and batches beyond the usual bands, and passes the catalog', async () => {
    const { servingFindings } = await import('./plausibility.js');
    const { builtinCatalog } = await import('./catalog.js');
    expect(servingFindings({ promptTokens: 1024, outputTokens: 128, batch: 64 }).warnings).toEqual([]);
    expect(servingFindings({ promptTokens: 1024, outputTokens: 128, batch: 1_000_000 }).warnings.map((w) => w.path)).toEqual(['batch']);
    expect(servingFindings({ promptTokens: 4_096_000, outputTokens: 128 }).warnings.map((w) => w.path)).toEqual(['promptTokens']);
    for (const p of builtinCatalog().serving) expect(servingFindings(p).warnings, p.id).toEqual([]);
  });
});

describe('runFindings: precision against the chip (adversarial run 5)', () => {
  it('refuses an FP8 run on a chip without FP8 tensor cores', () => {
    const run = builtinCatalog().runs.find((r) => r.id === 'baichuan2-a800')!;
    const cat = builtinCatalog();
    const f = runFindings({ ...run, plan: { ...run.plan, precision: 'fp8' } }, cat.models.find((m) => m.id === run.model)!, cat.chips.find((c) => c.id === run.chip)!);
    expect(f.errors.map((e) => e.path)).toContain('plan.precision');
  });
});

describe('servingFindings: the measured value', () => {
  it('carries the per-kind band of limits.ts (tpot_s in ms typed as s)', async () => {
    const { servingFindings } = await import('./plausibility.js');
    const p = builtinCatalog().serving.find((x) => x.measured.kind === 'tpot_s')!;
    const f = servingFindings({ ...p, measured: { ...p.measured, value: p.measured.value * 1000 } });
    expect(f.warnings.map((w) => w.path)).toContain('measured.value');
  });
});
