import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import {
  ImportDocument,
  ImportInvalid,
  ImportRecorded,
  ResolvedImport,
  importContent,
  importStreamId,
  previewImport,
  resolveImport,
  withPlanOverrides,
} from '@dondoc/domain/import';
import { conflict, forbidden } from '@dondoc/domain/shared';
import { ConcurrencyError, EVENT_STORE, EventStore, canonicalJson } from '@dondoc/event-store';
import { Inject, Logger } from '@nestjs/common';
import { createHash, randomUUID } from 'node:crypto';
import { planCodeHolder } from '../../plans/plan-code-holder';
import { AggregateRunner } from '../../application/aggregate-runner';
import { Metrics } from '../../application/metrics';
import { RequestValidationError } from '../../http/problem-details.filter';
import { readPlanUpload } from '../plan-upload.reader';
import { ImportAnswer, ImportOutcome, ImportPlanCommand, PreviewAnswer } from './import-plan.command';
import { ImportWorldLoader } from './import-world.loader';

/**
 * POST /v1/imports: read the file, check it whole against what is recorded, then write every new
 * stream (offices, directives, plan code, plan, tasks, the import record) in ONE transaction of
 * the event store. A back-fill: events happen at 08:00 on the plan's assignedOn, recorded now,
 * under the admin's identity. Idempotent by plan code and content hash (import-<CODE> stream).
 */
@CommandHandler(ImportPlanCommand)
export class ImportPlanHandler implements ICommandHandler<ImportPlanCommand> {
  private readonly logger = new Logger('Import');

