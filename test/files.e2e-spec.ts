import { createHash, randomUUID } from 'node:crypto';
import http from 'node:http';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { verifyExportFile } from '../scripts/verify-export';
import JSZip from 'jszip';
import ExcelJS from 'exceljs';
import { Client, Pool } from 'pg';
import { MAX_FILE_BYTES } from '@dondoc/domain/files';
import { FileCatalog } from '../apps/api/src/files/file-catalog';
import { FileCleanup } from '../apps/api/src/files/cleanup-files/file-cleanup.service';
import { PostgresFileContentStore } from '../apps/api/src/files/storage/postgres-file-content.store';
import { PROBLEM_JSON, PlanWorld, assignTask, districtWithPlan, expectStatus, fresh } from './support/e2e-world';
import { TestApp, bearer, startTestApp } from './support/test-app';

/** A small, valid PDF made unique by a comment (fresh content per test: no dedupe across tests). */
const pdf = (extra = '') =>
  Buffer.from(
    `%PDF-1.4\n% ${randomUUID()}\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R ${extra}>>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n`,
    'latin1',
  );
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

describe('Evidence files (issue 18): POST /v1/files, references, GET /v1/files/:id', () => {
  let t: TestApp;
  let db: Client;
  let w: PlanWorld;

  beforeAll(async () => {
    t = await startTestApp();
    db = new Client({ connectionString: t.databaseUrl });
    await db.connect();
    w = await districtWithPlan(t);
  });
  afterAll(async () => {
    await db.end();
    await t.close();
  });

  const upload = (token: string, content: Buffer, filename = 'bao-cao.pdf') =>
    t.http.post('/v1/files').set(bearer(token)).attach('file', content, { filename, contentType: 'application/pdf' });
  const counts = async () => {
    const { rows } = await db.query(
      `SELECT (SELECT count(*) FROM files)::int AS files, (SELECT count(*) FROM file_chunks)::int AS chunks, (SELECT count(*) FROM file_manifests)::int AS manifests`,
    );
    return rows[0];
  };

  it('uploads a PDF, answers { id, name, size, type, sha256 } with id = SHA-256, and stores the same file once', async () => {
    const content = pdf();
    const first = await expectStatus(upload(w.officer(w.nv), content, 'Báo cáo 117-BC-UBND.pdf'), 201);
    expect(first.body).toEqual({
      id: sha(content),
      sha256: sha(content),
      name: 'Báo cáo 117-BC-UBND.pdf',
      size: content.length,
      type: 'application/pdf',
    });
    const before = await counts();
    const again = await expectStatus(upload(w.leader, content, 'copy.pdf'), 201);
    expect(again.body.id).toBe(first.body.id);
    expect(await counts()).toEqual(before);
  });

  it('an Idempotency-Key reused for another file does not replay the first file’s answer', async () => {
    const key = `files-${fresh()}`;
    const [a, b] = [pdf(), pdf()];
    const first = await expectStatus(upload(w.officer(w.nv), a).set('Idempotency-Key', key), 201);
    const second = await expectStatus(upload(w.officer(w.nv), b).set('Idempotency-Key', key), 201);
    expect([first.body.id, second.body.id]).toEqual([sha(a), sha(b)]);
  });

  it('takes DOCX, XLSX, ODT, JPEG and PNG by their content', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('KQ').addRow(['Đơn vị', fresh()]);
    const xlsx = Buffer.from(await wb.xlsx.writeBuffer());
    const docx = await new JSZip()
      .file(
        '[Content_Types].xml',
        '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
      )
      .file('word/document.xml', `<w:document>${fresh()}</w:document>`)
      .generateAsync({ type: 'nodebuffer' });
    const odt = await new JSZip()
      .file('mimetype', 'application/vnd.oasis.opendocument.text', { compression: 'STORE' })
      .file('content.xml', `<office:document-content>${fresh()}</office:document-content>`)
      .generateAsync({ type: 'nodebuffer' });
    const png = Buffer.concat([Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'), Buffer.alloc(32, 1), Buffer.from(fresh())]);
    const jpeg = Buffer.concat([Buffer.from('ffd8ffe000104a46494600', 'hex'), Buffer.alloc(32, 2), Buffer.from(fresh())]);
    const cases: [Buffer, string][] = [
      [xlsx, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
      [docx, 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
      [odt, 'application/vnd.oasis.opendocument.text'],
      [png, 'image/png'],
      [jpeg, 'image/jpeg'],
    ];
    for (const [content, type] of cases) expect((await expectStatus(upload(w.officer(w.nv), content, 'x.bin'), 201)).body.type).toBe(type);
  });

  it('refuses with 415 and a reason: an executable named .pdf, HTML, a plain ZIP, a PDF with /JavaScript or /JS — and stores nothing', async () => {
    const before = await counts();
    const exe = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(64), Buffer.from('This program cannot be run in DOS mode.' + fresh())]);
    const html = Buffer.from(`<!DOCTYPE html><html><body><script>alert(1)</script>${fresh()}</body></html>`);
    const zip = await new JSZip().file('readme.txt', fresh()).generateAsync({ type: 'nodebuffer' });
    const cases: [Buffer, string, RegExp][] = [
      [exe, 'UNSUPPORTED_FILE_TYPE', /Windows executable/],
      [html, 'UNSUPPORTED_FILE_TYPE', /not a recognised document/],
      [zip, 'UNSUPPORTED_FILE_TYPE', /ZIP archive that is not an Office document/],
      [pdf('/OpenAction << /S /JavaScript /JS (app.alert\\(1\\)) >> '), 'PDF_WITH_SCRIPT', /JavaScript/],
      [pdf('/AA << /O << /S /J#61vaScript /J#53 (x) >> >> '), 'PDF_WITH_SCRIPT', /JavaScript/],
    ];
    for (const [content, code, reason] of cases) {
      const res = await upload(w.officer(w.nv), content, 'bao-cao.pdf');
      expect([res.status, res.body.code]).toEqual([415, code]);
      expect(res.headers['content-type']).toMatch(PROBLEM_JSON);
      expect(res.body.detail).toMatch(reason);
    }
    expect(await counts()).toEqual(before);
  });

  it('refuses 20 MB + 1 byte with 413 and stores nothing; exactly 20 MB is taken', async () => {
    const before = await counts();
    const head = pdf();
    const over = Buffer.concat([head, Buffer.alloc(MAX_FILE_BYTES + 1 - head.length, 0x20)]);
    const res = await upload(w.officer(w.nv), over);
    expect([res.status, res.body.code]).toEqual([413, 'FILE_TOO_LARGE']);
    expect(await counts()).toEqual(before);
    const exact = await upload(w.officer(w.nv), over.subarray(0, MAX_FILE_BYTES));
    expect(exact.status).toBe(201);
    expect(exact.body.size).toBe(MAX_FILE_BYTES);
  }, 60_000);

  it('a body declared larger than 20 MB is refused with 413 before it is read', async () => {
    const url = new URL('/v1/files', t.app.url);
    const res = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = http.request(url, {
        method: 'POST',
        headers: {
          ...bearer(w.officer(w.nv)),
          'Content-Type': 'multipart/form-data; boundary=x',
          'Content-Length': String(100 * 1024 * 1024),
        },
      });
      req.on('response', (r) => {
        let body = '';
        r.on('data', (c) => (body += c));
        r.on('end', () => {
          resolve({ status: r.statusCode!, body });
          req.destroy();
        });
      });
      req.on('error', reject);
      req.write('--x\r\n');
    });
    expect([res.status, JSON.parse(res.body).code]).toEqual([413, 'FILE_TOO_LARGE']);
  });

  it('an upload cut off mid-body (socket destroyed) leaves nothing behind and no transaction open', async () => {
    const before = await counts();
    const boundary = `----dondoc${fresh()}`;
    const content = Buffer.concat([pdf(), Buffer.alloc(3 * 1024 * 1024, 0x41)]);
    const preamble = Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\nContent-Type: application/pdf\r\n\r\n`,
    );
    const url = new URL('/v1/files', t.app.url);
    await new Promise<void>((resolve) => {
      const req = http.request(url, {
        method: 'POST',
        headers: {
          ...bearer(w.officer(w.nv)),
          'Content-Type': `multipart/form-data; boundary=${boundary}`,
          'Content-Length': String(preamble.length + content.length + 100),
        },
      });
      req.on('error', () => resolve());
      req.write(preamble);
      req.write(content.subarray(0, 2 * 1024 * 1024), () =>
        setTimeout(() => {
          req.destroy();
          resolve();
        }, 300),
      );
    });
    let open = 1;
    for (let i = 0; i < 50 && open > 0; i++) {
      await new Promise((r) => setTimeout(r, 100));
      const { rows } = await db.query(
        `SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = 'dondoc-files' AND state LIKE 'idle in transaction%' AND datname = current_database()`,
      );
      open = rows[0].n;
    }
    expect(open).toBe(0);
    expect(await counts()).toEqual(before);
  });

  it('a missing field or a non-multipart body is 400; an inspector may not upload (403), a stranger gets 401', async () => {
    expect(
      (
        await t.http
          .post('/v1/files')
          .set(bearer(w.officer(w.nv)))
          .send({ file: 'x' })
      ).body.code,
    ).toBe('FILE_MISSING');
    expect(
      (
        await t.http
          .post('/v1/files')
          .set(bearer(w.officer(w.nv)))
          .attach('other', pdf(), 'a.pdf')
      ).body.code,
    ).toBe('FILE_MISSING');
    expect((await upload(w.inspector, pdf())).status).toBe(403);
    expect((await t.http.post('/v1/files').attach('file', pdf(), 'a.pdf')).status).toBe(401);
  });

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
