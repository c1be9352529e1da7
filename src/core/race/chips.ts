/**
 * Where each model's training chips sat under the U.S. export rules in force at its training
 * time, for the lab's country (issue #10 item 2). The classifier is injected (the controls
 * engine's classifyChip, adapted by the caller) so this file stays a pure join.
 *
 * Training time: sources rarely date the run, so the rules are evaluated on the release date,
 * the last day training can have ended. Between Oct 2022 and 2025 the rules only tightened, so
 * this is the strictest regime the run could have met; a chip bought earlier may have been
 * legal to ship then (e.g. H800 before Nov 17 2023); the report states this once.
 */
import type { Chip } from '../catalog/schemas.js';
import { classifyChip, type ChipClassification } from '../controls/classify.js';
import { allRules } from '../controls/rules.js';
import type { RaceEntry } from './schema.js';

/** What the caller's classifier reports for one chip, date and destination. */
export interface ChipVerdict {
  /** The decisive classification in words, e.g. "3A090.a.1 (us-2023-10)" or "not controlled". */
  readonly label: string;
  /** Whether an export licence was required for the destination (null when undetermined). */
  readonly licenceRequired: boolean | null;
  /** The rules in force on the date, oldest first (ids). */
  readonly rulesInForce: readonly string[];
  /** One-line reasons. */
  readonly reasons: readonly string[];
}

/** Classifies a chip for a destination on a date. */
export type ChipClassifier = (chip: Chip, ctx: { readonly date: string; readonly destination: string }) => ChipVerdict;

/** One model's training chips under the rules. */
export interface TrainingChipRow {
  /** Race entry id. */
  readonly id: string;
  /** Lab country (the destination tested). */
  readonly country: string;
  /** Date the rules are evaluated on (the release date). */
  readonly date: string;
  /** Catalog chip id, or null when the entry names no catalog chip. */
  readonly chip: string | null;
  /** The chip as the source describes it. */
  readonly described: string;
  /** Accelerators, if published. */
  readonly count: number | null;
  /** The verdict, or null when there is no catalog chip to classify. */
  readonly verdict: ChipVerdict | null;
  /**
   * The first rule date (on or before the release) from which a licence was required for this
   * chip and country, or null if none was: chips bought before it could ship without one.
   */
  readonly licenceSince: string | null;
  /** Caveats: attributed rather than published chip, foreign-made part, acquisition timing. */
  readonly notes: readonly string[];
}

/**
 * Classifies every entry's training chips. `getChip` returns null for ids missing from the
 * catalog; `ruleDates` are the dates the rules changed (default: every modeled rule's effective
 * date), tried in order to find `licenceSince`.
 */
export function classifyTrainingChips(
  entries: readonly RaceEntry[],
  getChip: (id: string) => Chip | null,
  classify: ChipClassifier,
  ruleDates: readonly string[] = ruleEffectiveDates(),
): TrainingChipRow[] {
  const rows: TrainingChipRow[] = [];
  for (const e of entries) {
    const c = e.chips;
    if (!c) continue;
    const notes: string[] = [];
    if (e.estimated.includes('chips.chip')) notes.push('chip attributed (Epoch AI or analogy), not stated by the lab');
    if (e.unverified.includes('chips.chip')) notes.push('chip from a cited summary, not re-read from the original');
    const chip = c.chip ? getChip(c.chip) : null;
    if (c.chip && !chip) notes.push(`chip '${c.chip}' not in the chip catalog`);
    if (chip && e.country !== 'US' && /huawei|cambricon/i.test(chip.vendor)) notes.push('domestic part: U.S. rules bear on its HBM and foundry inputs, not on the chip itself');
    if (/google|aws|amazon/i.test(chip?.vendor ?? '')) notes.push('rented, not sold: parameter test only');
    rows.push({
      id: e.id,
      country: e.country,
      date: e.releaseDate,
      chip: c.chip,
      described: c.described,
      count: c.count ?? null,
      verdict: chip ? classify(chip, { date: e.releaseDate, destination: e.country }) : null,
      licenceSince: chip ? (ruleDates.filter((d) => d <= e.releaseDate).find((d) => classify(chip, { date: d, destination: e.country }).licenceRequired === true) ?? null) : null,
      notes,
    });
  }
  return rows;
}

/**
 * Summarizes the controls engine's classification: the ECCNs / letters of the rules in force
 * (rescinded ones left out), and whether any of them required a licence for the destination.
 */
export function verdictOf(c: ChipClassification): ChipVerdict {
  const live = c.classifications.filter((r) => r.status === 'in force');
  const controlled = live.filter((r) => r.outcome === 'controlled');
  const undetermined = live.filter((r) => r.outcome === 'undetermined');
  const label = controlled.length
    ? controlled.map((r) => `${r.eccn ?? 'controlled'} (${r.rule})`).join(', ')
    : undetermined.length
      ? `undetermined (${undetermined.map((r) => r.rule).join(', ')})`
      : 'not controlled';
  const req = live.map((r) => r.licenceRequired);
  const licenceRequired = req.some((v) => v === true) ? true : req.length > 0 && req.every((v) => v === false) ? false : live.length === 0 ? false : null;
  const reasons = [...controlled, ...undetermined].flatMap((r) => r.reasons.slice(0, 1).map((x) => `${r.rule}: ${x}`));
  return { label, licenceRequired, rulesInForce: live.map((r) => r.rule), reasons };
}

/** The controls engine as a ChipClassifier (all rules in force on the date, lab country as destination). */
export const controlsClassifier: ChipClassifier = (chip, ctx) => verdictOf(classifyChip(chip, { date: ctx.date, destination: ctx.destination }));

/** The effective dates of every modeled rule, oldest first. */
export function ruleEffectiveDates(): string[] {
  return [...new Set(allRules().map((r) => r.effective))].sort();
}
