/** `chipbound infer` and `validate --inference` end to end through main(). */
import { describe, expect, it } from 'vitest';
import { runMain as run } from '../../../test/cli-run.js';
import { inferOutput } from '../../core/output-schemas/infer.js';

const h100 = ['--chip', 'nvidia-h100-sxm5-80gb'];

describe('chipbound infer', () => {
  it('--json has the contract fields', async () => {
    const r = await run(['infer', '--model', 'deepseek-v3', ...h100, '--gpus', '16', '--dp', '16', '--tp', '1', '--ep', '16', '--prompt-tokens', '2000', '--output-tokens', '500', '--precision', 'fp8', '--json']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(j.kvCacheBytesPerToken).toBe(70_272);
    for (const k of ['maxBatch', 'ttftSeconds', 'costPerMillionOutputTokensUsd']) expect(j[k]).toBeGreaterThan(0);
    for (const k of ['seconds', 'tokensPerSecond', 'tokensPerSecondPerGpu']) expect(j.prefill[k]).toBeGreaterThan(0);
    for (const k of ['tokensPerSecond', 'tokensPerSecondPerGpu', 'tpotSeconds']) expect(j.decode[k]).toBeGreaterThan(0);
  });
  it('reasoning workload: 32,000 output tokens prints the cost per query', async () => {
    const r = await run(['infer', '--model', 'qwq-32b', ...h100, '--gpus', '2', '--tp', '2', '--prompt-tokens', '1000', '--output-tokens', '32000', '--precision', 'fp8']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/per query/);
    expect(r.out).toMatch(/\$[\d.]+ per query/);
  });
  it('searches the cheapest deployment when the plan is omitted', async () => {
    const r = await run(['infer', '--model', 'llama-3.1-70b', ...h100, '--gpus', '8', '--prompt-tokens', '1000', '--output-tokens', '500', '--tpot-ms', '50', '--top', '2', '--json']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(j.candidates).toHaveLength(2);
    expect(j.candidates[0].tpotSeconds).toBeLessThanOrEqual(0.05);
  });
  it('unknown model, unknown chip and bad flags exit 2 with one line', async () => {
    const m = await run(['infer', '--model', 'llama-3.1-71b', ...h100, '--gpus', '8', '--tp', '8', '--prompt-tokens', '10', '--output-tokens', '10']);
    expect(m.code).toBe(2);
    expect(m.err).toMatch(/unknown model 'llama-3.1-71b'; did you mean/);
    const c = await run(['infer', '--model', 'llama-3.1-70b', '--chip', 'nvidia-h101', '--gpus', '8', '--tp', '8', '--prompt-tokens', '10', '--output-tokens', '10']);
    expect(c.code).toBe(2);
    expect(c.err).toMatch(/unknown chip 'nvidia-h101'/);
    const f = await run(['infer', '--model', 'llama-3.1-70b', ...h100, '--gpus', '8', '--tp', 'eight', '--prompt-tokens', '10', '--output-tokens', '10']);
    expect(f.code).toBe(2);
    expect(f.err.trim().split('\n')).toHaveLength(1);
    const p = await run(['infer', '--model', 'llama-3.1-70b', ...h100, '--gpus', '8', '--tp', '8', '--prompt-tokens', '10', '--output-tokens', '10', '--precision', 'fp6']);
    expect(p.code).toBe(2);
    const l = await run(['infer', '--model', 'llama-3.1-70b', ...h100, '--gpus', '6', '--tp', '4', '--prompt-tokens', '10', '--output-tokens', '10']);
    expect(l.code).toBe(2);
    expect(l.err).toMatch(/gpus: 6 is not a multiple/);
  });
});

describe('chipbound validate --inference', () => {
  it('--json has per-point rows and a summary with median and max |error|', async () => {
    const r = await run(['validate', '--inference', '--json', '--run', 'trtllm-v017-llama3.1-8b-h100-tp1-fp8']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(j.rows.length).toBe(9);
    expect(j.summary.medianAbsError).toBeGreaterThanOrEqual(0);
    expect(j.summary.maxAbsError).toBeGreaterThanOrEqual(j.summary.medianAbsError);
    expect(j.byScenario.offline.included).toBe(9);
  });
  it('an unknown point id exits 2', async () => {
    const r = await run(['validate', '--inference', '--run', 'no-such-point']);
    expect(r.code).toBe(2);
  });
});

describe('chipbound infer --engine --scenario', () => {
  const l2 = ['infer', '--model', 'llama-2-70b', ...h100, '--gpus', '8', '--engine', 'trtllm-2024', '--precision', 'fp8', '--kv-precision', 'fp8', '--prompt-tokens', 'mean:294,max:1024', '--output-tokens', 'mean:294,max:1024'];
  it('offline prints output tokens/s per GPU with the chosen layout; JSON keeps outputTokensPerSecondPerGpu', async () => {
    const t = await run([...l2, '--scenario', 'offline']);
    expect(t.code).toBe(0);
    expect(t.out).toMatch(/output tokens\/s per GPU\s+[\d,]+/);
    expect(t.out).toMatch(/tp\d+ pp\d+ dp\d+ ep\d+/);
    const j = JSON.parse((await run([...l2, '--scenario', 'offline', '--json'])).out);
    expect(j.outputTokensPerSecondPerGpu).toBeGreaterThan(0);
    expect(inferOutput.safeParse(j).success).toBe(true);
    expect(j.scheduling).toBe('inflight');
    expect(j.costPerMillionOutputTokensUsd).toBeGreaterThan(0);
  });
  it('server with p99 limits prints the rate sweep', async () => {
    const t = await run([...l2, '--scenario', 'server', '--ttft-ms', '2000', '--tpot-ms', '200', '--sweep', '4']);
    expect(t.code).toBe(0);
    expect(t.out).toMatch(/request-rate sweep/);
    const j = JSON.parse((await run([...l2, '--scenario', 'server', '--ttft-ms', '2000', '--tpot-ms', '200', '--sweep', '4', '--json'])).out);
    expect(j.sweep).toHaveLength(4);
    expect(j.tpotP99Seconds).toBeLessThanOrEqual(0.2);
  });
  it('interactive uses the MLPerf interactive limits and never allows a higher rate than server', async () => {
    const i = JSON.parse((await run([...l2, '--scenario', 'interactive', '--sweep', '0', '--json'])).out);
    const s = JSON.parse((await run([...l2, '--scenario', 'server', '--sweep', '0', '--json'])).out);
    expect(i.targets).toEqual({ ttftSeconds: 0.45, tpotSeconds: 0.04 });
    expect(s.targets).toEqual({ ttftSeconds: 2, tpotSeconds: 0.2 });
    expect(i.requestsPerSecond).toBeLessThanOrEqual(s.requestsPerSecond);
  });
  it('reads a file of lengths', async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const f = join(mkdtempSync(join(tmpdir(), 'cb-len-')), 'prompts.txt');
    writeFileSync(f, '100\n200\n300\n1000\n');
    const j = JSON.parse((await run([...l2.slice(0, -4), '--prompt-tokens', f, '--output-tokens', '200', '--scenario', 'offline', '--json'])).out);
    expect(j.promptTokens).toEqual({ mean: 400, p99: 1000, max: 1000 });
    writeFileSync(f, '100\nabc\n');
    const bad = await run([...l2.slice(0, -4), '--prompt-tokens', f, '--output-tokens', '200', '--scenario', 'offline']);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/--prompt-tokens: .*entry 2 is 'abc'/);
  });
  it('bad engine, scheduling or length text exits 2 with one line', async () => {
    for (const extra of [['--engine', 'trtllm-2023'], ['--scheduling', 'chunked'], ['--prompt-tokens', 'mean:2000,max:1024']]) {
      const r = await run([...l2, '--scenario', 'offline', ...extra]);
      expect(r.code, extra.join(' ')).toBe(2);
      expect(r.err.trim().split('\n')).toHaveLength(1);
    }
  });
  it('plain infer refuses a length distribution instead of silently using its mean', async () => {
    const r = await run(['infer', '--model', 'llama-2-70b', ...h100, '--gpus', '8', '--tp', '8', '--prompt-tokens', 'mean:294,max:1024', '--output-tokens', '294']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--prompt-tokens: a length distribution .* needs --scenario/);
  });
  it('--emit gives the configuration of the layout the scenario chose (printed, JSON, disaggregated pools)', async () => {
    const j = JSON.parse((await run([...l2, '--scenario', 'offline', '--emit', 'vllm', '--json'])).out);
    expect(inferOutput.safeParse(j).success).toBe(true);
    const opt = (k: string) => j.launch.options.find((o: { key: string }) => o.key === k)?.value;
    expect(j.launch.target).toBe('vllm');
    expect(opt('--tensor-parallel-size')).toBe(j.plan.tp);
    expect(opt('--pipeline-parallel-size')).toBe(j.plan.pp);
    expect(opt('--max-model-len')).toBe(1024 + 1024); // the longest prompt + output, not the means
    expect(opt('--kv-cache-dtype')).toBe('fp8');
    expect(j.launch.notes.join('\n')).toMatch(/layout chosen by --scenario offline with engine profile trtllm-2024/);
    const t = await run([...l2, '--scenario', 'server', '--sweep', '0', '--emit', 'trtllm']);
    expect(t.code).toBe(0);
    expect(t.out).toMatch(/output tokens\/s per GPU/);
    expect(t.out).toMatch(/note: layout chosen by --scenario server/);
    expect(t.out).toMatch(new RegExp(`trtllm-serve "\\$MODEL"`));
    const d = JSON.parse((await run(['infer', '--model', 'llama-2-70b', ...h100, '--gpus', '16', '--scheduling', 'disaggregated', '--scenario', 'offline', '--precision', 'fp8', '--prompt-tokens', '1024', '--output-tokens', '256', '--emit', 'sglang', '--json'])).out);
    expect(d.pools).not.toBeNull();
    expect(d.launch.files.map((f: { name: string }) => f.name)).toEqual(['sglang-launch-prefill.sh', 'sglang-launch-decode.sh']);
    const tps = d.launch.options.filter((o: { key: string }) => o.key === '--tp-size').map((o: { value: number }) => o.value);
    expect(tps).toEqual([d.pools.prefillPlan.tp, d.pools.decodePlan.tp]);
  });
  it('chipbound engines lists the profiles with sources', async () => {
    const t = await run(['engines']);
    expect(t.code).toBe(0);
    for (const id of ['trtllm-2024', 'trtllm-2025', 'vllm-2025', 'sglang-2025', 'deepseek-infer-2025']) expect(t.out).toContain(id);
    const j = JSON.parse((await run(['engines', '--json'])).out);
    expect(j.engines).toHaveLength(5);
  });
});

/** adv3 cases 174, 258: a fully given deployment that does not fit says why, and shows no rates. */
describe('infer: a deployment that does not fit', () => {
  const a100 = ['--chip', 'nvidia-a100-sxm4-80gb'];
  it('weights over memory: no latency or throughput, the memory breakdown and the excess', async () => {
    const r = await run(['infer', '--model', 'llama-3.1-405b', ...a100, '--gpus', '1', '--tp', '1', '--batch', '1', '--prompt-tokens', '100', '--output-tokens', '10']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/fits +no: needs [\d,.]+ GiB per accelerator of 80 GiB \([\d,.]+ GiB over/);
    expect(r.out).toMatch(/memory per accelerator +capacity 80 GiB: weights/);
    expect(r.out).not.toMatch(/TTFT|TPOT|tok\/s/);
    const j = JSON.parse((await run(['infer', '--model', 'llama-3.1-405b', ...a100, '--gpus', '1', '--tp', '1', '--batch', '1', '--prompt-tokens', '100', '--output-tokens', '10', '--json'])).out);
    expect(inferOutput.safeParse(j).success).toBe(true);
    expect(j).toMatchObject({ fits: false, outputTokensPerSecond: null, ttftSeconds: null, tpotSeconds: null, requestsPerSecond: null, costPerQueryUsd: null });
    expect(j.decode.tokensPerSecond).toBeNull();
    expect(j.reason).toMatch(/needs .* GiB over/);
  });
  it('batch over the KV cache: the reason names the max batch and the factor', async () => {
    const r = await run(['infer', '--model', 'llama-2-13b', ...a100, '--gpus', '2', '--tp', '2', '--batch', '16000000', '--prompt-tokens', '512', '--output-tokens', '128', '--json']);
    const j = JSON.parse(r.out);
    expect(j).toMatchObject({ fits: false, outputTokensPerSecond: null, ttftSeconds: null });
    expect(j.reason).toMatch(/batch 16000000 > max \d+ \([\d,]+x over\)/);
  });
});
