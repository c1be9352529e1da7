/**
 * One plan notation (issue 15): the canonical text of a training plan, printed by every
 * command that shows a plan and accepted back by `train --plan "<text>"` and scenario files.
 *
 *   tp8 pp16 dp64 cp1 ep1 vpp4 mb1 zero1 rc:selective bf16 interleaved
 *
 * Tokens, separated by spaces (or commas), in any order when parsed, each at most once,
 * case-insensitive: `tpN ppN vppN dpN cpN epN etpN mbN` (degrees and the micro-batch),
 * `zeroN` (also `zN`), `rc:none|selective|full` (recomputation), `sp:on|off` (Megatron sequence
 * parallelism; printed only where it differs from its default, on when tp > 1), a GEMM
 * precision (`bf16`, `fp8`) and a pipeline schedule (`1f1b`, `interleaved`, `zb`, `dualpipe`).
 * A partial text (`tp8 pp16`) fixes those fields only; a search fills the rest.
 * `etpN` (expert tensor parallel) is parsed and printed when present; it is carried as an
 * extra field for evaluators that know it.
 */
import { ChipboundError } from './errors.js';
import type { Plan } from './train/types.js';
import type { Recompute, Schedule, TrainPrecision } from './catalog/schemas.js';

/** A plan as the notation carries it: any subset of Plan's fields, plus etp. */
export type PlanNotation = { -readonly [K in keyof Plan]?: Plan[K] } & { etp?: number };

const RECOMPUTE: readonly Recompute[] = ['none', 'selective', 'full'];
const SCHEDULES: readonly Schedule[] = ['1f1b', 'interleaved', 'zb', 'dualpipe'];
const PRECISIONS: readonly TrainPrecision[] = ['bf16', 'fp8'];
const DEGREES = { tp: 'tp', pp: 'pp', vpp: 'vpp', dp: 'dp', cp: 'cp', ep: 'ep', etp: 'etp', mb: 'microBatch' } as const;

/** The grammar, for error messages. */
export const PLAN_NOTATION_HELP = 'tpN ppN dpN cpN epN etpN vppN mbN zeroN rc:none|selective|full sp:on|off bf16|fp8 1f1b|interleaved|zb|dualpipe';

/** The canonical text of a plan (with `etp` when given). */
export function formatPlan(p: Plan & { readonly etp?: number }): string {
  const parts = [`tp${p.tp}`, `pp${p.pp}`, `dp${p.dp}`, `cp${p.cp}`, `ep${p.ep}`];
  if (p.etp !== undefined) parts.push(`etp${p.etp}`);
  parts.push(`vpp${p.vpp}`, `mb${p.microBatch}`, `zero${p.zero}`, `rc:${p.recompute}`);
  if (p.sequenceParallel !== p.tp > 1) parts.push(`sp:${p.sequenceParallel ? 'on' : 'off'}`);
  parts.push(p.precision, p.schedule);
  return parts.join(' ');
}

/**
 * Parses plan text (full or partial). Throws ChipboundError ('usage') naming the token and the
 * expected forms; `what` names where the text came from (a flag, a file field).
 */
export function parsePlan(text: string, what = '--plan'): PlanNotation {
  const out: PlanNotation = {};
  const seen = new Set<string>();
  const once = (key: string, token: string) => {
    if (seen.has(key)) throw new ChipboundError('usage', `${what}: '${token}' sets ${key} a second time in '${text}'`);
    seen.add(key);
  };
  const tokens = text.trim().split(/[\s,]+/).filter(Boolean);
  if (tokens.length === 0) throw new ChipboundError('usage', `${what}: expected a plan such as 'tp8 pp16 dp16 mb1 zero1 rc:selective bf16 1f1b' (${PLAN_NOTATION_HELP})`);
  for (const token of tokens) {
    const t = token.toLowerCase();
    const deg = /^(tp|pp|vpp|dp|cp|ep|etp|mb)(\d+)$/.exec(t);
    const zero = /^(?:zero|z)([0-3])$/.exec(t);
    const rc = /^(?:rc|recompute):(.*)$/.exec(t);
    const sp = /^sp:(.*)$/.exec(t);
    if (deg) {
      const n = Number(deg[2]);
      if (!Number.isSafeInteger(n) || n < 1) throw new ChipboundError('usage', `${what}: '${token}': expected a whole number >= 1 after ${deg[1]}`);
      const key = DEGREES[deg[1] as keyof typeof DEGREES];
      once(key, token);
      out[key] = n;
    } else if (zero) {
      once('zero', token);
      out.zero = Number(zero[1]) as Plan['zero'];
    } else if (rc) {
      if (!(RECOMPUTE as readonly string[]).includes(rc[1])) throw new ChipboundError('usage', `${what}: '${token}': expected rc:${RECOMPUTE.join('|')}`);
      once('recompute', token);
      out.recompute = rc[1] as Recompute;
    } else if (sp) {
      if (sp[1] !== 'on' && sp[1] !== 'off') throw new ChipboundError('usage', `${what}: '${token}': expected sp:on or sp:off`);
      once('sequenceParallel', token);
      out.sequenceParallel = sp[1] === 'on';
    } else if ((PRECISIONS as readonly string[]).includes(t)) {
      once('precision', token);
      out.precision = t as TrainPrecision;
    } else if ((SCHEDULES as readonly string[]).includes(t)) {
      once('schedule', token);
      out.schedule = t as Schedule;
    } else {
      throw new ChipboundError('usage', `${what}: unknown plan token '${token}'; expected ${PLAN_NOTATION_HELP}`);
    }
  }
  return out;
}

/** The plan a full text describes, with sequence parallelism defaulted as the notation prints it (on when tp > 1). */
export function completePlan(n: PlanNotation): (Plan & { etp?: number }) | null {
  const { tp, pp, dp, cp, ep, vpp, microBatch, zero, recompute, precision, schedule } = n;
  if (tp === undefined || pp === undefined || dp === undefined || cp === undefined || ep === undefined || vpp === undefined || microBatch === undefined) return null;
  if (zero === undefined || recompute === undefined || precision === undefined || schedule === undefined) return null;
  return { tp, pp, dp, cp, ep, vpp, microBatch, zero, recompute, precision, schedule, sequenceParallel: n.sequenceParallel ?? tp > 1, ...(n.etp !== undefined ? { etp: n.etp } : {}) };
}
