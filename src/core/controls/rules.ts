/** The rule table: every modeled U.S. rule as data, and which are in force on a date. */
import { us202210 } from './us-2022-10.js';
import { us202310 } from './us-2023-10.js';
import { us202412 } from './us-2024-12.js';
import { us202501 } from './us-2025-01.js';
import { us202504 } from './us-2025-04.js';
import { us202601 } from './us-2026-01.js';
import { RULE_IDS, type Rule, type RuleId } from './types.js';

/** All rules by id (exhaustive at compile time). */
export const RULES = {
  'us-2022-10': us202210,
  'us-2023-10': us202310,
  'us-2024-12': us202412,
  'us-2025-01': us202501,
  'us-2025-04': us202504,
  'us-2026-01': us202601,
} as const satisfies Record<RuleId, Rule>;

/** Rules in time order. */
export function allRules(): readonly Rule[] {
  return RULE_IDS.map((id) => RULES[id]);
}

/** A rule's status on a date: in force, rescinded (still listed), or not applicable (not yet / superseded). */
export function ruleStatus(rule: Rule, date: string): 'in force' | 'rescinded' | 'not yet' | 'superseded' {
  if (date < rule.effective) return 'not yet';
  if (rule.ended && date >= rule.ended.date) return rule.ended.how;
  return 'in force';
}

/**
 * Rules that bind on `date` (YYYY-MM-DD). With `includeRescinded`, rescinded rules that had taken
 * effect are listed too (us-2025-01 after 2025-05-13), for what-if use.
 */
export function rulesInForce(date: string, opts: { includeRescinded?: boolean } = {}): readonly Rule[] {
  return allRules().filter((r) => {
    const s = ruleStatus(r, date);
    return s === 'in force' || (opts.includeRescinded === true && s === 'rescinded');
  });
}
