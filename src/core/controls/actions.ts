/**
 * U.S. export-control actions on AI chips that the per-chip rule engine cannot represent as a
 * threshold test (ownership rules, licensing practice, revenue shares, announcements), listed as
 * data with how well each is sourced. Sources: each row's `citation` (Federal Register, BIS, press)
 * and `url` where one was read; compiled 2026-12, each item marked primary (rule text seen) or
 * secondary (reports only).
 * The chip-parameter rules themselves are in rules.ts; us-2026-01 is the only 2026 rule that
 * changes a chip-level outcome (its review-policy envelope).
 */

/** How an action is sourced: primary text seen, secondary reports only, or a single unverified report. */
export type Sourcing = 'primary' | 'secondary' | 'unverified';

/** One action. */
export interface ControlAction {
  /** Date announced or effective, YYYY-MM-DD. */
  readonly date: string;
  /** Short id. */
  readonly id: string;
  /** What happened. */
  readonly action: string;
  /** Scope or threshold in words. */
  readonly scope: string;
  /** Citation (Federal Register, press). */
  readonly citation: string;
  /** URL of the best source. */
  readonly url: string | null;
  /** How well sourced. */
  readonly sourcing: Sourcing;
  /** Whether the rule engine models it, and how. */
  readonly modeled: string;
  /** Known end or suspension, YYYY-MM-DD, or null. */
  readonly until: string | null;
}

export const CONTROL_ACTIONS: readonly ControlAction[] = [
  {
    date: '2025-05-13',
    id: 'ai-diffusion-rescission',
    action: 'AI Diffusion IFR (90 FR 4544) rescission initiated; BIS stops enforcing it; GP10 guidance on Huawei Ascend 910B/C/D',
    scope: 'Tier caps (790M TPP country, 26.9M TPP LPP) no longer applied; no replacement rule published through 2026-12',
    citation: 'BIS press release 2025-05-13; law-firm summaries',
    url: null,
    sourcing: 'secondary',
    modeled: 'yes: us-2025-01 is marked rescinded from 2025-05-13 (what-if only)',
    until: null,
  },
  {
    date: '2025-07-15',
    id: 'h20-licences-granted',
    action: 'U.S. government says H20 / MI308 licences will be granted',
    scope: 'no numeric threshold; the Apr 2025 is-informed criterion (us-2025-04) stays',
    citation: 'CNBC 2025-07-15',
    url: null,
    sourcing: 'secondary',
    modeled: 'no: licensing practice, not a rule change (us-2025-04 still says licence required)',
    until: null,
  },
  {
    date: '2025-08-11',
    id: 'h20-revenue-share',
    action: '15% revenue-share arrangement for H20/MI308 sales to China',
    scope: 'commercial arrangement',
    citation: 'NPR 2025-08-11',
    url: null,
    sourcing: 'secondary',
    modeled: 'no',
    until: null,
  },
  {
    date: '2025-09-29',
    id: 'affiliates-rule',
    action: 'Affiliates rule (IFR): Entity List / MEU restrictions extend to entities owned 50% or more, in aggregate, by listed parties',
    scope: '50% ownership; reaches subsidiaries of listed Chinese AI-chip and cloud firms; temporary general licence to 2025-11-28',
    citation: '90 FR 47201 (FR Doc 2025-19001, RIN 0694-AK11), effective 2025-09-29',
    url: 'https://thefederalregister.org/documents/2025-19001',
    sourcing: 'primary',
    modeled: 'no: a party-ownership rule; the engine classifies chips by parameters and destination, not by consignee ownership',
    until: '2025-11-10',
  },
  {
    date: '2025-11-10',
    id: 'affiliates-rule-suspension',
    action: 'BIS suspends the Affiliates rule for one year (to 2026-11-10) under the U.S.-China trade arrangement',
    scope: 'suspension; status after 2026-11-10 not found',
    citation: 'Fenwick client alert 2025-11-11',
    url: null,
    sourcing: 'secondary',
    modeled: 'no (see affiliates-rule)',
    until: '2026-11-10',
  },
  {
    date: '2025-11-01',
    id: 'no-b30a',
    action: 'White House: no B30A (Blackwell) sales to China',
    scope: 'policy statement (early November 2025; day not known, dated the 1st here)',
    citation: 'The Information, via secondary reports',
    url: null,
    sourcing: 'secondary',
    modeled: 'no: B30A classifies under the parameter rules like any chip',
    until: null,
  },
  {
    date: '2025-12-08',
    id: 'h200-announcement',
    action: 'President announces H200 sales to approved customers in China with 25% to the U.S. government; Blackwell/Rubin excluded',
    scope: 'announcement; implemented by us-2026-01',
    citation: 'WION, The Hill',
    url: null,
    sourcing: 'secondary',
    modeled: 'through us-2026-01',
    until: null,
  },
  {
    date: '2026-01-14',
    id: 'chip-tariff',
    action: 'Proclamation: 25% tariff on certain imported advanced chips (covers the H200 U.S.-testing leg)',
    scope: 'tariff',
    citation: 'secondary reports; NVIDIA 10-Q',
    url: null,
    sourcing: 'secondary',
    modeled: 'no',
    until: null,
  },
  {
    date: '2026-01-15',
    id: 'h200-rule',
    action: 'Final rule "Revision to License Review Policy for Advanced Computing Commodities": China/Macau review policy case-by-case for H200-class chips',
    scope: 'TPP < 21,000 and total DRAM bandwidth < 6,500 GB/s, plus conditions (U.S. availability, third-party testing in the U.S., China volume <= 50% of U.S. shipments)',
    citation: '91 FR 1684-1689 (FR Doc 2026-00789, Docket 260112-0028, RIN 0694-AK43), effective 2026-01-15',
    url: 'https://www.govinfo.gov/content/pkg/FR-2026-01-15/html/2026-00789.htm',
    sourcing: 'primary',
    modeled: 'yes: us-2026-01 (review policy and `chipbound envelope`)',
    until: null,
  },
  {
    date: '2026-05-31',
    id: 'd5-hq-guidance',
    action: 'BIS guidance: the D:5/Macau-headquartered licence requirement (§742.6(a)(6)(iii)(A)) applies worldwide; existing data-centre use may continue',
    scope: 'guidance',
    citation: 'BIS guidance 2026-05-31',
    url: 'https://www.bis.gov/media/documents/bis-guidance-may-31-2026.pdf',
    sourcing: 'primary',
    modeled: 'yes: `--headquarters` on classify applies the D:5/Macau-headquarters licence requirement',
    until: null,
  },
  {
    date: '2026-07-14',
    id: 'uae-a5',
    action: 'Reported rule moving the UAE to A:5 with named entities (91 FR 43034)',
    scope: 'country group change',
    citation: 'single secondary note (91 FR 43034 not confirmed)',
    url: null,
    sourcing: 'unverified',
    modeled: 'no: country groups unchanged until the rule text is read',
    until: null,
  },
];

/** Actions in date order. */
export function controlActions(): readonly ControlAction[] {
  return [...CONTROL_ACTIONS].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}
