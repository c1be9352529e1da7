/**
 * Types shared by the export-control rules (one file per rule), the classifier, the headroom
 * solver and the fleet caps. Rules are data plus one pure `evaluate` function each; see
 * docs/controls.md for the texts and the interpretation choices.
 */

/** The U.S. rules modeled, oldest first. */
export const RULE_IDS = ['us-2022-10', 'us-2023-10', 'us-2024-12', 'us-2025-01', 'us-2025-04', 'us-2026-01'] as const;
/** One of the modeled rules. */
export type RuleId = (typeof RULE_IDS)[number];

/** Bit length counted for TF32 in TPP; the rule text does not settle it (reference §6.1). */
export type Tf32Bits = 'not-counted' | 19 | 32;

/** Settings for the ambiguous points of the TPP definition (88 FR 73458 Technical Note to 3A090). */
export interface TppSettings {
  /** TF32 bit length: 'not-counted' (default, analyst convention), 19 (significant bits) or 32 (container). */
  readonly tf32Bits: Tf32Bits;
  /** Add non-tensor FP32 units (fp32 × 32) to the best tensor TPP ("aggregated over all processing units"). Default false. */
  readonly sumNonTensorFp32: boolean;
}

/** What the rules need from a chip, derived from its specs (never stored per chip). */
export interface ChipMetrics {
  /** Catalog id (or the file's id). */
  readonly id: string;
  /** Display name. */
  readonly name: string;
  /** Designed or marketed for datacenters (3A090 Note 2). */
  readonly datacenter: boolean;
  /** Total processing performance (dimensionless, TOPS × bits), or null when no throughput is public. */
  readonly tpp: number | null;
  /** How TPP was obtained, e.g. "int8 1979 × 8". */
  readonly tppBasis: string;
  /** Applicable die area, mm², or null when unknown. */
  readonly dieAreaMm2: number | null;
  /** Performance density = TPP / applicable die area, or null. */
  readonly pd: number | null;
  /** Aggregate bidirectional I/O to non-memory ICs for the 2022 test, GB/s (sum of the known parts), or null if no part is known. */
  readonly io2022GBps: number | null;
  /** False when a part of the 2022 I/O sum is unknown (then io2022GBps is a lower bound). */
  readonly io2022Complete: boolean;
  /** Scale-up bandwidth, GB/s bidirectional, or null. */
  readonly scaleUpGBps: number | null;
  /** DRAM/HBM bandwidth, GB/s (decimal), or null. */
  readonly memoryGBps: number | null;
  /** Memory technology (HBM3, GDDR6, ...), if given. */
  readonly memoryType: string | null;
}

/** A comparison used by a rule. */
export type Op = '>=' | '<' | '>';

/** One threshold test with its margin: the data behind "TPP 2368 is 1.3% below 2400". */
export interface Margin {
  /** The test as written, e.g. 'tpp >= 4800'. */
  readonly test: string;
  /** Metric tested. */
  readonly metric: MetricKey;
  /** Comparison. */
  readonly op: Op;
  /** The chip's value, or null when unknown. */
  readonly value: number | null;
  /** The rule's threshold (same unit as value). */
  readonly threshold: number;
  /** (value − threshold) / threshold × 100, or null. */
  readonly marginPct: number | null;
  /** Whether the test is met, or null when the value is unknown. */
  readonly passes: boolean | null;
  /** Human sentence. */
  readonly sentence: string;
}

/** Metrics a threshold can test. */
export type MetricKey = 'tpp' | 'pd' | 'io2022GBps' | 'scaleUpGBps' | 'memoryGBps' | 'hbmDensity';

/** Whether a rule's outcome for a chip is known. */
export type Outcome = 'controlled' | 'not-controlled' | 'undetermined';

/** Licence-review policy for China/Macau (us-2026-01). */
export type ReviewPolicy = 'case-by-case' | 'presumption of denial';

/** A rule's verdict on one chip, for one destination and date. */
export interface RuleClassification {
  /** Rule id. */
  readonly rule: RuleId;
  /** 'in force'; 'rescinded' (us-2025-01 after 2025-05-13, shown for what-if use); 'superseded' or 'not yet' only when a rule is asked for explicitly. */
  readonly status: 'in force' | 'rescinded' | 'superseded' | 'not yet';
  /** ECCN paragraph ("3A090.a.1"), the is-informed letter label, or null when not controlled or undetermined. */
  readonly eccn: string | null;
  /** controlled / not-controlled / undetermined (a needed value is unknown). */
  readonly outcome: Outcome;
  /** License exceptions that may be available (NAC, ACA, LPP, AIA, HBM). */
  readonly licenseExceptions: readonly string[];
  /** Whether a licence is required for this destination (null when undetermined or not applicable). */
  readonly licenceRequired: boolean | null;
  /** China/Macau review policy (us-2026-01 only). */
  readonly reviewPolicy?: ReviewPolicy | null;
  /** Human sentences: the deciding tests and the destination logic. */
  readonly reasons: readonly string[];
  /** Every threshold test evaluated, with margins. */
  readonly margins: readonly Margin[];
  /** What could not be decided and why (empty when decided). */
  readonly undecided: readonly string[];
}

/** A destination (ISO 3166 alpha-2) with the EAR country groups the rules need. */
export interface CountryInfo {
  /** ISO code, upper case. */
  readonly code: string;
  /** Name. */
  readonly name: string;
  /** Country groups (Supp. 1 to part 740) among D:1, D:4, D:5, A:5, A:6; MO and CN/HK handled by code. */
  readonly groups: readonly string[];
  /** AI Diffusion tier (90 FR 4544): 1, 2 or 3. */
  readonly tier: 1 | 2 | 3;
  /** True when the groups were not modeled for this code (default assumptions used). */
  readonly defaulted: boolean;
}

/** Everything a rule evaluation depends on besides the chip. */
export interface RuleContext {
  /** Date, YYYY-MM-DD. */
  readonly date: string;
  /** Destination country. */
  readonly destination: CountryInfo;
  /** Headquarters country of the ultimate consignee or its parent, if given. */
  readonly headquarters: CountryInfo | null;
}

/** A rule as data plus its pure evaluation. */
export interface Rule {
  /** Id. */
  readonly id: RuleId;
  /** Short title. */
  readonly title: string;
  /** Federal Register citation (or filing), e.g. "87 FR 62186 (FR Doc 2022-21658)". */
  readonly citation: string;
  /** Primary source URL. */
  readonly url: string;
  /** First day in force, YYYY-MM-DD. */
  readonly effective: string;
  /** Last effect: the date it stopped (exclusive) and how, or null if still in force. */
  readonly ended: { readonly date: string; readonly how: 'superseded' | 'rescinded'; readonly by: string } | null;
  /** Destinations it applies to, in words. */
  readonly destinations: string;
  /** Key thresholds, in words, for `chipbound rules`. */
  readonly thresholds: readonly string[];
  /** Classifies one chip. Pure. */
  readonly evaluate: (m: ChipMetrics, ctx: RuleContext) => Omit<RuleClassification, 'rule' | 'status'>;
}
