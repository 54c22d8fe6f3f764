import { IndexFramework } from './index-framework';
import { IndexScoresRecorded } from './index-framework.events';

export interface IndexFrameworkState {
  framework: IndexFramework | null;
  /** The latest recorded result per unit: a later record corrects an earlier one. */
  units: Record<string, IndexScoresRecorded['data']>;
}

export const initialIndexFrameworkState: IndexFrameworkState = { framework: null, units: {} };

/** One stream per framework version: code, year and level (`indexFramework-PAR_INDEX:2023:district`). */
export const indexFrameworkStreamId = (code: string, year: number, level: string): string => `indexFramework-${code}:${year}:${level}`;
