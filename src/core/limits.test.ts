import { describe, expect, it } from 'vitest';
import { builtinCatalog } from './catalog/catalog.js';
import { chipSchema, modelSchema } from './catalog/schemas.js';
import { builtinEnvelope } from './design/builtin.js';
import { envelopeSchema } from './design/envelope.js';
import { calendarDateError, chipWarnings, servingWarnings, CHIP_FIELD_LIMITS, ENVELOPE_FIELD_LIMITS, fieldWarnings, MODEL_FIELD_LIMITS, outOfRange, SCENARIO_FIELD_LIMITS, unusual, type LimitName } from './limits.js';

const chips = builtinCatalog().chips;
const get = (o: unknown, path: string): unknown => path.split('.').reduce<unknown>((a, k) => (a && typeof a === 'object' ? (a as Record<string, unknown>)[k] : undefined), o);
const set = (o: Record<string, unknown>, path: string, v: number) => {
  const ks = path.split('.');
  const parent = ks.slice(0, -1).reduce<Record<string, unknown>>((a, k) => a[k] as Record<string, unknown>, o);
  parent[ks[ks.length - 1]] = v;
};

describe('limits table', () => {
  it('every catalog chip value is inside its hard bounds and its usual band (no warnings)', () => {
    for (const c of chips) {
      expect(chipWarnings(c), c.id).toEqual([]);
      for (const [path, name] of Object.entries(CHIP_FIELD_LIMITS)) {
        const v = get(c, path);
        if (typeof v === 'number') expect(outOfRange(name, v), `${c.id} ${path}`).toBeNull();
      }
    }
  });

  it('a unit slip of 1000x either way on any catalog chip value is refused or warned about, never silent', () => {
    let refused = 0;
    let warned = 0;
    for (const c of chips) {
      for (const [path, name] of Object.entries(CHIP_FIELD_LIMITS)) {
        const v = get(c, path);
        // scaleUpDomain is a count (no unit to confuse); 0 means "none".
        if (name === 'scaleUpDomain' || typeof v !== 'number' || v === 0) continue;
        // Billions divided by 1000 is still a plausible (small) model: only the upward slip is checked there.
        for (const f of path === 'published.totalB' ? [1000] : [1000, 1 / 1000]) {
          const slipped = structuredClone(c) as unknown as Record<string, unknown>;
          set(slipped, path, v * f);
          const r = chipSchema.safeParse(slipped);
          if (!r.success) {
            refused++;
            expect(r.error.issues[0].message, `${c.id} ${path} x${f}`).toMatch(/is not a plausible .* in /);
          } else {
            warned++;
            expect(unusual(name, v * f), `${c.id} ${path} x${f} passed silently`).not.toBeNull();
          }
        }
      }
    }
    expect(refused).toBeGreaterThan(0);
    expect(warned).toBeGreaterThan(0);
  });

  it('the issue #14 examples are refused with the unit in the message', () => {
    const h100 = chips.find((c) => c.id === 'nvidia-h100-sxm5-80gb')!;
    const bad = (patch: Record<string, unknown>) => {
      const r = chipSchema.safeParse({ ...structuredClone(h100), ...patch });
      return r.success ? 'accepted' : `${r.error.issues[0].path.join('.')}: ${r.error.issues[0].message}`;
    };
    expect(bad({ memoryGB: 85899345920 })).toBe('memoryGB: 85,899,345,920 is not a plausible memory size in GB (expected 1-100,000)');
    expect(bad({ tflops: { ...h100.tflops, bf16: 989.5e12 } })).toMatch(/^tflops\.bf16: .* is not a plausible peak throughput in TFLOPS/);
    expect(bad({ tdpW: 0.7 })).toBe('tdpW: 0.7 is not a plausible board power in W (expected 10-100,000)');
    expect(bad({ memoryGb: 80 })).toBe(": unknown field 'memoryGb' (did you mean 'memoryGB'?)");
    expect(bad({ scaleupGBps: 900 })).toBe(": unknown field 'scaleupGBps' (did you mean 'scaleUpGBps'?)");
    expect(bad({ tflops: { ...h100.tflops, BF16: 1 } })).toBe("tflops: unknown field 'BF16' (did you mean 'bf16'?)");
    expect(bad({ scaleUpGBps: 0 })).toBe('accepted');
  });

  it('dates are calendar dates', () => {
    expect(calendarDateError('2024-02-29')).toBeNull();
    expect(calendarDateError('2023-02-29')).toMatch(/has 28 days/);
    expect(calendarDateError('2023-02-30')).toMatch(/not a calendar date/);
    expect(calendarDateError('2023-06-31')).toMatch(/has 30 days/);
    expect(calendarDateError('2023-13-01')).toMatch(/month 13/);
    expect(calendarDateError('2023-00-10')).toMatch(/month 00/);
    expect(calendarDateError('2023-1-1')).toMatch(/expected a date YYYY-MM-DD/);
    expect(calendarDateError('9999-12-31')).toMatch(/year/);
  });
});

