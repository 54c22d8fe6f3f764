import type { TaskCommand } from '@dondoc/domain/task';

/**
 * What happened in 2024 to a few tasks of the Sơn Hà plan, for the demo: enough for an overdue
 * list and a mix of completion rates at once. `by`: the lead office acts (report, ask), or the
 * district's leaders (accept, grant). Times are Asia/Ho_Chi_Minh.
 */
export interface DemoStep {
  ref: string;
  lead: string;
  on: string;
  by: 'office' | 'leader';
  command:
    | Exclude<TaskCommand, { type: 'AssignTask' | 'RequestExtension' }>
    | (Omit<Extract<TaskCommand, { type: 'RequestExtension' }>, 'requestId'> & { requestId?: string });
}

const office = (ref: string, lead: string, day: string, command: DemoStep['command']): DemoStep => ({
  ref,
  lead,
  on: `${day}T09:00:00+07:00`,
  by: 'office',
  command,
});
const leader = (ref: string, lead: string, day: string, command: DemoStep['command']): DemoStep => ({
  ref,
  lead,
  on: `${day}T15:00:00+07:00`,
  by: 'leader',
  command,
});
const done = (ref: string, lead: string, reported: string, accepted: string, documentNumber: string): DemoStep[] => [
  office(ref, lead, reported, { type: 'ReportCompletion', note: 'Đã hoàn thành, gửi kèm văn bản', evidence: [{ documentNumber }] }),
  leader(ref, lead, accepted, { type: 'AcceptCompletion', note: 'Đồng ý' }),
];
const monthly = (ref: string, lead: string, months: number): DemoStep[] =>
  ['01-29', '02-27', '03-28', '04-26', '05-29', '06-27']
    .slice(0, months)
    .flatMap((d) => done(ref, lead, `2024-${d}`, `2024-${d.slice(0, 3)}${Number(d.slice(3)) + 1}`, `BC-${lead}-${d.slice(0, 2)}`));

export const DEMO_STORY: DemoStep[] = [
  // 1.3.2 (Phòng Nội vụ, due 31/03/2024): in progress, then one day overdue on 01/04, done late on 10/04.
  office('II.1.a', 'SH-NV', '2024-01-17', { type: 'AcknowledgeTask' }),
  office('II.1.a', 'SH-NV', '2024-03-20', {
    type: 'ReportProgress',
    note: 'Đã dự thảo Kế hoạch kiểm tra CCHC năm 2024, đang lấy ý kiến',
    percent: 60,
  }),
  ...done('II.1.a', 'SH-NV', '2024-04-10', '2024-04-12', '45/KH-UBND'),
  // The February task: most on time, one late, one extended, one never done.
  ...done('III.2', 'SH-NV', '2024-02-26', '2024-02-28', '12/KH-NV'),
  ...done('III.2', 'SH-VP', '2024-02-22', '2024-02-26', '09/KH-VP'),
  ...done('III.2', 'SH-TP', '2024-02-27', '2024-02-29', '07/KH-TP'),
  ...done('III.2', 'SH-TCKH', '2024-02-28', '2024-03-01', '15/KH-TCKH'),
  ...done('III.2', 'SH-VHTT', '2024-02-29', '2024-03-04', '05/KH-VHTT'),
  ...done('III.2', 'SH-X-DILANG', '2024-02-23', '2024-02-27', '21/KH-UBND'),
  ...done('III.2', 'SH-X-SONCAO', '2024-02-29', '2024-03-04', '11/KH-UBND'),
  ...done('III.2', 'SH-X-SONHA', '2024-02-28', '2024-03-01', '14/KH-UBND'),
  office('III.2', 'SH-TNMT', '2024-02-26', {
    type: 'RequestExtension',
    dueOn: '2024-03-15',
    reason: 'Chờ ý kiến của Sở Tài nguyên và Môi trường',
  }),
  leader('III.2', 'SH-TNMT', '2024-02-27', { type: 'GrantExtension', requestId: '', note: 'Đồng ý gia hạn đến 15/3/2024' }),
  ...done('III.2', 'SH-TNMT', '2024-03-14', '2024-03-15', '08/KH-TNMT'),
  ...done('III.2', 'SH-X-SONBAO', '2024-03-12', '2024-03-13', '09/KH-UBND'),
  // Monthly reporting (3.4.1, 3.4.2): Phòng Nội vụ and Văn phòng keep up until May, Di Lăng until March.
  ...monthly('II.3.b', 'SH-NV', 5),
  ...monthly('II.3.b', 'SH-VP', 4),
  ...monthly('II.3.c', 'SH-X-DILANG', 3),
  // Quarter II: one done early, one extended into quarter III, one awaiting acceptance.
  ...done('II.1.c', 'SH-NV', '2024-06-20', '2024-06-24', '88/BC-NV'),
  office('II.1.b', 'SH-VHTT', '2024-05-10', { type: 'ReportProgress', note: 'Đã xây dựng thể lệ cuộc thi', percent: 30 }),
  office('II.1.b', 'SH-VHTT', '2024-06-20', {
    type: 'RequestExtension',
    phrase: 'Trong quý III năm 2024',
    reason: 'Lồng ghép với Ngày Pháp luật',
  }),
  leader('II.1.b', 'SH-VHTT', '2024-06-24', { type: 'GrantExtension', requestId: '' }),
  office('II.3.a', 'SH-TP', '2024-06-28', {
    type: 'ReportCompletion',
    note: 'Đã rà soát 46 TTHC, kiến nghị đơn giản hóa 3 TTHC',
    evidence: [{ documentNumber: '31/BC-TP' }],
  }),
  office('II.6.a', 'SH-TCKH', '2024-05-15', { type: 'ReportProgress', note: 'Giải ngân đạt 42 % kế hoạch vốn', percent: 42 }),
];
