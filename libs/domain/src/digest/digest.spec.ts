import { buildDigest, DigestInput, DigestTaskRow, MAX_LINES, SubtreeCounts } from './digest-content';
import { decideDigest, evolveDigest, isPendingDelivery } from './digest.decide';
import { DigestEvent } from './digest.events';
import { DigestState } from './digest.state';
import { formatCount, formatDate, formatPercent } from './digest-format';
import { renderDigestHtml } from './digest-html.renderer';
import { renderDigestText } from './digest-text.renderer';
import { isIsoWeek, isoWeekOf, isoWeekOfDate, mondayOf, sundayOf, weekStart } from './iso-week';
import { issueDigestCommand } from './render-digest';
import { periodLabel } from './digest-labels';

// Monday 01/04/2024 07:00 +07:00 (= 00:00 UTC): week 2024-W14.
const AS_OF = new Date('2024-04-01T00:00:00.000Z');

const row = (title: string, dueOn: string, extra: Partial<DigestTaskRow> = {}): DigestTaskRow => ({
  taskId: title,
  occurrence: null,
  title,
  planTitle: 'Kế hoạch khắc phục CCHC 2024',
  directiveNumber: '12/KH-UBND',
  criterion: '1.3.2',
  dueOn,
  ...extra,
});
const counts = (c: Partial<SubtreeCounts>): SubtreeCounts => ({
  assigned: 0,
  due: 0,
  doneOnTime: 0,
  doneLate: 0,
  overdue: 0,
  dueThisWeek: 0,
  dueSoon: 0,
  ...c,
});
const input = (tasks: DigestTaskRow[], subOffices: DigestInput['subOffices'] = []): DigestInput => ({
  office: { code: 'SH-NV', name: 'Phòng Nội vụ huyện', email: 'noivu@sonha.example.vn' },
  week: '2024-W14',
  asOf: AS_OF,
  dueSoonDays: 7,
  tasks,
  subOffices,
});

describe('ISO weeks in Asia/Ho_Chi_Minh', () => {
  it('numbers weeks by their Thursday', () => {
    expect(isoWeekOfDate('2024-04-01')).toBe('2024-W14');
    expect(isoWeekOfDate('2024-04-07')).toBe('2024-W14');
    expect(isoWeekOfDate('2024-12-30')).toBe('2025-W01');
    expect(isoWeekOfDate('2021-01-03')).toBe('2020-W53');
    expect(mondayOf('2025-W01')).toBe('2024-12-30');
    expect(mondayOf('2020-W53')).toBe('2020-12-28');
    expect(sundayOf('2024-W14')).toBe('2024-04-07');
  });

  it('takes the local date of an instant, not the UTC one', () => {
    // Sunday 31/03 17:00 UTC is already Monday 01/04 00:00 in Việt Nam.
    expect(isoWeekOf(new Date('2024-03-31T17:00:00Z'))).toBe('2024-W14');
    expect(isoWeekOf(new Date('2024-03-31T16:59:59.999Z'))).toBe('2024-W13');
    expect(weekStart('2024-W14').toISOString()).toBe('2024-03-31T17:00:00.000Z');
  });

  it('accepts week 53 only in years that have one', () => {
    expect(isIsoWeek('2020-W53')).toBe(true);
    expect(isIsoWeek('2021-W53')).toBe(false);
    expect(isIsoWeek('2024-W00')).toBe(false);
    expect(isIsoWeek('2024-14')).toBe(false);
  });
});

describe('Vietnamese formatting', () => {
  it('writes dates, counts and percentages as the reports do', () => {
    expect(formatDate('2024-02-29')).toBe('29/02/2024');
    expect(formatCount(1234567)).toBe('1.234.567');
    expect(formatPercent('97.78')).toBe('97,78 %');
    expect(formatPercent('100.00')).toBe('100,00 %');
    expect(formatPercent(null)).toBe('—');
  });
});

