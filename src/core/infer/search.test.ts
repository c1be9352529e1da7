import { describe, expect, it } from 'vitest';
import { getChip, getModel } from '../catalog/catalog.js';
import { evaluateServing } from './evaluate.js';
import { layouts, searchServing } from './search.js';

const h100 = getChip('nvidia-h100-sxm5-80gb');
const l70 = getModel('llama-3.1-70b');

describe('searchServing', () => {
  const s = searchServing({ model: l70, chip: h100, gpus: 8, promptTokens: 1000, outputTokens: 500, precision: 'fp8', tpotSeconds: 0.05, ttftSeconds: 1, top: 3 });
  it('returns deployments that meet the targets, cheapest first', () => {
    expect(s.candidates.length).toBe(3);
    for (const c of s.candidates) {
      expect(c.result.fits).toBe(true);
      expect(c.result.tpotSeconds).toBeLessThanOrEqual(0.05);
      expect(c.result.ttftSeconds).toBeLessThanOrEqual(1);
    }
    const scores = s.candidates.map((c) => c.score);
    expect([...scores].sort((a, b) => a - b)).toEqual(scores);
  });
  it('is never worse than any valid deployment on its grid', () => {
    const best = s.candidates[0].score;
    for (const plan of layouts(l70, h100, 8)) {
      for (const batch of [1, 8, 32, 64]) {
        const r = evaluateServing({ model: l70, chip: h100, gpus: 8, plan, promptTokens: 1000, outputTokens: 500, precision: 'fp8', batch });
        if (!r.fits || r.tpotSeconds > 0.05 || r.ttftSeconds > 1) continue;
        const allIn = ((r.usdPerGpuHour! * r.gpus) / 3600 / r.outputTokensPerSecond) * 1e6;
        expect(best).toBeLessThanOrEqual(allIn * (1 + 1e-9));
      }
    }
  });
  it('reports nothing when no deployment can meet the target', () => {
    const none = searchServing({ model: l70, chip: h100, gpus: 8, promptTokens: 1000, outputTokens: 500, tpotSeconds: 0.0001 });
    expect(none.candidates).toEqual([]);
  });
});
