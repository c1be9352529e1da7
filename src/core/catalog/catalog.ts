/**
 * The built-in catalog, compiled from data/ by `npm run catalog` (scripts/build-catalog.ts)
 * into catalog.generated.ts, already validated. Pure: no file access, so it works in a
 * browser bundle and in workers.
 */
import { ChipboundError } from '../errors.js';
import type { Chip, Model, Run, ServingPoint } from './schemas.js';
import type { RaceEntry } from '../race/schema.js';
import type { Sweep } from './sweep-schema.js';
import { catalogText } from './catalog.generated.js';
import { nearestIds } from './nearest.js';
import { resolveName } from './names.js';

export interface Catalog {
  readonly chips: readonly Chip[];
  readonly models: readonly Model[];
  readonly runs: readonly Run[];
  readonly serving: readonly ServingPoint[];
  readonly race: readonly RaceEntry[];
  /** Plan sweeps (absent in catalogs built before sweeps existed). */
  readonly sweeps?: readonly Sweep[];
}

let cached: Catalog | undefined;

/** The built-in catalog (parsed once). */
export function builtinCatalog(): Catalog {
  cached ??= JSON.parse(catalogText) as Catalog;
  return cached;
}

type Kind = 'chip' | 'model' | 'run' | 'serving point' | 'race entry';

function lookup<T extends { id: string }>(kind: Kind, list: readonly T[], id: string): T {
  const found = list.find((e) => e.id === id);
  if (found) return found;
  const near = nearestIds(id, list.map((e) => e.id));
  const hint = near.length ? `; did you mean ${near.map((n) => `'${n}'`).join(', ')}?` : '';
  throw new ChipboundError('unknown_id', `unknown ${kind} '${id}'${hint}`);
}

/**
 * A chip by catalog id or a forgiving name (names.ts: case-insensitive, aliases such as `h100`,
 * unique prefixes), or a ChipboundError('unknown_id') listing the candidates or nearest ids.
 */
export function getChip(id: string, cat: Catalog = builtinCatalog()): Chip {
  return lookup('chip', cat.chips, resolveName('chip', id, cat.chips));
}

/** A model by catalog id or a forgiving name (names.ts: `Llama-3.1-8B`, `meta-llama/Llama-3.1-8B`, prefixes). */
export function getModel(id: string, cat: Catalog = builtinCatalog()): Model {
  return lookup('model', cat.models, resolveName('model', id, cat.models));
}

/** A published run by id. */
export function getRun(id: string, cat: Catalog = builtinCatalog()): Run {
  return lookup('run', cat.runs, id);
}
