import { describe, expect, it } from 'vitest';
import { table } from './table.js';

describe('table', () => {
  const rows = [['NVIDIA H100 SXM5 80GB', 'tp8 pp16 dp16 cp1 ep1 vpp1 mb1 zero1 rc:none bf16 1f1b', '12,345', 'a long verdict that goes on and on about licences'], ['H20', 'tp1', '7', 'ok']];
  const headers = ['chip', 'plan', 'n', 'verdict'];

  it('fits the width by eliding the widest text columns, keeping numbers and kept columns whole', () => {
    const t = table(headers, rows, { maxWidth: 100, keep: [1] });
    for (const line of t.split('\n')) expect(line.length).toBeLessThanOrEqual(100);
    expect(t).toContain('tp8 pp16 dp16 cp1 ep1 vpp1 mb1 zero1 rc:none bf16 1f1b');
    expect(t).toContain('12,345');
    expect(t).toContain('…');
  });

  it('without a width limit prints every cell whole, and right-aligns units such as mm²', () => {
    const t = table(headers, rows, { maxWidth: null });
    expect(t).not.toContain('…');
    const u = table(['x', 'area'], [['a', '814 mm²'], ['b', '12 mm²']], { maxWidth: null }).split('\n');
    expect(u[3].endsWith(' 12 mm²')).toBe(true);
    expect(u[3].length).toBe(u[2].length);
  });
});
