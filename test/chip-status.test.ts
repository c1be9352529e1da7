/** Announced (roadmap) chips are visible as such in `chips`, `chip <id>` and their --json (issue 20). */
import { describe, expect, it } from 'vitest';
import { builtinCatalog } from '../src/core/catalog/catalog.js';
import { isShipping } from '../src/core/catalog/schemas.js';
import { chipOutput, chipsOutput } from '../src/core/output-schemas/catalog.js';
import { runMain } from './cli-run.js';

const announced = builtinCatalog().chips.filter((c) => !isShipping(c)).map((c) => c.id);

describe('chip status', () => {
  it('the catalog has announced parts to show', () => {
    expect(announced).toContain('huawei-ascend-970');
  });
  it('chips marks every announced part in a status column and in --json', async () => {
    const t = await runMain(['chips']);
    expect(t.code).toBe(0);
    expect(t.out.split('\n')[0]).toMatch(/^id\s+status\s+vendor/);
    for (const id of announced) expect(t.out).toMatch(new RegExp(`^${id}\\s+announced\\s`, 'm'));
    expect(t.out).toMatch(/^nvidia-h100-sxm5-80gb\s+shipping\s/m);
    expect(t.out).toMatch(/status "announced": a roadmap part, not shipped/);
    const rows = JSON.parse((await runMain(['chips', '--json'])).out) as { id: string; status: string }[];
    expect(chipsOutput.safeParse(rows).success).toBe(true);
    expect(rows.filter((r) => r.status === 'announced').map((r) => r.id).sort()).toEqual([...announced].sort());
    expect(rows.every((r) => r.status === 'announced' || r.status === 'shipping')).toBe(true);
  });
  it('chip <id> shows the status, text and --json', async () => {
    const t = await runMain(['chip', 'huawei-ascend-970']);
    expect(t.code).toBe(0);
    expect(t.out).toMatch(/^status: announced \(roadmap part, not shipped/m);
    expect((await runMain(['chip', 'nvidia-h100-sxm5-80gb'])).out).toMatch(/^status: shipping$/m);
    const j = JSON.parse((await runMain(['chip', 'huawei-ascend-970', '--json'])).out);
    expect(chipOutput.safeParse(j).success).toBe(true);
    expect(j.status).toBe('announced');
  });
});
