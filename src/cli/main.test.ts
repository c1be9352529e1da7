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
