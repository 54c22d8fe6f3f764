// The world of the evidence-file specs (test/files*.e2e-spec.ts): an app, its database, a district with a plan,
// fresh PDFs, and the calls the specs share.
import { createHash, randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { PlanWorld, districtWithPlan } from './e2e-world';
import { TestApp, bearer, startTestApp } from './test-app';

/** A small, valid PDF made unique by a comment (fresh content per test: no dedupe across tests). */
export const pdf = (extra = '') =>
  Buffer.from(
    `%PDF-1.4\n% ${randomUUID()}\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R ${extra}>>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n`,
    'latin1',
  );
export const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

export interface FilesWorld {
  t: TestApp;
  db: Client;
  w: PlanWorld;
}

export async function filesWorld(): Promise<FilesWorld> {
  const t = await startTestApp();
  const db = new Client({ connectionString: t.databaseUrl });
  try {
    await db.connect();
    return { t, db, w: await districtWithPlan(t) };
  } catch (e) {
    await db.end().catch(() => undefined);
    await t.close();
    throw e;
  }
}

/** `world` is read at call time: the specs build theirs in beforeAll. */
export function fileCalls(world: () => FilesWorld) {
  const upload = (token: string, content: Buffer, filename = 'bao-cao.pdf') =>
    world().t.http.post('/v1/files').set(bearer(token)).attach('file', content, { filename, contentType: 'application/pdf' });
  const counts = async () => {
    const { rows } = await world().db.query(
      `SELECT (SELECT count(*) FROM files)::int AS files, (SELECT count(*) FROM file_chunks)::int AS chunks, (SELECT count(*) FROM file_manifests)::int AS manifests`,
    );
    return rows[0];
  };
  return { upload, counts };
}
