/** `chipbound engines [--json]`: the serving engine profiles (src/core/infer/engines.ts) with their documented behaviours and sources. */
import type { Command } from 'commander';
import { engineProfiles } from '../../core/infer/engines.js';
import { emit } from '../output.js';
import { fmt, table, toJson } from '../table.js';

/** The text (or JSON) of `chipbound engines`. */
export function runEngines(o: { json?: boolean }): string {
  const ps = engineProfiles();
  if (o.json) return toJson({ engines: ps });
  const rows = ps.map((p) => [
    p.id,
    p.scheduling,
    p.chunkTokens,
    p.cudaGraphs ? 'yes' : 'no',
    p.twoMicroBatchOverlap ? 'yes' : 'no',
    p.attentionDp ? 'yes' : 'no',
    `${fmt(p.hostOverheadS * 1000)} ms`,
  ]);
  const details = ps.flatMap((p) => [
    '',
    `${p.id}: ${p.name}`,
    `  attention: GQA ${p.attention.gqa}; MLA ${p.attention.mla}`,
    `  FP8 grouped GEMM: ${p.fp8GroupedGemm ?? 'none documented'}; speculative: ${p.speculative.join(', ')}`,
    `  host per step: ${p.hostOverheadBasis}`,
    ...p.sources.map((s) => `  source: ${s}`),
  ]);
  return [table(['engine', 'scheduling', 'chunk tokens', 'CUDA graphs', 'two-micro-batch', 'attention DP', 'host/step'], rows), ...details].join('\n');
}

export function registerEnginesCommand(program: Command): void {
  program
    .command('engines')
    .description('list the serving engine profiles (infer --engine): scheduling, chunk size, kernels, overlap, host time per step, sources')
    .option('--json', 'machine-readable output')
    .action((opts: { json?: boolean }) => {
      emit(runEngines(opts));
    });
}
