/** The fuzzers' fixed seed: the same cases on every run, so a failure reproduces. */
export const FUZZ_SEED = 92_026;
