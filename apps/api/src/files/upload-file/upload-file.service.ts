import { Inject, Injectable } from '@nestjs/common';
import busboy from 'busboy';
import { fileTypeFromBuffer } from 'file-type/core'; // "default" export condition: loadable by Jest and by require(esm)
import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import type { Request } from 'express';
import { Actor, forbidden } from '@dondoc/domain/shared';
import { ContentScanner, FileErrors, FileFacts, MAX_FILE_BYTES, cleanFileName, decideFileType } from '@dondoc/domain/files';
import { CHUNK_BYTES, FILE_CONTENT_STORE, FileContentStore } from '../storage/file-content-store.port';
import { FileCatalog } from '../file-catalog';

/** Content sniffing looks at the first bytes only (a zip's first entries, an image's header). */
const SNIFF_BYTES = 512 * 1024;
/** Boundaries, part headers and the few small fields a form may add. */
const MULTIPART_OVERHEAD = 64 * 1024;

/**
 * Streams the multipart field `file` to storage in fixed chunks while hashing, sniffing and
 * scanning it; memory per upload is one chunk plus the sniffing head, whatever the file's size.
 * Refused, too large or cut off, the store's write is aborted and nothing is left.
 */
@Injectable()
export class UploadFileService {
  constructor(
    @Inject(FILE_CONTENT_STORE) private readonly store: FileContentStore,
    private readonly catalog: FileCatalog,
  ) {}

  /**
   * Who may upload: whoever may report on some task — officers and leaders — and admins (they may
   * make any write, back-fills included). Inspectors report on nothing: 403 before the body is read.
   */
  static requireUploader(actor: Actor): void {
    if (actor.role === 'inspector') throw forbidden('UPLOAD_NOT_ALLOWED', 'inspectors do not report on tasks, so they upload no evidence');
  }

  upload(req: Request, actor: Actor, now: Date): Promise<FileFacts> {
    // A body declared larger than a 20 MB file and its multipart framing is refused unread.
    if (Number(req.headers['content-length']) > MAX_FILE_BYTES + MULTIPART_OVERHEAD) return Promise.reject(FileErrors.tooLarge());
    return new Promise<FileFacts>((resolve, reject) => {
      let bb: busboy.Busboy;
      try {
        // One byte over the limit reaches the loop below, which refuses it (busboy alone would truncate silently at the limit).
        bb = busboy({
          headers: req.headers,
          defParamCharset: 'utf8',
          limits: { files: 1, fileSize: MAX_FILE_BYTES + 1, fields: 10, fieldSize: 4096, parts: 12 },
        });
      } catch {
        reject(FileErrors.missing()); // not multipart/form-data
        return;
      }
      let settled = false;
      let job: Promise<FileFacts> | null = null;
      const fail = (e: unknown) => {
        if (settled) return;
        settled = true;
        req.unpipe(bb);
        req.resume(); // drain what the client still sends, so that it reads the answer
        reject(e);
      };
      bb.on('file', (field, stream, info) => {
        if (field !== 'file' || job) {
          stream.resume();
          return;
        }
        job = this.store_(stream, info.filename, actor, now);
        job.then((facts) => {
          if (settled) return;
          settled = true;
          resolve(facts);
        }, fail);
      });
      bb.on('error', () => fail(FileErrors.malformed()));
      bb.on('close', () => {
        if (!job) fail(FileErrors.missing());
      });
      // A client that goes away mid-body: the file stream errors, the write is rolled back.
      req.on('close', () => {
        if (!req.complete) bb.destroy(new Error('the upload was interrupted'));
      });
      req.pipe(bb);
    });
  }

  private async store_(stream: Readable, filename: string | undefined, actor: Actor, now: Date): Promise<FileFacts> {
    const write = await this.store.begin();
    try {
      const hash = createHash('sha256');
      const scanner = new ContentScanner();
      const head: Buffer[] = [];
      let headBytes = 0;
      let size = 0;
      let pending: Buffer[] = [];
      let pendingBytes = 0;
      for await (const part of stream as AsyncIterable<Buffer>) {
        size += part.length;
        if (size > MAX_FILE_BYTES) throw FileErrors.tooLarge();
        hash.update(part);
        scanner.push(part);
        if (headBytes < SNIFF_BYTES) {
          head.push(part.subarray(0, SNIFF_BYTES - headBytes));
          headBytes += Math.min(part.length, SNIFF_BYTES - headBytes);
        }
        pending.push(part);
        pendingBytes += part.length;
        // Fixed chunk boundaries: equal content gives equal chunks, stored once.
        while (pendingBytes >= CHUNK_BYTES) {
          const all = Buffer.concat(pending, pendingBytes);
          await write.write(all.subarray(0, CHUNK_BYTES));
          pending = [all.subarray(CHUNK_BYTES)];
          pendingBytes -= CHUNK_BYTES;
        }
      }
      if ((stream as Readable & { truncated?: boolean }).truncated) throw FileErrors.tooLarge();
      if (pendingBytes > 0) await write.write(Buffer.concat(pending, pendingBytes));
      scanner.end();
      const detected = await fileTypeFromBuffer(Buffer.concat(head, headBytes));
      const type = decideFileType(
        {
          detected: detected && { ext: detected.ext, mime: detected.mime },
          officeZipMarker: scanner.officeZipMarker,
          cfbStream: scanner.cfbStream,
          pdfScript: scanner.pdfScript,
        },
        size,
      );
      const id = hash.digest('hex');
      await write.commit(id, size);
      return await this.catalog.record({ id, sha256: id, name: cleanFileName(filename), size, type }, actor.userId, now);
    } catch (e) {
      await write.abort();
      throw e;
    }
  }
}
