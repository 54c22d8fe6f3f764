import { LocalDate } from '../shared';
import { Rounding } from './decimal';
import { TargetSpec } from './target';
import { Measurement, latestMeasurement, targetAttainment } from './target-attainment';

export interface TargetDefinition extends TargetSpec {
  code: string;
  name: string;
}

/** One row of GET /v1/reports/targets. */
export interface TargetReportRow {
  code: string;
  name: string;
  unit: TargetSpec['unit'];
  comparator: TargetSpec['comparator'];
  /** The value for atLeast/atMost; `{ min, max }` for between. */
  target: string | { min: string; max: string };
  strict: boolean;
  actual: string | null;
  measuredOn: LocalDate | null;
  source: string | null;
  attainment: string | null;
  /** False until measured: an unmeasured target is not shown as met. */
  met: boolean;
}

export function targetReportRow(
  target: TargetDefinition,
  measurements: readonly Measurement[],
  asOf: LocalDate,
  rounding: Rounding = 'halfUp',
): TargetReportRow {
  const latest = latestMeasurement(measurements, asOf);
  const result = latest ? targetAttainment(target, latest.value, rounding) : { attainment: null, met: false };
  return {
    code: target.code,
    name: target.name,
    unit: target.unit,
    comparator: target.comparator,
    target: target.comparator === 'between' ? { min: target.min as string, max: target.max as string } : (target.value as string),
    strict: target.strict,
    actual: latest ? latest.value : null,
    measuredOn: latest ? latest.asOf : null,
    source: latest?.source ?? null,
    attainment: result.attainment,
    met: result.met,
  };
}
