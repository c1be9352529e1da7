import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CsvShapeError, csvCell, csvText, recordsCsv, snakeCase } from './csv.js';
import { parseCsv } from '../../test/csv-parse.js';


describe('csvCell and csvText', () => {
  it('quotes commas, quotes and line breaks; empty for null, undefined and non-finite numbers', () => {
    expect(csvText(['a', 'b', 'c', 'd'], [['x,y', 'say "hi"', null, Infinity], [1, true, 'line\nbreak', 0.1]])).toBe('a,b,c,d\n"x,y","say ""hi""",,\n1,true,"line\nbreak",0.1');
    expect(csvCell('cr\r')).toBe('"cr\r"');
  });

  it('round-trips any table of strings through an RFC 4180 reader', () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.string(), { minLength: 3, maxLength: 3 }), { maxLength: 6 }), (rows) => {
        const text = csvText(['a', 'b', 'c'], rows);
        expect(parseCsv(text)).toEqual([['a', 'b', 'c'], ...rows]);
      }),
    );
  });
});

describe('snakeCase', () => {
  it('keeps the unit of the JSON name as a suffix', () => {
    const cases: [string, string][] = [
      ['stepTimeSeconds', 'step_time_s'],
      ['computeS', 'compute_s'],
      ['peakGiB', 'peak_gib'],
      ['memoryGB', 'memory_gb'],
      ['memoryTBps', 'memory_tbps'],
      ['scaleUpGBps', 'scale_up_gbps'],
      ['scaleOutGbps', 'scale_out_gbps'],
      ['io2022GBps', 'io2022_gbps'],
      ['energyMWh', 'energy_mwh'],
      ['tdpW', 'tdp_w'],
      ['dieAreaMm2', 'die_area_mm2'],
      ['costUsd', 'cost_usd'],
      ['ttftP99Seconds', 'ttft_p99_s'],
      ['seconds', 's'],
      ['tokensPerSecondPerGpu', 'tokens_per_second_per_gpu'],
      ['bBest', 'b_best'],
      ['plan_microBatch', 'plan_micro_batch'],
      ['bf16', 'bf16'],
    ];
    for (const [k, v] of cases) expect(snakeCase(k), k).toBe(v);
  });
});

describe('recordsCsv', () => {
  it('flattens nested objects, joins lists of values, unions the columns in first-seen order', () => {
    const text = recordsCsv([
      { id: 'a', memory: { peakGiB: 1.5 }, tags: ['x', 'y'], issue: null },
      { id: 'b', memory: { peakGiB: 2 }, extra: 3, issue: { code: 'oom' } },
    ]);
    expect(parseCsv(text)).toEqual([
      ['id', 'memory_peak_gib', 'tags', 'extra', 'issue_code'],
      ['a', '1.5', 'x; y', '', ''],
      ['b', '2', '', '3', 'oom'],
    ]);
  });

  it('adds a unit under a prefix and renames columns', () => {
    expect(recordsCsv([{ breakdown: { gemm: 1, totalS: 2 }, bf16: 3 }], { units: { breakdown: 's' }, rename: { bf16: 'bf16_tflops' } }).split('\n')[0]).toBe('breakdown_gemm_s,breakdown_total_s,bf16_tflops');
  });

  it('refuses a list of objects and a column written twice (a bug in the table selection)', () => {
    expect(() => recordsCsv([{ rows: [{ a: 1 }] }])).toThrow(CsvShapeError);
    expect(() => recordsCsv([{ a_b: 1, a: { b: 2 } }])).toThrow(/appears twice/);
    expect(() => recordsCsv([{ x: 1, y: 2 }], { rename: { y: 'x' } })).toThrow(/appears twice/);
  });

  it('no records: empty text', () => {
    expect(recordsCsv([])).toBe('');
  });
});
