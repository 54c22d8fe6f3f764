import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { verifyExportFile } from '../scripts/verify-export';
import { Client, Pool } from 'pg';
import { FileCatalog } from '../apps/api/src/files/file-catalog';
import { FileCleanup } from '../apps/api/src/files/cleanup-files/file-cleanup.service';
import { PostgresFileContentStore } from '../apps/api/src/files/storage/postgres-file-content.store';
import { PlanWorld, assignTask, districtWithPlan, expectStatus } from './support/e2e-world';
import { TestApp, bearer } from './support/test-app';
import { fileCalls, filesWorld, pdf, sha } from './support/files-world';

/** A file referenced by reports (issue 18): who downloads it, the cleanup, the audit export and verification. */
describe('Evidence files (issue 18): POST /v1/files, references, GET /v1/files/:id', () => {
  let t: TestApp;
  let db: Client;
  let w: PlanWorld;

  beforeAll(async () => {
    ({ t, db, w } = await filesWorld());
  });
  afterAll(async () => {
    await db.end();
    await t.close();
  });

  const { upload } = fileCalls(() => ({ t, db, w }));

  describe('referenced from a completion report', () => {
    let taskId: string;
    let fileId: string;
    let content: Buffer;
    beforeAll(async () => {
      content = pdf();
      fileId = (await expectStatus(upload(w.officer(w.nv), content, '117-BC-UBND.pdf'), 201)).body.id;
      taskId = await assignTask(t, w);
    });

    it('only its uploader may download it before a report references it', async () => {
      expect((await t.http.get(`/v1/files/${fileId}`).set(bearer(w.officer(w.nv)))).status).toBe(200);
      expect((await t.http.get(`/v1/files/${fileId}`).set(bearer(w.leader))).status).toBe(404);
    });

    it('the completion records the file’s SHA-256, name, size and type in the event; an unknown file id is 400 and writes nothing', async () => {
      const unknown = await t.http
        .post(`/v1/tasks/${taskId}/completion`)
        .set(bearer(w.officer(w.nv)))
        .send({ note: 'Xong', evidence: [{ fileId: 'a'.repeat(64) }] });
      expect([unknown.status, unknown.body.code, unknown.body.errors?.[0]?.field]).toEqual([400, 'UNKNOWN_FILE', 'evidence[0].fileId']);
      await expectStatus(
        t.http
          .post(`/v1/tasks/${taskId}/completion`)
          .set(bearer(w.officer(w.nv)))
          .send({ note: 'Đã hoàn thành', evidence: [{ fileId }, { documentNumber: '117/BC-UBND' }] }),
        201,
      );
      const events = await expectStatus(t.http.get(`/v1/tasks/${taskId}/events`).set(bearer(w.leader)), 200);
      const reported = events.body.items.find((e: { type: string }) => e.type === 'CompletionReported');
      expect(reported.data.evidence).toEqual([
        { fileId, sha256: sha(content), name: '117-BC-UBND.pdf', size: content.length, type: 'application/pdf' },
        { documentNumber: '117/BC-UBND' },
      ]);
    });

    it('a reader of the task downloads it (attachment, nosniff, recorded name and type, Range); an officer of another office and a leader of another district get 404', async () => {
      const res = await t.http
        .get(`/v1/files/${fileId}`)
        .set(bearer(w.leader))
        .buffer(true)
        .parse((r, cb) => {
          const parts: Buffer[] = [];
          r.on('data', (c: Buffer) => parts.push(c));
          r.on('end', () => cb(null, Buffer.concat(parts)));
        });
      expect(res.status).toBe(200);
      expect(Buffer.compare(res.body as Buffer, content)).toBe(0);
      expect(res.headers['content-type']).toBe('application/pdf');
      expect(res.headers['content-disposition']).toMatch(/^attachment; filename="117-BC-UBND.pdf"/);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      const part = await t.http.get(`/v1/files/${fileId}`).set(bearer(w.inspector)).set('Range', 'bytes=0-7');
      expect(part.status).toBe(206);
      expect(part.headers['content-range']).toBe(`bytes 0-7/${content.length}`);
      expect(part.text ?? String(part.body)).toBe('%PDF-1.4');
      const tail = await t.http
        .get(`/v1/files/${fileId}`)
        .set(bearer(w.leader))
        .set('Range', 'bytes=-6')
        .buffer(true)
        .parse((r, cb) => {
          const parts: Buffer[] = [];
          r.on('data', (c: Buffer) => parts.push(c));
          r.on('end', () => cb(null, Buffer.concat(parts)));
        });
      expect([tail.status, tail.headers['content-range'], (tail.body as Buffer).toString('latin1')]).toEqual([
        206,
        `bytes ${content.length - 6}-${content.length - 1}/${content.length}`,
        '%%EOF\n',
      ]);
      const outside = await t.http
        .get(`/v1/files/${fileId}`)
        .set(bearer(w.leader))
        .set('Range', `bytes=${content.length + 10}-`);
      expect([outside.status, outside.headers['content-range']]).toEqual([416, `bytes */${content.length}`]);
      const head = await t.http.head(`/v1/files/${fileId}`).set(bearer(w.leader));
      expect([head.status, head.headers['content-length']]).toEqual([200, String(content.length)]);

      const other = await districtWithPlan(t);
      expect((await t.http.get(`/v1/files/${fileId}`).set(bearer(w.officer(w.tc)))).status).toBe(404);
      expect((await t.http.get(`/v1/files/${fileId}`).set(bearer(other.leader))).status).toBe(404);
      expect((await t.http.get(`/v1/files/${fileId}`).set(bearer(other.officer(other.nv)))).status).toBe(404);
      expect((await t.http.get(`/v1/files/${'0'.repeat(64)}`).set(bearer(w.leader))).status).toBe(404);
      expect((await t.http.get('/v1/files/not-a-hash').set(bearer(w.leader))).status).toBe(404);
    });

    it('a progress report takes file evidence too', async () => {
      const other = await assignTask(t, w);
      const f = (await expectStatus(upload(w.officer(w.nv), pdf()), 201)).body.id;
      await expectStatus(
        t.http
          .post(`/v1/tasks/${other}/progress`)
          .set(bearer(w.officer(w.nv)))
          .send({ note: 'Đang làm', percent: 50, evidence: [{ fileId: f }] }),
        201,
      );
      expect((await t.http.get(`/v1/files/${f}`).set(bearer(w.leader))).status).toBe(200);
    });

    it('the cleanup (injected clock) keeps referenced files and removes the rest only after 24 hours', async () => {
      const loose = (await expectStatus(upload(w.officer(w.nv), pdf()), 201)).body.id;
      const pool = new Pool({ connectionString: t.databaseUrl, max: 2 });
      try {
        const at = (hours: number) => ({ now: () => new Date(Date.now() + hours * 3600_000) });
        const cleanup = (hours: number) => new FileCleanup(new FileCatalog(pool), new PostgresFileContentStore(pool), at(hours)).run();
        // Bytes whose catalogue row never came (a crash between the two writes) go too.
        const stray = pdf();
        const write = await new PostgresFileContentStore(pool).begin();
        await write.write(stray);
        await write.commit(sha(stray), stray.length);
        const early = (await cleanup(23)).removed;
        expect(early).not.toContain(loose);
        expect(early).not.toContain(sha(stray));
        const { removed } = await cleanup(25);
        expect(removed).toContain(loose);
        expect(removed).not.toContain(fileId);
        expect(removed).toContain(sha(stray));
        const { rows } = await db.query('SELECT id FROM files WHERE id = ANY($1)', [[loose, fileId]]);
        expect(rows.map((r) => r.id)).toEqual([fileId]);
        expect((await db.query('SELECT 1 FROM file_manifests WHERE file_id = $1', [loose])).rowCount).toBe(0);
        expect((await t.http.get(`/v1/files/${fileId}`).set(bearer(w.leader))).status).toBe(200);
      } finally {
        await pool.end();
      }
    });

    it('the audit export lists the files with their hashes; verify-export checks a folder of downloaded files against it', async () => {
      const res = await expectStatus(t.http.get(`/v1/audit/export?plan=${w.planId}&format=jsonl`).set(bearer(w.inspector)), 200);
      const text: string = res.text;
      const header = JSON.parse(text.split('\n')[0]);
      expect(header.files).toContainEqual({
        fileId,
        sha256: sha(content),
        name: '117-BC-UBND.pdf',
        size: content.length,
        type: 'application/pdf',
        streamId: `task-${taskId}`,
        version: expect.any(Number),
      });
      const dir = mkdtempSync(join(tmpdir(), 'dondoc-files-'));
      const exportPath = join(dir, 'export.jsonl');
      writeFileSync(exportPath, text);
      const good = join(dir, 'good');
      const bad = join(dir, 'bad');
      for (const d of [good, bad]) spawnSync('mkdir', [d]);
      for (const f of header.files as { fileId: string; name: string }[]) {
        const bytes = (
          await t.http
            .get(`/v1/files/${f.fileId}`)
            .set(bearer(w.admin))
            .buffer(true)
            .parse((r, cb) => {
              const parts: Buffer[] = [];
              r.on('data', (c: Buffer) => parts.push(c));
              r.on('end', () => cb(null, Buffer.concat(parts)));
            })
        ).body as Buffer;
        writeFileSync(join(good, f.name), bytes);
        writeFileSync(join(bad, f.name), f.fileId === fileId ? Buffer.concat([bytes, Buffer.from(' ')]) : bytes);
      }
      expect(await verifyExportFile(exportPath, good)).toMatchObject({ ok: true, files: { ok: true, checked: header.files.length } });
      expect(await verifyExportFile(exportPath, bad)).toMatchObject({
        ok: false,
        files: { firstMismatch: { fileId, name: '117-BC-UBND.pdf', reason: 'hash' } },
      });
      const cli = spawnSync('npm', ['run', '-s', 'verify-export', '--', exportPath, '--files', bad], {
        encoding: 'utf8',
        env: { ...process.env, DATABASE_URL: '' },
      });
      expect(cli.status).toBe(1);
      expect(cli.stdout).toContain(`BAD file 117-BC-UBND.pdf (${fileId})`);
    }, 60_000);

    it('a file altered in storage is named by /v1/audit/verify and by npm run audit:verify', async () => {
      const ok = await expectStatus(t.http.get('/v1/audit/verify').set(bearer(w.inspector)), 200);
      expect(ok.body.ok).toBe(true);
      expect(ok.body.files.checked).toBeGreaterThan(0);
      await db.query(
        `UPDATE file_chunks SET data = overlay(data PLACING '\\x58'::bytea FROM 12) WHERE hash = (SELECT chunk_hash FROM file_manifests WHERE file_id = $1 AND seq = 0)`,
        [fileId],
      );
      const bad = await expectStatus(t.http.get('/v1/audit/verify').set(bearer(w.inspector)), 200);
      expect(bad.body.ok).toBe(false);
      expect(bad.body.files.firstMismatch).toMatchObject({ fileId, stream: `task-${taskId}`, reason: 'hash' });
      const cli = spawnSync('npm', ['run', '-s', 'audit:verify'], {
        encoding: 'utf8',
        env: { ...process.env, DATABASE_URL: t.databaseUrl },
      });
      expect(cli.status).toBe(1);
      expect(JSON.parse(cli.stdout).files.firstMismatch).toMatchObject({ fileId, reason: 'hash' });
    }, 60_000);
  });
});
