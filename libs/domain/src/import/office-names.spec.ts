import { DirectoryOffice, OfficeDirectory } from './office-names';

const office = (code: string, name: string, parent: string | null, level: string | null): DirectoryOffice => ({
  code,
  name,
  parent,
  level,
  status: 'active',
});
const OFFICES = [
  office('UBND-QNG', 'Ủy ban nhân dân tỉnh Quảng Ngãi', null, 'province'),
  office('SNV', 'Sở Nội vụ tỉnh Quảng Ngãi', 'UBND-QNG', 'department'),
  office('STC', 'Sở Tài chính', 'UBND-QNG', 'department'),
  office('SKHDT', 'Sở Kế hoạch và Đầu tư', 'UBND-QNG', 'department'),
  office('SKHCN', 'Sở Khoa học và Công nghệ', 'UBND-QNG', 'department'),
  office('SLDTBXH', 'Sở Lao động - Thương binh và Xã hội', 'UBND-QNG', 'department'),
  office('UBND-SH', 'UBND huyện Sơn Hà', 'UBND-QNG', 'district'),
  office('SH-NV', 'Phòng Nội vụ huyện Sơn Hà', 'UBND-SH', 'office'),
  office('SH-VH', 'Phòng Văn hóa, Thể thao và Du lịch', 'UBND-SH', 'office'),
  office('SH-VHTT', 'Phòng Văn hóa và Thông tin', 'UBND-SH', 'office'),
  office('SH-XA1', 'UBND xã Sơn Hạ', 'UBND-SH', 'commune'),
  office('SH-XA2', 'UBND xã Sơn Thành', 'UBND-SH', 'commune'),
  office('SH-TT', 'UBND thị trấn Di Lăng', 'UBND-SH', 'commune'),
];
const province = new OfficeDirectory(OFFICES, 'UBND-QNG', new Map([['NHOM-A', ['STC', 'SNV']]]));
const district = new OfficeDirectory(OFFICES, 'UBND-SH');
const read = (d: OfficeDirectory, cell: string, field: 'lead' | 'supporting' = 'lead') => d.readCell(cell, field);
const summary = (d: OfficeDirectory, cell: string, field: 'lead' | 'supporting' = 'lead') =>
  read(d, cell, field).matches.map((m) => `${m.how}:${m.offices.join('+')}`);

