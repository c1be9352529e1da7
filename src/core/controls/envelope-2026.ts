/**
 * Whether a chip falls inside the 2026 China/Macau case-by-case envelope of 91 FR 1684-1689
 * (us-2026-01): TPP < 21,000 AND total DRAM bandwidth < 6,500 GB/s, both strict. Chips that are
 * not 3A090 items need no licence for this envelope to matter ('not controlled'); a chip missing
 * a value the decision needs is 'undetermined', with the missing value named.
 */
import type { Chip } from '../catalog/schemas.js';
import { chipMetrics, DEFAULT_TPP_SETTINGS } from './metrics.js';
import { params2023 } from './us-2023-10.js';
import { US_2026_01 } from './us-2026-01.js';
import type { TppSettings } from './types.js';

/** inside: case-by-case review; outside: presumption of denial; not-controlled: no 3A090 licence; undetermined: a value is missing. */
export type Envelope2026Status = 'inside' | 'outside' | 'not-controlled' | 'undetermined';

/** One chip against the 2026 envelope. */
export interface Envelope2026Row {
  /** Chip id. */
  readonly id: string;
  /** Name. */
  readonly name: string;
  /** `shipping` or `announced` (roadmap part). */
  readonly status: 'shipping' | 'announced';
  /** TPP, or null. */
  readonly tpp: number | null;
  /** DRAM bandwidth, GB/s, or null. */
  readonly memoryGBps: number | null;
  /** 3A090 paragraph under us-2023-10, or null. */
  readonly eccn: string | null;
  /** The verdict. */
  readonly envelope: Envelope2026Status;
  /** Why, in one sentence. */
  readonly why: string;
}

/** The 2026 envelope verdict for one chip (pure). */
export function envelope2026(chip: Chip, settings: TppSettings = DEFAULT_TPP_SETTINGS): Envelope2026Row {
  const m = chipMetrics(chip, settings);
  const p = params2023(m);
  const base = { id: chip.id, name: chip.name, status: chip.status ?? 'shipping', tpp: m.tpp, memoryGBps: m.memoryGBps, eccn: p.eccn } as const;
  const tppIn = m.tpp === null ? null : m.tpp < US_2026_01.tpp;
  const memIn = m.memoryGBps === null ? null : m.memoryGBps < US_2026_01.memoryGBps;
  const limits = `TPP < ${US_2026_01.tpp.toLocaleString('en-US')} and DRAM bandwidth < ${US_2026_01.memoryGBps.toLocaleString('en-US')} GB/s`;
  if (p.outcome === 'not-controlled') return { ...base, envelope: 'not-controlled', why: 'not a 3A090 item under us-2023-10: no licence, the envelope does not apply' };
  if (tppIn === false || memIn === false) {
    const over = [tppIn === false ? `TPP ${Math.round(m.tpp!).toLocaleString('en-US')}` : null, memIn === false ? `DRAM ${Math.round(m.memoryGBps!).toLocaleString('en-US')} GB/s` : null].filter(Boolean).join(' and ');
    return { ...base, envelope: 'outside', why: `${over} outside ${limits}: presumption of denial for China/Macau` };
  }
  if (p.outcome === 'undetermined') return { ...base, envelope: 'undetermined', why: `3A090 status undetermined: ${p.undecided.join('; ')}` };
  if (tppIn === null || memIn === null) return { ...base, envelope: 'undetermined', why: `${tppIn === null ? 'TPP' : 'DRAM bandwidth'} not public; the envelope needs ${limits}` };
  return { ...base, envelope: 'inside', why: `${limits}: case-by-case review for China/Macau (conditions apply; not licence-free)` };
}
