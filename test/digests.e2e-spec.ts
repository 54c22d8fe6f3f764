import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import { Client } from 'pg';
import { fresh } from './support/e2e-world';
import { SmtpSink } from './support/smtp-sink';
import { TestApp, bearer, startTestApp } from './support/test-app';
import { countEvents, storedEvents } from '@dondoc/event-store/postgres/testing/stored-events';

/**
 * The weekly digest against a real SMTP server. A district with four offices; tasks assigned on
 * 15/01/2024 (admin back-fill). Week 2024-W14 is classified as of Monday 01/04/2024 07:00 +07:00:
 *   NV  A 29/02 open → overdue 32 days   B 31/03 open → overdue 1    C 02/04 → this week, 1 day (!!)
 *       D 04/04 → this week, 3 days (!)    E 08/04 → within 7 days     F 30/06 → not listed
 *       G 15/03 done 10/03 → on time
 *   VP  H 20/03 open → overdue 12          I 10/03 done 12/03 → late
 *   TC  (no e-mail) J 25/03 open → overdue 7: issued and kept, not mailed
 *   XA  nothing → no digest
 * The district has no task of its own: its digest is the roll-up of the four.
 */
jest.setTimeout(120_000);

const ROOT = resolve(__dirname, '..');
let t: TestApp;
let smtp: SmtpSink;
let db: Client;
const tag = fresh();
const office = { d: `UBND-${tag}`, nv: `${tag}-NV`, vp: `${tag}-VP`, tc: `${tag}-TC`, xa: `${tag}-XA` };
const mail = {
  d: `ubnd.${tag}@example.vn`.toLowerCase(),
  nv: `noivu.${tag}@example.vn`.toLowerCase(),
  vp: `vanphong.${tag}@example.vn`.toLowerCase(),
  xa: `xa.${tag}@example.vn`.toLowerCase(),
};
const directiveNumber = `12/KH-UBND-${tag}`;

const admin = () => bearer(t.token('admin', 'ROOT'));
const at = (instant: string) => ({ ...admin(), 'Occurred-At': instant });
const id = (code: string, week: string) => `${code}-${week}`;
const run = async (week: string) => {
  const r = await t.http.post('/v1/digests/run').set(admin()).send({ week });
  expect(r.status).toBe(200);
  return r.body as {
    issued: string[];
    delivered: string[];
    failed: { id: string; error: string }[];
    nothingDue: number;
    notMailed: number;
    alreadyIssued: number;
  };
};
const eventCount = (like: string) => countEvents(db, { streamLike: like });
const mailsOf = (week: string) =>
  smtp.mails.filter((m) => (m.parsed.subject ?? '').includes(`Tuần ${Number(week.slice(6))}/${week.slice(0, 4)}`));

/** `n` digest runs for `week`, each in a node process of its own, released at the same moment. */
async function runInProcesses(week: string, n: number): Promise<{ issued: string[]; delivered: string[]; failed: unknown[] }[]> {
  const procs = Array.from({ length: n }, () => {
    const child = spawn(process.execPath, ['-r', '@swc-node/register', join(ROOT, 'test/support/digest-run.process.ts')], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH,
        TZ: 'UTC',
        DATABASE_URL: t.databaseUrl,
        SMTP_URL: smtp.url,
        DIGEST_WEEK: week,
        WAIT_FOR_GO: '1',
        SWC_NODE_PROJECT: join(ROOT, 'tsconfig.json'),
      },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    const ready = new Promise<void>((r) => child.stdout.once('data', () => r()));
    const done = new Promise<{ code: number | null; out: string }>((r) => child.once('exit', (code) => r({ code, out })));
    return { child, ready, done };
  });
  await Promise.all(procs.map((p) => p.ready)); // each has loaded and connected
  for (const p of procs) p.child.stdin.end('go\n');
  const results = await Promise.all(procs.map((p) => p.done));
  for (const r of results) expect(r).toMatchObject({ code: 0 });
  return results.map((r) => JSON.parse(r.out.trim().split('\n').pop()!));
}

