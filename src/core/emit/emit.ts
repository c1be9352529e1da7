/** The emitter tables (one per target) and the printed form of an emitted configuration. */
import { emitMegatron } from './megatron.js';
import { emitNemo } from './nemo.js';
import { emitSglang } from './sglang.js';
import { emitTorchtitan } from './torchtitan.js';
import { emitTrtllm } from './trtllm.js';
import type { LaunchConfig, ServeLaunchInput, ServeTarget, TrainLaunchInput, TrainTarget } from './types.js';
import { emitVllm } from './vllm.js';

/** Training emitters by target. */
export const trainEmitters = { megatron: emitMegatron, nemo: emitNemo, torchtitan: emitTorchtitan } satisfies Record<TrainTarget, (i: TrainLaunchInput) => LaunchConfig>;

/** Serving emitters by target. */
export const serveEmitters = { vllm: emitVllm, sglang: emitSglang, trtllm: emitTrtllm } satisfies Record<ServeTarget, (i: ServeLaunchInput) => LaunchConfig>;

/** The configuration as printed on a terminal: each file under a `==> name <==` line (as `head` prints several files). */
export function renderLaunch(c: LaunchConfig): string {
  const parts = c.files.map((f) => (c.files.length > 1 ? `==> ${f.name} <==\n${f.content}` : f.content));
  return parts.join('\n');
}
