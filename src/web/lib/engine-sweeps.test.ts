/** Engine series of the Serve comparison: the same sweep as `chipbound infer --scenario server --engine <id> --sweep 10 --json`. */
import { describe, expect, it } from 'vitest';
import { runMain } from '../../../test/cli-run.js';
import { engineCommand, engineSweeps } from './engine-sweeps.js';
import { parseServeInputs, SERVE_DEFAULTS } from './serve-inputs.js';

const input = parseServeInputs(SERVE_DEFAULTS).input!;

describe('engineSweeps', () => {
  it('draws each engine’s request-rate sweep with the CLI’s numbers (overloaded points left out)', async () => {
    const { points, commands, notes } = engineSweeps(input, ['vllm-2025', 'sglang-2025'], 50, 'H100 SXM5 80GB');
    expect(commands.map((c) => c.label)).toEqual(['H100 SXM5 80GB · vllm-2025', 'H100 SXM5 80GB · sglang-2025']);
    for (const c of commands) {
      const { code, out, err } = await runMain(c.command.split(' ').slice(1));
      expect(err).toBe('');
      expect(code).toBe(0);
      const cli = JSON.parse(out) as { sweep: { outputTokensPerSecondPerGpu: number; tpotP99Seconds: number; ttftP99Seconds: number | null }[] };
      const mine = points.filter((p) => p.chip === c.label);
      const finite = cli.sweep.filter((p) => p.ttftP99Seconds !== null && Number.isFinite(p.ttftP99Seconds));
      expect(mine.length).toBe(finite.length);
      expect(mine.length).toBeGreaterThan(2);
      mine.forEach((p, i) => {
        expect(p.perGpu).toBe(finite[i]!.outputTokensPerSecondPerGpu);
        expect(p.perUser).toBe(1 / finite[i]!.tpotP99Seconds);
      });
    }
    expect(notes.every((n) => n.includes('overloaded'))).toBe(true);
  });
  it('says why an engine has no series instead of drawing nothing', () => {
    const r = engineSweeps(input, ['deepseek-infer-2025'], 50, 'H100');
    expect(r.points).toEqual([]);
    expect(r.notes).toEqual([expect.stringMatching(/^H100 · deepseek-infer-2025: .*disaggregated/)]);
    const prefill = engineSweeps({ ...input, phase: 'prefill' }, ['vllm-2025'], 50, 'H100');
    expect(prefill.notes[0]).toContain('phase both');
  });
  it('prints the MLPerf server limits when the page has no TPOT target', () => {
    expect(engineCommand(input, 'vllm-2025', null)).toContain('--ttft-ms 2000 --tpot-ms 200 --sweep 10 --json');
  });
});
