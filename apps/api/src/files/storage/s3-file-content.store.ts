import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CopyObjectCommand,
  CreateMultipartUploadCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import type { S3Config } from '@dondoc/platform';
import { ContentWrite, FileContentStore } from './file-content-store.port';

/** S3's smallest part (all but the last): the most an S3 upload holds in memory. */
const PART_BYTES = 5 * 1024 * 1024;

/**
 * S3-compatible object storage (FILE_STORE=s3). Bytes go to a staging key as a multipart upload;
 * on commit they are copied under `<prefix><sha256>` unless that key exists (never overwritten),
 * and the staging object is deleted. An abort removes the multipart upload: nothing is left.
 */
export class S3FileContentStore implements FileContentStore {
  private readonly s3: S3Client;

  constructor(private readonly config: S3Config) {
    this.s3 = new S3Client({
      region: config.region,
      endpoint: config.endpoint,
      forcePathStyle: !!config.endpoint,
      credentials: config.accessKeyId ? { accessKeyId: config.accessKeyId, secretAccessKey: config.secretAccessKey! } : undefined,
    });
  }

  key(id: string): string {
    return `${this.config.prefix}${id}`;
  }

  async begin(): Promise<ContentWrite> {
    return new S3ContentWrite(
      this.s3,
      this.config.bucket,
      `${this.config.prefix}staging/${randomUUID()}`,
      (id) => this.key(id),
      (id) => this.has(id),
    );
  }

  async *read(id: string, range?: { start: number; end: number }): AsyncIterable<Uint8Array> {
    const out = await this.s3.send(
      new GetObjectCommand({
        Bucket: this.config.bucket,
        Key: this.key(id),
        Range: range ? `bytes=${range.start}-${range.end}` : undefined,
      }),
    );
    for await (const chunk of out.Body as Readable) yield chunk as Uint8Array;
  }

  async has(id: string): Promise<boolean> {
    try {
      await this.s3.send(new HeadObjectCommand({ Bucket: this.config.bucket, Key: this.key(id) }));
      return true;
    } catch (e) {
      if ((e as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 404) return false;
      throw e;
    }
  }

  async remove(id: string): Promise<void> {
    await this.s3.send(new DeleteObjectCommand({ Bucket: this.config.bucket, Key: this.key(id) }));
  }

  async orphans(known: (id: string) => Promise<boolean>, before: Date): Promise<string[]> {
    const out: string[] = [];
    let token: string | undefined;
    do {
      const page = await this.s3.send(
        new ListObjectsV2Command({ Bucket: this.config.bucket, Prefix: this.config.prefix, ContinuationToken: token }),
      );
      for (const o of page.Contents ?? []) {
        const id = o.Key!.slice(this.config.prefix.length);
        if (/^[0-9a-f]{64}$/.test(id) && o.LastModified && o.LastModified < before && !(await known(id))) out.push(id);
      }
      token = page.NextContinuationToken;
    } while (token);
    return out;
  }
}

class S3ContentWrite implements ContentWrite {
  private uploadId?: string;
  private readonly parts: { PartNumber: number; ETag: string }[] = [];
  private buffer: Buffer[] = [];
  private buffered = 0;

  constructor(
    private readonly s3: S3Client,
    private readonly bucket: string,
    private readonly staging: string,
    private readonly keyOf: (id: string) => string,
    private readonly exists: (id: string) => Promise<boolean>,
  ) {}

  async write(chunk: Uint8Array): Promise<void> {
    this.buffer.push(Buffer.from(chunk));
    this.buffered += chunk.byteLength;
    if (this.buffered >= PART_BYTES) await this.flushPart();
  }

  async commit(id: string): Promise<void> {
    try {
      if (await this.exists(id)) return await this.abort();
      const target = this.keyOf(id);
      if (!this.uploadId) {
        // Small file: one conditional put (If-None-Match: the key is never overwritten).
        await this.s3.send(new PutObjectCommand({ Bucket: this.bucket, Key: target, Body: Buffer.concat(this.buffer), IfNoneMatch: '*' }));
        return;
      }
      if (this.buffered > 0) await this.flushPart();
      await this.s3.send(
        new CompleteMultipartUploadCommand({
          Bucket: this.bucket,
          Key: this.staging,
          UploadId: this.uploadId,
          MultipartUpload: { Parts: this.parts },
        }),
      );
      this.uploadId = undefined;
      await this.s3.send(new CopyObjectCommand({ Bucket: this.bucket, Key: target, CopySource: `${this.bucket}/${this.staging}` }));
      await this.s3.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: this.staging }));
    } catch (e) {
      if ((e as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 412) return; // written meanwhile: the same bytes
      await this.abort();
      throw e;
    } finally {
      this.buffer = [];
    }
  }

  async abort(): Promise<void> {
    this.buffer = [];
    if (!this.uploadId) return;
    const uploadId = this.uploadId;
    this.uploadId = undefined;
    await this.s3
      .send(new AbortMultipartUploadCommand({ Bucket: this.bucket, Key: this.staging, UploadId: uploadId }))
      .catch(() => undefined);
  }

  private async flushPart(): Promise<void> {
    this.uploadId ??= (await this.s3.send(new CreateMultipartUploadCommand({ Bucket: this.bucket, Key: this.staging }))).UploadId;
    const body = Buffer.concat(this.buffer, this.buffered);
    [this.buffer, this.buffered] = [[], 0];
    const out = await this.s3.send(
      new UploadPartCommand({
        Bucket: this.bucket,
        Key: this.staging,
        UploadId: this.uploadId,
        PartNumber: this.parts.length + 1,
        Body: body,
      }),
    );
    this.parts.push({ PartNumber: this.parts.length + 1, ETag: out.ETag! });
  }
}