describe('buildDigest', () => {
  const tasks = [
    row('Xây dựng Kế hoạch cụ thể', '2024-02-29'),
    row('Tham mưu Kế hoạch kiểm tra', '2024-03-31'),
    row('Báo cáo tuần', '2024-04-02'),
    row('Rà soát TTHC', '2024-04-04'),
    row('Hôm nay', '2024-04-01'),
    row('Thứ Hai tới', '2024-04-08'),
    row('Quá xa', '2024-04-09'),
  ];

  it('puts each open item in one section, most overdue first, then soonest first', () => {
    const d = buildDigest(input(tasks))!;
    expect(d.counts).toEqual({ overdue: 2, dueThisWeek: 3, dueSoon: 1, rollup: null });
    expect(d.overdue.lines.map((l) => [l.title, l.daysOverdue])).toEqual([
      ['Xây dựng Kế hoạch cụ thể', 32],
      ['Tham mưu Kế hoạch kiểm tra', 1],
    ]);
    expect(d.dueThisWeek.lines.map((l) => [l.title, l.daysLeft, l.flag])).toEqual([
      ['Hôm nay', 0, '1'],
      ['Báo cáo tuần', 1, '1'],
      ['Rà soát TTHC', 3, '3'],
    ]);
    expect(d.dueSoon.lines.map((l) => [l.title, l.daysLeft, l.flag])).toEqual([['Thứ Hai tới', 7, null]]);
  });

  it('says nothing when nothing is overdue or due soon, here or below', () => {
    expect(buildDigest(input([row('Quá xa', '2024-06-30')]))).toBeNull();
    expect(buildDigest(input([], [{ code: 'X', name: 'X', counts: counts({ assigned: 3, due: 1, doneOnTime: 1 }) }]))).toBeNull();
  });

  it('rolls up the offices below, worst first, with the on-time rate', () => {
    const d = buildDigest(
      input(
        [],
        [
          { code: 'A', name: 'Phòng A', counts: counts({ assigned: 50, due: 45, doneOnTime: 44, doneLate: 1 }) },
          { code: 'B', name: 'Phòng B', counts: counts({ assigned: 4, due: 3, doneOnTime: 1, overdue: 2, dueSoon: 1 }) },
          { code: 'C', name: 'Phòng C', counts: counts({ assigned: 2, due: 1, doneOnTime: 0, doneLate: 1 }) },
          { code: 'D', name: 'Phòng D', counts: counts({}) },
        ],
      ),
    )!;
    expect(d.rollup!.rows.map((r) => [r.office, r.onTimePercent])).toEqual([
      ['B', '33.33'],
      ['C', '0.00'],
      ['A', '97.78'],
    ]);
    expect(d.rollup!.total).toMatchObject({ due: 49, doneOnTime: 45, overdue: 2, onTimePercent: '91.84' });
    expect(d.counts.rollup).toEqual({ offices: 3, overdue: 2, dueThisWeek: 0, dueSoon: 1 });
    const text = renderDigestText(d);
    expect(text).toContain('Phòng A (A): quá hạn 0; đến hạn trong tuần 0; sắp đến hạn 0; đúng hạn 44/45 (97,78 %)');
    expect(text.indexOf('Phòng B')).toBeLessThan(text.indexOf('Phòng A'));
    expect(renderDigestHtml(d)).toContain('97,78 %');
  });

  it('lists at most MAX_LINES per section and counts the rest', () => {
    const many = Array.from({ length: MAX_LINES + 5 }, (_, i) => row(`Việc ${i}`, '2024-03-01'));
    const d = buildDigest(input(many))!;
    expect(d.overdue.lines).toHaveLength(MAX_LINES);
    expect(d.overdue).toMatchObject({ total: MAX_LINES + 5, hidden: 5 });
    expect(renderDigestText(d)).toContain('… và 5 nhiệm vụ khác.');
  });
});

describe('rendering', () => {
  const d = buildDigest(
    input([
      row('Xây dựng <Kế hoạch> & báo cáo', '2024-02-29', { criterion: null }),
      row('Rà soát', '2024-04-04', { occurrence: '2024-04' }),
    ]),
  )!;

  it('writes the plain text in Vietnamese, summary first', () => {
    const text = renderDigestText(d);
    const lines = text.split('\n');
    expect(lines[0]).toBe('BẢN TIN ĐÔN ĐỐC NHIỆM VỤ – TUẦN 14/2024 (01/04/2024 – 07/04/2024)');
    expect(text).toContain('Số liệu tính đến 07:00 ngày 01/04/2024.');
    expect(text).toContain('TÓM TẮT: 1 nhiệm vụ quá hạn; 1 nhiệm vụ đến hạn trong tuần này; 0 nhiệm vụ sắp đến hạn trong 7 ngày tới.');
    expect(text).toContain('Thời hạn: 29/02/2024 · Quá hạn 32 ngày · Tiêu chí: —');
    expect(text).toContain('1. Rà soát (kỳ tháng 04/2024)');
    expect(periodLabel('2024-Q2')).toBe('quý II/2024');
    expect(text).toContain('Thời hạn: 04/04/2024 · Còn 3 ngày (!) · Tiêu chí: 1.3.2');
    expect(text).toContain('Văn bản: 12/KH-UBND');
  });

  it('escapes what comes from the records and styles inline', () => {
    const html = renderDigestHtml(d);
    expect(html).toContain('Xây dựng &lt;Kế hoạch&gt; &amp; báo cáo');
    expect(html).not.toContain('<style');
    expect(html).toContain('<table');
  });

  it("links each line to its task's page on PUBLIC_URL, in both parts; no links without it", () => {
    const linked = buildDigest({
      ...input([row('Rà soát', '2024-02-29', { taskId: 'a1b2' })]),
      publicUrl: 'https://dondoc.quangngai.gov.vn/',
    })!;
    expect(renderDigestHtml(linked)).toContain('<a href="https://dondoc.quangngai.gov.vn/tasks/a1b2"');
    expect(renderDigestText(linked)).toContain('\n   https://dondoc.quangngai.gov.vn/tasks/a1b2\n');
    expect(renderDigestHtml(d)).not.toContain('<a href');
    expect(renderDigestText(d)).not.toContain('/tasks/');
  });

  it('issues the command with subject, both parts and the office address', () => {
    const cmd = issueDigestCommand(d);
    expect(cmd.data.subject).toBe('[Đôn đốc] Tuần 14/2024 – Phòng Nội vụ huyện: 1 quá hạn, 1 đến hạn trong tuần, 0 sắp đến hạn');
    expect(cmd.data.recipients).toEqual(['noivu@sonha.example.vn']);
  });
});

