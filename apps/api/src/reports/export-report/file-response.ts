import { StreamableFile } from '@nestjs/common';
import type { Response } from 'express';
import type { Readable } from 'node:stream';
import { CONTENT_TYPE, ExportFormat, contentDisposition } from './export-format';

/** Sets the file's headers on a passthrough response and hands Nest the body. */
export function fileResponse(res: Response, format: ExportFormat, base: string, body: Buffer | Readable): StreamableFile {
  res.setHeader('Cache-Control', 'no-store');
  const options = { type: CONTENT_TYPE[format], disposition: contentDisposition(base, format) };
  return Buffer.isBuffer(body) ? new StreamableFile(body, options) : new StreamableFile(body, options);
}
