import { createHash } from 'node:crypto';

/**
 * A CSV or XLSX body: the bytes (not enumerable) and their SHA-256. Whatever walks `req.body`
 * (the Idempotency-Key body hash) sees one short field, not millions of byte indices.
 */
export interface RawUpload {
  readonly sha256: string;
  readonly bytes: Buffer;
}

export function rawUpload(bytes: Buffer): RawUpload {
  const upload = { sha256: createHash('sha256').update(bytes).digest('hex') } as RawUpload;
  Object.defineProperty(upload, 'bytes', { value: bytes, enumerable: false });
  return upload;
}

export const isRawUpload = (body: unknown): body is RawUpload =>
  !!body && typeof body === 'object' && Buffer.isBuffer((body as RawUpload).bytes);
