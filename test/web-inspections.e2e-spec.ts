import { rmSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { TestApp, bearer, startTestApp } from './support/test-app';
import { buildWebApp, hasChromium, launchChromium, screenshotPath, signInWithToken as signInAs } from './support/browser';
import { PlanWorld, districtWithPlan, expectStatus, todayLocal } from './support/e2e-world';

const describeWithBrowser = hasChromium() ? describe : describe.skip;
if (!hasChromium()) console.warn('web-inspections.e2e-spec: no Chromium at /usr/bin/chromium: the browser tests are skipped');

/**
 * An inspection's page in Chromium (issue 20): the inspecting office records a finding after the
 * visit; the district's leader raises its remediation task in one step; the inspected office sees
 * its finding and the task. Screenshots go to docs/screenshots/.
 */
describeWithBrowser('the inspection page in Chromium (e2e)', () => {
  let t: TestApp;
  let w: PlanWorld;
  let dir: string;
  let browser: Browser;
  let inspectionId: string;

  beforeAll(async () => {
    dir = buildWebApp();
    process.env.WEB_DIR = dir;
    t = await startTestApp();
    w = await districtWithPlan(t);
    const planned = await expectStatus(
      t.http
        .post('/v1/inspections')
        .set(bearer(w.leader))
        .send({
          title: `Kiểm tra công tác CCHC ${w.tag}`,
          inspectingOffice: w.nv,
          offices: [w.vp, w.commune],
          period: { from: todayLocal(), to: '2027-12-31' },
          plan: w.planId,
        }),
      201,
    );
    inspectionId = planned.body.id;
    await expectStatus(
      t.http
        .post(`/v1/inspections/${inspectionId}/conducted`)
        .set(bearer(w.officer(w.nv)))
        .send({ office: w.vp, on: todayLocal() }),
      200,
    );
    browser = await launchChromium();
  }, 180_000);

  afterEach(async () => {
    for (const context of browser?.contexts() ?? []) await context.close();
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
    delete process.env.WEB_DIR;
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const signInWithToken = (token: string, viewport?: { width: number; height: number }): Promise<Page> =>
    signInAs(browser, t.app.url, token, viewport);

  it('the inspecting office records a finding; the leader raises its remediation task in one step', async () => {
    const description = `Chưa niêm yết công khai thủ tục hành chính ${w.tag}`;
    const officer = await signInWithToken(w.officer(w.nv));
    await officer.goto(`${t.app.url}/kiem-tra/${inspectionId}`);
    await officer.getByRole('heading', { name: `Kiểm tra công tác CCHC ${w.tag}` }).waitFor();
    await officer.getByRole('button', { name: 'Ghi nhận phát hiện' }).click();
    await officer.getByLabel('Đơn vị được kiểm tra').click();
    // By name, though the offices beside it are not in the inspecting office's own tree.
    await officer.getByTitle(`vp ${w.tag}`, { exact: true }).click();
    await officer.getByLabel('Tiêu chí').fill('1.3');
    await officer.getByLabel('Nội dung phát hiện').fill(description);
    await officer.getByLabel('Yêu cầu khắc phục').fill('Niêm yết đầy đủ tại Bộ phận một cửa');
    await officer.getByRole('button', { name: 'Gửi' }).click();
    await officer.getByRole('cell', { name: description }).waitFor();
    await officer.getByText('Đang khắc phục').first().waitFor();
    await officer.getByRole('dialog').waitFor({ state: 'hidden' });
    // The rest of the conclusion from a CSV: previewed row by row (the commune by its name), then recorded.
    await officer.getByRole('button', { name: 'Nhập phát hiện từ tệp' }).click();
    await officer.locator('input[type=file]').setInputFiles({
      name: 'ket-luan.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(
        `Đơn vị được kiểm tra,Tiêu chí,Mức độ,Nội dung phát hiện,Yêu cầu khắc phục\r\ncommune ${w.tag},2.1,Nghiêm trọng,Chưa cập nhật sổ theo dõi ${w.tag},Cập nhật sổ\r\n`,
      ),
    });
    await officer.getByRole('button', { name: 'Xem trước' }).click();
    await officer.getByText(`commune ${w.tag} (theo tên)`).waitFor();
    await officer.screenshot({ path: screenshotPath('kiem-tra-nhap-tep') });
    await officer.getByRole('button', { name: 'Ghi nhận 1 phát hiện' }).click();
    await officer.getByRole('dialog').waitFor({ state: 'hidden' });
    await officer.getByRole('cell', { name: `Chưa cập nhật sổ theo dõi ${w.tag}` }).waitFor();
    // The inspecting office records; it does not assign tasks.
    expect(await officer.getByRole('button', { name: 'Giao nhiệm vụ khắc phục' }).count()).toBe(0);
    await officer.screenshot({ path: screenshotPath('kiem-tra-ghi-nhan'), fullPage: true });

    const leader = await signInWithToken(w.leader);
    await leader.goto(`${t.app.url}/kiem-tra/${inspectionId}`);
    await leader
      .getByRole('row', { name: new RegExp(description) })
      .getByRole('button', { name: 'Giao nhiệm vụ khắc phục' })
      .click();
    await leader.getByLabel('Thời hạn').fill('30/06/2027');
    await leader.getByRole('button', { name: 'Gửi' }).click();
    const link = leader.getByRole('link', { name: /Khắc phục: Niêm yết đầy đủ tại Bộ phận một cửa \(hạn 30\/06\/2027\)/ });
    await link.waitFor();
    await leader.getByRole('dialog').waitFor({ state: 'hidden' });
    await leader.screenshot({ path: screenshotPath('kiem-tra-khac-phuc'), fullPage: true });

    // The findings report of the district, by inspected office, from the inspections list.
    await leader.getByRole('link', { name: 'Kiểm tra', exact: true }).click();
    await leader.getByRole('link', { name: `Kiểm tra công tác CCHC ${w.tag}` }).waitFor();
    await leader.getByRole('cell', { name: `vp ${w.tag}` }).waitFor();
    await leader.getByText('Đã kiểm tra 1/2 cơ quan, đơn vị (50,00 %).').waitFor();
    await leader.getByRole('cell', { name: `commune ${w.tag}` }).waitFor();
    await leader.waitForLoadState('networkidle');
    await leader.waitForTimeout(400); // the tables' fade-in
    await leader.screenshot({ path: screenshotPath('kiem-tra-bao-cao'), fullPage: true });

    const inspection = await expectStatus(t.http.get(`/v1/inspections/${inspectionId}`).set(bearer(w.leader)), 200);
    const finding = inspection.body.findings.find((x: { office: string }) => x.office === w.vp);
    expect(inspection.body.findings).toHaveLength(2);
    expect(finding).toMatchObject({ office: w.vp, criterion: '1.3', description, remediationStatus: 'OPEN' });
    const task = await expectStatus(t.http.get(`/v1/tasks/${finding.remediation[0].taskId}`).set(bearer(w.leader)), 200);
    expect(task.body).toMatchObject({ lead: w.vp, dueOn: '2027-06-30' });

    // The inspected office sees its finding and opens the task from it, on a phone.
    const vp = await signInWithToken(w.officer(w.vp), { width: 390, height: 844 });
    await vp.goto(`${t.app.url}/kiem-tra/${inspectionId}`);
    await vp.getByRole('cell', { name: description }).waitFor();
    expect(await vp.getByRole('button', { name: 'Ghi nhận phát hiện' }).count()).toBe(0);
    await vp.screenshot({ path: screenshotPath('kiem-tra-dien-thoai'), fullPage: true });
    await vp.getByRole('link', { name: /Khắc phục: Niêm yết/ }).click();
    await vp.waitForURL(/\/tasks\//);
  }, 120_000);
});
