import { DecimalInput } from '../decimal';
import { IndexLevel } from './index-framework';

export interface RegisterIndexFramework {
  type: 'RegisterIndexFramework';
  data: {
    code: string;
    year: number;
    level: IndexLevel;
    name?: string | null;
    areas: { code: string; name: string; max: DecimalInput }[];
    criteria?: { code: string; name: string; max?: DecimalInput | null }[];
    sipasMax?: DecimalInput | null;
  };
}

/** A unit's published result. `total`, when given, must equal areas + SIPAS (a typo check). */
export interface RecordIndexScores {
  type: 'RecordIndexScores';
  data: {
    unit: string;
    scores: Record<string, DecimalInput>;
    sipas?: DecimalInput | null;
    total?: DecimalInput | null;
    rank?: string | null;
    source?: string | null;
  };
}

export type IndexFrameworkCommand = RegisterIndexFramework | RecordIndexScores;
