import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { nicRatioNodes, nicRatioRows, nicSizeEfficiency } from './collective-curves.js';
import { scaleOutEfficiency } from './collectives.js';

describe('SimAI NIC-ratio curve', () => {
  it('holds the rows of data/calibration/collectives-simai-nic-ratio.yaml', () => {
    const y = parse(readFileSync(join(import.meta.dirname, '..', '..', '..', 'data', 'calibration', 'collectives-simai-nic-ratio.yaml'), 'utf8')) as { nodes: number[]; rows: { bytes: number; ratio: number[] }[]; source: { url: string } };
    expect(y.nodes).toEqual([...nicRatioNodes]);
    expect(y.rows).toEqual(nicRatioRows.map((r) => ({ bytes: r.bytes, ratio: [...r.ratio] })));
    expect(y.source.url).toMatch(/^https:\/\/github\.com\/aliyun\/SimAI\//);
  });

  it('is 1 inside a node, grows with size, and agrees with the 4 GiB scale-out efficiency', () => {
    expect(nicSizeEfficiency(1e6, 1)).toBe(1);
    for (const n of [2, 8, 16, 48, 128, 1024]) {
      let prev = 0;
      for (const b of [1e6, 16 * 2 ** 20, 2 ** 28, 2 ** 30, 2 ** 32, 2 ** 34]) {
        const f = nicSizeEfficiency(b, n);
        expect(f).toBeGreaterThanOrEqual(prev - 1e-12);
        expect(f).toBeLessThanOrEqual(1.0001);
        prev = f;
      }
    }
    for (const n of [16, 64, 128]) expect(Math.abs(nicSizeEfficiency(2 ** 32, n) - scaleOutEfficiency(n))).toBeLessThan(0.06);
  });
});
