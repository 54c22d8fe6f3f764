import { Card, Select, Space, Table, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { rawGet } from '../api/client';
import { formatPercent } from '../format';
import { ExportButton } from '../tasks/export-button';

interface Rate {
  numerator: number;
  denominator: number;
  percent: string | null;
}
interface Group {
  key: string | null;
  label: string | null;
  recorded: number;
  remediedOnTime: number;
  remediedLate: number;
  open: number;
  overdue: number;
  remediationRate: Rate;
  onTimeRate: Rate;
}
interface Report {
  groups: Group[];
  total: Omit<Group, 'key' | 'label'>;
  offices: { planned: number; inspected: number; rate: Rate };
}

const GROUP_BY = [
  { value: 'office', label: 'Theo đơn vị được kiểm tra' },
  { value: 'area', label: 'Theo lĩnh vực' },
  { value: 'criterion', label: 'Theo tiêu chí' },
  { value: 'inspection', label: 'Theo cuộc kiểm tra' },
];

const rateText = (r: Rate) => `${r.numerator}/${r.denominator} (${formatPercent(r.percent)})`;

/** The findings report in the reader's scope (GET /v1/reports/findings), grouped as chosen, with "Xuất Excel". */
export function FindingsReportCard() {
  const [groupBy, setGroupBy] = useState('office');
  const report = useQuery({
    queryKey: ['findings-report', 'all', groupBy],
    queryFn: async () => (await rawGet<Report>(`/v1/reports/findings?groupBy=${groupBy}`)).body,
  });
  const r = report.data;
  return (
    <Card
      title="Kết quả khắc phục sau kiểm tra"
      size="small"
      style={{ marginTop: 16 }}
      extra={
        <Space wrap>
          <Select aria-label="Nhóm theo" value={groupBy} onChange={setGroupBy} options={GROUP_BY} style={{ minWidth: 220 }} />
          <ExportButton path="/v1/reports/findings" query={{ groupBy }} />
        </Space>
      }
    >
      {r?.offices && (
        <Typography.Paragraph>
          Đã kiểm tra {r.offices.inspected}/{r.offices.planned} cơ quan, đơn vị ({formatPercent(r.offices.rate.percent)}).
        </Typography.Paragraph>
      )}
      <Table<Group>
        rowKey={(g) => g.key ?? '—'}
        size="small"
        loading={report.isLoading}
        pagination={false}
        scroll={{ x: 800 }}
        dataSource={r?.groups ?? []}
        locale={{ emptyText: 'Chưa có phát hiện' }}
        summary={() =>
          r ? (
            <Table.Summary.Row>
              <Table.Summary.Cell index={0}>Tổng cộng</Table.Summary.Cell>
              <Table.Summary.Cell index={1}>{r.total.recorded}</Table.Summary.Cell>
              <Table.Summary.Cell index={2}>{r.total.remediedOnTime}</Table.Summary.Cell>
              <Table.Summary.Cell index={3}>{r.total.remediedLate}</Table.Summary.Cell>
              <Table.Summary.Cell index={4}>{r.total.open}</Table.Summary.Cell>
              <Table.Summary.Cell index={5}>{r.total.overdue}</Table.Summary.Cell>
              <Table.Summary.Cell index={6}>{rateText(r.total.remediationRate)}</Table.Summary.Cell>
              <Table.Summary.Cell index={7}>{rateText(r.total.onTimeRate)}</Table.Summary.Cell>
            </Table.Summary.Row>
          ) : null
        }
        columns={[
          { title: 'Nhóm', dataIndex: 'label', render: (l: string | null) => l ?? 'Không xác định' },
          { title: 'Số phát hiện', dataIndex: 'recorded' },
          { title: 'Khắc phục đúng hạn', dataIndex: 'remediedOnTime' },
          { title: 'Khắc phục trễ hạn', dataIndex: 'remediedLate' },
          { title: 'Đang khắc phục', dataIndex: 'open' },
          { title: 'Quá hạn', dataIndex: 'overdue' },
          { title: 'Tỷ lệ đã khắc phục', dataIndex: 'remediationRate', render: rateText },
          { title: 'Tỷ lệ đúng hạn', dataIndex: 'onTimeRate', render: rateText },
        ]}
      />
    </Card>
  );
}
