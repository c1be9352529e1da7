/**
 * User-defined models and chips for the Train view: JSON in the catalog's file formats (README
 * "File formats"), validated by the same zod schemas the CLI applies to model and chip files,
 * with the first problem reported as "<what> JSON: field: message".
 */
import { chipSchema, modelSchema, type Chip, type Model } from '../../core/catalog/schemas.js';
import type { z } from 'zod';

/** A starting point for the model editor (a Llama-3.1-8B-shaped dense model). */
export const EXAMPLE_MODEL = {
  id: 'my-model',
  name: 'My model',
  layers: 32,
  hidden: 4096,
  ffnHidden: 14336,
  heads: 32,
  kvHeads: 8,
  vocab: 128256,
  gatedFfn: true,
  tiedEmbeddings: false,
  contextLength: 8192,
};

/** A starting point for the chip editor (H100-SXM-like datasheet values). */
export const EXAMPLE_CHIP = {
  id: 'my-chip',
  name: 'My chip',
  vendor: 'custom',
  datacenter: true,
  tflops: { bf16: 989, fp8: 1979 },
  memoryGB: 80,
  memoryTBps: 3.35,
  scaleUpGBps: 900,
  scaleUpDomain: 8,
  scaleOutGbps: 400,
  tdpW: 700,
  rentalUsdPerHour: 2.5,
};

function parseWith<T>(schema: z.ZodType, what: string, text: string): { value: T | null; error: string | null } {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    return { value: null, error: `${what} JSON: ${e instanceof Error ? e.message : String(e)}` };
  }
  const r = schema.safeParse(raw);
  if (!r.success) {
    const i = r.error.issues[0];
    return { value: null, error: `${what} JSON: ${i.path.map(String).join('.') || '(top level)'}: ${i.message}` };
  }
  return { value: r.data as T, error: null };
}

/** The model, or a one-line error naming the field. */
export function parseCustomModel(text: string): { model: Model | null; error: string | null } {
  const r = parseWith<Model>(modelSchema, 'model', text);
  return { model: r.value, error: r.error };
}

/** The chip, or a one-line error naming the field. */
export function parseCustomChip(text: string): { chip: Chip | null; error: string | null } {
  const r = parseWith<Chip>(chipSchema, 'chip', text);
  return { chip: r.value, error: r.error };
}
