import { Alert, DatePicker, Radio, Select, Skeleton, Space, Table, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link } from 'react-router';
import { Schemas } from '../api/client';
import { useOffices } from '../api/use-offices';
import { Me } from '../auth/credentials';
import { formatDate, formatPercent } from '../format';
import { ExportButton } from '../tasks/export-button';
import { useRecordTime } from '../record-time/record-time';
import { CompletionQuery, completionQuery } from './completion-query';
import { OnTimeChart } from './on-time-chart';

type Group = Schemas['CompletionGroupDto'];
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
  const count = (field: keyof Group, status?: string) => (value: number, g: Group) =>
    groupBy === 'office' && status && g.key ? (
      <Link to={`/?office=${encodeURIComponent(g.key)}&status=${status}`} aria-label={`${value} ${String(field)} — ${name(g)}`}>
        {value}
      </Link>
    ) : (
      value
    );
  const columns = [
    {
      title: groupBy === 'office' ? 'Đơn vị' : 'Nhóm',
      key: 'name',
      width: 220,
      render: (_: unknown, g: Group) => name(g),
      fixed: 'left' as const,
    },
    { title: 'Được giao', dataIndex: 'assigned' },
    { title: 'Đúng hạn', dataIndex: 'doneOnTime', render: count('doneOnTime', 'DONE_ON_TIME') },
    { title: 'Quá hạn đã xong', dataIndex: 'doneLate', render: count('doneLate', 'DONE_LATE') },
    { title: 'Đang thực hiện', dataIndex: 'inProgress', render: count('inProgress', 'IN_PROGRESS') },
    { title: 'Quá hạn', dataIndex: 'overdue', render: count('overdue', 'OVERDUE') },
    { title: 'Chờ xác nhận', dataIndex: 'awaitingAcceptance', render: count('awaitingAcceptance', 'AWAITING_ACCEPTANCE') },
    { title: 'Chưa có thời hạn', dataIndex: 'noDeadline', render: count('noDeadline', 'NO_DEADLINE') },
    { title: 'Đã hủy', dataIndex: 'cancelled' },
    { title: 'Tỷ lệ hoàn thành', key: 'completionRate', render: (_: unknown, g: Group) => formatPercent(g.completionRate.percent) },
    { title: 'Tỷ lệ đúng hạn', key: 'onTimeRate', render: (_: unknown, g: Group) => formatPercent(g.onTimeRate.percent) },
    { title: 'Tỷ lệ quá hạn', key: 'overdueRate', render: (_: unknown, g: Group) => formatPercent(g.overdueRate.percent) },
  ];

  return (
    <>
      <Typography.Title level={1} style={{ fontSize: 24 }}>
        Tổng hợp tình hình thực hiện — {offices.data?.name(me.office) ?? me.office}
      </Typography.Title>
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
          <Typography.Paragraph>
            Tính đến {formatDate(report.data.asOf.slice(0, 10))}
            {report.data.period ? `, kỳ từ ${formatDate(report.data.period.from)} đến ${formatDate(report.data.period.to)}` : ''}: hoàn
            thành {report.data.total.doneOnTime + report.data.total.doneLate}/{report.data.total.assigned} nhiệm vụ (
            {formatPercent(report.data.total.completionRate.percent)}), đúng hạn {report.data.total.onTimeRate.numerator}/
            {report.data.total.onTimeRate.denominator} ({formatPercent(report.data.total.onTimeRate.percent)}).
          </Typography.Paragraph>
          <Table<Group>
            rowKey={(g) => g.key ?? '—'}
            size="small"
            columns={columns}
            dataSource={report.data.groups}
            pagination={false}
            scroll={{ x: 1100 }}
            caption="Tình hình thực hiện nhiệm vụ"
            summary={() => null}
          />
          <section aria-labelledby="on-time-chart" className="chart-box">
            <Typography.Title level={2} id="on-time-chart" style={{ fontSize: 16 }}>
              Tỷ lệ đúng hạn, thấp nhất trước
            </Typography.Title>
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
