import { asciiName, contentDisposition } from './export-format';
import { csvText } from './csv.renderer';

describe('export file names', () => {
  it('folds Vietnamese to an ASCII fallback and keeps the UTF-8 name in filename*', () => {
    expect(asciiName('Báo cáo kết quả thực hiện nhiệm vụ Đồng Nai 2024-04-10')).toBe(
      'bao-cao-ket-qua-thuc-hien-nhiem-vu-dong-nai-2024-04-10',
    );
    expect(contentDisposition("Chỉ tiêu (quý I) 'x'", 'xlsx')).toBe(
      `attachment; filename="chi-tieu-quy-i-x.xlsx"; filename*=UTF-8''Ch%E1%BB%89%20ti%C3%AAu%20%28qu%C3%BD%20I%29%20%27x%27.xlsx`,
    );
  });
});

describe('CSV', () => {
  it('starts with a BOM, quotes what needs it, writes percentages with their sign', () => {
    const text = csvText({
      columns: [
        { header: 'Tên, đơn vị', kind: 'text' },
        { header: 'Tỷ lệ', kind: 'percent' },
        { header: 'Số', kind: 'int' },
      ],
      rows: [
        ['Phòng "Nội vụ"', '97.78', 44],
        [null, null, 0],
      ],
    });
    expect(text).toBe('\uFEFF"Tên, đơn vị",Tỷ lệ,Số\r\n"Phòng ""Nội vụ""",97.78%,44\r\n,,0\r\n');
  });
});
