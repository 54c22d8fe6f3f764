import { createHash, randomBytes } from 'node:crypto';
import { CHUNK_BYTES, FileContentStore } from './file-content-store.port';

/** S3's smallest multipart part: a file over it takes the S3 store's multipart path. */
const S3_PART = 5 * 1024 * 1024;
const LARGE = S3_PART + 300 * 1024;
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

async function readAll(store: FileContentStore, id: string, range?: { start: number; end: number }): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const c of store.read(id, range)) parts.push(Buffer.from(c));
  return Buffer.concat(parts);
}

async function put(store: FileContentStore, bytes: Buffer): Promise<string> {
  const w = await store.begin();
  for (let i = 0; i < bytes.length; i += CHUNK_BYTES) await w.write(bytes.subarray(i, i + CHUNK_BYTES));
  const id = sha(bytes);
  await w.commit(id, bytes.length);
  return id;
}

/** What every content store must do: the PostgreSQL one always runs it, the S3 one against an S3-compatible server. */
export function fileContentStoreContract(make: () => Promise<{ store: FileContentStore; close: () => Promise<void> }>): void {
  let store: FileContentStore;
  let close: () => Promise<void>;
  beforeAll(async () => ({ store, close } = await make()));
  afterAll(() => close());

  it('stores bytes under their SHA-256 and reads them back whole and by range', async () => {
    const bytes = randomBytes(CHUNK_BYTES * 2 + 1234);
    const id = await put(store, bytes);
    expect(await store.has(id)).toBe(true);
    expect(Buffer.compare(await readAll(store, id), bytes)).toBe(0);
    const range = { start: CHUNK_BYTES - 10, end: CHUNK_BYTES * 2 + 5 };
    expect(Buffer.compare(await readAll(store, id, range), bytes.subarray(range.start, range.end + 1))).toBe(0);
  });

  it('never overwrites: a second write of the same id keeps the first bytes', async () => {
    const bytes = randomBytes(1000);
    const id = await put(store, bytes);
    const w = await store.begin();
    await w.write(Buffer.alloc(1000, 7));
    await w.commit(id, 1000);
    expect(Buffer.compare(await readAll(store, id), bytes)).toBe(0);
  });

  it('an aborted write leaves nothing', async () => {
    const bytes = randomBytes(CHUNK_BYTES + 10);
    const w = await store.begin();
    await w.write(bytes.subarray(0, CHUNK_BYTES));
    await w.write(bytes.subarray(CHUNK_BYTES));
    await w.abort();
    expect(await store.has(sha(bytes))).toBe(false);
  });

  it('stores a file larger than an S3 part (a multipart upload there) and reads across the part boundary', async () => {
    const bytes = randomBytes(LARGE);
    const id = await put(store, bytes);
    expect(Buffer.compare(await readAll(store, id), bytes)).toBe(0);
    const range = { start: S3_PART - 7, end: S3_PART + 7 };
    expect(Buffer.compare(await readAll(store, id, range), bytes.subarray(range.start, range.end + 1))).toBe(0);
  });

  it('an aborted large write leaves nothing either', async () => {
    const bytes = randomBytes(LARGE);
    const w = await store.begin();
    for (let i = 0; i < bytes.length; i += CHUNK_BYTES) await w.write(bytes.subarray(i, i + CHUNK_BYTES));
    await w.abort();
    expect(await store.has(sha(bytes))).toBe(false);
  });

  it('two uploads of the same bytes at once both commit, and the file reads whole', async () => {
    const bytes = randomBytes(CHUNK_BYTES + 99);
    const [a, b] = await Promise.all([put(store, bytes), put(store, bytes)]);
    expect(a).toBe(b);
    expect(Buffer.compare(await readAll(store, a), bytes)).toBe(0);
  });

  it('lists as orphans the content stored before the cutoff that the catalogue does not know', async () => {
    const id = await put(store, randomBytes(500));
    const later = new Date(Date.now() + 60_000);
    expect(await store.orphans(async () => false, later)).toContain(id);
    expect(await store.orphans(async (x) => x === id, later)).not.toContain(id);
    expect(await store.orphans(async () => false, new Date(Date.now() - 3_600_000))).not.toContain(id);
  });

  it('removes a file; a chunk another file shares stays', async () => {
    const shared = randomBytes(CHUNK_BYTES);
    const a = await put(store, Buffer.concat([shared, randomBytes(10)]));
    const b = await put(store, Buffer.concat([shared, randomBytes(10)]));
    await store.remove(a);
    expect(await store.has(a)).toBe(false);
    expect((await readAll(store, b)).subarray(0, CHUNK_BYTES).equals(shared)).toBe(true);
  });
}
