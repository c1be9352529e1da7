/** The race catalog (data/race): size, sources, honest estimates, and references that resolve. */
import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { loadFile } from '../../io/parse-file.js';
import { raceEntrySchema, raceMetrics, type RaceEntry } from './schema.js';
import { epochRange, sixNdRangeFactor } from './compute.js';

const root = join(import.meta.dirname, '../../..');
const dir = join(root, 'data/race');
const entries: RaceEntry[] = readdirSync(dir)
  .filter((f) => f.endsWith('.yaml'))
  .map((f) => loadFile(raceEntrySchema, join(dir, f), 'race entry'));
const ids = (sub: string) => (existsSync(join(root, 'data', sub)) ? readdirSync(join(root, 'data', sub)).map((f) => f.replace(/\.(ya?ml|json)$/, '')) : []);

describe('race catalog', () => {
  it('has at least 40 models, both U.S. and Chinese, from 2022 on', () => {
    expect(entries.length).toBeGreaterThanOrEqual(40);
    expect(entries.filter((e) => e.country === 'US').length).toBeGreaterThanOrEqual(15);
    expect(entries.filter((e) => e.country === 'CN').length).toBeGreaterThanOrEqual(15);
    for (const e of entries) expect(e.releaseDate >= '2022-01-01').toBe(true);
  });

  it('every entry has sources, and every value\'s own source is among them or a URL', () => {
    for (const e of entries) {
      expect(e.sources.length, e.id).toBeGreaterThan(0);
      for (const m of raceMetrics) {
        const b = e.benchmarks[m];
        if (b) expect(b.source, `${e.id} ${m}`).toMatch(/^https?:\/\//);
      }
      if (e.trainingCompute) expect(e.trainingCompute.source, e.id).toMatch(/^https?:\/\//);
      if (e.chips) expect(e.chips.source, e.id).toMatch(/^https?:\/\//);
    }
  });

  it('every estimated training compute is flagged, with a method and a range around it', () => {
    let estimated = 0;
    for (const e of entries) {
      const c = e.trainingCompute;
      if (!c) continue;
      expect(c.low, e.id).toBeLessThanOrEqual(c.flop);
      expect(c.high, e.id).toBeGreaterThanOrEqual(c.flop);
      if (c.kind === 'published') {
        expect(e.estimated, e.id).not.toContain('trainingCompute');
        continue;
      }
      estimated++;
      expect(e.estimated, e.id).toContain('trainingCompute');
      expect(c.method.length, e.id).toBeGreaterThan(5);
      expect(c.rangeBasis.length, e.id).toBeGreaterThan(5);
      expect(c.high / c.low, e.id).toBeGreaterThan(1);
      if (c.methodKind === 'epoch' && !/CI|order of magnitude/.test(c.rangeBasis)) {
        const r = epochRange(c.flop, c.confidence!);
        expect(c.low / r.low, e.id).toBeCloseTo(1, 3);
        expect(c.high / r.high, e.id).toBeCloseTo(1, 3);
      }
      if (c.methodKind === 'six-nd') expect(c.high / c.flop, e.id).toBeCloseTo(sixNdRangeFactor, 3);
    }
    expect(estimated).toBeGreaterThan(30);
  });

  it('only Llama 3.1 405B has a lab-published compute figure (3.8e25)', () => {
    const pub = entries.filter((e) => e.trainingCompute?.kind === 'published');
    expect(pub.map((e) => e.id)).toEqual(['llama-3.1-405b']);
    expect(pub[0].trainingCompute!.flop).toBe(3.8e25);
  });

  it('training chips name catalog chips', () => {
    const chips = new Set(ids('chips'));
    if (chips.size === 0) return;
    for (const e of entries) if (e.chips?.chip) expect(chips.has(e.chips.chip), `${e.id}: ${e.chips.chip}`).toBe(true);
  });

  it('architecture links name catalog models', () => {
    const models = new Set(ids('models'));
    if (models.size === 0) return;
    for (const e of entries) if (e.architectureModel) expect(models.has(e.architectureModel), `${e.id}: ${e.architectureModel}`).toBe(true);
  });

  it('run links name catalog runs', () => {
    const runs = new Set(ids('runs'));
    if (runs.size === 0) return;
    for (const e of entries) for (const r of e.relatedRuns ?? []) expect(runs.has(r), `${e.id}: ${r}`).toBe(true);
  });

  it('golden: DeepSeek-V3 record matches its README (671B/37B, 14.8T tokens, 2048 H800, 2.788M GPU-hours)', () => {
    const v3 = entries.find((e) => e.id === 'deepseek-v3')!;
    expect(v3.params).toEqual({ totalB: 671, activeB: 37 });
    expect(v3.trainingTokens).toBe(14.8e12);
    expect(v3.chips).toMatchObject({ chip: 'nvidia-h800-sxm5-80gb', count: 2048, gpuHours: 2_788_000 });
    expect(v3.benchmarks.mmlu?.score).toBe(87.1);
  });
});
