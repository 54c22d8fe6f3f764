import { Injectable } from '@nestjs/common';
import {
  FINDING_EVENT_TYPES,
  FindingEvent,
  FindingState,
  INSPECTION_EVENT_TYPES,
  InspectionEvent,
  InspectionState,
  evolveFinding,
  evolveInspection,
} from '@dondoc/domain/inspection';
import type { RecordedEvent } from '@dondoc/event-store';
import { EntityManager, In } from 'typeorm';
import { foldStreams } from '../projection/fold-streams';
import { Projection } from '../projection/projection';
import { FindingEntity, InspectionEntity } from './inspection.entity';

const inspectionTypes = new Set<string>(INSPECTION_EVENT_TYPES);
const findingTypes = new Set<string>(FINDING_EVENT_TYPES);

/** Inspections and their findings, each its own stream, folded onto their stored rows. */
@Injectable()
export class InspectionProjector implements Projection {
  readonly name = 'inspections';
  readonly tables = ['rm_inspections', 'rm_findings'];
  readonly dependsOn = ['offices'];

  async apply(events: RecordedEvent[], tx: EntityManager): Promise<void> {
    await this.fold(events, tx);
    for (const e of events) if (e.type === 'OfficeMoved') await followMove((e.data as { code: string }).code, tx);
  }

  private async fold(events: RecordedEvent[], tx: EntityManager): Promise<void> {
    const inspections = tx.getRepository(InspectionEntity);
    const findings = tx.getRepository(FindingEntity);
    const foldedInspections = await foldStreams<InspectionState>(events, {
      prefix: 'inspection-',
      types: inspectionTypes,
      initial: null,
      evolve: (s, e) => evolveInspection(s, e as InspectionEvent),
      load: async (ids) => new Map((await inspections.findBy({ id: In(ids) })).map((r) => [r.id, { state: r.state, version: r.version }])),
    });
    const foldedFindings = await foldStreams<FindingState>(events, {
      prefix: 'finding-',
      types: findingTypes,
      initial: null,
      evolve: (s, e) => evolveFinding(s, e as FindingEvent),
      load: async (ids) => new Map((await findings.findBy({ id: In(ids) })).map((r) => [r.id, { state: r.state, version: r.version }])),
    });
    const codes = new Set<string>();
    for (const { state } of foldedInspections.values()) if (state) [state.inspectingOffice, ...state.offices].forEach((c) => codes.add(c));
    for (const { state } of foldedFindings.values()) if (state) codes.add(state.office);
    if (codes.size === 0) return;
    const rows = (await tx.query('SELECT code, path FROM rm_offices WHERE code = ANY($1)', [[...codes]])) as {
      code: string;
      path: string;
    }[];
    const paths = new Map(rows.map((r) => [r.code, r.path]));
    const pathOf = (code: string) => paths.get(code) ?? `/?/${code}/`;
    const inspectionRows = [...foldedInspections.values()].flatMap(({ state, version }) =>
      state
        ? [
            {
              id: state.id,
              code: state.code,
              title: state.title,
              inspectingOffice: state.inspectingOffice,
              offices: state.offices,
              paths: [state.inspectingOffice, ...state.offices].map(pathOf),
              planId: state.planId,
              periodFrom: state.period.from,
              status: state.status,
              state,
              version,
            },
          ]
        : [],
    );
    if (inspectionRows.length) await inspections.upsert(inspectionRows, ['id']);
    const findingRows = [...foldedFindings.values()].flatMap(({ state, version }) =>
      state
        ? [
            {
              id: state.id,
              inspectionId: state.inspectionId,
              inspectingOffice: state.inspectingOffice,
              office: state.office,
              officePath: pathOf(state.office),
              criterion: state.criterion,
              status: state.status,
              taskIds: state.remediation.map((r) => r.taskId),
              recordedAt: new Date(state.recordedAt),
              state,
              version,
            },
          ]
        : [],
    );
    if (findingRows.length) await findings.upsert(findingRows, ['id']);
  }
}

/**
 * An office moved: paths of offices in its subtree take their path as rm_offices has it now (the
 * offices projection is at or past this event). A path never known (`/?/CODE/`) stays as it was.
 */
async function followMove(code: string, tx: EntityManager): Promise<void> {
  await tx.query(
    `UPDATE rm_findings f SET office_path = o.path FROM rm_offices o, rm_offices moved
      WHERE moved.code = $1 AND starts_with(o.path, moved.path) AND f.office = o.code
        AND f.office_path <> o.path AND NOT starts_with(f.office_path, '/?/')`,
    [code],
  );
  await tx.query(
    `UPDATE rm_inspections i SET paths = ARRAY(
        SELECT CASE WHEN starts_with(u.p, '/?/') THEN u.p ELSE coalesce(o.path, u.p) END
          FROM unnest(ARRAY[i.inspecting_office] || i.offices, i.paths) WITH ORDINALITY AS u(c, p, n)
          LEFT JOIN rm_offices o ON o.code = u.c ORDER BY u.n)
      WHERE EXISTS (SELECT 1 FROM unnest(ARRAY[i.inspecting_office] || i.offices) AS c
                      JOIN rm_offices o ON o.code = c JOIN rm_offices moved ON moved.code = $1 AND starts_with(o.path, moved.path))`,
    [code],
  );
}
