import { describe, expect, it } from 'vitest';
import { getChip } from '../catalog/catalog.js';
import { builtinEnvelope } from './builtin.js';
import { envelopeIssues, envelopeSchema } from './envelope.js';
import { designChip, enumerateDesigns, unreachable } from './space.js';
import { chipSchema } from '../catalog/schemas.js';

const env = builtinEnvelope();

describe('default technology envelope (data/envelope/default.yaml)', () => {
  it('parses strictly and has no cross-field issues', () => {
    expect(envelopeSchema.safeParse(env).success).toBe(true);
    expect(envelopeIssues(env)).toEqual([]);
  });
  it('every process, HBM, fabric and NIC entry carries a source', () => {
    for (const x of [...env.processes, ...env.hbm, ...env.scaleUp, ...env.nics, env.pricing]) expect(x.sources.length).toBeGreaterThan(0);
  });
  it('the anchors are reachable: H100, H800, H20 (96 and 141 GB), H200, B200', () => {
    for (const id of ['nvidia-h100-sxm5-80gb', 'nvidia-h800-sxm5-80gb', 'nvidia-h20', 'nvidia-h20-141gb', 'nvidia-h200-sxm-141gb', 'nvidia-b200-hgx']) {
      expect(unreachable(env, getChip(id)), id).toEqual([]);
    }
  });
  it('a chip beyond the envelope is not reachable (B200 compute on one Hopper die)', () => {
    const c = { ...getChip('nvidia-h100-sxm5-80gb'), tflops: { bf16: 2250 } };
    expect(unreachable(env, c).length).toBeGreaterThan(0);
  });
  it('the full H100 is a grid point: 989.5 BF16 TFLOPS at 814 mm² within the 700 W ceiling', () => {
    const grid = enumerateDesigns(env, '2023-06-01', []);
    const full = grid.filter((s) => s.dieAreaMm2 === 814 && Math.abs(s.bf16Tflops - 989.5) < 0.2);
    expect(full.length).toBeGreaterThan(0);
    expect(designChip(env, full[0]).tdpW).toBeLessThanOrEqual(700.5);
  });
  it('dates gate the technology: no HBM3e or Blackwell in mid-2023', () => {
    const grid = enumerateDesigns(env, '2023-06-01', []);
    expect(grid.some((s) => s.hbm.startsWith('hbm3e'))).toBe(false);
    expect(grid.some((s) => s.process.includes('blackwell'))).toBe(false);
  });
  it('a design is a valid chip file', () => {
    const s = enumerateDesigns(env, '2025-06-01', [])[0];
    expect(chipSchema.safeParse(designChip(env, s)).success).toBe(true);
  });
});
