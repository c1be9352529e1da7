/**
 * Whether a buyer may have a pool's chips, and the rule that decides it. The buyer's date and
 * destination select the U.S. rules in force (controls/classify.ts); the end-user kind adds the
 * part 744 end-user and end-use controls; how the pool is acquired decides which date and place
 * the rules are tested at:
 * - purchased: an export to the buyer's destination on the buyer's date;
 * - rented: the chips stay with a cloud operator at `location`; remote access (IaaS) is not an
 *   export under the EAR (reference controls.md §2.4-2.5), so the tests apply to the location;
 * - owned/stockpiled: already held, continued use is not an export (BIS guidance of
 *   2026-05-31, reference controls.md §2.4); `acquiredOn` tells whether buying them was lawful then.
 * Chips designed and made outside the U.S. for their home market (Huawei, Cambricon) bought at
 * home are not U.S. exports; BIS's 2025-05-13 GP10 guidance on Ascend chips is noted.
 */
import type { Chip } from '../catalog/schemas.js';
import { classifyChip, type ChipClassification } from '../controls/classify.js';
import { RULES } from '../controls/rules.js';
import type { RuleClassification, RuleId } from '../controls/types.js';
import type { Buyer, Pool } from './schema.js';

/** What the buyer may do about a pool's chips. */
export type EligibilityStatus =
  /** No licence needed under any rule in force. */
  | 'allowed'
  /** Controlled, but a licence exception (NAC notification, ACA) is available. */
  | 'licence-exception'
  /** Already held before; continued use is not an export. */
  | 'held'
  /** Licence required, review policy case-by-case (us-2026-01 envelope). */
  | 'case-by-case'
  /** Licence required (policy not stated by the rule; for China in practice a presumption of denial until 2026). */
  | 'licence-required'
  /** Licence required with a presumption of denial. */
  | 'presumption-of-denial'
  /** A value the rules need is not public. */
  | 'undetermined';

/** Statuses under which the buyer can put the chips to work without a new licence. */
export const USABLE: readonly EligibilityStatus[] = ['allowed', 'licence-exception', 'held'];

/** A pool's eligibility. */
export interface Eligibility {
  readonly status: EligibilityStatus;
  /** The rule (or provision) that decides it, e.g. 'us-2023-10' or '15 CFR 744.11 (Entity List)'; null when nothing applies. */
  readonly decidingRule: string | null;
  /** Citation of the deciding rule. */
  readonly citation: string | null;
  /** ECCN or label of the deciding classification. */
  readonly eccn: string | null;
  /** Where and when the rules were tested. */
  readonly testedAt: { readonly destination: string; readonly date: string };
  /** One sentence per reason, deciding reason first. */
  readonly reasons: readonly string[];
  /** Rules evaluated (in force on the date, plus the buyer's assumed what-if rules). */
  readonly rulesEvaluated: readonly RuleId[];
  /** For held pools: the status the rules gave on the acquisition date. */
  readonly atAcquisition?: EligibilityStatus;
}

/** Vendors whose chips are not U.S.-designed (bought at home, no U.S. export happens). */
const NON_US_VENDORS: readonly { readonly re: RegExp; readonly home: string }[] = [
  { re: /huawei|hisilicon/i, home: 'CN' },
  { re: /cambricon/i, home: 'CN' },
];

/** Rules evaluated for a buyer on a date: in force, plus the assumed what-ifs. */
export function rulesFor(date: string, assume: readonly RuleId[] = []): RuleId[] {
  const inForce = Object.values(RULES)
    .filter((r) => date >= r.effective && !(r.ended && date >= r.ended.date))
    .map((r) => r.id);
  // What-ifs apply as asked, even before the rule took effect or after it ended.
  const extra = assume.filter((id) => !inForce.includes(id));
  return [...inForce, ...extra];
}

function decide(cls: readonly RuleClassification[]): Omit<Eligibility, 'testedAt' | 'rulesEvaluated'> {
  const requiring = cls.filter((c) => c.licenceRequired === true);
  const undecided = cls.filter((c) => c.licenceRequired === null);
  const cite = (id: RuleId) => RULES[id].citation;
  if (requiring.length) {
    // The newest rule that sets a review policy is the most specific statement of the outcome;
    // otherwise the oldest rule that requires a licence without exception (the CCL entry before a later letter).
    const withPolicy = [...requiring].reverse().find((c) => c.reviewPolicy);
    const noException = requiring.filter((c) => c.licenseExceptions.length === 0);
    const c = withPolicy ?? noException[0] ?? requiring[0];
    let status: EligibilityStatus = 'licence-required';
    if (c.reviewPolicy === 'case-by-case') status = 'case-by-case';
    else if (c.reviewPolicy === 'presumption of denial') status = 'presumption-of-denial';
    else if (noException.length === 0) status = 'licence-exception';
    const others = requiring.filter((o) => o !== c).map((o) => `also ${o.rule}: ${o.eccn ?? 'licence required'}`);
    const exc = c.licenseExceptions.length ? ` (licence exception: ${c.licenseExceptions.join(', ')})` : '';
    return { status, decidingRule: c.rule, citation: cite(c.rule), eccn: c.eccn, reasons: [`${c.rule}: ${c.eccn ?? 'licence required'}${exc}`, ...c.reasons, ...others] };
  }
  if (undecided.length) {
    const c = undecided[0];
    return { status: 'undetermined', decidingRule: c.rule, citation: cite(c.rule), eccn: null, reasons: [`${c.rule}: undetermined`, ...c.undecided] };
  }
  const controlled = cls.filter((c) => c.outcome === 'controlled');
  const why = controlled.length
    ? controlled.map((c) => `${c.rule}: ${c.eccn}, but no licence for this destination`)
    : [cls.length ? `not controlled under ${cls.map((c) => c.rule).join(', ')}` : 'no U.S. rule on advanced computing was in force'];
  const first = cls.find((c) => c.outcome === 'not-controlled');
  return { status: 'allowed', decidingRule: controlled[0]?.rule ?? first?.rule ?? null, citation: controlled[0] ? cite(controlled[0].rule) : first ? cite(first.rule) : null, eccn: null, reasons: [...why, ...(first?.reasons.slice(0, 2) ?? [])] };
}

