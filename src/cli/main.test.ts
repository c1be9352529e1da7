import { describe, expect, it } from 'vitest';
import { COMMAND_MODULES, buildProgram } from './main.js';
import { buildFullProgram } from './program.js';

describe('lazy command loading', () => {
  it('the lazy table names every command of the full program, each once', () => {
    const full = buildFullProgram().commands.map((c) => c.name()).sort();
    const lazy = COMMAND_MODULES.flatMap((m) => m.names).sort();
    expect(lazy).toEqual(full);
  });

  it('each command, loaded alone, registers itself', async () => {
    for (const m of COMMAND_MODULES) {
      for (const name of m.names) {
        const program = await buildProgram([name]);
        expect(program.commands.map((c) => c.name())).toContain(name);
      }
    }
  });

  it('help and unknown commands get every command', async () => {
    expect((await buildProgram(['--help'])).commands.length).toBe(buildFullProgram().commands.length);
    expect((await buildProgram(['trian'])).commands.length).toBe(buildFullProgram().commands.length);
  });
});

describe('--json envelope', () => {
  it('stamps objects with chipbound/<command>@<version> and train with its kind; arrays pass unchanged', async () => {
    const { withSchema, JSON_VERSION } = await import('./main.js');
    expect(JSON.parse(withSchema('{"tpp": 1}', ['classify', 'h20', '--json']))).toEqual({ schema: `chipbound/classify@${JSON_VERSION}`, tpp: 1 });
    expect(Object.keys(JSON.parse(withSchema('{"a": 1}', ['classify', '--json'])))[0]).toBe('schema');
    expect(JSON.parse(withSchema('{"search": {}}', ['train', '--json'])).kind).toBe('search');
    expect(JSON.parse(withSchema('{"sweep": [], "search": {}}', ['train', '--json'])).kind).toBe('sweep');
    expect(JSON.parse(withSchema('{"stepTimeSeconds": 1}', ['train', '--json'])).kind).toBe('evaluation');
    expect(JSON.parse(withSchema('{}', ['validate', '--inference', '--json'])).schema).toBe('chipbound/validate-inference@1');
    expect(withSchema('[1, 2]\n', ['chips', '--json'])).toBe('[1, 2]\n');
    expect(withSchema('not json', ['x'])).toBe('not json');
  });

  it('every stamped name has a JSON Schema under schemas/output/', async () => {
    const { outputSchemas } = await import('../core/output-schemas/index.js');
    for (const c of ['classify', 'headroom', 'rules', 'fleet-cap', 'train', 'validate', 'validate-inference', 'infer', 'race', 'race-reproduce', 'scenario', 'ablate', 'overview', 'chip', 'model']) expect(outputSchemas, c).toHaveProperty(c);
  });
});
