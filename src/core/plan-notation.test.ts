import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { completePlan, formatPlan, parsePlan } from './plan-notation.js';
import { ChipboundError } from './errors.js';
import type { Plan } from './train/types.js';

const deg = fc.integer({ min: 1, max: 100_000 });
const planArb = fc.record({
  tp: deg, pp: deg, dp: deg, cp: deg, ep: deg, vpp: deg, microBatch: deg,
  recompute: fc.constantFrom('none', 'selective', 'full' as const),
  zero: fc.constantFrom(0, 1, 2, 3 as const),
  precision: fc.constantFrom('bf16', 'fp8' as const),
  schedule: fc.constantFrom('1f1b', 'interleaved', 'zb', 'dualpipe' as const),
  sequenceParallel: fc.boolean(),
}) as fc.Arbitrary<Plan>;

describe('plan notation', () => {
  it('prints the canonical text', () => {
    const p: Plan = { tp: 8, pp: 16, dp: 64, cp: 1, ep: 1, vpp: 4, microBatch: 1, zero: 1, recompute: 'selective', precision: 'fp8', schedule: 'interleaved', sequenceParallel: true };
    expect(formatPlan(p)).toBe('tp8 pp16 dp64 cp1 ep1 vpp4 mb1 zero1 rc:selective fp8 interleaved');
    expect(formatPlan({ ...p, sequenceParallel: false, etp: 2 })).toBe('tp8 pp16 dp64 cp1 ep1 etp2 vpp4 mb1 zero1 rc:selective sp:off fp8 interleaved');
  });

  it('round-trips every plan (property)', () => {
    fc.assert(
      fc.property(planArb, fc.option(deg, { nil: undefined }), (p, etp) => {
        const withEtp = etp === undefined ? p : { ...p, etp };
        const text = formatPlan(withEtp);
        expect(completePlan(parsePlan(text))).toEqual(withEtp);
        // Order-free and case-insensitive.
        const shuffled = text.split(' ').reverse().join(', ').toUpperCase();
        expect(formatPlan(completePlan(parsePlan(shuffled))!)).toBe(text);
      }),
    );
  });

  it('parses partial plans and accepts z1 / recompute: spellings', () => {
    expect(parsePlan('tp8 PP16 z1 recompute:full etp4')).toEqual({ tp: 8, pp: 16, zero: 1, recompute: 'full', etp: 4 });
    expect(completePlan(parsePlan('tp8 pp16'))).toBeNull();
  });

  it('refuses unknown, repeated and malformed tokens with one line naming them', () => {
    for (const [text, part] of [['tp8 tp4', "'tp4' sets tp a second time"], ['tp8 xx', "unknown plan token 'xx'"], ['rc:some', "'rc:some'"], ['tp0', "'tp0'"], ['', 'expected a plan'], ['zero4', "'zero4'"]] as const) {
      let err: unknown;
      try {
        parsePlan(text);
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(ChipboundError);
      expect((err as Error).message).toContain(part);
      expect((err as Error).message).not.toContain('\n');
    }
  });
});
