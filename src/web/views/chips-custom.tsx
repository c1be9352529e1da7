/**
 * "Classify your own chip": a form whose values live in the URL (`custom=` packed JSON), turned
 * into a catalog-shaped chip and classified by the same classifyChip the CLI's `classify` uses.
 */
import type { Chip } from '../../core/catalog/schemas.js';
import type { ChipClassification } from '../../core/controls/classify.js';
import { CheckField, parsePositive, TextField } from '../components/fields.js';

/** The form's fields (strings as typed, so invalid input survives a reload and shows its error). */
export interface CustomChipForm {
  name: string;
  datacenter: boolean;
  bf16: string;
  fp8: string;
  int8: string;
  fp4: string;
  dieAreaMm2: string;
  memoryTBps: string;
  scaleUpGBps: string;
  hostIoGBps: string;
}

/** An example (roughly an H20-class part) so the form starts filled. */
export const EXAMPLE_FORM: CustomChipForm = { name: 'My accelerator', datacenter: true, bf16: '148', fp8: '296', int8: '', fp4: '', dieAreaMm2: '814', memoryTBps: '4', scaleUpGBps: '900', hostIoGBps: '128' };

const NUMERIC = ['bf16', 'fp8', 'int8', 'fp4', 'dieAreaMm2', 'memoryTBps', 'scaleUpGBps', 'hostIoGBps'] as const;
const LABELS: Readonly<Record<(typeof NUMERIC)[number], string>> = {
  bf16: 'Dense BF16 TFLOPS',
  fp8: 'Dense FP8 TFLOPS',
  int8: 'Dense INT8 TOPS',
  fp4: 'Dense FP4 TFLOPS',
  dieAreaMm2: 'Applicable die area, mm²',
  memoryTBps: 'Memory bandwidth, TB/s',
  scaleUpGBps: 'Scale-up bandwidth, GB/s (bidirectional)',
  hostIoGBps: 'Host I/O, GB/s (bidirectional)',
};

/** The chip, or the errors per field. */
export function formToChip(f: CustomChipForm): { chip: Chip | null; errors: Partial<Record<keyof CustomChipForm, string>> } {
  const errors: Partial<Record<keyof CustomChipForm, string>> = {};
  const v: Partial<Record<(typeof NUMERIC)[number], number | null>> = {};
  for (const k of NUMERIC) {
    const r = parsePositive(LABELS[k], f[k] ?? '', { optional: true });
    if (r.error) errors[k] = r.error;
    v[k] = r.value;
  }
  if (!f.name?.trim()) errors.name = 'Name: required';
  if (!errors.bf16 && v.bf16 == null && v.fp8 == null && v.int8 == null && v.fp4 == null) errors.bf16 = 'Give at least one dense throughput (BF16, FP8, INT8 or FP4)';
  if (Object.keys(errors).length) return { chip: null, errors };
  const chip: Chip = {
    id: 'custom',
    name: f.name.trim(),
    vendor: 'custom',
    datacenter: f.datacenter,
    tflops: { bf16: v.bf16, fp8: v.fp8, int8: v.int8, fp4: v.fp4 },
    dieAreaMm2: v.dieAreaMm2,
    memoryTBps: v.memoryTBps,
    scaleUpGBps: v.scaleUpGBps,
    hostIoGBps: v.hostIoGBps,
    estimated: [],
    sources: ['user input'],
  } as Chip;
  return { chip, errors };
}

export function CustomChipPanel({ form, onChange, result }: { form: CustomChipForm; onChange: (f: CustomChipForm) => void; result: ChipClassification | null }) {
  const { errors } = formToChip(form);
  const set = (k: keyof CustomChipForm) => (val: string) => onChange({ ...form, [k]: val });
  return (
    <section aria-labelledby="custom-h">
      <h2 id="custom-h">Classify a custom chip</h2>
      <form class="controls" onSubmit={(e) => e.preventDefault()} data-form="custom-chip">
        <TextField label="Name" name="name" value={form.name} onInput={set('name')} error={errors.name} />
        {NUMERIC.map((k) => (
          <TextField label={LABELS[k]} name={k} type="text" value={form[k]} onInput={set(k)} error={errors[k]} />
        ))}
        <CheckField label="Designed or marketed for datacenters" name="datacenter" checked={form.datacenter} onChange={(b) => onChange({ ...form, datacenter: b })} />
      </form>
      {result ? (
        <div class="table-wrap" data-custom-result role="region" aria-label="custom chip result" tabIndex={0}>
          <p>
            <strong>{result.name}</strong>: TPP {result.tpp === null ? 'unknown' : Math.round(result.tpp).toLocaleString('en-US')} ({result.tppBasis}), PD {result.pd === null ? 'unknown' : result.pd.toFixed(2)}
          </p>
          <table>
            <thead>
              <tr>
                <th scope="col">rule</th>
                <th scope="col">status</th>
                <th scope="col">verdict</th>
                <th scope="col">licence</th>
                <th scope="col">why</th>
              </tr>
            </thead>
            <tbody>
              {result.classifications.map((c) => (
                <tr>
                  <td>{c.rule}</td>
                  <td>{c.status}</td>
                  <td>{c.outcome === 'undetermined' ? 'undetermined' : (c.eccn ?? 'not controlled')}{c.reviewPolicy ? ` (${c.reviewPolicy})` : ''}</td>
                  <td>{c.licenceRequired === null ? '?' : c.licenceRequired ? `required${c.licenseExceptions.length ? ` (${c.licenseExceptions.join(', ')})` : ''}` : 'no'}</td>
                  <td>{[...c.reasons, ...c.undecided].join('; ')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