describe('OfficeDirectory: offices by printed name', () => {
  it.each([
    ['SH-NV', 'code:SH-NV', 'a code'],
    ['Sở Tài chính', 'name:STC', 'the registered name'],
    ['SỞ TÀI CHÍNH', 'name:STC', 'any case'],
    ['So Tai chinh', 'name:STC', 'without diacritics'],
    ['  Sở   Tài chính. ', 'name:STC', 'extra spaces and a full stop'],
    ['Sở KH&CN', 'alias:SKHCN', 'the usual abbreviation'],
    ['Sở KH&ĐT', 'alias:SKHDT', 'the usual abbreviation'],
    ['Sở LĐ-TB&XH', 'alias:SLDTBXH', 'an abbreviation with a hyphen'],
    ['Sở LĐTBXH', 'alias:SLDTBXH', 'the same, run together'],
    ['Sở Nội vụ', 'alias:SNV', 'the name without its province'],
    ['Phòng Nội vụ', 'alias:SH-NV', 'the name without its district'],
    ['Ủy ban nhân dân huyện Sơn Hà', 'alias:UBND-SH', 'UBND written out'],
    ['NHOM-A', 'group:STC+SNV', 'a group the file declares'],
    ['Sở Tài chính tỉnh Quảng Ngãi', 'alias:STC', 'printed with its province, registered without'],
  ])('"%s" → %s (%s)', (cell, expected) => {
    expect(summary(province, cell)).toEqual([expected]);
  });

  it('keeps a name that contains commas whole', () => {
    expect(summary(district, 'Phòng Văn hóa, Thể thao và Du lịch')).toEqual(['name:SH-VH']);
  });

  it('splits a cell on separators only where the pieces are known names', () => {
    expect(summary(province, 'Sở Tài chính, Sở Kế hoạch và Đầu tư; Sở KH&CN')).toEqual(['name:STC', 'name:SKHDT', 'alias:SKHCN']);
    expect(summary(province, 'Sở Tài chính và Sở Nội vụ')).toEqual(['name:STC', 'alias:SNV']);
    expect(summary(district, 'Phòng Nội vụ\nPhòng Văn hóa và Thông tin')).toEqual(['alias:SH-NV', 'name:SH-VHTT']);
  });

  it.each([
    ['Các sở, ban, ngành', province, ['STC', 'SKHDT', 'SKHCN', 'SLDTBXH', 'SNV'], 'departments under the province'],
    ['UBND các xã, phường', district, ['SH-XA1', 'SH-XA2', 'SH-TT'], 'communes under the district'],
    ['UBND các xã, thị trấn', district, ['SH-XA1', 'SH-XA2', 'SH-TT'], 'communes, in the district wording'],
    ['các phòng chuyên môn', district, ['SH-NV', 'SH-VH', 'SH-VHTT'], 'offices under the district'],
    ['UBND các huyện, thị xã, thành phố', province, ['UBND-SH'], 'districts under the province'],
  ])('the collective "%s" fans out to %j', (cell, d, offices) => {
    const [m] = read(d, cell).matches;
    expect(m.how).toBe('collective');
    expect([...m.offices].sort()).toEqual([...offices].sort());
  });

  it('"cơ quan, đơn vị liên quan" is every office under the issuer, for supporting offices only', () => {
    expect(read(district, 'Các cơ quan, đơn vị liên quan', 'supporting').matches[0].offices).toHaveLength(6);
    expect(read(district, 'Các cơ quan, đơn vị liên quan', 'lead').matches).toEqual([]);
  });

  it('gives the closest registered names for an unknown one', () => {
    const r = read(district, 'Phòng Văn hoá - Thể thao');
    expect(r.matches).toEqual([]);
    expect(r.unknown).toEqual([
      { text: 'Phòng Văn hoá - Thể thao', suggestions: expect.arrayContaining(['Phòng Văn hóa, Thể thao và Du lịch (SH-VH)']) },
    ]);
    expect(r.unknown[0].suggestions[0]).toBe('Phòng Văn hóa, Thể thao và Du lịch (SH-VH)');
  });

  it('reports an unknown piece next to the known ones', () => {
    const r = read(province, 'Sở Tài chính, Sở Ngoại vụ');
    expect(r.matches.map((m) => m.offices[0])).toEqual(['STC']);
    expect(r.unknown.map((u) => u.text)).toEqual(['Sở Ngoại vụ']);
  });

  it('does not take "UBND xã" for every commune, nor for one of them', () => {
    expect(read(district, 'UBND xã').matches).toEqual([]);
  });
});

describe('OfficeDirectory: only offices within the plan issuer', () => {
  // Ba Tơ has a Phòng Tư pháp, Sơn Hà has none: a Sơn Hà plan's "Phòng Tư pháp" is no office of it.
  const TREE = [
    office('QNG', 'UBND tỉnh Quảng Ngãi', null, 'province'),
    office('SH', 'UBND huyện Sơn Hà', 'QNG', 'district'),
    office('SH-NV', 'Phòng Nội vụ huyện Sơn Hà', 'SH', 'office'),
    office('BT', 'UBND huyện Ba Tơ', 'QNG', 'district'),
    office('BT-TP', 'Phòng Tư pháp huyện Ba Tơ', 'BT', 'office'),
  ];
  const sonHa = new OfficeDirectory(TREE, 'SH');

  it.each(['lead', 'supporting', 'followUp'] as const)('a name registered only in another district is unknown as %s', (field) => {
    const r = sonHa.readCell('Phòng Tư pháp', field);
    expect(r.matches).toEqual([]);
    expect(r.unknown).toHaveLength(1);
    expect(sonHa.match('Phòng Tư pháp', field)).toBeNull();
    expect(sonHa.match('Phòng Tư pháp huyện Ba Tơ', field)).toBeNull();
  });

  it('suggests only offices within the issuer', () => {
    const [u] = sonHa.readCell('Phòng Tư pháp', 'lead').unknown;
    expect(u.suggestions.length).toBeGreaterThan(0);
    expect(u.suggestions.every((s) => /\((SH|SH-NV)\)$/.test(s))).toBe(true);
  });

  it('still finds the issuer and its own offices; with no issuer, the one office of the name anywhere', () => {
    expect(sonHa.readCell('Phòng Nội vụ', 'lead').matches.map((m) => m.offices)).toEqual([['SH-NV']]);
    expect(sonHa.readCell('UBND huyện Sơn Hà', 'lead').matches.map((m) => m.offices)).toEqual([['SH']]);
    expect(new OfficeDirectory(TREE, null).readCell('Phòng Tư pháp', 'lead').matches.map((m) => m.offices)).toEqual([['BT-TP']]);
  });
});

