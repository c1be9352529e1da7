/** Training chips under the export rules: golden verdicts from the controls engine and the join logic. */
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { loadFile } from '../../io/parse-file.js';
import { chipSchema, type Chip } from '../catalog/schemas.js';
import { raceEntrySchema, type RaceEntry } from './schema.js';
import { classifyTrainingChips, controlsClassifier, type ChipClassifier } from './chips.js';

const root = join(import.meta.dirname, '../../..');
const chip = (id: string): Chip => loadFile(chipSchema, join(root, 'data/chips', `${id}.yaml`), 'chip');
const entry = (id: string): RaceEntry => loadFile(raceEntrySchema, join(root, 'data/race', `${id}.yaml`), 'race entry');

describe('controlsClassifier (golden, controls.md §2.1-2.2)', () => {
  it('H800 to China: uncontrolled under the Oct 2022 rule (NVLink 400 GB/s < 600), 3A090.a.1 from Nov 17 2023', () => {
    const h800 = chip('nvidia-h800-sxm5-80gb');
    expect(controlsClassifier(h800, { date: '2023-06-01', destination: 'CN' }).licenceRequired).toBe(false);
    const v = controlsClassifier(h800, { date: '2024-12-26', destination: 'CN' });
    expect(v.licenceRequired).toBe(true);
    expect(v.label).toMatch(/3A090\.a\.1/);
  });
  it('H100 to the U.S.: classified, no licence', () => {
    const v = controlsClassifier(chip('nvidia-h100-sxm5-80gb'), { date: '2024-07-23', destination: 'US' });
    expect(v.label).toMatch(/3A090\.a/);
    expect(v.licenceRequired).toBe(false);
  });
});

describe('classifyTrainingChips', () => {
  const get = (id: string) => {
    try {
      return chip(id);
    } catch {
      return null;
    }
  };
  it('DeepSeek-V3 on H800: licence needed since the Oct 2023 rule took effect (2023-11-17)', () => {
    const [row] = classifyTrainingChips([entry('deepseek-v3')], get, controlsClassifier);
    expect(row.chip).toBe('nvidia-h800-sxm5-80gb');
    expect(row.count).toBe(2048);
    expect(row.verdict?.licenceRequired).toBe(true);
    expect(row.licenceSince).toBe('2023-11-17');
  });
  it('Baichuan 2 on A800 in Sep 2023: not controlled (the 2022 interconnect loophole)', () => {
    const [row] = classifyTrainingChips([entry('baichuan2-13b')], get, controlsClassifier);
    expect(row.verdict?.label).toBe('not controlled');
    expect(row.licenceSince).toBeNull();
  });
  it('passes the release date and the lab country to the classifier, and skips entries without chips', () => {
    const calls: string[] = [];
    const stub: ChipClassifier = (c, ctx) => {
      calls.push(`${c.id}@${ctx.date}/${ctx.destination}`);
      return { label: 'x', licenceRequired: ctx.date >= '2024-01-01', rulesInForce: [], reasons: [] };
    };
    const rows = classifyTrainingChips([entry('deepseek-v3'), entry('gpt-4o')], get, stub, ['2022-10-07', '2024-01-01', '2025-01-01']);
    expect(rows).toHaveLength(1);
    expect(calls[0]).toBe('nvidia-h800-sxm5-80gb@2024-12-26/CN');
    expect(rows[0].licenceSince).toBe('2024-01-01');
  });
});
