/**
 * Loads a Hugging Face `config.json` as a catalog model (the mapping itself is pure:
 * core/model/hf-config.ts). Every problem of the config is reported in one line.
 */
import { basename, dirname } from 'node:path';
import { modelSchema, type Model } from '../core/catalog/schemas.js';
import { ChipboundError } from '../core/errors.js';
import { describeHfIssues, describeHfUnknown, hfModelId, isHfConfig, modelFromHfConfig, type HfMapping } from '../core/model/hf-config.js';
import { fieldWarnings, MODEL_FIELD_LIMITS } from '../core/limits.js';
import { describeIssues, parseText, readText } from './parse-file.js';
import { warn } from './warn.js';

/** A loaded config: the model and what the mapping left out or assumed. */
export interface HfConfigFile {
  readonly model: Model;
  readonly mapping: Extract<HfMapping, { ok: true }>;
}

/** Whether `file` is a JSON file that holds a Hugging Face config (false for catalog-form JSON). */
export function isHfConfigFile(file: string): boolean {
  if (!/\.json$/i.test(file)) return false;
  return isHfConfig(parseText(readText(file), file));
}

/** The id a config file gets: its stem, or its folder's name for a plain `config.json`. */
export function hfIdForFile(file: string): { id: string; name: string } {
  const stem = basename(file).replace(/\.json$/i, '');
  const name = stem.toLowerCase() === 'config' ? basename(dirname(file)) || 'hf-model' : stem;
  return { id: hfModelId(name), name: name.replace(/__/g, '/') };
}

/** Reads and maps a config.json; ChipboundError('invalid_file') naming every problem. */
export function loadHfConfig(file: string): HfConfigFile {
  const raw = parseText(readText(file), file);
  const { id, name } = hfIdForFile(file);
  const mapping = modelFromHfConfig(raw, { id, name, source: `Hugging Face config.json (${basename(file)})` });
  if (!mapping.ok) throw new ChipboundError('invalid_file', `${file}: Hugging Face config: ${describeHfIssues(mapping.issues)}`);
  const r = modelSchema.safeParse(mapping.model);
  if (!r.success) throw new ChipboundError('invalid_file', `${file}: Hugging Face config mapped to an invalid model: ${describeIssues(r.error)}`);
  // A key that is neither read nor a known Hugging Face key may be a renamed one. When the key it
  // stands for is absent, a default would silently replace the value the file meant (kv_heads: MHA,
  // a 4x KV cache): refused. Otherwise it is said on stderr.
  const renamed = mapping.unknown.find((u) => u.defaultUsed !== undefined);
  if (renamed) throw new ChipboundError('invalid_file', `${file}: Hugging Face config: ${describeHfUnknown(renamed)}; rename it to ${renamed.didYouMean} or remove it`);
  for (const u of mapping.unknown) warn(`${file}: ${describeHfUnknown(u)}`);
  // Possible but unusual sizes (a context length of 8 tokens) are said on stderr, as for catalog-form model files.
  for (const w of fieldWarnings(r.data, MODEL_FIELD_LIMITS)) warn(`${file}: ${w}`);
  return { model: r.data, mapping };
}
