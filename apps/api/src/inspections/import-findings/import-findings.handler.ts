import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ImportInvalid } from '@dondoc/domain/import';
import {
  RecordFinding,
  findingDecider,
  findingStreamId,
  inspectionDecider,
  inspectionStreamId,
  readFindingTable,
  requireRecorder,
} from '@dondoc/domain/inspection';
import { conflict, notFound } from '@dondoc/domain/shared';
import { AggregateRunner, idFromRequest } from '../../application/aggregate-runner';
import { InspectionQuery } from '@dondoc/read-models/inspections/inspection.query';
import { bytes, csvRows, uploadFormat, xlsxRows } from '../../imports/plan-upload.reader';
import { ImportFindingsCommand, ImportFindingsOutcome } from './import-findings.command';

/**
 * An inspection conclusion's findings from CSV or XLSX (readFindingTable). Scope first: only the
 * inspection's recorders learn anything of the file. `dryRun` answers every row as understood
 * (offices matched and how, severity, errors) and writes nothing; otherwise every finding is
 * recorded in one append, all or nothing, and a file with any error is a 400 that lists them.
 */
@CommandHandler(ImportFindingsCommand)
export class ImportFindingsHandler implements ICommandHandler<ImportFindingsCommand> {
  constructor(
    private readonly runner: AggregateRunner,
    private readonly inspections: InspectionQuery,
  ) {}

  async execute({ inspectionId, upload, ctx, dryRun }: ImportFindingsCommand): Promise<ImportFindingsOutcome> {
    const { state: inspection } = await this.runner.load(inspectionStreamId(inspectionId), inspectionDecider);
    if (!inspection) throw notFound('INSPECTION_NOT_FOUND', `no inspection ${inspectionId}`);
    const offices = [inspection.inspectingOffice, ...inspection.offices];
    requireRecorder(await this.runner.contextFor(ctx, offices), inspection.inspectingOffice);
    if (inspection.status === 'cancelled') throw conflict('INSPECTION_CANCELLED', `inspection ${inspectionId} is cancelled`);
    const format = uploadFormat(upload.contentType);
    if (format !== 'csv' && format !== 'xlsx')
      throw new ImportInvalid([{ field: 'content-type', message: 'send the findings as text/csv or an XLSX workbook' }]);
    const cells = format === 'csv' ? csvRows(bytes(upload.body)) : await xlsxRows(bytes(upload.body));
    const names = await this.inspections.officeNames(inspection.offices);
    const table = readFindingTable(
      cells,
      inspection.offices.map((code) => ({ code, name: names.get(code) ?? code })),
    );
    if (dryRun) return { status: 200, answer: { dryRun: true, ...table }, position: null };
    if (!table.ok) throw new ImportInvalid([...table.errors, ...table.rows.flatMap((r) => r.errors)]);
    const items = table.rows.map((r, i) => {
      const findingId = idFromRequest(ctx, `finding-import:${inspectionId}`, i);
      const command: RecordFinding = {
        type: 'RecordFinding',
        data: {
          findingId,
          inspection,
          office: r.office!,
          criterion: r.criterion,
          severity: r.severity,
          description: r.description,
          requirement: r.requirement,
        },
      };
      return { streamId: findingStreamId(findingId), command };
    });
    const results = await this.runner.createMany(findingDecider, items, ctx, offices);
    const positions = results
      .map((r) => r.position)
      .filter((p): p is string => p !== null)
      .sort();
    return {
      status: 201,
      answer: {
        findings: results.map((r, i) => ({
          findingId: items[i].command.data.findingId,
          office: items[i].command.data.office,
          at: table.rows[i].at,
          version: r.version,
        })),
      },
      position: positions[positions.length - 1] ?? null,
    };
  }
}
