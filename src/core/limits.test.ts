import { describe, expect, it } from 'vitest';
import { builtinCatalog } from './catalog/catalog.js';
import { chipSchema } from './catalog/schemas.js';
import { calendarDateError, chipWarnings, CHIP_FIELD_LIMITS, outOfRange, unusual } from './limits.js';

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
        for (const f of [1000, 1 / 1000]) {
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
