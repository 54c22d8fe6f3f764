import { invalid } from '../../shared';
import { Dec, DecimalInput, Rounding, decimalString, toDec } from '../decimal';
import { percent } from '../rate';

/**
 * Index frameworks (Bộ chỉ số: PAR INDEX, SIPAS, DTI, PCI, PAPI), versioned per year and level.
 * Areas (lĩnh vực) carry max points; criteria (tiêu chí, tiêu chí thành phần) are coded
 * `1.3.2`, `7.3.3.2` and belong to the area named by their first segment. PAR INDEX adds the
 * SIPAS survey to the self-assessed areas (district 2023: 72 + 28 = 100), hence `sipasMax`.
 */
export type IndexLevel = 'province' | 'department' | 'district' | 'commune';
export const INDEX_LEVELS: readonly IndexLevel[] = ['province', 'department', 'district', 'commune'];

export interface IndexArea {
  code: string;
  name: string;
  /** Max points, canonical decimal string ("10.5"). */
  max: string;
}

export interface IndexCriterion {
  code: string;
  name: string;
  max: string | null;
}

export interface IndexFramework {
  code: string;
  year: number;
  level: IndexLevel;
  name: string | null;
  areas: IndexArea[];
  criteria: IndexCriterion[];
  /** Points of the SIPAS survey on top of the areas; null when the framework has none. */
  sipasMax: string | null;
}

/** What a unit scored: points per area code, and SIPAS when the framework has it. */
export interface UnitScores {
  scores: Record<string, DecimalInput>;
  sipas?: DecimalInput | null;
}

export interface ScoreLine {
  max: string;
  score: string | null;
  /** max − score: the points lost, that remediation tasks try to win back. */
  lost: string | null;
  attainment: string | null;
}

export interface AreaScore extends ScoreLine {
  code: string;
  name: string;
}

export interface FrameworkAttainment {
  areas: AreaScore[];
  /** The sum of the areas (PAR INDEX: the self-assessment, 63.26 / 72). */
  selfAssessment: ScoreLine;
  sipas: ScoreLine | null;
  /** Areas plus SIPAS (82.84 / 100). */
  total: ScoreLine;
}

export const CRITERION_CODE = /^[0-9A-Za-z]+(\.[0-9A-Za-z]+)*$/;

/** '7.3.3.2' → '7': the area of a criterion is its first segment. */
export function areaOf(criterionCode: string): string {
  return criterionCode.trim().split('.')[0];
}

/** Sums criterion points into their areas (for units scored per criterion). */
export function sumByArea(criterionScores: Record<string, DecimalInput>): Record<string, string> {
  const sums = new Map<string, Dec>();
  for (const [code, score] of Object.entries(criterionScores)) {
    const area = areaOf(code);
    sums.set(area, (sums.get(area) ?? new Dec(0)).plus(toDec(score, `scores.${code}`)));
  }
  return Object.fromEntries([...sums].map(([area, sum]) => [area, decimalString(sum.toFixed())]));
}

/** Scores must name known areas and lie within 0..max; SIPAS only where the framework has it. */
export function validateScores(framework: IndexFramework, unit: UnitScores): void {
  const areas = new Map(framework.areas.map((a) => [a.code, a]));
  for (const [code, value] of Object.entries(unit.scores)) {
    const area = areas.get(code);
    if (!area) throw invalid('UNKNOWN_AREA', `${framework.code} ${framework.year} has no area ${code}`, `scores.${code}`);
    checkRange(value, area.max, `scores.${code}`);
  }
  if (unit.sipas !== undefined && unit.sipas !== null) {
    if (framework.sipasMax === null) throw invalid('UNKNOWN_AREA', `${framework.code} has no SIPAS component`, 'sipas');
    checkRange(unit.sipas, framework.sipasMax, 'sipas');
  }
}

function checkRange(value: DecimalInput, max: string, field: string): void {
  const d = toDec(value, field);
  if (d.isNeg() || d.gt(max)) throw invalid('SCORE_OUT_OF_RANGE', `${d.toFixed()} is outside 0..${max}`, field);
}

/**
 * Per area: score, points lost and attainment = score / max (9.2 / 10.5 → 87.61 truncated, 87.62
 * half-up); then the areas' sum, SIPAS and the total. An area without a score has nulls, and so
 * does every sum it is part of: a partial sum would read as a low score.
 */
export function areaAttainment(framework: IndexFramework, unit: UnitScores, rounding: Rounding = 'halfUp'): FrameworkAttainment {
  validateScores(framework, unit);
  const line = (max: Dec, score: Dec | null): ScoreLine => ({
    max: str(max),
    score: score && str(score),
    lost: score && str(max.minus(score)),
    attainment: score && percent(score.toFixed(), max.toFixed(), rounding),
  });
  const areas = framework.areas.map((a) => {
    const raw = unit.scores[a.code];
    return { code: a.code, name: a.name, ...line(new Dec(a.max), raw === undefined ? null : toDec(raw)) };
  });
  const sum = (xs: (string | null)[]): Dec | null =>
    xs.some((x) => x === null) ? null : xs.reduce((acc: Dec, x) => acc.plus(x as string), new Dec(0));
  const selfMax = sum(framework.areas.map((a) => a.max)) as Dec;
  const selfScore = sum(areas.map((a) => a.score));
  const selfAssessment = line(selfMax, selfScore);
  if (framework.sipasMax === null) return { areas, selfAssessment, sipas: null, total: selfAssessment };
  const sipasScore = unit.sipas === undefined || unit.sipas === null ? null : toDec(unit.sipas);
  const sipas = line(new Dec(framework.sipasMax), sipasScore);
  const total = line(selfMax.plus(framework.sipasMax), selfScore && sipasScore && selfScore.plus(sipasScore));
  return { areas, selfAssessment, sipas, total };
}

const str = (d: Dec): string => decimalString(d.toFixed());
