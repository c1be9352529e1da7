/** Train view inputs: URL parameters -> job, with one message per bad field. */
import { describe, expect, it } from 'vitest';
import { parseTrainInputs, planText, scalingCounts, trainCommand, TRAIN_DEFAULTS } from './train-inputs.js';
import { defaultPlan, prepareJob } from '../../core/train/evaluate.js';

describe('parseTrainInputs', () => {
  it('builds the default job', () => {
    const r = parseTrainInputs({});
    expect(r.errors).toEqual({});
    expect(r.job?.model.id).toBe(TRAIN_DEFAULTS.model);
    expect(r.job?.gpus).toBe(Number(TRAIN_DEFAULTS.gpus));
    expect(r.job?.tokens).toBe(15e12);
    expect(r.fixed).toEqual({});
  });

  it('names each bad field and gives no job', () => {
    const r = parseTrainInputs({ gpus: '-1', chip: 'nvidia-h1000', tp: '1.5', recompute: 'some', tokens: 'lots' });
    expect(r.job).toBeNull();
    expect(r.errors.gpus).toMatch(/^Accelerators: expected a whole number/);
    expect(r.errors.chip).toMatch(/unknown chip 'nvidia-h1000'/);
    expect(r.errors.tp).toMatch(/^tp: expected a whole number/);
    expect(r.errors.recompute).toMatch(/expected one of none, selective, full/);
    expect(r.errors.tokens).toMatch(/^Tokens:/);
  });

  it('fixes only the plan fields given', () => {
    const r = parseTrainInputs({ tp: '8', zero: '3', precision: 'fp8', tokens: 'none' });
    expect(r.fixed).toEqual({ tp: 8, zero: 3, precision: 'fp8' });
    expect(r.job?.tokens).toBeUndefined();
    expect(parseTrainInputs({ objective: 'cost', tokens: 'none' }).errors.objective).toMatch(/needs a token count/);
  });

  it('prints a CLI command that fixes every plan field', () => {
    const { job } = parseTrainInputs({ gpus: '64', model: 'llama-3.1-8b' });
    const plan = defaultPlan(prepareJob(job!), { tp: 2, dp: 32 });
    const cmd = trainCommand(job!, plan);
    for (const flag of ['--tp 2', '--pp 1', '--dp 32', '--cp 1', '--ep 1', '--vpp 1', '--micro-batch 1', '--recompute', '--zero', '--precision', '--schedule', '--sequence-parallel on', '--json']) expect(cmd).toContain(flag);
    expect(planText(plan)).toMatch(/^tp2 pp1 dp32 /);
  });

  it('spreads the scaling curve around the count', () => {
    expect(scalingCounts(1024)).toEqual([256, 512, 1024, 2048, 4096]);
    expect(scalingCounts(2)).toEqual([1, 2, 4, 8]);
  });
});