/** Classifies a chip for a destination and date under the rules in force plus the buyer's what-ifs. */
export function classifyFor(chip: Chip, destination: string, date: string, buyer: Buyer, headquarters: string | null): { cls: ChipClassification; rules: RuleId[] } {
  const rules = rulesFor(date, buyer.assumeRules);
  const cls = classifyChip(chip, { date, destination, headquarters: headquarters ?? undefined, rules });
  return { cls, rules };
}

/** Whether the buyer may have the pool's chips, and the rule that decides it. */
export function poolEligibility(pool: Pool, chip: Chip, buyer: Buyer): Eligibility {
  if (pool.whatIf === 'no-controls') {
    return { status: 'allowed', decidingRule: null, citation: null, eccn: null, testedAt: { destination: buyer.destination, date: buyer.date }, reasons: ['counterfactual: export controls ignored for this pool'], rulesEvaluated: [] };
  }
  const held = pool.acquired === 'owned' || pool.acquired === 'stockpiled';
  const destination = pool.acquired === 'rented' ? (pool.location ?? buyer.destination) : buyer.destination;
  const date = held ? (pool.acquiredOn ?? buyer.date) : buyer.date;
  const testedAt = { destination, date };
  const home = NON_US_VENDORS.find((v) => v.re.test(chip.vendor));
  if (home && home.home === destination) {
    const gp10 = /huawei|hisilicon/i.test(chip.vendor) && date >= '2025-05-13' ? ['BIS GP10 guidance (2025-05-13) names Ascend 910B/910C/910D as likely made in violation of the EAR: using them outside China risks enforcement'] : [];
    return { status: held ? 'held' : 'allowed', ...(held ? { atAcquisition: 'allowed' as const } : {}), decidingRule: null, citation: null, eccn: null, testedAt, reasons: [`${chip.vendor} chip bought in ${destination}: not a U.S. export`, ...gp10], rulesEvaluated: [] };
  }
  // Rented chips are consigned to the cloud operator, whose headquarters the file does not give.
  const hq = pool.acquired === 'rented' ? null : (buyer.headquarters ?? buyer.destination);
  const { cls, rules } = classifyFor(chip, destination, date, buyer, hq);
  const d = decide(cls.classifications);
  const endUser = endUserControl(buyer, destination);
  if (endUser && !held) {
    return { ...d, status: 'presumption-of-denial', decidingRule: endUser.rule, citation: endUser.rule, reasons: [endUser.reason, ...d.reasons], testedAt, rulesEvaluated: rules };
  }
  if (held) {
    const lawful = USABLE.includes(d.status) ? `lawfully acquired on ${date} (${d.status} then)` : `acquired on ${date} although the rules then said ${d.status}: check how they were obtained`;
    return { ...d, status: 'held', atAcquisition: d.status, testedAt, reasons: [`already held: continued use is not an export (BIS guidance 2026-05-31); ${lawful}`, ...d.reasons], rulesEvaluated: rules };
  }
  if (pool.acquired === 'rented' && destination !== buyer.destination) {
    return { ...d, testedAt, reasons: [...d.reasons, `rented in ${destination}: remote access (IaaS) is not an export under the EAR; the tests apply where the chips sit`], rulesEvaluated: rules };
  }
  return { ...d, testedAt, rulesEvaluated: rules };
}

/** Part 744 end-user / end-use controls that reach every item subject to the EAR. */
function endUserControl(buyer: Buyer, destination: string): { rule: string; reason: string } | null {
  if (buyer.endUser === 'entity-list') return { rule: '15 CFR 744.11 (Entity List)', reason: 'the buyer is on the Entity List: a licence is required for every item subject to the EAR, generally reviewed with a presumption of denial' };
  if (buyer.endUser === 'supercomputer' && ['CN', 'HK', 'MO'].includes(destination)) {
    return { rule: '15 CFR 744.23(a)(2) (supercomputer end use)', reason: 'supercomputer end use in China/Macau: a licence is required for any item subject to the EAR (87 FR 62186), presumption of denial' };
  }
  return null;
}