describe('the digest aggregate', () => {
  const issue = issueDigestCommand(buildDigest(input([row('A', '2024-03-01')]))!);
  const fold = (events: DigestEvent[]): DigestState => events.reduce(evolveDigest, null as DigestState);

  it('is issued once', () => {
    const issued = decideDigest(issue, null);
    expect(issued[0]).toMatchObject({ type: 'DigestIssued', data: { digestId: 'SH-NV-2024-W14', office: 'SH-NV', week: '2024-W14' } });
    expect(() => decideDigest(issue, fold(issued))).toThrow(expect.objectContaining({ code: 'DIGEST_ALREADY_ISSUED' }));
  });

  it('is delivered at most once; failures are kept and retried', () => {
    let events = decideDigest(issue, null);
    const at = new Date('2024-04-01T00:01:00Z');
    events = [
      ...events,
      ...decideDigest(
        { type: 'RecordDigestDeliveryFailed', data: { to: ['x@y.vn'], error: 'ECONNREFUSED', attempts: 3, at } },
        fold(events),
      ),
    ];
    expect(fold(events)).toMatchObject({ status: 'failed', failures: 1, attempts: 3 });
    expect(isPendingDelivery(fold(events))).toBe(true);
    events = [
      ...events,
      ...decideDigest({ type: 'RecordDigestDelivered', data: { to: ['x@y.vn'], messageId: '<1@x>', attempts: 1, at } }, fold(events)),
    ];
    expect(fold(events)).toMatchObject({ status: 'delivered', attempts: 4, deliveredAt: at.toISOString() });
    expect(isPendingDelivery(fold(events))).toBe(false);
    expect(decideDigest({ type: 'RecordDigestDelivered', data: { to: [], messageId: null, attempts: 1, at } }, fold(events))).toEqual([]);
  });
});

describe('remediation of inspection findings in the digest (issue 20)', () => {
  it('marks a remediation task in the inspected office’s own list', () => {
    const c = buildDigest(
      input([row('Niêm yết thủ tục hành chính', '2024-03-20', { remediation: true }), row('Báo cáo quý I', '2024-03-25')]),
    )!;
    expect(c.overdue.lines.map((l) => l.remediation ?? false)).toEqual([true, false]);
    expect(renderDigestText(c)).toContain('Niêm yết thủ tục hành chính [khắc phục sau kiểm tra]');
    expect(renderDigestHtml(c)).toContain('Niêm yết thủ tục hành chính [khắc phục sau kiểm tra]');
  });

  it('rolls up overdue remediation for the inspecting office, worst first; that alone is worth a digest', () => {
    const remediation = [
      { office: 'SH-VP', name: 'Văn phòng', overdue: 1, oldestDueOn: '2024-03-10' },
      { office: 'SH-X-SONHA', name: 'UBND xã Sơn Hạ', overdue: 2, oldestDueOn: '2024-03-20' },
      { office: 'SH-TC', name: 'Phòng Tài chính', overdue: 0, oldestDueOn: '2024-03-01' },
    ];
    const c = buildDigest({ ...input([]), remediation })!;
    expect(c).not.toBeNull();
    expect(c.remediation).toEqual({ rows: [remediation[1], remediation[0]], total: 3 });
    const text = renderDigestText(c);
    expect(text).toContain('V. KHẮC PHỤC SAU KIỂM TRA QUÁ HẠN (THEO ĐƠN VỊ ĐƯỢC KIỂM TRA) (3)');
    expect(text).toContain('1. UBND xã Sơn Hạ (SH-X-SONHA): quá hạn 2; thời hạn sớm nhất 20/03/2024');
    expect(renderDigestHtml(c)).toContain('UBND xã Sơn Hạ');
    expect(buildDigest({ ...input([]), remediation: [remediation[2]] })).toBeNull();
  });
});
