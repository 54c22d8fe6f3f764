import { Controller, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { Ctx, RequestContext } from '../../application/request-context';
import { FileViewDto } from '../file.view.dto';
import { UploadFileService } from './upload-file.service';

@ApiTags('files')
@ApiBearerAuth()
@Controller('v1/files')
export class UploadFileController {
  constructor(private readonly uploads: UploadFileService) {}

  /** The guard has authenticated the caller before this runs: no body byte is read for a stranger. */
  @Post()
  @ApiOperation({
    summary:
      'Upload an evidence file (multipart field `file`, at most 20 MB; PDF, DOC/DOCX, XLS/XLSX, ODT/ODS, JPEG, PNG by content). id = SHA-256: the same file twice is stored once',
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary' } } } })
  @ApiCreatedResponse({ type: FileViewDto })
  async upload(@Req() req: Request, @Ctx() ctx: RequestContext): Promise<FileViewDto> {
    UploadFileService.requireUploader(ctx.actor);
    const f = await this.uploads.upload(req, ctx.actor, ctx.recordedAt);
    return { id: f.id, name: f.name, size: f.size, type: f.type, sha256: f.sha256 };
  }
}
