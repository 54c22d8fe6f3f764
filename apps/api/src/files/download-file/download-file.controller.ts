import { Controller, Get, Param, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { once } from 'node:events';
import { Actor } from '@dondoc/domain/shared';
import { FileErrors, SHA256_HEX } from '@dondoc/domain/files';
import { TaskQuery } from '@dondoc/read-models/tasks/task.query';
import { InspectionQuery } from '@dondoc/read-models/inspections/inspection.query';
import { Inject } from '@nestjs/common';
import { ReadScope } from '../../application/read-scope';
import { CurrentActor } from '../../http/auth/current-actor.decorator';
import { FileCatalog } from '../file-catalog';
import { FILE_CONTENT_STORE, FileContentStore } from '../storage/file-content-store.port';

@ApiTags('files')
@ApiBearerAuth()
@Controller('v1/files')
export class DownloadFileController {
  constructor(
    private readonly catalog: FileCatalog,
    private readonly tasks: TaskQuery,
    private readonly inspections: InspectionQuery,
    private readonly scope: ReadScope,
    @Inject(FILE_CONTENT_STORE) private readonly store: FileContentStore,
  ) {}

  @Get(':id')
  @ApiOperation({
    summary:
      'The file’s bytes (Range requests accepted), to a reader of a task whose report references it or of a finding whose resolution does, or its uploader; 404 otherwise',
  })
  @ApiProduces('application/octet-stream')
  async download(@Param('id') id: string, @CurrentActor() actor: Actor, @Req() req: Request, @Res() res: Response): Promise<void> {
    if (!SHA256_HEX.test(id)) throw FileErrors.notFound(id);
    const file = await this.catalog.get(id);
    if (!file || !(await this.mayRead(actor, id))) throw FileErrors.notFound(id);
    res.setHeader('Content-Type', file.type);
    res.setHeader(
      'Content-Disposition',
      `attachment; filename="${asciiName(file.name)}"; filename*=UTF-8''${encodeURIComponent(file.name)}`,
    );
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Accept-Ranges', 'bytes');
    res.setHeader('ETag', `"${file.sha256}"`);
    res.setHeader('Cache-Control', 'private, no-cache');
    let range: { start: number; end: number } | undefined;
    const header = req.headers.range;
    if (header) {
      const parsed = req.range(file.size, { combine: true }); // Express's range-parser
      if (parsed === -1) {
        res.status(416).setHeader('Content-Range', `bytes */${file.size}`);
        res.end();
        return;
      }
      // One range is served; several (or a malformed header) get the whole file, as RFC 9110 allows.
      if (parsed !== undefined && parsed !== -2 && parsed.type === 'bytes' && parsed.length === 1) range = parsed[0];
    }
    if (range) {
      res.status(206).setHeader('Content-Range', `bytes ${range.start}-${range.end}/${file.size}`);
      res.setHeader('Content-Length', String(range.end - range.start + 1));
    } else {
      res.status(200).setHeader('Content-Length', String(file.size));
    }
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    for await (const chunk of this.store.read(id, range)) {
      if (res.destroyed) return;
      if (!res.write(chunk)) await once(res, 'drain');
    }
    res.end();
  }

  /** Admins read everything; the uploader its own file; others through a task they can see that references it. */
  private async mayRead(actor: Actor, id: string): Promise<boolean> {
    if (actor.role === 'admin') return true;
    if (await this.catalog.isUploader(id, actor.userId)) return true;
    for (const taskId of await this.catalog.referencingTasks(id)) {
      const row = await this.tasks.find(taskId);
      if (!row) continue;
      const s = row.state;
      if (
        actor.role === 'officer'
          ? s.lead === actor.office || s.supporting.includes(actor.office) || s.followUp === actor.office
          : await this.scope.canSee(actor, s.lead)
      )
        return true;
    }
    // A finding's resolution: read by its readers (InspectionAccess.canSeeFinding: the inspecting office's and its own office's).
    for (const findingId of await this.catalog.referencingFindings(id)) {
      const row = await this.inspections.finding(findingId);
      if (row && ((await this.scope.canSee(actor, row.state.inspectingOffice)) || (await this.scope.canSee(actor, row.state.office))))
        return true;
    }
    return false;
  }
}

const asciiName = (name: string) =>
  name
    .normalize('NFKD')
    .replace(/[^\x20-\x7e]/g, '_')
    .replace(/["\\]/g, '_');
