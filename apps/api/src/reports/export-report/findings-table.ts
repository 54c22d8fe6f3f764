import type { FindingGroup, FindingsReport } from '@dondoc/read-models/inspections/findings-report';
import { Cell, ColumnSpec, ReportTable, percentCell } from './report-table';

const GROUP_LABEL: Record<string, string> = {
  office: 'Đơn vị được kiểm tra',
  criterion: 'Tiêu chí',
  area: 'Lĩnh vực',
  inspection: 'Cuộc kiểm tra',
};

type Total = Omit<FindingGroup, 'key' | 'label'>;

const COUNT_COLUMNS: [keyof Total, string][] = [
  ['recorded', 'Số tồn tại, hạn chế'],
  ['due', 'Đến hạn khắc phục'],
  ['remediedOnTime', 'Khắc phục đúng hạn'],
  ['remediedLate', 'Khắc phục trễ hạn'],
  ['open', 'Đang khắc phục'],
  ['overdue', 'Quá hạn chưa khắc phục'],
  ['withdrawn', 'Đã rút'],
];

const RATE_COLUMNS: [keyof Pick<Total, 'remediationRate' | 'onTimeRate' | 'overdueRate'>, string][] = [
  ['remediationRate', 'Tỷ lệ đã khắc phục'],
  ['onTimeRate', 'Tỷ lệ khắc phục đúng hạn'],
  ['overdueRate', 'Tỷ lệ quá hạn'],
];

/** The findings report as a table (XLSX, CSV): the JSON's groups and total, each rate with its numerator and denominator. */
export function findingsTable(report: FindingsReport, meta: [string, string][]): ReportTable {
  const columns: ColumnSpec[] = [
    { header: 'Mã', kind: 'text', width: 14 },
    { header: GROUP_LABEL[report.groupBy], kind: 'text', width: 36 },
    ...COUNT_COLUMNS.map(([, header]) => ({ header, kind: 'int' as const, width: 12 })),
    ...RATE_COLUMNS.flatMap(([, header]) => [
      { header, kind: 'percent' as const, width: 14 },
      { header: `${header} - tử số`, kind: 'int' as const, width: 12 },
      { header: `${header} - mẫu số`, kind: 'int' as const, width: 12 },
    ]),
  ];
  const line = (key: Cell, label: Cell, g: Total): Cell[] => [
    key,
    label,
    ...COUNT_COLUMNS.map(([field]) => g[field] as number),
    ...RATE_COLUMNS.flatMap(([field]) => [percentCell(g[field]), g[field].numerator, g[field].denominator]),
  ];
  const o = report.offices;
  return {
    sheet: 'Kết quả khắc phục',
    title: 'BÁO CÁO KẾT QUẢ KHẮC PHỤC SAU KIỂM TRA',
    meta: [
      ...meta,
      [
        'Số cơ quan, đơn vị được kiểm tra:',
        `${o.inspected}/${o.planned}${o.rate.percent === null ? '' : ` (${o.rate.percent.replace('.', ',')} %)`}`,
      ],
    ],
    columns,
    rows: [...report.groups.map((g) => line(g.key, g.label, g)), line(null, 'Tổng cộng', report.total)],
  };
}
