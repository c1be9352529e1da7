/** The overview's "Next:" hint: the train command it prints reproduces the row it names. */
import { describe, expect, it } from 'vitest';
import { overview } from '../../core/overview.js';
import { runMain } from '../../../test/cli-run.js';
import { trainCommandFor } from './overview.js';

/** argv of a printed command line (double-quoted words kept whole). */
const argvOf = (line: string) => (line.match(/"[^"]*"|\S+/g) ?? []).map((w) => w.replace(/^"|"$/g, '')).slice(1);

describe('overview: the train command of a row', () => {
  const o = overview({ date: '2026-11-28', chips: ['nvidia-h800-sxm5-80gb', 'nvidia-a100-sxm4-80gb'] });

  it.each(o.rows.map((r) => [r.chip, r] as const))('%s: same software, same step time', async (_chip, r) => {
    const cmd = trainCommandFor(o, r);
    expect(cmd).toContain(`--framework ${o.framework}`);
    const run = await runMain([...argvOf(cmd), '--json']);
    expect(run.code, run.err).toBe(0);
    expect((JSON.parse(run.out) as { stepTimeSeconds: number }).stepTimeSeconds).toBe(r.train.result!.stepTimeSeconds);
  }, 60_000);
});
