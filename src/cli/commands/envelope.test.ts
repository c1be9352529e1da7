/** `chipbound envelope` and the actions in `chipbound rules`, end to end through main(). */
import { describe, expect, it } from 'vitest';
import { runMain as run } from '../../../test/cli-run.js';

describe('chipbound envelope', () => {
  it('lists each chip against the 2026 envelope, new parts included', async () => {
    const r = await run(['envelope']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/91 FR 1684-1689/);
    expect(r.out).toMatch(/nvidia-h200-nvl\s+shipping\s+13,368\s+4,800\s+3A090\.a\.1\s+inside/);
    expect(r.out).toMatch(/nvidia-gb300-per-gpu\s+shipping\s+60,000\s+8,000\s+3A090\.a\.1\s+outside/);
    expect(r.out).toMatch(/huawei-ascend-960\s+announced/);
    expect(r.out).toMatch(/moore-threads-mtt-s4000\s+shipping\s+1,600\s+768\s+—\s+undetermined/);
  });
  it('--json for named chips; an unknown chip exits 2', async () => {
    const r = await run(['envelope', 'amd-mi355x', '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).rows[0]).toMatchObject({ id: 'amd-mi355x', envelope: 'outside' });
    expect((await run(['envelope', 'nvidia-h2000'])).code).toBe(2);
  });
  it('rules lists the affiliates rule and its suspension with their sourcing', async () => {
    const r = await run(['rules', '--json']);
    const j = JSON.parse(r.out) as { actions: { id: string; sourcing: string }[] };
    expect(j.actions.find((a) => a.id === 'affiliates-rule')?.sourcing).toBe('primary');
    expect(j.actions.find((a) => a.id === 'affiliates-rule-suspension')?.sourcing).toBe('secondary');
  });
});
