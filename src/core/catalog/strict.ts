/**
 * Strict zod objects for everything users write: an unknown key is an error naming the key
 * and the nearest known one (`unknown field 'memoryGb' (did you mean 'memoryGB'?)`), never
 * silently dropped (issue #14; CONVENTIONS "Strict at the edges").
 */
import { z } from 'zod';
import { editDistance } from './nearest.js';

/** Keys that must never be read from or written into an object model. */
export const FORBIDDEN_KEYS: readonly string[] = ['__proto__', 'constructor', 'prototype'];

/** The known key nearest to `key` (case-insensitive edit distance, at most 3 and under half its length), or null. */
export function nearestKey(key: string, known: readonly string[]): string | null {
  const q = key.toLowerCase();
  let best: string | null = null;
  let bestD = Infinity;
  for (const k of known) {
    const d = editDistance(q, k.toLowerCase());
    if (d < bestD) [best, bestD] = [k, d];
  }
  return best !== null && bestD <= Math.min(3, Math.max(1, Math.floor(key.length / 2))) ? best : null;
}

/** The message for unknown keys of an object whose known keys are `known`. */
export function unknownKeysMessage(keys: readonly string[], known: readonly string[]): string {
  const one = (k: string) => {
    if (FORBIDDEN_KEYS.includes(k)) return `'${k}' is not allowed as a field name`;
    const near = nearestKey(k, known);
    return `unknown field '${k}'${near ? ` (did you mean '${near}'?)` : ` (known fields: ${known.join(', ')})`}`;
  };
  return keys.map(one).join('; ');
}

/** `z.strictObject` whose unknown-key error names the key and suggests the nearest known one. */
export function strictObject<T extends z.core.$ZodLooseShape>(shape: T) {
  const known = Object.keys(shape);
  return z.strictObject(shape, {
    error: (iss) => (iss.code === 'unrecognized_keys' ? unknownKeysMessage(iss.keys, known) : undefined),
  });
}
