import http from 'node:http';
import JSZip from 'jszip';
import ExcelJS from 'exceljs';
import { Client } from 'pg';
import { MAX_FILE_BYTES } from '@dondoc/domain/files';
import { PROBLEM_JSON, PlanWorld, expectStatus, fresh } from './support/e2e-world';
import { TestApp, bearer } from './support/test-app';
import { fileCalls, filesWorld, pdf, sha } from './support/files-world';

/** Uploads (issue 18): what POST /v1/files takes, refuses and stores. References: files-references.e2e-spec.ts. */
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

  const { upload, counts } = fileCalls(() => ({ t, db, w }));

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
});