describe('OfficeDirectory: the councils, the ministry and the offices of each place', () => {
  // A province with its district and commune committees and councils (Phú Thọ's 2019 roadmap names
  // "UBND cấp xã" and "HĐND cấp xã" as leads of different steps), and a ministry with its units and
  // the provincial departments of its field (a Bộ Tư pháp plan: "Sở Tư pháp các tỉnh, TP trực thuộc TW").
  const TREE = [
    office('PT', 'UBND tỉnh Phú Thọ', null, 'province'),
    office('PT-TS', 'UBND huyện Thanh Sơn', 'PT', 'district'),
    office('PT-TS-HD', 'HĐND huyện Thanh Sơn', 'PT', 'district'),
    office('PT-X1', 'UBND xã Thục Luyện', 'PT-TS', 'commune'),
    office('PT-X1-HD', 'HĐND xã Thục Luyện', 'PT-TS', 'commune'),
    office('BTP', 'Bộ Tư pháp', null, null),
    office('BTP-VP', 'Văn phòng Bộ Tư pháp', 'BTP', 'office'),
    office('BTP-PB', 'Vụ Phổ biến, giáo dục pháp luật', 'BTP', 'office'),
    office('STP-PT', 'Sở Tư pháp tỉnh Phú Thọ', 'BTP', 'department'),
    office('STP-HN', 'Sở Tư pháp thành phố Hà Nội', 'BTP', 'department'),
    office('SNV-PT', 'Sở Nội vụ tỉnh Phú Thọ', 'BTP', 'department'),
  ];
  const province = new OfficeDirectory(TREE, 'PT');
  const ministry = new OfficeDirectory(TREE, 'BTP');
  const offices = (d: OfficeDirectory, cell: string) => d.readCell(cell, 'lead').matches.map((m) => [m.how, [...m.offices].sort()]);

  it.each([
    ['UBND cấp xã', ['PT-X1'], 'the committees, not the councils of the same level'],
    ['HĐND cấp xã', ['PT-X1-HD'], 'the councils only'],
    ['UBND cấp huyện', ['PT-TS'], 'the district committees'],
    ['Hội đồng nhân dân cấp huyện', ['PT-TS-HD'], 'the district councils, written out'],
  ])('"%s" → %j (%s)', (cell, expected) => {
    expect(offices(province, cell)).toEqual([['collective', expected]]);
  });

  it('"các đơn vị thuộc Bộ" is the units of the ministry, not the provincial departments', () => {
    expect(offices(ministry, 'Các đơn vị thuộc Bộ')).toEqual([['collective', ['BTP-PB', 'BTP-VP']]]);
  });

  it('"Sở Tư pháp các tỉnh, TP trực thuộc TW" is the Sở Tư pháp of each province, and no other Sở', () => {
    expect(offices(ministry, 'Sở Tư pháp các tỉnh, TP trực thuộc TW')).toEqual([['collective', ['STP-HN', 'STP-PT']]]);
    expect(offices(ministry, 'Sở Tư pháp các tỉnh, thành phố trực thuộc Trung ương')).toEqual([['collective', ['STP-HN', 'STP-PT']]]);
  });

  it('an office kind no place has is unknown, not an empty collective', () => {
    expect(ministry.readCell('Sở Ngoại vụ các tỉnh', 'lead').matches).toEqual([]);
    expect(ministry.readCell('Sở Ngoại vụ các tỉnh', 'lead').unknown).toHaveLength(1);
  });
});
