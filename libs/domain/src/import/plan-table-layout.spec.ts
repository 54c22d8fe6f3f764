import { ImportInvalid } from './import-issues';
import { readPlanTable } from './plan-table.reader';

/** The task table of a plan pasted into a sheet as printed (docs/IMPORT.md, Layouts). */
const plan = [
  ['PHỤ LỤC'],
  ['DANH MỤC NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH NĂM 2026', 'DANH MỤC NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH NĂM 2026'],
  ['(Kèm theo Kế hoạch số 12/KH-UBND ngày 10/01/2026 của UBND huyện)'],
  ['Mã kế hoạch', 'KH-12-2026'],
  [],
  ['STT', 'Nội dung nhiệm vụ', 'Cơ quan thực hiện', '', 'Thời gian hoàn thành', 'Sản phẩm'],
  ['', '', 'Chủ trì', 'Phối hợp', '', ''],
  ['(1)', '(2)', '(3)', '(4)', '(5)', '(6)'],
  ['I', 'CẢI CÁCH THỂ CHẾ', '', '', '', ''],
  ['1', 'Rà soát văn bản quy phạm pháp luật', 'Phòng Tư pháp', 'Các phòng chuyên môn', 'Quý III/2026', 'Báo cáo kết quả rà soát'],
  ['2', 'Kiểm tra văn bản', '', 'Phòng Nội vụ', 'Quý IV/2026', 'Kết luận kiểm tra'],
  ['II', 'CẢI CÁCH THỦ TỤC HÀNH CHÍNH', '', '', '', ''],
  ['1', 'Công khai thủ tục hành chính', 'Văn phòng HĐND và UBND huyện', 'UBND các xã, thị trấn', 'Thường xuyên', ''],
  ['2', 'Đánh giá chất lượng giải quyết thủ tục', '', '', '', ''],
  ['2.1', 'Khảo sát mức độ hài lòng', 'Văn phòng HĐND và UBND huyện', '', 'Hằng quý', 'Báo cáo khảo sát'],
  ['2.2', 'Số hóa hồ sơ', 'UBND các xã, thị trấn', '', 'Năm 2026 và các năm tiếp theo', ''],
];

describe('a plan table pasted as printed', () => {
  const doc = readPlanTable({ format: 'csv', rows: plan });

  it('skips the title lines, reads the two-line header and the column numbers, and the plan fields above', () => {
    expect(doc.plan.code).toBe('KH-12-2026');
    expect(doc.tasks[0].columns).toMatchObject({
      title: 'Nội dung nhiệm vụ',
      lead: 'Chủ trì',
      supporting: 'Phối hợp',
      deadline: 'Thời gian hoàn thành',
      expectedOutcome: 'Sản phẩm',
    });
  });

  it('takes section rows (I, II, and 2 over 2.1, 2.2) as headings that number their tasks', () => {
    expect(doc.tasks.map((t) => t.ref)).toEqual(['I.1', 'I.2', 'II.1', 'II.2.1', 'II.2.2']);
    expect(doc.tasks.map((t) => t.title)).not.toContain('CẢI CÁCH THỂ CHẾ');
  });

  it('carries a merged lead cell down to the rows it covers', () => {
    expect(doc.tasks[1]).toMatchObject({
      ref: 'I.2',
      lead: ['Phòng Tư pháp'],
      supporting: ['Phòng Nội vụ'],
      deadline: 'Quý IV/2026',
      expectedOutcome: 'Kết luận kiểm tra',
    });
    expect(doc.tasks[1].printed?.lead).toBe('Phòng Tư pháp');
  });

  it('keeps a cell of names as printed for the resolver to split', () => {
    expect(doc.tasks[2].printed).toEqual({ lead: 'Văn phòng HĐND và UBND huyện', supporting: 'UBND các xã, thị trấn', followUp: '' });
  });

  it('reads past the columns a task does not record (Kinh phí, Cấp trình), and still refuses an unknown one', () => {
    const rows = [
      ['STT', 'Nội dung', 'Cơ quan chủ trì', 'Kinh phí', 'Cấp trình', 'Thời gian'],
      ['1', 'Việc một', 'SH-NV', '50 triệu', 'UBND huyện', 'Quý III/2026'],
    ];
    expect(readPlanTable({ format: 'csv', rows }).tasks[0]).toMatchObject({ title: 'Việc một', deadline: 'Quý III/2026' });
    expect(() =>
      readPlanTable({
        format: 'csv',
        rows: [
          [...rows[0], 'Màu sắc'],
          [...rows[1], 'đỏ'],
        ],
      }),
    ).toThrow(ImportInvalid);
  });

  it('a section heading with no task under it is a task without a lead (an error)', () => {
    let error: unknown;
    try {
      readPlanTable({ format: 'csv', rows: [...plan.slice(5, 9), ['II', 'KHÔNG CÓ NHIỆM VỤ', '', '', '', '']] });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ImportInvalid);
    expect((error as ImportInvalid).issues.map((i) => i.field)).toEqual(['rows[4].Chủ trì', 'rows[5].Chủ trì']);
  });
});
