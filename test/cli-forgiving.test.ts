/** Issue 15 from the command line: short names, suffixed counts, --plan round trip, --isl/--osl. */
import { describe, expect, it } from 'vitest';
import { runMain } from './cli-run.js';

describe('a quick, forgiving CLI', () => {
  it('chip h100 and HF model names resolve', async () => {
    const r = await runMain(['chip', 'h100']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^NVIDIA H100 SXM5 80GB \(nvidia-h100-sxm5-80gb\)/);
    const m = await runMain(['model', 'meta-llama/Llama-3.1-8B', '--json']);
    expect(m.code).toBe(0);
    expect(m.out).toContain('llama-3.1-8b');
    const amb = await runMain(['chip', 'nvidia-h10']);
    expect(amb.code).toBe(2);
    expect(amb.err).toMatch(/^chipbound: error: unknown chip 'nvidia-h10': ambiguous, it fits 3 entries/);
  });

  it('the plan train prints is accepted back by --plan and gives the same result', async () => {
    const job = ['train', '--model', 'Llama-3.1-8B', '--chip', 'H100', '--gpus', '64', '--seq', '8Ki', '--global-batch', '0.5K'];
    const searched = await runMain([...job, '--precision', 'auto']);
    expect(searched.code).toBe(0);
    const plan = /^plan: (.+)$/m.exec(searched.out)?.[1];
    expect(plan).toMatch(/^tp\d+ pp\d+ dp\d+ cp\d+ ep\d+ vpp\d+ mb\d+ zero\d rc:\w+ (bf16|fp8) \w+$/);
    const again = await runMain([...job, '--plan', plan!, '--json']);
    expect(again.code).toBe(0);
    const j = JSON.parse(again.out) as { stepTimeSeconds: number; defaultsUsed: string[] };
    expect(j.defaultsUsed).toEqual([]);
    const step = /step time\s+([\d.,]+) (m?s)/.exec(searched.out)!;
    const shown = Number(step[1].replace(/,/g, '')) * (step[2] === 'ms' ? 1e-3 : 1);
    expect(j.stepTimeSeconds).toBeCloseTo(shown, 2);
  });

  it('a bad --plan exits 2 with one line', async () => {
    const r = await runMain(['train', '--model', 'llama-3.1-8b', '--chip', 'h100', '--gpus', '8', '--global-batch', '64', '--plan', 'tp8 pipeline']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--plan.*unknown plan token 'pipeline'/);
    expect(r.err.trim().split('\n')).toHaveLength(1);
  });

  it('infer takes --isl/--osl as aliases of the token flags', async () => {
    const a = await runMain(['infer', '--model', 'llama-3.1-8b', '--chip', 'h100', '--gpus', '1', '--isl', '1K', '--osl', '0.5K', '--json']);
    const b = await runMain(['infer', '--model', 'llama-3.1-8b', '--chip', 'h100', '--gpus', '1', '--prompt-tokens', '1000', '--output-tokens', '500', '--json']);
    expect(a.code).toBe(0);
    expect(a.out).toBe(b.out);
  });
});
