import { describe, expect, it } from 'vitest';
import { scenarioCharts } from './charts.js';
import { csvReport, markdownReport } from './report.js';
import type { ScenarioResult, ScenarioRow, TrainOutcome } from './types.js';

const split = { computeS: 8, recomputeS: 1, tpCpCommS: 0.5, epCommS: 0.25, dpPpCommS: 0.125, bubbleS: 0.1, optimizerS: 0.025 };
function train(days: number | null): TrainOutcome {
  return { kind: 'train', gpus: 1024, plan: null, why: days === null ? 'no plan fits in memory' : null, stepTimeSeconds: days === null ? null : 10, mfu: 0.4, mfuPrecisionPeak: 0.4, tokensPerSecondPerGpu: 1000, days, finishDate: '2024-07-01', meetsDeadline: null, gpuHours: 1e6, costUsd: 2.5e6, energyMWh: 700, memory: null, split: days === null ? null : split, searched: 10 };
}
function row(pool: string, days: number | null, binding = false): ScenarioRow {
  return {
    pool, chip: 'nvidia-h20', chipName: 'NVIDIA H20', acquired: 'purchased', workload: 'w, "quoted"',
    eligibility: { status: 'allowed', decidingRule: 'us-2023-10', citation: '88 FR 73458', eccn: null, testedAt: { destination: 'CN', date: '2024-06-01' }, reasons: ['not controlled'], rulesEvaluated: ['us-2023-10'] },
    cap: { requested: 2000, granted: binding ? 1699 : 2000, binding, allowance: binding ? 'us-2025-01 LPP' : null, arithmetic: binding ? 'cap binds: 1,699 of 2,000' : null },
    rate: { usdPerGpuHour: 1, basis: 'test' }, availableFrom: '2024-06-01', outcome: train(days),
    comparison: { reference: 'a', ratio: days === null ? null : days / 10, extraDays: null, extraCostUsd: null, explanation: days === 10 || days === null ? [] : ['+10 days vs a: compute +10 d'] },
  };
}
const res: ScenarioResult = { name: 'T', question: 'Q?', variant: '', buyer: { destination: 'CN', date: '2024-06-01', endUser: 'commercial', headquarters: null, rules: ['us-2023-10'] }, rows: [row('a', 10), row('b <c>', 20, true), row('d', null)], assumptions: ['A1'] };

describe('reports', () => {
  it('markdown states the answer, the binding cap, the gaps and the assumptions', () => {
    const md = markdownReport({ file: 'examples/t.yaml', variants: [res] });
    expect(md).toMatch(/fastest option is \*\*a\*\*/);
    expect(md).toMatch(/allowance cap: 1,699 of 2,000/);
    expect(md).toMatch(/\*\*binds\*\*: cap binds/);
    expect(md).toMatch(/- d \(allowed \(us-2023-10\)\): no plan fits in memory/);
    expect(md).toMatch(/## Assumptions\n\n- A1/);
    expect(md).toMatch(/npx chipbound scenario examples\/t\.yaml/);
  });

  it('CSV quotes fields with commas and quotes', () => {
    const csv = csvReport({ file: 't.yaml', variants: [res] }).trim().split('\n');
    expect(csv).toHaveLength(4);
    expect(csv[1]).toContain('"w, ""quoted"""');
    expect(csv[2]).toMatch(/,1699,true,/);
  });

  it('charts: one bar per pool, escaped labels, well-formed SVG', () => {
    const charts = scenarioCharts(res);
    expect(Object.keys(charts)).toEqual(['w, "quoted":days', 'w, "quoted":breakdown']);
    const days = charts['w, "quoted":days'];
    expect(days.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(days).toContain('b &lt;c&gt;');
    expect(days).toContain('no plan');
    expect((days.match(/<rect x="210"/g) ?? []).length).toBe(3);
    const stacked = charts['w, "quoted":breakdown'];
    // The legend wraps inside the 760 px width.
    for (const m of stacked.matchAll(/<rect x="(\d+(?:\.\d+)?)" y="[^"]+" width="10"/g)) expect(Number(m[1])).toBeLessThan(760 - 60);
  });
});
