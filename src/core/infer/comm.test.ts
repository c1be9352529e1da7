import { describe, expect, it } from 'vitest';
import { getChip, getModel } from '../catalog/catalog.js';
import { ChipboundError } from '../errors.js';
import { hasNoScaleUpLink, linksOf, scaleUpLinkIssue } from './comm.js';
import { evaluateServing } from './evaluate.js';
import { fixedLength } from './lengths.js';
import { runScenario } from './scenario.js';
import { layouts, searchServing } from './search.js';

// scaleUpGBps 0 means "no scale-up link" (issue 14; docs/errors.md), not a PCIe fallback.
const h100 = getChip('nvidia-h100-sxm5-80gb');
const noLink = { ...h100, id: 'no-link', name: 'No-link chip', scaleUpGBps: 0, scaleUpDomain: 1 };
const l8 = getModel('llama-3.1-8b');
const l70 = getModel('llama-3.1-70b');
const work = { promptTokens: 1000, outputTokens: 200, precision: 'fp8' as const };
const usage = (f: () => unknown): string => {
  try {
    f();
  } catch (e) {
    if (e instanceof ChipboundError && e.code === 'usage') return e.message;
    throw e;
  }
  return 'accepted';
};

describe('a chip without a scale-up link (scaleUpGBps 0)', () => {
  it('is its own node: every link is the NIC, no PCIe fallback', () => {
    expect(hasNoScaleUpLink(noLink)).toBe(true);
    expect(hasNoScaleUpLink(h100)).toBe(false);
    const l = linksOf(noLink);
    expect(l.gpusPerNode).toBe(1);
    expect(l.pcie).toBe(false);
    expect(l.upBytesPerS).toBe(l.outBytesPerS);
    expect(usage(() => linksOf(noLink, 8))).toMatch(/--gpus-per-node: No-link chip has scaleUpGBps 0 \(no scale-up link\).*expected 1, got 8/);
  });
  it('refuses a tensor-parallel deployment with the reason', () => {
    expect(scaleUpLinkIssue(noLink, { tp: 1 })).toBeNull();
    expect(scaleUpLinkIssue(h100, { tp: 8 })).toBeNull();
    const why = /tp \(8\) needs a scale-up link; No-link chip has scaleUpGBps 0 \(no link\), so tp must be 1/;
    expect(usage(() => evaluateServing({ model: l70, chip: noLink, gpus: 8, plan: { tp: 8, pp: 1, dp: 1, ep: 1 }, ...work }))).toMatch(why);
    expect(usage(() => searchServing({ model: l70, chip: noLink, gpus: 8, fixed: { tp: 8 }, ...work }))).toMatch(why);
    const lengths = { promptTokens: fixedLength(1000), outputTokens: fixedLength(200) };
    expect(usage(() => runScenario({ model: l70, chip: noLink, gpus: 8, plan: { tp: 8, pp: 1, dp: 1, ep: 1 }, precision: 'fp8', scenario: 'offline', ...lengths }))).toMatch(why);
  });
  it('the search skips tensor parallelism and still finds deployments', () => {
    expect(layouts(l70, noLink, 8).every((p) => p.tp === 1)).toBe(true);
    const s = searchServing({ model: l8, chip: noLink, maxGpus: 4, ...work });
    expect(s.candidates.length).toBeGreaterThan(0);
    for (const c of s.candidates) expect(c.result.plan.tp).toBe(1);
  });
  it('still serves on a single accelerator, as fast as the same chip with a link', () => {
    const one = (chip: typeof h100) => evaluateServing({ model: l8, chip, gpus: 1, plan: { tp: 1, pp: 1, dp: 1, ep: 1 }, batch: 8, ...work });
    const a = one(noLink);
    expect(a.fits).toBe(true);
    expect(a.outputTokensPerSecond).toBeCloseTo(one(h100).outputTokensPerSecond, 9);
  });
});
