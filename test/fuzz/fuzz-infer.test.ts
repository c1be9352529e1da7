/** Fuzzes the infer commands' flags, arguments and files (issue #9 item 2). */
import { FAMILIES, fuzzSuite } from './suite.js';

fuzzSuite('infer commands', FAMILIES.infer);
