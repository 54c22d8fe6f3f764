import { Alert, DatePicker, Radio, Select, Skeleton, Space } from 'antd';
import { useQuery } from '@tanstack/react-query';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useOffices } from '../api/use-offices';
import { Me } from '../auth/credentials';
import { formatDate, formatPercent } from '../format';
import { ExportButton } from '../tasks/export-button';
import { useRecordTime } from '../record-time/record-time';
import { CompletionQuery, completionQuery } from './completion-query';
import { CompletionTable, Group } from './completion-table';
import { OnTimeChart } from './on-time-chart';

type Preset = NonNullable<CompletionQuery['period']>;

const PERIODS: { value: Preset | 'all'; label: string }[] = [
  { value: 'all', label: 'Từ đầu kế hoạch' },
  { value: 'month', label: 'Tháng (chốt ngày 14)' },
  { value: 'quarter', label: 'Quý (chốt ngày 14)' },
  { value: '6months', label: '6 tháng (chốt ngày 14)' },
  { value: 'year', label: 'Năm (chốt ngày 14)' },
  { value: 'calendarMonth', label: 'Tháng dương lịch' },
  { value: 'calendarQuarter', label: 'Quý dương lịch' },
  { value: 'calendarHalf', label: 'Nửa năm dương lịch' },
  { value: 'calendarYear', label: 'Năm dương lịch' },
];

/** `/tong-hop`: the leader's subtree by office — the status grid and the rates, as the reports count them. */
export function OverviewPage({ me }: { me: Me }) {
  const offices = useOffices();
  const [period, setPeriod] = useState<Preset | 'all'>('all');
  const [asOf, setAsOf] = useState<Dayjs | null>(null);
  const [rounding, setRounding] = useState<'halfUp' | 'truncate'>('halfUp');
  const [groupBy, setGroupBy] = useState<'office' | 'criterion' | 'area' | 'plan'>('office');
  const rt = useRecordTime();
  // The app-wide clocks (inspectors), with this page's own date over them.
  const query: CompletionQuery = {
    office: me.office,
    groupBy,
    rounding,
    ...(period !== 'all' ? { period } : {}),
    ...rt,
    ...(asOf ? { asOf: asOf.format('YYYY-MM-DD') } : {}),
  };
  const report = useQuery(completionQuery(query));

  const name = (g: Group) =>
    (groupBy === 'office' ? (offices.data?.name(g.key) ?? g.label ?? g.key) : (g.label ?? g.key)) ?? 'Không xác định';

  return (
    <>
      {/* Plain headings and text (index.html's .page-title): antd's Typography and its TextArea are 30 KB gzip of script. */}
      <h1 className="page-title" style={{ fontSize: 24 }}>
        Tổng hợp tình hình thực hiện — {offices.data?.name(me.office) ?? me.office}
      </h1>
      <Space wrap style={{ marginBottom: 16 }}>
        <Select
          aria-label="Nhóm theo"
          value={groupBy}
          onChange={setGroupBy}
          style={{ width: 170 }}
          options={[
            { value: 'office', label: 'Theo đơn vị' },
            { value: 'criterion', label: 'Theo tiêu chí' },
            { value: 'area', label: 'Theo lĩnh vực' },
            { value: 'plan', label: 'Theo kế hoạch' },
          ]}
        />
        <Select aria-label="Kỳ báo cáo" value={period} onChange={setPeriod} style={{ width: 220 }} options={PERIODS} />
        <DatePicker aria-label="Tính đến ngày" placeholder="Tính đến hôm nay" format="DD/MM/YYYY" value={asOf} onChange={setAsOf} />
        <ExportButton path="/v1/reports/completion" query={query} />
        <Radio.Group
          aria-label="Cách làm tròn"
          value={rounding}
          onChange={(e) => setRounding(e.target.value)}
          optionType="button"
          options={[
            { value: 'halfUp', label: 'Làm tròn' },
            { value: 'truncate', label: 'Cắt bớt' },
          ]}
        />
      </Space>
      {report.error && <Alert role="alert" type="error" title={report.error.message} />}
      {!report.data ? (
        <Skeleton active />
      ) : (
        <>
          <p className="page-text">
            Tính đến {formatDate(report.data.asOf.slice(0, 10))}
            {report.data.period ? `, kỳ từ ${formatDate(report.data.period.from)} đến ${formatDate(report.data.period.to)}` : ''}: hoàn
            thành {report.data.total.doneOnTime + report.data.total.doneLate}/{report.data.total.assigned} nhiệm vụ (
            {formatPercent(report.data.total.completionRate.percent)}), đúng hạn {report.data.total.onTimeRate.numerator}/
            {report.data.total.onTimeRate.denominator} ({formatPercent(report.data.total.onTimeRate.percent)}).
          </p>
          <CompletionTable groups={report.data.groups} byOffice={groupBy === 'office'} name={name} />
          <section aria-labelledby="on-time-chart" className="chart-box">
            <h2 className="page-title" id="on-time-chart" style={{ fontSize: 16 }}>
              Tỷ lệ đúng hạn, thấp nhất trước
            </h2>
            <OnTimeChart
              labelledBy="on-time-chart"
              rows={report.data.groups
                .filter((g) => g.onTimeRate.percent !== null)
                .sort((a, b) => Number(a.onTimeRate.percent) - Number(b.onTimeRate.percent))
                .map((g) => ({ key: g.key ?? '—', name: name(g), percent: g.onTimeRate.percent! }))}
            />
          </section>
        </>
      )}
    </>
  );
}