// Adversarial finding #4: model, envelope and scenario numbers go through the same table.
describe('limits table: models, envelope, scenarios', () => {
  const models = builtinCatalog().models;
  const envelope = builtinEnvelope();

  it('every catalog model and the shipped envelope sit inside their usual bands (no warnings)', () => {
    for (const m of models) expect(fieldWarnings(m, MODEL_FIELD_LIMITS), m.id).toEqual([]);
    expect(fieldWarnings(envelope, ENVELOPE_FIELD_LIMITS)).toEqual([]);
  });

  it('a 1000x slip on any model or envelope field is refused or warned about, never silent', () => {
    const check = (schema: { safeParse: (v: unknown) => { success: boolean } }, base: unknown, table: Readonly<Record<string, LimitName>>, paths: readonly string[]) => {
      for (const path of paths) {
        // Billions divided by 1000 is still a plausible (small) model: only the upward slip is checked there.
        for (const f of path === 'published.totalB' ? [1000] : [1000, 1 / 1000]) {
          const copy = structuredClone(base) as Record<string, unknown>;
          const v = get(copy, path);
          if (typeof v !== 'number') continue;
          set(copy, path, v * f);
          const r = schema.safeParse(copy);
          const warned = r.success && fieldWarnings(copy, table).some((w) => w.startsWith(path));
          expect(!r.success || warned, `${path} x${f}`).toBe(true);
        }
      }
    };
    const dsv3 = models.find((m) => m.id === 'deepseek-v3');
    check(modelSchema, dsv3, MODEL_FIELD_LIMITS, ['published.totalB', 'moe.expertFfnHidden', 'hidden', 'vocab']);
    check(envelopeSchema, envelope, ENVELOPE_FIELD_LIMITS, ['processes.0.bf16TflopsPerMm2', 'processes.0.bf16TflopsPerW', 'hbm.0.gbPerStack', 'pricing.usdPerKWh']);
  });

  it('the adversarial examples: refused with the unit, or warned about', () => {
    expect(outOfRange('paramsB', 8_030_000_000)).toMatch(/billion parameters/);
    expect(outOfRange('tflopsPerMm2', 1215.6)).toMatch(/TFLOPS\/mm²/);
    expect(unusual('expertWidth', 2_048_000)).toMatch(/expert FFN width/);
    expect(unusual('tpotSeconds', 50)).toMatch(/time per output token/);
    expect(fieldWarnings({ pools: [{ usdPerHour: 2.5 }, { usdPerHour: 2500 }] }, SCENARIO_FIELD_LIMITS)).toEqual([expect.stringMatching(/^pools\.1\.usdPerHour: 2,500 USD per accelerator-hour is an unusual rental price/)]);
  });

  it('adversarial run 2: catalog serving points and models sit in their bands; slips of 1000x warn', () => {
    const cat = builtinCatalog();
    for (const p of cat.serving) expect(servingWarnings(p), p.id).toEqual([]);
    for (const m of cat.models) expect(fieldWarnings(m, MODEL_FIELD_LIMITS), m.id).toEqual([]);
    const tpot = cat.serving.find((p) => p.measured.kind === 'tpot_s')!;
    expect(servingWarnings({ ...tpot, measured: { kind: 'tpot_s', value: tpot.measured.value * 1000 } })).toEqual([expect.stringMatching(/^measured\.value: .* s is an unusual time per output token .*\(measured\.kind tpot_s\)$/)]);
    expect(unusual('seq', 8)).toMatch(/sequence length/);
    expect(unusual('seq', 8_192_000)).toMatch(/sequence length/);
    expect(unusual('seq', 131_072)).toBeNull();
    expect(unusual('tokens', 15)).toMatch(/token count/);
    expect(unusual('globalBatch', 4_194_304)).toMatch(/global batch/);
    expect(unusual('scaleUpDomain', 8000)).toMatch(/8 × 1000\?/);
    for (const d of [8, 72, 144, 256, 1024, 8960, 9216, 15488]) expect(unusual('scaleUpDomain', d), String(d)).toBeNull();
  });

  it('every date field uses the calendar check', () => {
    const bad = structuredClone(envelope) as { processes: { availableFrom: string }[] };
    bad.processes[0].availableFrom = '2022-09-31';
    const r = envelopeSchema.safeParse(bad);
    expect(r.success).toBe(false);
    expect(r.success ? '' : r.error.issues[0].message).toContain('2022-09 has 30 days');
  });
});
