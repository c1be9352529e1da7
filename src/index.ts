/**
 * chipbound's public library API: the pure core (no file, process or DOM access), the same
 * functions the CLI and the web app call. Grouped by capability; named exports only.
 */

/** Catalog: schemas (the file formats), the built-in catalog and its JSON views. */
export { chipSchema, modelSchema, runSchema, servingPointSchema, planSchema } from './core/catalog/schemas.js';
export type { Chip, Model, Run, ServingPoint, PublishedPlan, Recompute, Schedule, TrainPrecision } from './core/catalog/schemas.js';
export { builtinCatalog, getChip, getModel, getRun, type Catalog } from './core/catalog/catalog.js';
export { chipRow, chipView, modelRow, modelView, runRow } from './core/catalog/views.js';
export { nearestIds } from './core/catalog/nearest.js';
export { ChipboundError, type ErrorCode } from './core/errors.js';

/** Architecture math: parameters, FLOPs, KV cache. */
export { paramCounts, trainFlopsPerToken, forwardFlopsPerToken, decodeFlopsPerToken, kvCacheBytesPerToken, attentionKind, modelKind } from './core/model/architecture.js';

/** Hugging Face config.json → catalog model (issue 18, docs/launch.md). */
export { modelFromHfConfig, isHfConfig, hfModelId, type HfMapping, type HfIssue } from './core/model/hf-config.js';

/** Launch configurations: a plan or deployment as Megatron-LM / Megatron-Bridge / torchtitan / vLLM / SGLang / TensorRT-LLM input (docs/launch.md). */
export { trainEmitters, serveEmitters, renderLaunch } from './core/emit/emit.js';
export type { LaunchConfig, LaunchOption, LaunchFile, TrainLaunchInput, ServeLaunchInput, ServePool, TrainTarget, ServeTarget } from './core/emit/types.js';

/** Export controls: rules, TPP/PD, classification with margins, headroom, fleet caps. */
export { classifyChip, type ChipClassification } from './core/controls/classify.js';
export { RULES, rulesInForce, allRules } from './core/controls/rules.js';
export { RULE_IDS, type RuleId } from './core/controls/types.js';
export { tpp, performanceDensity, chipMetrics, DEFAULT_TPP_SETTINGS } from './core/controls/metrics.js';
export { headroom, uncontrolledTarget } from './core/controls/headroom.js';
export { fleetCap } from './core/controls/allowances.js';
export { tppPdRegions, tppPdPoints } from './core/controls/chart-data.js';
export { envelope2026, type Envelope2026Row } from './core/controls/envelope-2026.js';
export { controlActions, type ControlAction } from './core/controls/actions.js';

/** Training: plan evaluation (memory, step time, MFU, cost) and validation against published runs. */
export type { Plan, TrainJob, TrainResult } from './core/train/types.js';
export { prepareJob, evaluatePlan, evaluateJob, memoryPeakBytes, validatePlan, defaultPlan, trainFlopsPerStep } from './core/train/evaluate.js';
export { validateCatalog, validateRun } from './core/train/validate.js';

/** Plan search. */
export { searchPlans } from './core/search/search.js';
export type { SearchOptions, SearchResult, Objective } from './core/search/types.js';

/** Serving: prefill/decode, KV cache, deployment search, validation. */
export { evaluateServing } from './core/infer/evaluate.js';
export { searchServing } from './core/infer/search.js';
export { validateServing } from './core/infer/validate.js';
export type { ServingInput, ServingResult, ServingPlan } from './core/infer/types.js';
export { runScenario } from './core/infer/scenario.js';
export type { ScenarioInput, ScenarioResult, ScenarioKind, LoadPoint } from './core/infer/scenario.js';
export { engineProfile, engineProfiles, engineIds } from './core/infer/engines.js';
export type { EngineId, EngineProfile, SchedulingMode } from './core/infer/engines.js';
export { parseLengths, formatLengths } from './core/infer/lengths.js';
export type { LengthDist } from './core/infer/lengths.js';

/** Scenarios and the efficiency ledger. */
export { scenarioSchema } from './core/scenario/schema.js';
export { parseScenario, expandScenario } from './core/scenario/sweep.js';
export { evaluateScenario } from './core/scenario/evaluate.js';
export { poolEligibility } from './core/scenario/rules.js';
export { ablate } from './core/scenario/ablate.js';
export { markdownReport, csvReport } from './core/scenario/report.js';
export { scenarioCharts } from './core/scenario/charts.js';

/** The race: frontiers, lag, compute efficiency. */
export { raceReport } from './core/race/report.js';
export { familyLags, combinedLag } from './core/race/families.js';
export { parseMetric } from './core/race/setting.js';

/** Design under the rules: the best accelerator a rule set allows, and what a threshold costs. */
export { designSearch } from './core/design/search.js';
export { sweepThreshold, parseSweep } from './core/design/sweep.js';
export { sweepChart } from './core/design/sweep-chart.js';
export { envelopeSchema } from './core/design/envelope.js';
export { builtinEnvelope } from './core/design/builtin.js';
export { designChip } from './core/design/space.js';

/** The main job. */
export { overview } from './core/overview.js';

/** Names and notation (issue 15): forgiving chip/model names, the one plan notation, the JSON Schemas. */
export { resolveName, normalizeName, CHIP_ALIASES, MODEL_ALIASES } from './core/catalog/names.js';
export { formatPlan, parsePlan, completePlan, PLAN_NOTATION_HELP, type PlanNotation } from './core/plan-notation.js';
export { jsonSchemaFiles, SCHEMA_BASE } from './core/output-schemas/json-schemas.js';
