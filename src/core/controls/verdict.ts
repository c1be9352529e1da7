/** Building blocks every rule's verdict shares (one place for the licence logic). */
import type { Margin, Outcome } from './types.js';

/** Licence needed: unknown while the outcome is undetermined, else controlled and the destination test applies. */
export function licenceRequired(outcome: Outcome, applies: boolean): boolean | null {
  return outcome === 'undetermined' ? null : outcome === 'controlled' && applies;
}

/** A verdict without licence exceptions (the 2022 rule and the 2025 letters have none). */
export function verdictWithoutExceptions(eccn: string | null, outcome: Outcome, applies: boolean, reasons: string[], margins: Margin[], undecided: string[]) {
  return { eccn, outcome, licenseExceptions: [] as string[], licenceRequired: licenceRequired(outcome, applies), reasons, margins, undecided };
}
