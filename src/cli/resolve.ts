/** Resolves a command-line chip/model argument: a catalog id or a path to the user's YAML/JSON file. */
import { existsSync } from 'node:fs';
import { chipSchema, modelSchema, type Chip, type Model } from '../core/catalog/schemas.js';
import { getChip, getModel } from '../core/catalog/catalog.js';
import { isFileRef } from '../core/scenario/schema.js';
import { loadFile } from '../io/parse-file.js';
import { checkModel } from './limits.js';
import { isHfConfigFile, loadHfConfig } from '../io/hf-config-file.js';

/** A file reference by its form (as in scenarios), or any existing path. */
function looksLikePath(arg: string): boolean {
  return isFileRef(arg) || existsSync(arg);
}

/** A chip from a catalog id or a file. */
export function resolveChip(arg: string): Chip {
  return looksLikePath(arg) ? loadFile(chipSchema, arg, 'chip') : getChip(arg);
}

/** A model from a catalog id, a model file or a Hugging Face config.json (a user's model is refused above MAX_PARAMS: limits.ts). */
export function resolveModel(arg: string): Model {
  if (!looksLikePath(arg)) return getModel(arg);
  // A Hugging Face config.json (issue 18; docs/launch.md).
  const m = isHfConfigFile(arg) ? loadHfConfig(arg).model : loadFile(modelSchema, arg, 'model');
  checkModel(m);
  return m;
}
