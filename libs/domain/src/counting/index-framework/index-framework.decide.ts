import { CommandContext, Decider, assertNever, conflict, invalid, notFound } from '../../shared';
import { assertOfficeCode, optionalText, requireLeaderFor, requireRole, requireText } from '../../office';
import { Dec, decimalString, toDec } from '../decimal';
import { CRITERION_CODE, INDEX_LEVELS, IndexFramework, IndexLevel, areaAttainment, areaOf, validateScores } from './index-framework';
import { IndexFrameworkCommand, RecordIndexScores, RegisterIndexFramework } from './index-framework.commands';
import { IndexFrameworkEvent } from './index-framework.events';
import { evolveIndexFramework } from './index-framework.evolve';
import { IndexFrameworkState, initialIndexFrameworkState } from './index-framework.state';

const FRAMEWORK_CODE = /^[A-Za-z0-9_-]{1,32}$/;

/** Leaders and admins record frameworks and results; a leader only for units in its subtree. */
export function decideIndexFramework(
  command: IndexFrameworkCommand,
  state: IndexFrameworkState,
  ctx: CommandContext,
): IndexFrameworkEvent[] {
  switch (command.type) {
    case 'RegisterIndexFramework': {
      requireRole(ctx, ['leader', 'admin']);
      const framework = parseFramework(command.data);
      if (state.framework) {
        throw conflict('INDEX_FRAMEWORK_EXISTS', `${framework.code} ${framework.year} (${framework.level}) is already registered`, 'code');
      }
      return [{ type: 'IndexFrameworkRegistered', data: framework }];
    }
    case 'RecordIndexScores':
      return [record(command, state, ctx)];
    default:
      return assertNever(command);
  }
}

function record(command: RecordIndexScores, state: IndexFrameworkState, ctx: CommandContext): IndexFrameworkEvent {
  requireRole(ctx, ['leader', 'admin']);
  const framework = state.framework;
  if (!framework) throw notFound('INDEX_FRAMEWORK_NOT_FOUND', 'no such index framework');
  const d = command.data;
  const unit = assertOfficeCode(d.unit, 'unit');
  requireLeaderFor(ctx, unit);
  if (d.scores === null || typeof d.scores !== 'object' || Array.isArray(d.scores)) {
    throw invalid('INVALID_SCORES', 'scores must map area codes to points', 'scores');
  }
  const sipas = d.sipas === undefined || d.sipas === null ? null : d.sipas;
  validateScores(framework, { scores: d.scores, sipas });
  const missing = framework.areas.find((a) => d.scores[a.code] === undefined);
  if (missing) throw invalid('MISSING_SCORE', `no score for area ${missing.code}`, `scores.${missing.code}`);
  const result = areaAttainment(framework, { scores: d.scores, sipas });
  if (d.total !== undefined && d.total !== null) {
    const given = toDec(d.total, 'total');
    if (result.total.score === null || !given.eq(result.total.score)) {
      throw invalid('TOTAL_MISMATCH', `total ${given.toFixed()} is not the sum of the parts (${result.total.score ?? 'incomplete'})`, 'total');
    }
  }
  const scores = Object.fromEntries(framework.areas.map((a) => [a.code, decimalString(d.scores[a.code], `scores.${a.code}`)]));
  return {
    type: 'IndexScoresRecorded',
    data: {
      framework: framework.code,
      year: framework.year,
      level: framework.level,
      unit,
      scores,
      sipas: sipas === null ? null : decimalString(sipas, 'sipas'),
      total: result.total.score,
      rank: optionalText(d.rank, 'rank', 'INVALID_RANK', 32),
      source: optionalText(d.source, 'source'),
    },
  };
}

function parseFramework(d: RegisterIndexFramework['data']): IndexFramework {
  if (typeof d.code !== 'string' || !FRAMEWORK_CODE.test(d.code)) {
    throw invalid('INVALID_FRAMEWORK_CODE', 'code: letters, digits, - and _ (1–32), e.g. PAR_INDEX', 'code');
  }
  if (!Number.isInteger(d.year) || d.year < 1990 || d.year > 2200) throw invalid('INVALID_YEAR', 'year must be a year', 'year');
  if (!INDEX_LEVELS.includes(d.level as IndexLevel)) {
    throw invalid('INVALID_LEVEL', `level must be one of ${INDEX_LEVELS.join(', ')}`, 'level');
  }
  if (!Array.isArray(d.areas) || d.areas.length === 0) throw invalid('INVALID_AREAS', 'a framework needs areas', 'areas');
  const areas = d.areas.map((a, i) => ({
    code: criterionCode(a.code, `areas[${i}].code`),
    name: requireText(a.name, `areas[${i}].name`, 'INVALID_NAME', 500),
    max: positive(a.max, `areas[${i}].max`),
  }));
  duplicates(areas.map((a) => a.code), 'areas');
  if (areas.some((a) => a.code.includes('.'))) throw invalid('INVALID_AREAS', 'an area code has one segment', 'areas');
  const areaMax = new Map(areas.map((a) => [a.code, a.max]));
  const criteria = (d.criteria ?? []).map((c, i) => {
    const code = criterionCode(c.code, `criteria[${i}].code`);
    const max = c.max === undefined || c.max === null ? null : positive(c.max, `criteria[${i}].max`);
    const inArea = areaMax.get(areaOf(code));
    if (inArea === undefined) throw invalid('UNKNOWN_AREA', `criterion ${code} is in no area`, `criteria[${i}].code`);
    if (max !== null && new Dec(max).gt(inArea)) throw invalid('SCORE_OUT_OF_RANGE', `criterion ${code} max exceeds its area's`, `criteria[${i}].max`);
    return { code, name: requireText(c.name, `criteria[${i}].name`, 'INVALID_NAME', 500), max };
  });
  duplicates(criteria.map((c) => c.code), 'criteria');
  return {
    code: d.code,
    year: d.year,
    level: d.level,
    name: optionalText(d.name, 'name'),
    areas,
    criteria,
    sipasMax: d.sipasMax === undefined || d.sipasMax === null ? null : positive(d.sipasMax, 'sipasMax'),
  };
}

function criterionCode(value: unknown, field: string): string {
  if (typeof value !== 'string' || !CRITERION_CODE.test(value.trim())) throw invalid('INVALID_CRITERION', `"${String(value)}" is not a criterion code`, field);
  return value.trim();
}

function positive(value: unknown, field: string): string {
  const d = toDec(value, field);
  if (!d.gt(0)) throw invalid('INVALID_VALUE', 'max points must be above 0', field);
  return decimalString(d.toFixed());
}

function duplicates(codes: string[], field: string): void {
  const dup = codes.find((c, i) => codes.indexOf(c) !== i);
  if (dup !== undefined) throw invalid('DUPLICATE_CODE', `${dup} appears twice`, field);
}

export const indexFrameworkDecider: Decider<IndexFrameworkState, IndexFrameworkCommand, IndexFrameworkEvent> = {
  initialState: initialIndexFrameworkState,
  decide: decideIndexFramework,
  evolve: evolveIndexFramework,
};
