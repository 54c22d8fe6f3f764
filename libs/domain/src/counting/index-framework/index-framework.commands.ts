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

/**
 * Corrects a registered framework version (admin): name, areas (names, max points), criteria,
 * SIPAS. What is left out stays as it was; `null` clears the name or the SIPAS component. The
 * code, year and level name the stream and do not change. Reports use the latest values.
 */
export interface AmendIndexFramework {
  type: 'AmendIndexFramework';
  data: Partial<Omit<RegisterIndexFramework['data'], 'code' | 'year' | 'level'>> & { reason: string };
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

export type IndexFrameworkCommand = RegisterIndexFramework | AmendIndexFramework | RecordIndexScores;
