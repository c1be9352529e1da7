import { describe, expect, it } from 'vitest';
import { runMain as run } from '../../../test/cli-run.js';

const gpt3 = ['train', '--model', 'gpt3-175b', '--chip', 'nvidia-a100-sxm4-80gb', '--gpus', '1024', '--seq', '2048', '--global-batch', '1536'];
const full = ['--tp', '8', '--pp', '8', '--dp', '16', '--cp', '1', '--ep', '1', '--vpp', '1', '--micro-batch', '1', '--recompute', 'selective', '--zero', '1', '--precision', 'bf16', '--schedule', '1f1b'];
const withFlag = (args: string[], flag: string, value: string) => {
  const i = args.indexOf(flag);
  return i < 0 ? [...args, flag, value] : [...args.slice(0, i), flag, value, ...args.slice(i + 2)];
};

describe('contradictory plans exit 2 with one line', () => {
  it.each([
    ['tp·pp·dp·cp ≠ gpus', withFlag(full, '--dp', '32'), /--tp·--pp·--dp·--cp = 2048 must equal --gpus 1024/],
    ['--vpp 2 --schedule 1f1b', withFlag(full, '--vpp', '2'), /--vpp 2 needs --schedule interleaved/],
    ['micro-batch × dp > global batch', withFlag(full, '--micro-batch', '128'), /exceeds --global-batch 1536/],
    ['global batch not divisible by dp × mb', withFlag(full, '--micro-batch', '5'), /not divisible/],
    ['fp8 on a chip without FP8', withFlag(full, '--precision', 'fp8'), /--precision fp8: .*no FP8/],
    ['--ep on a dense model', withFlag(full, '--ep', '8'), /dense model/],
    ['ZeRO-3 with PP in Megatron', withFlag(full, '--zero', '3'), /--zero 3 with --pp 8 is not available in --framework megatron-lm-2024/],
    ['DualPipe outside HAI-LLM (search)', ['--schedule', 'dualpipe', '--pp', '8'], /--schedule dualpipe is not available/],
    ['a ZeRO-3 shard group with ZeRO-1', [...withFlag(full, '--zero', '1'), '--zero3-shard-group', '64'], /--zero3-shard-group 64 needs --zero 3, got --zero 1/],
    ['a ZeRO-3 shard group where the framework has no ZeRO-3', ['--zero3-shard-group', '64'], /--zero3-shard-group needs ZeRO-3, which --framework megatron-lm-2024 does not offer/],
  ])('%s', async (_name, flags, message) => {
    const r = await run([...gpt3, ...flags]);
    expect(r.code).toBe(2);
    expect(r.err.trim().split('\n')).toHaveLength(1);
    expect(r.err).toMatch(message);
  });

  it('EP that does not divide the experts', async () => {
    const r = await run(['train', '--model', 'deepseek-v3', '--chip', 'nvidia-h800-sxm5-80gb', '--gpus', '2048', '--seq', '4096', '--global-batch', '15360', '--ep', '7']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--ep 7 must divide the 256 experts/);
  });

  it('a fully specified plan that does not fit prints its memory breakdown and the excess', async () => {
    const r = await run([...gpt3, ...withFlag(withFlag(full, '--recompute', 'none'), '--micro-batch', '4'), '--zero', '0']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/fits: NO — needs [\d.]+ GiB per accelerator, has [\d.]+ GiB: [\d.]+ GiB over/);
    expect(r.out).toMatch(/activations/);
    expect(r.out).toMatch(/^uncertainty \(ampere/m);
  });
});

describe('a search where nothing fits', () => {
  it('prints the least-memory plan with its breakdown and excess, text and JSON', async () => {
    const args = ['train', '--model', 'llama-3.1-405b', '--chip', 'nvidia-a100-sxm4-80gb', '--gpus', '8', '--seq', '4096', '--global-batch', '64'];
    const t = await run(args);
    expect(t.code).toBe(0);
    expect(t.out).toMatch(/^No plan fits/m);
    expect(t.out).toMatch(/^Closest: .* needs [\d,.]+ GiB per accelerator, [\d,.]+ GiB over the search limit/m);
    expect(t.out).toMatch(/optimizer states/);
    const j = JSON.parse((await run([...args, '--json'])).out);
    expect(j.plan).toBeNull();
    expect(j.closest.excessGiB).toBeGreaterThan(0);
    expect(j.closest.memory.peakGiB).toBeCloseTo(j.closest.limitGiB + j.closest.excessGiB, 6);
  });
});

describe('--framework and chipbound frameworks', () => {
  it('train --json names the framework and carries an uncertainty band', async () => {
    const r = await run([...gpt3, ...full, '--framework', 'megatron-lm-2023', '--json']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(j.framework).toBe('megatron-lm-2023');
    expect(j.uncertainty.family).toBe('ampere');
    expect(j.uncertainty.stepTimeSeconds[0]).toBeLessThanOrEqual(j.uncertainty.stepTimeSeconds[1]);
  });

  it('an unknown id is a usage error', async () => {
    const r = await run([...gpt3, '--framework', 'megatron-9000']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/expected one of megatron-deepspeed-2021/);
  });

  it('frameworks --json lists the nine profiles and the default', async () => {
    const r = await run(['frameworks', '--json']);
    const j = JSON.parse(r.out);
    expect(j.default).toBe('megatron-lm-2024');
    expect(j.frameworks).toHaveLength(9);
  });
});

describe('--attention overrides the profile attention kernel', () => {
  const star = ['train', '--model', 'starcoderbase-15b', '--chip', 'nvidia-a100-sxm4-80gb', '--gpus', '512', '--seq', '8192', '--global-batch', '512', '--plan', 'tp4 pp4 dp32 cp1 ep1 vpp1 mb1 zero1 rc:none bf16 1f1b', '--framework', 'megatron-lm-2023', '--json'];
  it('flash1 runs attention at 0.44× of flash2 (head dim 128); unfused materialises the scores', async () => {
    const at = async (a: string) => JSON.parse((await run([...star, '--attention', a])).out) as { stepTimeSeconds: number; breakdown: { attentionS: number; gemmS: number } };
    // One at a time: the in-process runner captures one command's output at a time.
    const f2 = await at('flash2');
    const f1 = await at('flash1');
    const un = await at('unfused');
    const dflt = JSON.parse((await run(star)).out) as { stepTimeSeconds: number };
    expect(dflt.stepTimeSeconds).toBe(f2.stepTimeSeconds);
    expect(f1.breakdown.attentionS / f2.breakdown.attentionS).toBeCloseTo(1 / 0.44, 3);
    expect(un.stepTimeSeconds).toBeGreaterThan(f1.stepTimeSeconds);
  });
  it('refuses an unknown kernel with one line and exit 2', async () => {
    const r = await run([...star, '--attention', 'flash3']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--attention <kernel>.*flash3/);
  });
});
