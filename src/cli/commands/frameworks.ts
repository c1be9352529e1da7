/**
 * `chipbound frameworks [id] [--json]`: the software profiles `--framework` accepts, each switch
 * with its value, whether the training model uses it, and its public source
 * (src/core/frameworks/profiles.ts, docs/training-model.md §"Software profiles").
 */
import type { Command } from 'commander';
import { ChipboundError } from '../../core/errors.js';
import { defaultFrameworkId, frameworkIds, frameworkProfiles, isFrameworkId, type FrameworkProfile } from '../../core/frameworks/profiles.js';
import { emit } from '../output.js';
import { table, toJson } from '../table.js';

/** A source without its parenthesized detail (--json keeps it whole). */
function shortSource(s: string): string {
  return s.replace(/ \([^)]*\)/g, '');
}

function profileText(p: FrameworkProfile): string {
  return [
    `${p.id}${p.id === defaultFrameworkId ? ' (default)' : ''}: ${p.name}`,
    table(
      ['behaviour', 'value', 'modelled', 'source'],
      p.switches.map((s) => [s.behaviour, s.value, s.modelled ? 'yes' : 'not yet', shortSource(s.source)]),
    ),
  ].join('\n');
}

/** The command's output for all profiles or one id. */
export function frameworksCommand(o: { json?: boolean; id?: string }): string {
  if (o.id !== undefined && !isFrameworkId(o.id)) throw new ChipboundError('unknown_id', `framework '${o.id}': expected one of ${frameworkIds.join(', ')}`);
  const ids = o.id !== undefined ? [o.id as (typeof frameworkIds)[number]] : [...frameworkIds];
  const profiles = ids.map((id) => frameworkProfiles[id]);
  if (o.json) return toJson({ default: defaultFrameworkId, frameworks: profiles });
  return [`Software profiles for --framework (default ${defaultFrameworkId}); 'not yet' switches are documented but not in the training model.`, '', ...profiles.map(profileText).flatMap((t) => [t, ''])].join('\n').trimEnd();
}

export function registerFrameworksCommand(program: Command): void {
  program
    .command('frameworks')
    .description('list the software profiles --framework accepts: each behaviour, whether it is modelled, and its source')
    .argument('[id]', 'one profile id')
    .option('--json', 'machine-readable output')
    .action((id: string | undefined, o: { json?: boolean }) => emit(frameworksCommand({ ...o, id })));
}
