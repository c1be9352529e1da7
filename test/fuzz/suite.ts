/**
 * Shared vitest wiring for the CLI fuzz suites: a fixed seed and a bounded count per command
 * (CHIPBOUND_FUZZ_CASES overrides it), every crash listed with its argv in the failure.
 */
import { describe, expect, it } from 'vitest';
import { commandShapes, GUARD, TAME_SHARE, type CommandShape } from './cases.js';
import { fuzzCommand } from './run-cases.js';
import { FUZZ_SEED } from './seed.js';

export { FUZZ_SEED } from './seed.js';
/** Cases per command in the test suite (scripts/fuzz.ts runs 10,000). */
export const FUZZ_CASES = Number(process.env.CHIPBOUND_FUZZ_CASES ?? 40);

/** Fewer cases where a valid case runs plan searches for seconds (race --reproduce), to keep each file near 10 s. */
const SUITE_CASES: Readonly<Record<string, number>> = { race: 20 };

/** Commands each suite file covers; fuzz-other.test.ts covers every command not listed here. */
export const FAMILIES: Readonly<Record<string, readonly string[]>> = {
  catalog: ['chips', 'chip', 'models', 'model', 'runs'],
  controls: ['classify', 'headroom', 'rules', 'fleet-cap'],
  train: ['train', 'validate'],
  infer: ['infer'],
  scenario: ['scenario', 'ablate'],
  race: ['race'],
};

/** Registers one test per command in `names` (or, with null, per command in no family). */
export function fuzzSuite(title: string, names: readonly string[] | null): void {
  const listed = new Set(Object.values(FAMILIES).flat());
  const shapes: CommandShape[] = commandShapes().filter((s) => (names ? names.includes(s.name) : !listed.has(s.name)));
  describe(`fuzz: ${title}`, () => {
    if (!shapes.length) {
      it('no command to fuzz in this family', () => expect(names === null || names.length > 0).toBe(true));
      return;
    }
    const countOf = (name: string) => (process.env.CHIPBOUND_FUZZ_CASES ? FUZZ_CASES : (SUITE_CASES[name] ?? FUZZ_CASES));
    it.each(shapes.map((s) => ({ name: s.name, shape: s, count: countOf(s.name) })))('$name: $count cases, exit 0 or a clean exit 2', async ({ shape, count }) => {
      // Commands that run whole plan searches get only wild cases here (a tame one takes up to a minute).
      // Guarded commands (overview) stop at flag parsing here: a valid run takes ~10 s.
      const r = await fuzzCommand(shape, count, FUZZ_SEED, { tameShare: TAME_SHARE[shape.name] !== undefined ? 0 : undefined, guardShare: GUARD[shape.name] ? 1 : 0 });
      expect(r.cases).toBe(count);
      expect(r.crashes.map((c) => `${c.argv} -> ${c.why}`)).toEqual([]);
      if (r.slow.length) console.warn(`${shape.name}: ${r.slow.length} slow cases (over 5 s), slowest ${Math.round(r.slowestMs)} ms: ${r.slowestArgv}`);
    }, 600_000);
  });
}
