import { readFindingTable } from './finding-table.reader';

const offices = [
  { code: 'SH-VP', name: 'Văn phòng HĐND và UBND' },
  { code: 'SH-X-SONHA', name: 'UBND xã Sơn Hạ' },
];

describe('a conclusion’s findings as a table (readFindingTable)', () => {
  it('given a title above the table, reads each row, matching offices by code or by name', () => {
    const t = readFindingTable(
      [
        ['KẾT LUẬN KIỂM TRA SỐ 15/KL-UBND', '', '', '', ''],
        ['STT', 'Đơn vị được kiểm tra', 'Tiêu chí', 'Mức độ', 'Nội dung phát hiện', 'Yêu cầu khắc phục'],
        ['1', 'SH-VP', '1.3', 'Nghiêm trọng', 'Chưa niêm yết thủ tục', 'Niêm yết đầy đủ'],
        ['', '', '', '', '', ''],
        ['2', 'ubnd xa son ha', '', '', 'Sổ theo dõi chưa cập nhật', 'Cập nhật sổ'],
      ],
      offices,
    );
    expect(t.ok).toBe(true);
    expect(t.rows).toEqual([
      {
        at: 3,
        office: 'SH-VP',
        officeMatch: 'code',
        criterion: '1.3',
        severity: 'major',
        description: 'Chưa niêm yết thủ tục',
        requirement: 'Niêm yết đầy đủ',
        errors: [],
      },
      {
        at: 5,
        office: 'SH-X-SONHA',
        officeMatch: 'name',
        criterion: null,
        severity: 'minor',
        description: 'Sổ theo dõi chưa cập nhật',
        requirement: 'Cập nhật sổ',
        errors: [],
      },
    ]);
  });

  it('names the row and the column of every problem', () => {
    const t = readFindingTable(
      [
        ['Đơn vị', 'Tiêu chí', 'Mức độ', 'Nội dung', 'Kiến nghị'],
        ['BS-NV', 'một', 'rất nặng', '', ''],
      ],
      offices,
    );
    expect(t.ok).toBe(false);
    expect(t.rows[0].errors.map((e) => e.field)).toEqual([
      'rows[2].Đơn vị',
      'rows[2].Tiêu chí',
      'rows[2].Mức độ',
      'rows[2].Nội dung',
      'rows[2].Kiến nghị',
    ]);
    expect(t.rows[0].errors[0].message).toContain('"BS-NV" is not one of the offices this inspection covers');
  });

  it('refuses a file without the table, or with no rows', () => {
    expect(readFindingTable([['Tên', 'Ghi chú']], offices)).toMatchObject({ ok: false, errors: [{ field: 'rows' }] });
    expect(readFindingTable([['Đơn vị', 'Nội dung phát hiện']], offices)).toMatchObject({
      ok: false,
      errors: [{ field: 'rows[2]', message: 'the table has no findings' }],
    });
  });
});
