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

  it('bad country or metric exits 2 with one line', async () => {
    const a = await run(['race', '--country-b', 'XX']);
    expect(a.code).toBe(2);
    expect(a.err.trim().split('\n')).toHaveLength(1);
    const b = await run(['race', '--metric', 'elo']);
    expect(b.code).toBe(2);
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
