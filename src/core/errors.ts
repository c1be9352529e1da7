/**
 * The one error type for the truly exceptional (bad input the caller must fix). Modeling
 * outcomes such as an infeasible plan are values, not exceptions. The CLI turns a
 * ChipboundError into a one-line message and exit code 2 (docs/errors.md).
 */
export type ErrorCode =
  /** A flag or argument is missing or malformed. */
  | 'usage'
  /** A user file could not be parsed or does not match its schema. */
  | 'invalid_file'
  /** A catalog id that does not exist. */
  | 'unknown_id'
  /** A value needed for this computation is not public / not in the entry. */
  | 'missing_value'
  /** The input is outside the range the model supports. */
  | 'limit'
  /** Reading or writing a file failed. */
  | 'io';

export class ChipboundError extends Error {
  override readonly name = 'ChipboundError';
  constructor(
    /** Machine-readable kind (see docs/errors.md). */
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** Throws a usage error unless `ok`. */
export function require_(ok: boolean, message: string, code: ErrorCode = 'usage'): asserts ok {
  if (!ok) throw new ChipboundError(code, message);
}
