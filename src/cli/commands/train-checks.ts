/**
 * Contradictions in the plan flags of `chipbound train`: a fully or partly specified plan that
 * cannot exist is bad input (exit 2, one line naming the flags), never a result or an empty
 * search (docs/errors.md, docs/search.md). The checks live in core/train/plan-checks.ts (scenario
 * files use them too); here they name the flags.
 */
export { planContradiction } from '../../core/train/plan-checks.js';
