/** Fuzzes every command registered in main.ts that no family suite lists, so new commands are covered at once. */
import { fuzzSuite } from './suite.js';

fuzzSuite('other commands', null);
