/**
 * Which plans a framework release can run (its profile's capabilities), and the job behaviours
 * it implies. Pure; the evaluator's plan validation and the search's space call these, so an
 * evaluated plan and a searched one obey the same limits.
 */
import type { Plan } from '../train/types.js';
import type { FrameworkProfile } from './profiles.js';

/** What the checks need to know about the model. */
export interface ModelShape {
  /** Transformer layers. */
  readonly layers: number;
  /** Whether the model has MoE layers. */
  readonly moe: boolean;
}

/** Most pipeline layer slots (pp·vpp) the profile can fill: layers, plus embedding and loss with an uneven split. */
export function maxPipelineSlots(profile: FrameworkProfile | null, layers: number): number {
  return layers + (profile?.unevenPipeline ? 2 : 0);
}

/** The ZeRO stages a profile offers for a pipeline degree. */
export function zeroStagesFor(profile: FrameworkProfile, pp: number): readonly (0 | 1 | 2 | 3)[] {
  return pp > 1 ? profile.zeroWithPp : profile.zeroStages;
}

/** Null when the profile can run the plan, else one line naming the field and the profile. */
export function frameworkRejects(profile: FrameworkProfile, plan: Plan, shape: ModelShape): string | null {
  const id = profile.id;
  if (plan.pp > 1 && !profile.schedules.includes(plan.schedule)) return `schedule ${plan.schedule} is not available in ${id} (it offers ${profile.schedules.join(', ')})`;
  const zeros = zeroStagesFor(profile, plan.pp);
  if (!zeros.includes(plan.zero)) {
    return plan.pp > 1
      ? `ZeRO-${plan.zero} with pipeline parallelism is not available in ${id} (with pp > 1 it offers ZeRO ${profile.zeroWithPp.join(', ') || 'none: no pipeline parallelism'})`
      : `ZeRO-${plan.zero} is not available in ${id} (it offers ZeRO ${profile.zeroStages.join(', ')})`;
  }
  if (plan.pp > 1 && profile.zeroWithPp.length === 0) return `pipeline parallelism is not available in ${id}`;
  if (!profile.recomputes.includes(plan.recompute)) return `recompute ${plan.recompute} is not available in ${id} (it offers ${profile.recomputes.join(', ')})`;
  if (plan.cp > 1 && !profile.contextParallel) return `context parallelism is not available in ${id}`;
  if (plan.ep > 1 && !profile.expertParallel) return `expert parallelism is not available in ${id}`;
  if (plan.sequenceParallel && plan.tp > 1 && !profile.sequenceParallel) return `sequence parallelism is not available in ${id} (use --sequence-parallel off)`;
  return null;
}
