/** Fuzzes the train commands' flags, arguments and files (issue #9 item 2). */
import { FAMILIES, fuzzSuite } from './suite.js';

fuzzSuite('train commands', FAMILIES.train);