beforeAll(async () => {
  smtp = await new SmtpSink().start();
  t = await startTestApp({
    SMTP_URL: smtp.url,
    DIGEST_FROM: 'Dondoc <dondoc@sonha.example.vn>',
    PUBLIC_URL: 'https://dondoc.sonha.example.vn/',
  });
  db = new Client({ connectionString: t.databaseUrl });
  await db.connect();
  const offices: [string, string, string | undefined, string | undefined][] = [
    [office.d, `UBND huyện ${tag}`, undefined, mail.d],
    [office.nv, `Phòng Nội vụ ${tag}`, office.d, mail.nv],
    [office.vp, `Văn phòng HĐND và UBND ${tag}`, office.d, mail.vp],
    [office.tc, `Phòng Tài chính ${tag}`, office.d, undefined],
    [office.xa, `UBND xã ${tag}`, office.d, mail.xa],
  ];
  for (const [code, name, parent, email] of offices) {
    const r = await t.http
      .post('/v1/offices')
      .set(admin())
      .send({ code, name, ...(parent ? { parent } : {}), ...(email ? { email } : {}) });
    expect(r.status).toBe(201);
  }
  const directive = await t.http.post('/v1/directives').set(admin()).send({
    number: directiveNumber,
    kind: 'Kế hoạch',
    issuedOn: '2024-01-10',
    issuer: office.d,
    title: 'Khắc phục hạn chế CCHC năm 2023',
  });
  expect(directive.status).toBe(201);
  const plan = await t.http
    .post('/v1/plans')
    .set(at('2024-01-15T08:00:00+07:00'))
    .send({
      directiveId: directive.body.id,
      issuer: office.d,
      title: `Kế hoạch khắc phục CCHC 2024 ${tag}`,
      period: { from: '2024-01-01', to: '2024-12-31' },
    });
  expect(plan.status).toBe(201);
  const assign = async (title: string, lead: string, dueOn: string, criterion?: string) => {
    const r = await t.http
      .post(`/v1/plans/${plan.body.id}/tasks`)
      .set(at('2024-01-15T09:00:00+07:00'))
      .send({ title, lead: [lead], dueOn, ...(criterion ? { criterion } : {}) });
    expect(r.status).toBe(201);
    return r.body.tasks[0].id as string;
  };
  const complete = async (task: string, on: string) => {
    const r1 = await t.http
      .post(`/v1/tasks/${task}/completion`)
      .set(at(`${on}T16:00:00+07:00`))
      .send({ completedOn: on, note: 'Đã hoàn thành' });
    expect(r1.status).toBe(201);
    const r2 = await t.http
      .post(`/v1/tasks/${task}/completion/accept`)
      .set(at(`${on}T17:00:00+07:00`))
      .send({});
    expect([200, 201]).toContain(r2.status);
  };
  await assign('Xây dựng Kế hoạch cụ thể của đơn vị', office.nv, '2024-02-29');
  await assign('Tham mưu Kế hoạch kiểm tra CCHC', office.nv, '2024-03-31', '1.3.2');
  await assign('Báo cáo kết quả tự chấm điểm', office.nv, '2024-04-02', '1.5');
  await assign('Rà soát thủ tục hành chính', office.nv, '2024-04-04', '3.1.1.2');
  await assign('Tổng hợp sáng kiến CCHC', office.nv, '2024-04-08', '1.5');
  await assign('Tham mưu bố trí công chức', office.nv, '2024-06-30', '5.1.2');
  await complete(await assign('Ban hành quy chế làm việc', office.nv, '2024-03-15', '4'), '2024-03-10');
  await assign('Cập nhật phần mềm theo dõi nhiệm vụ', office.vp, '2024-03-20', '1.7');
  await complete(await assign('Báo cáo quý I', office.vp, '2024-03-10', '1.7'), '2024-03-12');
  await assign('Rà soát giải ngân vốn đầu tư', office.tc, '2024-03-25', '6.1.1');
});