  constructor(
    private readonly runner: AggregateRunner,
    private readonly world: ImportWorldLoader,
    private readonly metrics: Metrics,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  async execute({ upload, overrides, ctx, dryRun, fileName }: ImportPlanCommand): Promise<ImportOutcome> {
    if (ctx.actor.role !== 'admin') throw forbidden('ROLE_NOT_ALLOWED', 'only an admin may import plans');
    if (dryRun) return this.preview(upload, overrides, ctx);
    const started = Date.now();
    try {
      const doc = withPlanOverrides(await readPlanUpload(upload), overrides);
      const read = Date.now();
      const contentHash = createHash('sha256')
        .update(canonicalJson(importContent(doc)))
        .digest('hex');
      for (let attempt = 1; ; attempt++) {
        const previous = await this.previous(doc, contentHash);
        if (previous) return previous;
        const resolved = resolveImport(doc, await this.world.load(doc), {
          actor: ctx.actor,
          recordedAt: ctx.recordedAt,
          contentHash,
          fileName,
          newId: () => randomUUID(),
        });
        const checked = Date.now();
        try {
          const outcome = await this.write(doc, resolved, contentHash, ctx);
          const events = resolved.streams.reduce((n, s) => n + s.events.length, 0);
          this.logger.log(
            `plan ${resolved.planCode}: ${resolved.tasks.length} tasks, ${events} events in ${Date.now() - started} ms (read ${read - started}, checked ${checked - read}, written ${Date.now() - checked})`,
          );
          return outcome;
        } catch (e) {
          // Someone wrote one of these streams meanwhile (the same import, an office): look again.
          if (!(e instanceof ConcurrencyError) || attempt >= 2) throw e;
        }
      }
    } catch (e) {
      if (e instanceof ImportInvalid) throw new RequestValidationError(e.issues);
      throw e;
    }
  }

  /**
   * ?dryRun=true: the same reading as the import (previewImport shares resolveImport's code), every
   * row as understood with its warnings and errors, 200, nothing written. A file that cannot be read
   * at all answers its errors with no rows.
   */
  private async preview(
    upload: ImportPlanCommand['upload'],
    overrides: ImportPlanCommand['overrides'],
    ctx: ImportPlanCommand['ctx'],
  ): Promise<ImportOutcome> {
    let doc: ImportDocument;
    try {
      doc = withPlanOverrides(await readPlanUpload(upload), overrides);
    } catch (e) {
      if (!(e instanceof ImportInvalid)) throw e;
      const answer: PreviewAnswer = {
        dryRun: true,
        ok: false,
        plan: { code: null, title: null, issuer: null, period: { from: null, to: null }, assignedOn: null },
        rows: [],
        created: { offices: [], directives: [], tasks: 0 },
        noDeadline: [],
        warnings: [],
        errors: e.issues,
        format: null,
        contentHash: null,
      };
      return { status: 200, answer, position: null, tasks: [] };
    }
    const contentHash = createHash('sha256')
      .update(canonicalJson(importContent(doc)))
      .digest('hex');
    const preview = previewImport(doc, await this.world.load(doc), {
      actor: ctx.actor,
      recordedAt: ctx.recordedAt,
      contentHash,
      newId: () => randomUUID(),
    });
    return { status: 200, answer: { dryRun: true, ...preview, format: doc.format, contentHash }, position: null, tasks: [] };
  }

  /** The same content under this plan code: 200, nothing written. Other content, or a plan made by hand: 409. */
  private async previous(doc: ImportDocument, contentHash: string): Promise<ImportOutcome | null> {
    const code = doc.plan.code;
    if (!code) return null;
    const [record] = await this.store.readStream(importStreamId(code));
    if (record) {
      const data = record.data as ImportRecorded['data'];
      if (data.contentHash !== contentHash) {
        throw conflict(
          'IMPORT_CONFLICT',
          `plan ${data.planCode} was imported on ${record.recordedAt.toISOString()} from other content; nothing was written (give the new plan another code)`,
          doc.plan.at.code,
        );
      }
      const answer: ImportAnswer = {
        imported: false,
        detail: `plan ${data.planCode} was already imported from this content on ${record.recordedAt.toISOString()}; nothing was written`,
        plan: { id: data.planId, code: data.planCode },
        tasks: data.created.tasks,
        created: { offices: 0, directives: 0, tasks: 0 },
        registered: { offices: [], directives: [] },
        noDeadline: data.noDeadline,
        warnings: data.warnings,
        format: doc.format,
        contentHash,
        occurredAt: record.occurredAt.toISOString(),
      };
      return { status: 200, answer, position: null, tasks: [] };
    }
    const holder = doc.plan.issuer ? await planCodeHolder(this.runner, doc.plan.issuer, code) : null;
    if (holder)
      throw conflict(
        'PLAN_CODE_TAKEN',
        `plan code ${code} belongs to plan ${holder}, which was not imported from a file`,
        doc.plan.at.code,
      );
    return null;
  }

  private async write(
    doc: ImportDocument,
    resolved: ResolvedImport,
    contentHash: string,
    ctx: ImportPlanCommand['ctx'],
  ): Promise<ImportOutcome> {
    const at = { ...ctx, occurredAt: resolved.occurredAt };
    const appends = resolved.streams.map((s) => ({
      streamId: s.streamId,
      expected: 'noStream' as const,
      events: this.runner.toNew(s.streamId, s.events, at).map((e) => ({ ...e, metadata: { ...e.metadata, import: resolved.planCode } })),
    }));
    const results = await this.store.appendMany(appends);
    const written = appends.reduce((n, a, i) => n + (results[i].duplicate ? 0 : a.events.length), 0);
    this.metrics.appendedEvents.inc(written);
    const answer: ImportAnswer = {
      imported: true,
      detail: `plan ${resolved.planCode}: ${resolved.tasks.length} tasks from ${doc.tasks.length} rows, recorded as of ${doc.plan.assignedOn}`,
      plan: { id: resolved.planId, code: resolved.planCode },
      tasks: resolved.tasks.length,
      created: { offices: resolved.created.offices.length, directives: resolved.created.directives.length, tasks: resolved.created.tasks },
      registered: { offices: resolved.created.offices, directives: resolved.created.directives },
      noDeadline: resolved.noDeadline,
      warnings: resolved.warnings,
      format: doc.format,
      contentHash,
      occurredAt: resolved.occurredAt.toISOString(),
    };
    return { status: 201, answer, position: results[results.length - 1].position, tasks: resolved.tasks };
  }
}
