/**
 * The serving flags of `infer` (issue 16: --scenario, --engine, --scheduling, --chunk-tokens,
 * --sweep, length distributions and files of lengths), every value of the fuzzer's tables
 * (cases.ts) and their combinations with each other: exit 0, or a clean one-line exit 2; never an
 * internal error. Wrong values must be refused, not used.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { badLengthValues, lengthFiles, lengthValues } from './cases.js';
import { classify, runInProcess } from './harness.js';

const dir = mkdtempSync(join(tmpdir(), 'chipbound-serving-flags-'));
const base = ['infer', '--model', 'llama-3.1-8b', '--chip', 'nvidia-h100-sxm5-80gb', '--gpus', '1', '--precision', 'fp8'];

async function verdict(argv: string[]): Promise<{ kind: string; code: number | null; why: string }> {
  const r = await runInProcess(argv);
  const v = classify(argv, r);
  return { kind: v.kind, code: r.code, why: v.kind === 'crash' ? `${argv.join(' ')} -> ${v.why}` : '' };
}

describe('fuzz table: infer serving flags', () => {
  it('every length value: valid ones run, wrong ones exit 2 with one line', async () => {
    for (const v of lengthValues) {
      const r = await verdict([...base, '--prompt-tokens', v, '--output-tokens', '64', '--scenario', 'offline', '--json']);
      expect(r.why).toBe('');
      expect(r.code, v).toBe(0);
    }
    for (const v of badLengthValues) {
      const r = await verdict([...base, '--prompt-tokens', '100', '--output-tokens', v, '--scenario', 'offline']);
      expect(r.why).toBe('');
      expect(r.code, v).toBe(2);
    }
  }, 300_000);

  it('every file of lengths: the good ones run, the others exit 2 with one line', async () => {
    for (const [i, f] of lengthFiles.entries()) {
      const p = join(dir, `len${i}${f.ext}`);
      writeFileSync(p, f.data);
      const r = await verdict([...base, '--prompt-tokens', p, '--output-tokens', '64', '--scenario', 'offline']);
      expect(r.why).toBe('');
      expect(r.code, f.label).toBe(i < 3 ? 0 : 2);
    }
  }, 300_000);

  it('each serving flag alone, misplaced or with a wrong value: exit 0 or a clean exit 2', async () => {
    const L = ['--prompt-tokens', '512', '--output-tokens', '64'];
    const extras: string[][] = [
      ['--scenario', 'server', '--sweep', '2'], ['--scenario', 'interactive', '--sweep', '0'], ['--engine', 'vllm-2025'], ['--scheduling', 'static'],
      ['--scenario', 'offline', '--chunk-tokens', '16'], ['--scenario', 'offline', '--chunk-tokens', '15'], ['--scenario', 'offline', '--chunk-tokens', '1e6'],
      ['--scenario', 'server', '--sweep', '1001'], ['--scenario', 'server', '--ttft-ms', 'NaN'], ['--scenario', 'server', '--tpot-ms', 'Infinity'],
      ['--scenario', 'offline', '--sweep', '3'], ['--scenario', 'offline', '--tpot-ms', '50'], ['--sweep', '3'], ['--chunk-tokens', '512'],
      ['--scenario', 'offline', '--top', '2'], ['--scenario', 'offline', '--max-gpus', '8'], ['--scenario', 'offline', '--batch', '4'], ['--scenario', 'offline', '--phase', 'prefill'],
      ['--scheduling', 'disaggregated'], ['--scenario', 'offline', '--emit', 'vllm', '--json'], ['--scenario', 'server', '--scheduling', 'static', '--sweep', '0', '--json'],
      ['--scenario', 'offline', '--scenario', 'server'], ['--engine', 'trtllm-2024', '--engine', ''], ['--scenario'],
    ];
    for (const e of extras) {
      const r = await verdict([...base, ...L, ...e]);
      expect(r.why).toBe('');
      expect([0, 2], e.join(' ')).toContain(r.code);
    }
  }, 300_000);
});