afterAll(async () => {
  await db?.end();
  await t?.close();
  await smtp?.stop();
});

describe('weekly digest', () => {
  it('mails each office its list and the district its roll-up, in Vietnamese, both parts', async () => {
    const r = await run('2024-W14');
    expect([...r.issued].sort()).toEqual([office.d, office.nv, office.tc, office.vp].map((c) => id(c, '2024-W14')).sort());
    expect([...r.delivered].sort()).toEqual([office.d, office.nv, office.vp].map((c) => id(c, '2024-W14')).sort());
    expect(r).toMatchObject({ failed: [], notMailed: 1 });
    expect(r.nothingDue).toBeGreaterThanOrEqual(1); // XA

    expect(mailsOf('2024-W14')).toHaveLength(3);
    expect(smtp.to(mail.xa)).toHaveLength(0);
    const [nv] = smtp.to(mail.nv);
    expect(nv.from).toBe('dondoc@sonha.example.vn');
    expect(nv.parsed.to).toMatchObject({ value: [{ address: mail.nv }] });
    expect(nv.parsed.subject).toBe(`[Đôn đốc] Tuần 14/2024 – Phòng Nội vụ ${tag}: 2 quá hạn, 2 đến hạn trong tuần, 1 sắp đến hạn`);
    const text = nv.parsed.text!;
    expect(text).toContain('BẢN TIN ĐÔN ĐỐC NHIỆM VỤ – TUẦN 14/2024 (01/04/2024 – 07/04/2024)');
    expect(text).toContain('Số liệu tính đến 07:00 ngày 01/04/2024.');
    expect(text).toContain('TÓM TẮT: 2 nhiệm vụ quá hạn; 2 nhiệm vụ đến hạn trong tuần này; 1 nhiệm vụ sắp đến hạn trong 7 ngày tới.');
    // summary first, then overdue (most overdue first), this week, within 7 days
    const order = [
      'TÓM TẮT',
      'Xây dựng Kế hoạch cụ thể',
      'Tham mưu Kế hoạch kiểm tra',
      'Báo cáo kết quả tự chấm điểm',
      'Rà soát thủ tục',
      'Tổng hợp sáng kiến',
    ].map((s) => text.indexOf(s));
    expect(order.every((p) => p >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(text).toContain(`Kế hoạch: Kế hoạch khắc phục CCHC 2024 ${tag} · Văn bản: ${directiveNumber}`);
    expect(text).toContain('Thời hạn: 29/02/2024 · Quá hạn 32 ngày · Tiêu chí: —');
    expect(text).toContain('Thời hạn: 31/03/2024 · Quá hạn 1 ngày · Tiêu chí: 1.3.2');
    expect(text).toContain('Thời hạn: 02/04/2024 · Còn 1 ngày (!!) · Tiêu chí: 1.5');
    expect(text).toContain('Thời hạn: 04/04/2024 · Còn 3 ngày (!) · Tiêu chí: 3.1.1.2');
    expect(text).toContain('Thời hạn: 08/04/2024 · Còn 7 ngày · Tiêu chí: 1.5');
    expect(text).not.toContain('bố trí công chức');
    expect(text).not.toContain('quy chế làm việc');
    const html = nv.parsed.html as string;
    expect(html).toContain('<table');
    expect(html).toContain('Xây dựng Kế hoạch cụ thể của đơn vị');
    expect(html).toContain('Quá hạn 32 ngày');
    // Each line opens its task's page in the web app, on PUBLIC_URL.
    const links = [...html.matchAll(/<a href="https:\/\/dondoc\.sonha\.example\.vn\/tasks\/([0-9a-f-]{36})"/g)].map((m) => m[1]);
    expect(links).toHaveLength(5);
    for (const id of links) expect(text).toContain(`\n   https://dondoc.sonha.example.vn/tasks/${id}\n`);
    expect((await t.http.get(`/v1/tasks/${links[0]}`).set(admin())).status).toBe(200);

    const [district] = smtp.to(mail.d);
    const dt = district.parsed.text!;
    expect(dt).toContain('IV. TÌNH HÌNH CÁC ĐƠN VỊ TRỰC THUỘC');
    expect(dt).toContain(`1. Phòng Nội vụ ${tag} (${office.nv}): quá hạn 2; đến hạn trong tuần 2; sắp đến hạn 1; đúng hạn 1/3 (33,33 %)`);
    expect(dt).toContain(`2. Phòng Tài chính ${tag} (${office.tc}): quá hạn 1; đến hạn trong tuần 0; sắp đến hạn 0; đúng hạn 0/1 (0,00 %)`);
    expect(dt).toContain(
      `3. Văn phòng HĐND và UBND ${tag} (${office.vp}): quá hạn 1; đến hạn trong tuần 0; sắp đến hạn 0; đúng hạn 0/2 (0,00 %)`,
    );
    expect(dt).toContain('Tổng cộng: quá hạn 4; đến hạn trong tuần 2; sắp đến hạn 1; đúng hạn 1/6 (16,67 %)');
    expect(dt).not.toContain(`UBND xã ${tag}`); // no task: not in the roll-up
    expect(district.parsed.html as string).toContain('33,33 %');
  });

  it('keeps every digest for the API, scoped like the records', async () => {
    const list = await t.http.get('/v1/digests?week=2024-W14').set(admin());
    expect(list.status).toBe(200);
    const mine = (list.body as { office: string }[]).filter((d) => Object.values(office).includes(d.office));
    expect(mine).toHaveLength(4);
    const nvItem = mine.find((d) => d.office === office.nv)!;
    expect(nvItem).toMatchObject({ id: id(office.nv, '2024-W14'), week: '2024-W14', counts: { overdue: 2, dueThisWeek: 2, dueSoon: 1 } });
    expect(nvItem).toHaveProperty('deliveredAt');
    expect(mine.find((d) => d.office === office.tc)).not.toHaveProperty('deliveredAt');

    const officer = bearer(t.token('officer', office.nv));
    const own = await t.http.get('/v1/digests?week=2024-W14').set(officer);
    expect((own.body as { office: string }[]).map((d) => d.office)).toEqual([office.nv]);
    expect((await t.http.get(`/v1/digests?office=${office.vp}`).set(officer)).status).toBe(404);
    // Another office's digest reads as a missing one (issue 13, item 11): 404 with the same code.
    const other = await t.http.get(`/v1/digests/${id(office.vp, '2024-W14')}`).set(officer);
    const none = await t.http.get(`/v1/digests/${id('NO-SUCH-OFFICE', '2024-W14')}`).set(officer);
    expect({ status: other.status, code: other.body.code }).toEqual({ status: 404, code: 'DIGEST_NOT_FOUND' });
    expect({ status: none.status, code: none.body.code }).toEqual({ status: 404, code: 'DIGEST_NOT_FOUND' });
    expect(other.body.detail).not.toMatch(/outside/);
    const leader = await t.http.get(`/v1/digests?week=2024-W14&office=${office.d}`).set(bearer(t.token('leader', office.d)));
    expect(leader.body).toHaveLength(4);

    const one = await t.http.get(`/v1/digests/${id(office.tc, '2024-W14')}`).set(bearer(t.token('inspector', office.d)));
    expect(one.status).toBe(200);
    expect(one.body).toMatchObject({ office: office.tc, recipients: [], status: 'issued', asOf: '2024-04-01T00:00:00.000Z' });
    expect(one.body.text).toContain('Thời hạn: 25/03/2024 · Quá hạn 7 ngày');
    expect(one.body.html).toContain('<table');
    expect((await t.http.get('/v1/digests/nope-2024-W14').set(admin())).status).toBe(404);
    expect(
      (
        await t.http
          .post('/v1/digests/run')
          .set(bearer(t.token('leader', office.d)))
          .send({})
      ).status,
    ).toBe(403);
    expect((await t.http.post('/v1/digests/run').set(admin()).send({ week: '2024-W54' })).status).toBe(400);
    expect((await t.http.post('/v1/digests/run').set(admin()).send({ week: '2099-W01' })).status).toBe(400);
  });

  it('running the same week again writes and sends nothing', async () => {
    const events = await eventCount('digest-%');
    const r = await run('2024-W14');
    expect(r).toMatchObject({ issued: [], delivered: [], failed: [] });
    expect(r.alreadyIssued).toBeGreaterThanOrEqual(4);
    expect(await eventCount('digest-%')).toBe(events);
    expect(mailsOf('2024-W14')).toHaveLength(3);
  });

  it('three runs at once in separate processes issue and mail one digest per office', async () => {
    const runs = await runInProcesses('2024-W15', 3);
    const issued = runs.flatMap((r) => r.issued.filter((x) => x.startsWith(tag) || x.startsWith(office.d)));
    expect(issued.sort()).toEqual([office.d, office.nv, office.tc, office.vp].map((c) => id(c, '2024-W15')).sort());
    expect(runs.flatMap((r) => r.delivered)).toHaveLength(3);
    for (const c of [office.d, office.nv, office.tc, office.vp]) {
      expect(await eventCount(`digest-${id(c, '2024-W15')}`)).toBe(c === office.tc ? 1 : 2);
    }
    const w15 = mailsOf('2024-W15');
    expect(w15.map((m) => m.envelopeTo[0]).sort()).toEqual([mail.d, mail.nv, mail.vp].sort());
    expect(w15.find((m) => m.envelopeTo[0] === mail.nv)!.parsed.text).toContain('Số liệu tính đến 07:00 ngày 08/04/2024.');
  });

  it('records a failed send while SMTP is down and delivers exactly once when it is back', async () => {
    const port = smtp.port;
    await smtp.stop();
    const down = await run('2024-W16');
    expect(down.issued).toHaveLength(4);
    expect(down.delivered).toEqual([]);
    expect(down.failed.map((f) => f.id).sort()).toEqual([office.d, office.nv, office.vp].map((c) => id(c, '2024-W16')).sort());
    const failed = await t.http.get(`/v1/digests/${id(office.nv, '2024-W16')}`).set(admin());
    expect(failed.body).toMatchObject({ status: 'failed', attempts: 3 });
    expect(failed.body).not.toHaveProperty('deliveredAt');
    expect(failed.body.failures).toEqual([expect.objectContaining({ error: expect.stringMatching(/ECONNREFUSED|connect/i), attempts: 3 })]);
    expect(await eventCount(`digest-${id(office.nv, '2024-W16')}`)).toBe(2);

    await smtp.start(port);
    // three workers retry at once: each undelivered digest is mailed by one of them, once
    const back = await runInProcesses('2024-W16', 3);
    expect(back.flatMap((r) => r.issued)).toEqual([]);
    expect(back.flatMap((r) => r.delivered).sort()).toEqual([office.d, office.nv, office.vp].map((c) => id(c, '2024-W16')).sort());
    expect(mailsOf('2024-W16')).toHaveLength(3);
    const again = await run('2024-W16');
    expect(again).toMatchObject({ issued: [], delivered: [], failed: [] });
    expect(mailsOf('2024-W16')).toHaveLength(3);
    const types = (await storedEvents(db, { streamId: `digest-${id(office.nv, '2024-W16')}` })).map((r) => r.type);
    expect(types).toEqual(['DigestIssued', 'DigestDeliveryFailed', 'DigestDelivered']);
    const delivered = await t.http.get(`/v1/digests?week=2024-W16&office=${office.nv}`).set(admin());
    expect(delivered.body[0]).toHaveProperty('deliveredAt');
  });
});
