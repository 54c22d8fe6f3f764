import { CommandContext, Decider, DomainError, assertNever, conflict, invalid, notFound } from '../../shared';
import { assertOfficeCode, optionalText, requireLeaderFor, requireRole, requireText } from '../../office';
import { Dec, decimalString, toDec } from '../decimal';
import { CRITERION_CODE, INDEX_LEVELS, IndexFramework, IndexLevel, areaAttainment, areaOf, validateScores } from './index-framework';
import { AmendIndexFramework, IndexFrameworkCommand, RecordIndexScores, RegisterIndexFramework } from './index-framework.commands';
import { IndexFrameworkEvent } from './index-framework.events';
import { evolveIndexFramework } from './index-framework.evolve';
import { IndexFrameworkState, initialIndexFrameworkState } from './index-framework.state';

const FRAMEWORK_CODE = /^[A-Za-z0-9_-]{1,32}$/;

/**
 * Frameworks are province-wide reference data: only an admin registers or amends them (issue 13,
 * item 10). Results are recorded by leaders for units in their subtree, and by admins.
 */
export function decideIndexFramework(
  command: IndexFrameworkCommand,
  state: IndexFrameworkState,
  ctx: CommandContext,
): IndexFrameworkEvent[] {
  switch (command.type) {
    case 'RegisterIndexFramework': {
      requireRole(ctx, ['admin']);
      const framework = parseFramework(command.data);
      if (state.framework) {
        throw conflict('INDEX_FRAMEWORK_EXISTS', `${framework.code} ${framework.year} (${framework.level}) is already registered`, 'code');
      }
      return [{ type: 'IndexFrameworkRegistered', data: framework }];
    }
    case 'AmendIndexFramework':
      return [amend(command, state, ctx)];
    case 'RecordIndexScores':
      return [record(command, state, ctx)];
    default:
      return assertNever(command);
  }
}

function amend(command: AmendIndexFramework, state: IndexFrameworkState, ctx: CommandContext): IndexFrameworkEvent {
  requireRole(ctx, ['admin']);
  const current = state.framework;
  if (!current) throw notFound('INDEX_FRAMEWORK_NOT_FOUND', 'no such index framework');
  const reason = requireText(command.data.reason, 'reason', 'REASON_REQUIRED');
  const d = command.data;
  const framework = parseFramework({
    code: current.code,
    year: current.year,
    level: current.level,
    name: d.name !== undefined ? d.name : current.name,
    areas: d.areas ?? current.areas,
    criteria: d.criteria ?? current.criteria,
    sipasMax: d.sipasMax !== undefined ? d.sipasMax : current.sipasMax,
  });
  if (JSON.stringify(framework) === JSON.stringify(current)) throw invalid('NOTHING_TO_AMEND', 'the amendment changes nothing', 'areas');
  // Recorded results must still read under the corrected framework: every area scored, in range.
  for (const [unit, result] of Object.entries(state.units)) {
    const unscored = framework.areas.find((a) => result.scores[a.code] === undefined);
    try {
      if (unscored) throw invalid('MISSING_SCORE', `no score for area ${unscored.code}`, 'areas');
      validateScores(framework, { scores: result.scores, sipas: result.sipas });
    } catch (e) {
      if (!(e instanceof DomainError)) throw e;
      throw conflict('AMENDMENT_CONFLICTS_WITH_SCORES', `the scores recorded for ${unit} would not fit: ${e.message}`, 'areas');
    }
  }
  return { type: 'IndexFrameworkAmended', data: { ...framework, reason } };
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
      throw invalid(
        'TOTAL_MISMATCH',
        `total ${given.toFixed()} is not the sum of the parts (${result.total.score ?? 'incomplete'})`,
        'total',
      );
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
  duplicates(
    areas.map((a) => a.code),
    'areas',
  );
  if (areas.some((a) => a.code.includes('.'))) throw invalid('INVALID_AREAS', 'an area code has one segment', 'areas');
  const areaMax = new Map(areas.map((a) => [a.code, a.max]));
  const criteria = (d.criteria ?? []).map((c, i) => {
    const code = criterionCode(c.code, `criteria[${i}].code`);
    const max = c.max === undefined || c.max === null ? null : positive(c.max, `criteria[${i}].max`);
    const inArea = areaMax.get(areaOf(code));
    if (inArea === undefined) throw invalid('UNKNOWN_AREA', `criterion ${code} is in no area`, `criteria[${i}].code`);
    if (max !== null && new Dec(max).gt(inArea))
      throw invalid('SCORE_OUT_OF_RANGE', `criterion ${code} max exceeds its area's`, `criteria[${i}].max`);
    return { code, name: requireText(c.name, `criteria[${i}].name`, 'INVALID_NAME', 500), max };
  });
  duplicates(
    criteria.map((c) => c.code),
    'criteria',
  );
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
  if (typeof value !== 'string' || !CRITERION_CODE.test(value.trim()))
    throw invalid('INVALID_CRITERION', `"${String(value)}" is not a criterion code`, field);
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
