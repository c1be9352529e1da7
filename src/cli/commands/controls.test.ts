/** The controls commands end to end through main(), including a chip given as a file. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runMain as run } from '../../../test/cli-run.js';

const dir = mkdtempSync(join(tmpdir(), 'chipbound-controls-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A chip that is not in the catalog: an H20-like design pushed just over the b.1 line. */
const yaml = `id: my-h21
name: My H21
vendor: Example
datacenter: true
tflops:
  bf16: 150
  int8: 300
memoryTBps: 3.2
memoryType: HBM3
scaleUpGBps: 400
hostIoGBps: 64
dieAreaMm2: 814
`;

describe('chipbound classify / headroom / rules / fleet-cap', () => {
  it('classifies a chip given as a YAML file (--json shape)', async () => {
    const file = join(dir, 'my-h21.yaml');
    writeFileSync(file, yaml);
    const r = await run(['classify', file, '--date', '2026-06-01', '--destination', 'CN', '--json']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(j).toMatchObject({ id: 'my-h21', tpp: 2400 });
    expect(j.pd).toBeCloseTo(2.948, 3);
    const by = Object.fromEntries(j.classifications.map((c: { rule: string }) => [c.rule, c]));
    expect(Object.keys(by)).toEqual(['us-2023-10', 'us-2024-12', 'us-2025-01', 'us-2025-04', 'us-2026-01']);
    expect(by['us-2023-10']).toMatchObject({ eccn: '3A090.b.1', licenseExceptions: ['NAC (25-day notification)'] });
    expect(by['us-2023-10'].reasons).toContain('TPP 2,400 equals 2,400 (TPP >= 2,400: met)');
    expect(by['us-2025-04'].eccn).toBeNull();
    expect(by['us-2026-01'].reviewPolicy).toBe('case-by-case');
  });
  it('human table for a catalog chip', async () => {
    const r = await run(['classify', 'nvidia-h800-sxm5-80gb', '--date', '2023-06-01']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/us-2022-10 +in force +not controlled/);
    expect(r.out).toMatch(/I\/O 528 GB\/s is 12\.0% below 600 GB\/s/);
  });
  it('headroom --target uncontrolled answers the H20 question', async () => {
    const r = await run(['headroom', 'nvidia-h20', '--target', 'uncontrolled', '--date', '2026-06-01', '--json']);
    expect(JSON.parse(r.out)).toMatchObject({ rule: 'us-2023-10', maxTppExclusive: 2400, bf16TflopsBelow: 150, int8TopsBelow: 300 });
  });
  it('rules --json lists every rule with its status', async () => {
    const r = await run(['rules', '--date', '2025-06-01', '--json']);
    const j = JSON.parse(r.out);
    expect(j.rules.map((x: { id: string; status: string }) => `${x.id}:${x.status}`)).toEqual([
      'us-2022-10:superseded', 'us-2023-10:in force', 'us-2024-12:in force', 'us-2025-01:rescinded', 'us-2025-04:in force', 'us-2026-01:not yet',
    ]);
  });
  it('fleet-cap by destination', async () => {
    const r = await run(['fleet-cap', 'nvidia-h100-sxm5-80gb', '--destination', 'AE', '--json']);
    expect(JSON.parse(r.out).perConsigneePerYear.units).toBe(1699);
  });
  it('bad input exits 2 with one line', async () => {
    const r = await run(['classify', 'nvidia-h20', '--destination', 'China']);
    expect(r.code).toBe(2);
    expect(r.err.trim().split('\n')).toHaveLength(1);
    expect((await run(['headroom', 'nvidia-h20', '--rule', 'us-2099-01'])).code).toBe(2);
  });
});
