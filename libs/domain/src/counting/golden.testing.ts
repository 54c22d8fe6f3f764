import { readFileSync } from 'fs';
import { resolve } from 'path';

/** The golden values printed in the source documents (test/fixtures/golden-rates.json, with its source). */
export const GOLDEN_RATES_PATH = resolve(__dirname, '../../../../test/fixtures/golden-rates.json');

export interface GoldenRates {
  ratios: { numerator: number | string; denominator: number | string; halfUp: string | null; truncate: string | null; source: string }[];
  targetAttainment: {
    comparator: 'atLeast' | 'atMost' | 'between';
    target?: number | string;
    min?: number | string;
    max?: number | string;
    actual: number | string;
    attainment?: string;
    met: boolean;
    source: string;
  }[];
  parIndexDistrict2023: {
    areas: { code: string; name: string; max: string; score: string }[];
    selfAssessmentMax: string;
    selfAssessmentScore: string;
    sipasMax: string;
    sipasScore: string;
    totalMax: string;
    totalScore: string;
    rank: string;
  };
}

export const loadGoldenRates = (): GoldenRates => JSON.parse(readFileSync(GOLDEN_RATES_PATH, 'utf8')) as GoldenRates;
