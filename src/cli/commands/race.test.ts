/** `chipbound race` end to end through main(): both frontiers, the lag by year, errors, --json shape. */
import { describe, expect, it } from 'vitest';
import { runMain as run } from '../../../test/cli-run.js';

describe('chipbound race', () => {
  it('--metric mmlu prints both frontiers, the lag by year, efficiency and chips', async () => {
    const r = await run(['race', '--metric', 'mmlu']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/Frontier US/);
    expect(r.out).toMatch(/Frontier CN/);
    expect(r.out).toMatch(/Lag by year/);
    expect(r.out).toMatch(/2024-03-04\s+claude-3-opus\s+86\.8/);
    expect(r.out).toMatch(/2024-09-19\s+qwen2\.5-72b\s+86\.1/);
    expect(r.out).toMatch(/Compute efficiency/);
    expect(r.out).toMatch(/deepseek-v3\s+CN\s+2024-12-26\s+nvidia-h800-sxm5-80gb\s+2048\s+3A090\.a\.1/);
  });

  it('--json has the report shape; the 2024 MMLU lag matches the month-end samples', async () => {
    const r = await run(['race', '--metric', 'mmlu', '--json']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out) as { frontierA: { id: string }[]; frontierB: { id: string }[]; lagByYear: { year: number; samples: number }[]; counts: { total: number } };
    expect(j.frontierA[0].id).toBe('gpt-3.5');
    expect(j.frontierB[0].id).toBe('baichuan2-13b');
    expect(j.lagByYear.find((y) => y.year === 2024)?.samples).toBe(12);
  });

  it('--metric gpqa and --metric swe-bench-verified show both frontiers through 2026 and a lag per year', async () => {
    for (const m of ['gpqa', 'swe-bench-verified']) {
      const r = await run(['race', '--metric', m]);
      expect(r.code, m).toBe(0);
      expect(r.out, m).toMatch(/releases up to 2026-04-24/);
      expect(r.out, m).toMatch(/\n2025 +\d+ +\d+ +\d+ +\d+ +\S* *-?\d+\.\d/);
      expect(r.out, m).toMatch(/\n2026 +\d+ +\d+ +\d+ +\d+ +\S* *-?\d+\.\d/);
      expect(r.out, m).toMatch(/Combined: median/);
    }
    const swe = await run(['race', '--metric', 'SWE-bench-Verified']);
    expect(swe.out).toMatch(/2026-04-24\s+deepseek-v4-pro\s+80\.6/);
    expect(swe.out).toMatch(/2025-11-24\s+claude-opus-4\.5\s+80\.9/);
  });

  it('--json lists the benchmark and setting behind each lag, and "no reports" years', async () => {
    const r = await run(['race', '--metric', 'GPQA', '--json']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out) as {
      comparability: { benchmark: string; setting: string };
      families: { family: string; series: { metric: string; setting: string; byYear: { year: number; status: string }[] }[] }[];
      combined: { year: number; drivers: { metric: string }[]; without: { metric: string; why: string }[] }[];
    };
    expect(j.comparability).toMatchObject({ benchmark: 'gpqa', setting: "lab's own harness, no tools" });
    expect(j.families.map((f) => f.family)).toEqual(['gpqa', 'swe-bench-verified', 'aime', 'hle', 'mmlu-pro', 'mmlu']);
    const mmlu = j.families.find((f) => f.family === 'mmlu')!.series[0];
    expect(mmlu.byYear.find((y) => y.year === 2026)!.status).toBe('no-reports');
    expect(j.combined.find((c) => c.year === 2026)!.without).toContainEqual({ family: 'mmlu', metric: 'mmlu', why: 'no reports from CN' });
  });

  it('bad country or metric exits 2 with one line', async () => {
    const a = await run(['race', '--country-b', 'XX']);
    expect(a.code).toBe(2);
    expect(a.err.trim().split('\n')).toHaveLength(1);
    const b = await run(['race', '--metric', 'elo']);
    expect(b.code).toBe(2);
    expect(b.err).toMatch(/got 'elo'/);
    const c = await run(['race', '--metric', 'hle-with-tools']);
    expect(c.code).toBe(2);
    expect(c.err).toMatch(/no US model has a comparable score.*"no reports" from US/);
  });

  it('--reproduce with an unknown id names the nearest', async () => {
    const r = await run(['race', '--reproduce', 'deepseek-v4']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/deepseek-v3/);
  });

  it('--reproduce of a closed model explains that there is no architecture', async () => {
    const r = await run(['race', '--reproduce', 'gpt-4o']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/no catalog architecture/);
  });
});
