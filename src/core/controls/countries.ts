/**
 * Destinations: the EAR country groups the rules test (15 CFR 740 Supp. 1: D:1, D:4, D:5, A:5,
 * A:6) and the AI Diffusion tiers (90 FR 4544, Supp. 5 to part 740 for Tier 1).
 *
 * Simplification (docs/controls.md): groups are modeled for the destinations this tool is
 * asked about (CN, HK, MO, RU, US, GB, DE, JP, IN, AE, SA, SG, MY, VN) and the Tier 1 and
 * D:5 lists; any other code is assumed to be in none of D:1/D:4/D:5/A:5/A:6 and in Tier 2.
 */
import { ChipboundError } from '../errors.js';
import { countryCodeError } from './iso-countries.js';
import type { CountryInfo } from './types.js';

/** Sources for the country data. */
export const COUNTRY_SOURCES = [
  '15 CFR part 740 Supplement No. 1 (Country Groups), https://www.ecfr.gov/current/title-15/subtitle-B/chapter-VII/subchapter-C/part-740/appendix-Supplement%20No.%201%20to%20Part%20740',
  'AI Diffusion tiers: 90 FR 4544 (FR Doc 2025-00636) Supp. 5 to part 740; https://blog.heim.xyz/understanding-the-ai-diffusion-framework',
  'Hong Kong treated as China since Executive Order 13936 (Jul 2020) and 85 FR 83765',
] as const;

/**
 * Tier 1 (90 FR 4544, Supp. 5 to part 740): the US plus 18 countries, no caps
 * (reference controls.md §2.4).
 */
export const TIER1: readonly string[] = ['US', 'AU', 'BE', 'CA', 'DK', 'FI', 'FR', 'DE', 'IE', 'IT', 'JP', 'NL', 'NZ', 'NO', 'KR', 'ES', 'SE', 'TW', 'GB'];

/**
 * Country Group D:5 (U.S. arms embargoed), as listed in Supp. 1 to part 740 in 2025. Tier 3 of
 * the AI Diffusion rule is D:5 plus Macau. Hong Kong is treated as China.
 */
export const D5: readonly string[] = ['AF', 'BY', 'MM', 'KH', 'CF', 'CN', 'CD', 'CU', 'ER', 'HT', 'IR', 'IQ', 'KP', 'LB', 'LY', 'NI', 'RU', 'SO', 'SS', 'SD', 'SY', 'VE', 'ZW', 'HK'];

/** Modeled country groups per destination (beyond D:5 membership, which comes from D5). */
const GROUPS: Readonly<Record<string, { name: string; groups: readonly string[] }>> = {
  CN: { name: 'China', groups: ['D:1', 'D:3', 'D:4', 'D:5'] },
  HK: { name: 'Hong Kong (treated as China)', groups: ['D:1', 'D:3', 'D:4', 'D:5'] },
  MO: { name: 'Macau', groups: ['D:1', 'D:3', 'D:4'] },
  RU: { name: 'Russia', groups: ['D:1', 'D:2', 'D:3', 'D:4', 'D:5'] },
  US: { name: 'United States', groups: [] },
  GB: { name: 'United Kingdom', groups: ['A:1', 'A:5'] },
  DE: { name: 'Germany', groups: ['A:1', 'A:5'] },
  JP: { name: 'Japan', groups: ['A:1', 'A:5'] },
  IN: { name: 'India', groups: ['A:5'] },
  AE: { name: 'United Arab Emirates', groups: ['D:3', 'D:4'] },
  SA: { name: 'Saudi Arabia', groups: ['D:3', 'D:4'] },
  SG: { name: 'Singapore', groups: [] },
  MY: { name: 'Malaysia', groups: [] },
  VN: { name: 'Vietnam', groups: ['D:1', 'D:3', 'D:4'] },
};

/** The destination for a code (ISO 3166 alpha-2, case-insensitive). Bad codes are a usage error naming `what` (the field or flag). */
export function country(code: string, what = 'destination'): CountryInfo {
  const c = code.trim().toUpperCase();
  const bad = countryCodeError(c);
  if (bad) throw new ChipboundError('usage', `${what}: ${bad}`);
  const known = GROUPS[c];
  const groups = known ? known.groups : D5.includes(c) ? ['D:5'] : [];
  const tier: 1 | 2 | 3 = TIER1.includes(c) ? 1 : D5.includes(c) || c === 'MO' ? 3 : 2;
  return { code: c, name: known?.name ?? c, groups, tier, defaulted: !known };
}

/** China, Hong Kong or Macau: the destinations of the 2022 rule and the 2026 review policy. */
export function isChinaOrMacau(c: CountryInfo): boolean {
  return c.code === 'CN' || c.code === 'HK' || c.code === 'MO';
}

/** D:5 or Macau: NAC notification, Tier 3, and the worldwide headquarters requirement. */
export function isD5OrMacau(c: CountryInfo): boolean {
  return c.groups.includes('D:5') || c.code === 'MO';
}

/**
 * 3A090 destinations since 88 FR 73458: D:1, D:4 or D:5 and not also A:5 or A:6, plus Macau
 * (§742.6(a)(6)(iii)).
 */
export function isAdvancedComputingDestination(c: CountryInfo): boolean {
  if (c.code === 'MO') return true;
  const d = c.groups.some((g) => g === 'D:1' || g === 'D:4' || g === 'D:5');
  const a = c.groups.some((g) => g === 'A:5' || g === 'A:6');
  return d && !a;
}
